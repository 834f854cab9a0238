"""N synthetic reports for the search benchmark: paragraphs sampled from the
seed reports in content/, under made-up units, regions, years and levels.
The same seed gives the same reports.

    python -m bench.synthetic 1000 bench/out/content
"""
from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from archive.site.reader import read_reports
from archive.slugs import slugify

NAME_CHARACTERS = (
    "安宝长昌城崇大德东丰福高广海和河华怀黄吉嘉建江金静康乐临龙隆庐鹿满梅明南宁平浦"
    "青清庆泉仁荣瑞沙山石寿顺松太泰天通桐万文武西仙祥新兴阳义永玉元云泽漳中舟竹"
)
YEARS = range(2016, 2025)
TITLES = (
    "{unit}{year}年法治政府建设年度报告",
    "{year}年{unit}法治政府建设工作报告",
    "{unit}关于{year}年法治政府建设情况的报告",
)
DEPARTMENTS = ("司法局", "公安局", "市场监督管理局", "自然资源局", "生态环境局", "人力资源和社会保障局")
# Report length in characters, spanning the seed reports' 2,600–7,200.
LENGTHS = (2500, 7500)
PLACE_SUFFIXES = ("街道", "省", "市", "县", "区", "镇", "乡")


@dataclass(frozen=True)
class SyntheticReport:
    slug: str
    title: str
    unit: str
    year: int
    region: tuple[str, ...]
    level: str
    paragraphs: tuple[str, ...]

    def markdown(self) -> str:
        region = ", ".join(self.region)
        front = f"title: {self.title}\nunit: {self.unit}\nyear: {self.year}\nregion: [{region}]\nlevel: {self.level}\n"
        return f"---\n{front}---\n\n" + "\n\n".join(self.paragraphs) + "\n"


@dataclass(frozen=True)
class Unit:
    name: str
    region: tuple[str, ...]
    level: str


@dataclass(frozen=True)
class SeedParagraph:
    text: str
    places: tuple[str, ...]  # its report's unit and regions, longest first


def seed_paragraphs(content: Path) -> list[SeedParagraph]:
    """Paragraphs of the seed reports long enough to be sentences, not headings."""
    paragraphs = []
    for report in read_reports(content, content.parent):
        places = place_names((report.unit, *report.region))
        paragraphs += [SeedParagraph(p, places) for p in report.body_text.split("\n") if len(p) >= 20]
    return paragraphs


def place_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """Names and their short forms: 常平镇 and 常平, 东莞市 and 东莞."""
    short = [name[:-len(suffix)] for name in names for suffix in PLACE_SUFFIXES
             if name.endswith(suffix) and len(name) - len(suffix) >= 2]
    return tuple(sorted({*names, *short}, key=len, reverse=True))


def in_own_words(paragraph: SeedParagraph, unit: str) -> str:
    """A seed paragraph as the synthetic unit would write it: a report names
    its own unit, so 常平镇 is in 常平镇's reports only, as in a real archive."""
    text = paragraph.text
    for place in paragraph.places:
        text = text.replace(place, unit)
    return text


def synthetic_reports(count: int, paragraphs: list[SeedParagraph], seed: int = 1) -> list[SyntheticReport]:
    rng = random.Random(seed)
    units = list(made_up_units(rng, max(1, count // 4)))
    reports = []
    for number in range(count):
        unit = units[number % len(units)]
        year = YEARS[(number % len(units) + number // len(units)) % len(YEARS)]
        title = rng.choice(TITLES).format(unit=unit.name, year=year)
        reports.append(SyntheticReport(
            f"r{number:05d}", title, unit.name, year, unit.region, unit.level,
            tuple(in_own_words(p, unit.name) for p in sampled_paragraphs(rng, paragraphs)),
        ))
    return reports


def sampled_paragraphs(rng: random.Random, paragraphs: list[SeedParagraph]) -> list[SeedParagraph]:
    target = rng.randint(*LENGTHS)
    chosen: list[SeedParagraph] = []
    length = 0
    for paragraph in rng.sample(paragraphs, len(paragraphs)):
        if length >= target:
            break
        chosen.append(paragraph)
        length += len(paragraph.text)
    return chosen


def made_up_units(rng: random.Random, count: int) -> Iterator[Unit]:
    """Distinct units in 12 provinces of 6 cities of 8 counties each."""
    names = unique_names(rng)
    provinces = [next(names) + "省" for _ in range(12)]
    cities = [(p, next(names) + "市") for p in provinces for _ in range(6)]
    counties = [(p, c, next(names) + rng.choice(("县", "区"))) for p, c in cities for _ in range(8)]
    seen: set[tuple[str, ...]] = set()
    while len(seen) < count:
        unit = unit_at_level(rng, names, rng.choice(counties))
        if (*unit.region, unit.name) not in seen:
            seen.add((*unit.region, unit.name))
            yield unit


def unit_at_level(rng: random.Random, names: Iterator[str], region: tuple[str, str, str]) -> Unit:
    """Mostly townships and streets, like the reports the archive collects."""
    roll = rng.random()
    if roll < 0.45:
        return Unit(next(names) + rng.choice(("镇", "乡")), region, "乡镇")
    if roll < 0.6:
        return Unit(next(names) + "街道", region, "街道")
    if roll < 0.8:
        return Unit(region[2], region[:2], "县级")
    if roll < 0.88:
        return Unit(region[1], region[:1], "市级")
    if roll < 0.9:
        return Unit(region[0], (), "省级")
    return Unit(region[2] + rng.choice(DEPARTMENTS), region, "部门")


def unique_names(rng: random.Random) -> Iterator[str]:
    """Names whose pinyin differs too, as the site's URLs are made of it."""
    seen: set[str] = set()
    while True:
        name = "".join(rng.sample(NAME_CHARACTERS, 2))
        if slugify(name) not in seen:
            seen.add(slugify(name))
            yield name


def write_content(reports: list[SyntheticReport], content: Path) -> None:
    for report in reports:
        path = content / str(report.year) / f"{report.slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report.markdown(), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path, help="content folder to write")
    parser.add_argument("--seeds", type=Path, default=Path("content"), help="seed reports (default content/)")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    reports = synthetic_reports(arguments.count, seed_paragraphs(arguments.seeds), arguments.seed)
    write_content(reports, arguments.out)


if __name__ == "__main__":
    main()

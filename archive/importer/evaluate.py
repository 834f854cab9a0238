"""Score the importer on real pages whose stated facts are known.

    python -m archive.importer.evaluate tests/data/import-real [more folders…]

Each folder holds page texts and an expected.yaml: for each file the fields its text states
(title, unit — a produced unit matches when it ends with it —, year, published, source) and the
chrome strings that must not end up in the report's body. Prints one line per page and the
field accuracy and chrome-free rate.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from archive.importer.convert import read_input
from archive.importer.report import ImportedReport, import_text
from archive.site.markup import render_body

SCORED_FIELDS = ("title", "unit", "year", "published", "source")


@dataclass(frozen=True)
class PageScore:
    name: str
    wrong: tuple[str, ...]  # "year: 2019 ≠ 2023"
    fields: int  # fields the page states
    chrome_left: tuple[str, ...]
    refused: str | None


def score_folder(folder: Path) -> list[PageScore]:
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    return [score_page(folder / name, facts) for name, facts in sorted(expected.items())]


def score_page(path: Path, facts: dict) -> PageScore:
    text, meta = read_input(path)
    report = import_text(text, filename=path.name, meta=meta)
    stated = [field for field in SCORED_FIELDS if field in facts]
    wrong = tuple(
        f"{field}: {_produced(report, field)!r} ≠ {facts[field]!r}"
        for field in stated if not _matches(report, field, facts[field])
    )
    body = _flat(render_body(report.body).text)
    left = tuple(chrome for chrome in facts.get("chrome") or [] if _flat(chrome) in body)
    return PageScore(path.name, wrong, len(stated), left, report.refusal)


def _produced(report: ImportedReport, field: str) -> object:
    value = getattr(report, field)
    return value.isoformat() if field == "published" and value else value


def _matches(report: ImportedReport, field: str, expected: object) -> bool:
    produced = _produced(report, field)
    if field == "unit":
        return bool(produced) and str(produced).endswith(str(expected))
    return str(produced) == str(expected)


def _flat(text: str) -> str:
    return "".join(text.split())


def totals(scores: list[PageScore]) -> tuple[float, float, int]:
    """(share of stated fields right, share of pages chrome-free, pages refused)."""
    fields = sum(s.fields for s in scores)
    right = fields - sum(len(s.wrong) for s in scores)
    clean = sum(1 for s in scores if not s.chrome_left)
    return right / max(fields, 1), clean / max(len(scores), 1), sum(1 for s in scores if s.refused)


def main(folders: list[str]) -> int:
    scores = [score for folder in folders for score in score_folder(Path(folder))]
    for score in scores:
        problems = list(score.wrong) + [f"chrome left: {c!r}" for c in score.chrome_left]
        problems += [f"refused: {score.refused}"] if score.refused else []
        print(f"{score.name}: {'; '.join(problems) or 'ok'}")
    accuracy, chrome_free, refused = totals(scores)
    print(f"{len(scores)} pages: fields right {accuracy:.1%}, chrome-free {chrome_free:.1%}, refused {refused}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["tests/data/import-real"]))

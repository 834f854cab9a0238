"""The five seed pages: metadata as their text states it, nothing lost, and content/ in step."""
from __future__ import annotations

from datetime import date
from pathlib import Path, PurePosixPath

import pytest

import build
from archive.importer.report import COMPOSED_TITLE_NOTE, import_text
from archive.site.reader import read_report
from archive.importer.textdecode import decode_report_bytes
from test_importer import visible

REPO = Path(__file__).resolve().parent.parent
SEEDS = Path(__file__).parent / "data" / "seeds"  # the raw pages of ../shared/seeds, as editors copied them

EXPECTED = {
    "000_cba93f00565dd6de.txt": dict(
        path="2022/lvtangxiang.md", title="2022年绿塘乡法治政府建设工作报告", unit="绿塘乡", year=2022,
        region=(), published=None, source=None, note=None, review=("region", "published", "source"),
        chrome=[],
    ),
    "001_207b6f7220f109a5.txt": dict(
        path="2022/baodexian.md", title="保德县2022年度法治政府建设情况报告", unit="保德县", year=2022,
        region=("山西省", "忻州市"), published=date(2023, 2, 28), source="保德县司法局", note=None, review=(),
        chrome=["中国政府网 山西省政府", "当前位置:首页 >", "时间:2023-02-28 09:24", "关闭本页"],
    ),
    "002_9ce932836af1e0cf.txt": dict(
        path="2022/rushanshi-chengqujiedao.md", title="城区街道2022年法治政府建设情况报告", unit="城区街道", year=2022,
        region=("山东省", "威海市", "乳山市"), published=date(2022, 12, 26), source=None, note=COMPOSED_TITLE_NOTE,
        review=("title", "year", "region", "source"), chrome=[],
    ),
    "003_9c91adbe6d428431.txt": dict(
        path="2020/wanzhouqu-yanshanxiang.md", title="关于2020年法治政府建设情况的报告", unit="燕山乡", year=2020,
        region=("重庆市", "万州区"), published=None, source=None, note=None, review=("unit", "published", "source"),
        chrome=[],
    ),
    "004_3fc20d629b335cca.txt": dict(
        path="2021/dongguanshi-changpingzhen.md", title="常平镇2021年法治政府建设年度报告", unit="常平镇", year=2021,
        region=("广东省", "东莞市"), published=date(2022, 1, 25), source=None, note=None, review=("source",),
        chrome=["您访问的链接即将离开", "继续访问放弃", "您现在所在的位置 :", "• 2022-01-25 15:43", "• 来源: 本网",
                "• 【字体:", "• 分享到:", "扫一扫在手机打开当前页", "版权所有:东莞市人民政府办公室", "备案号:粤ICP备"],
    ),
}


def seed_text(name: str) -> str:
    path = SEEDS / name
    return decode_report_bytes(path.read_bytes(), path)


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def seed(request):
    name = request.param
    return name, seed_text(name), import_text(seed_text(name), filename=name)


def test_metadata_is_what_the_text_states(seed):
    name, _, report = seed
    expected = EXPECTED[name]
    found = {field: getattr(report, field) for field in ("title", "unit", "year", "region", "published", "source", "note")}
    assert found == {field: expected[field] for field in found}
    assert report.review == expected["review"]
    assert report.relative_path(name) == PurePosixPath(expected["path"])


def test_only_the_chrome_lines_are_removed(seed):
    name, _, report = seed
    assert len(report.removed) == len(EXPECTED[name]["chrome"])
    for removed, start in zip(report.removed, EXPECTED[name]["chrome"]):
        assert removed.text.startswith(start)


def test_nothing_is_lost_and_nothing_invented(seed):
    """Front-matter title + rendered body equals the source minus its chrome lines, whitespace aside."""
    name, raw, report = seed
    chrome = EXPECTED[name]["chrome"]
    source = [line for line in raw.splitlines() if not any(" ".join(line.split()).startswith(c) for c in chrome)]
    rendered, problems = read_report(report.to_markdown().encode("utf-8"), name, Path(EXPECTED[name]["path"]))
    assert problems == []
    title = rendered.title if report.note is None else ""  # a composed title is not text of the report
    assert visible(title + rendered.body_text) == visible("".join(source))


def test_content_holds_the_importers_output(seed):
    name, _, report = seed
    assert (REPO / "content" / EXPECTED[name]["path"]).read_text(encoding="utf-8") == report.to_markdown()


def test_the_imported_content_passes_the_build_check(capsys):
    assert build.main(["check", "--content", str(REPO / "content"), "--config", str(REPO / "config.yaml")]) == 0

"""The preview's first pages: a saved report's page, written before the full rebuild, is the page
the full rebuild writes; anything but an edit of a known, valid report waits for the rebuild."""
import build
from conftest import CONFIG, report_file, write_tree

from archive.site.config import load_config
from archive.site.firstpages import render_saved_reports
from archive.site.project import Project

BASE = "http://127.0.0.1:8000/"


def files() -> dict[str, str]:
    tree = {"config.yaml": CONFIG}
    for year in (2021, 2022):
        tree[f"content/{year}/baode.md"] = report_file(
            title=f"保德县{year}年法治政府建设情况报告", unit="保德县", year=year, region="[山西省, 忻州市]",
            body=f"{year}年，保德县推进依法行政。\n\n## 一、主要举措和成效\n\n行政复议。\n",
        )
    return tree


def project_at(root) -> Project:
    return Project.at(root)


def test_a_saved_report_page_is_the_page_the_rebuild_writes(tmp_path):
    write_tree(tmp_path, files())
    project = project_at(tmp_path)
    archive = build.build(project, BASE)
    saved = tmp_path / "content/2022/baode.md"
    saved.write_text(saved.read_text(encoding="utf-8").replace("推进依法行政", "深入推进依法行政"), encoding="utf-8")
    config = load_config(project.config).with_base_url(BASE)
    assert render_saved_reports(project, config, archive, {saved}) == ["reports/2022/baode/"]
    first = (tmp_path / "site/reports/2022/baode/index.html").read_bytes()
    assert "深入推进依法行政".encode() in first
    build.build(project, BASE)
    assert (tmp_path / "site/reports/2022/baode/index.html").read_bytes() == first


def test_what_is_not_an_edit_of_a_known_valid_report_waits_for_the_rebuild(tmp_path):
    write_tree(tmp_path, files())
    project = project_at(tmp_path)
    archive = build.build(project, BASE)
    config = load_config(project.config).with_base_url(BASE)
    before = (tmp_path / "site/reports/2021/baode/index.html").read_bytes()
    new = tmp_path / "content/2022/new.md"
    new.write_text(report_file(title="桥头镇2022年报告", unit="桥头镇", year=2022, region="[山西省, 忻州市, 保德县]", body="正文。\n"), encoding="utf-8")
    assert render_saved_reports(project, config, archive, {new}) == [], "a report the last build did not have"
    broken = tmp_path / "content/2021/baode.md"
    broken.write_text("---\ntitle: [unclosed\n---\n正文\n", encoding="utf-8")
    assert render_saved_reports(project, config, archive, {broken}) == [], "an invalid report"
    broken.write_text(files()["content/2021/baode.md"].replace("unit: 保德县", "unit: 河曲县"), encoding="utf-8")
    assert render_saved_reports(project, config, archive, {broken}) == [], "a report moved to another unit"
    assert render_saved_reports(project, config, archive, {tmp_path / "config.yaml"}) == [], "not a report"
    assert (tmp_path / "site/reports/2021/baode/index.html").read_bytes() == before

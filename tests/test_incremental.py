"""Incremental builds: the cache and the last site are used, never trusted over the content."""
import dataclasses
import os
import shutil
import subprocess
import sys

import build
from conftest import CONFIG, report_file, write_tree

from archive.site import render
from archive.site.parallel import SERIAL_BELOW
from archive.site.project import Project

TOWNSHIPS = "安宝长昌城崇大德东丰福高广海和河华怀黄吉嘉建江金静康乐临龙隆庐鹿满梅明南宁平浦青清庆泉仁荣瑞沙山石寿顺松太泰天通桐万文武西仙祥"


def archive_files(count: int) -> dict[str, str]:
    """`count` reports of townships of 保德县, over two years, enough for worker processes."""
    files = {"config.yaml": CONFIG}
    for number in range(count):
        name = TOWNSHIPS[number % len(TOWNSHIPS)] + TOWNSHIPS[number // len(TOWNSHIPS)] + "镇"
        year = 2021 + number % 2
        files[f"content/{year}/t{number:03d}.md"] = report_file(
            title=f"{name}{year}年法治政府建设情况报告", unit=name, year=year, region="[山西省, 忻州市, 保德县]",
            body=f"{year}年，{name}推进依法行政。\n\n## 一、主要举措和成效\n\n行政复议{number}件。\n",
        )
    return files


def run(root, *options: str) -> int:
    return build.main(["--content", str(root / "content"), "--config", str(root / "config.yaml"), "--out", str(root / "site"), *options])


def snapshot(site) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(site.rglob("*")) if p.is_file()}


def contents(site) -> dict[str, bytes]:
    return {path: data for path, (data, _) in snapshot(site).items()}


def test_cached_parallel_and_clean_one_process_builds_are_byte_identical(tmp_path):
    files = archive_files(SERIAL_BELOW + 6)
    cached, clean = tmp_path / "cached", tmp_path / "clean"
    write_tree(cached, files)
    write_tree(clean, files)
    assert run(cached, "--jobs", "2") == 0
    (cached / "content/2022/t001.md").write_text(files["content/2022/t001.md"].replace("推进", "深入推进"), encoding="utf-8")
    (cached / "content/2021/t000.md").unlink()
    assert run(cached, "--jobs", "2") == 0, "a rebuild from the cache"
    (clean / "content/2022/t001.md").write_text(files["content/2022/t001.md"].replace("推进", "深入推进"), encoding="utf-8")
    (clean / "content/2021/t000.md").unlink()
    assert run(clean, "--clean", "--jobs", "1") == 0
    assert contents(cached / "site") == contents(clean / "site")


def test_a_rebuild_with_nothing_changed_touches_no_file(tmp_path):
    write_tree(tmp_path, archive_files(8))
    assert run(tmp_path) == 0
    before = snapshot(tmp_path / "site")
    assert run(tmp_path) == 0
    assert snapshot(tmp_path / "site") == before


def test_a_rebuild_with_nothing_changed_works_out_no_page_stamp_yet_restores_a_page_changed_by_hand(tmp_path, monkeypatch):
    write_tree(tmp_path, archive_files(8))
    assert run(tmp_path) == 0
    before = contents(tmp_path / "site")
    stamped = []
    original = render.page_stamp
    monkeypatch.setattr(render, "page_stamp", lambda page, *rest: stamped.append(page.url) or original(page, *rest))
    assert run(tmp_path) == 0
    assert stamped == []
    (tmp_path / "site/reports/2022/t001/index.html").write_text("changed by hand", encoding="utf-8")
    assert run(tmp_path) == 0
    assert stamped == [], "its stamp is the one it had"
    assert contents(tmp_path / "site") == before


def test_one_edit_changes_only_the_pages_that_show_it(tmp_path):
    files = archive_files(8)
    write_tree(tmp_path, files)
    assert run(tmp_path) == 0
    before = snapshot(tmp_path / "site")
    edited = "content/2022/t001.md"
    (tmp_path / edited).write_text(files[edited].replace("行政复议1件", "行政复议一百件"), encoding="utf-8")
    assert run(tmp_path) == 0
    after = snapshot(tmp_path / "site")
    changed = {path for path in after if after[path] != before.get(path)}
    assert "reports/2022/t001/index.html" in changed
    assert "行政复议一百件" in after["reports/2022/t001/index.html"][0].decode()
    assert "reports/2022/t003/index.html" not in changed and "reports/2021/t000/index.html" not in changed
    assert not any(path.startswith("units/") and "2022/t001" not in data.decode() for path, (data, _) in after.items() if path in changed)
    assert all(path.startswith(("reports/2022/t001/", "units/", "search/", "regions/", "years/2022/", "index.html", "feed.xml", "sitemap.xml", "reports.")) for path in changed), changed


def test_an_edit_of_a_reports_text_makes_again_only_the_pages_that_show_its_text(tmp_path, monkeypatch):
    """A listing shows a report's fields, not its text: the report's page and its unit's year-by-year
    comparison are made again, the listings, feed and catalogue keep their files. An edit of what a
    listing shows (the title) makes every page that lists the report again."""
    body = "2022年，桥头镇推进依法行政。\n\n## 一、主要举措和成效\n\n行政复议十件。\n\n## 二、存在的不足和原因\n\n人员不足。\n"
    files = {"config.yaml": CONFIG, **{
        f"content/{year}/{name}.md": report_file(title=f"{unit}{year}年报告", unit=unit, year=year, region="[山西省, 忻州市, 保德县]", body=body)
        for name, unit, year in (("qiaotou", "桥头镇", 2021), ("qiaotou", "桥头镇", 2022), ("yaozhuang", "腰庄乡", 2022))}}
    write_tree(tmp_path, files)
    assert run(tmp_path) == 0
    before = snapshot(tmp_path / "site")
    edited = tmp_path / "content/2022/qiaotou.md"
    edited.write_text(files["content/2022/qiaotou.md"].replace("行政复议十件", "行政复议二十件"), encoding="utf-8")
    stamped, original = [], render.page_stamp
    monkeypatch.setattr(render, "page_stamp", lambda page, *rest: stamped.append(page.url) or original(page, *rest))
    assert run(tmp_path) == 0
    monkeypatch.undo()
    after = snapshot(tmp_path / "site")
    assert sorted(stamped) == ["reports/2022/qiaotou/", "units/" + next(p for p in before if "qiaotouzhen" in p).split("/")[1] + "/"], \
        "only the pages that show the changed text have their stamps worked out"
    changed = {path for path in after if after[path] != before.get(path) and not path.startswith("search/")}
    unit_page = next(path for path in before if path.startswith("units/") and "qiaotouzhen" in path)
    assert changed == {"reports/2022/qiaotou/index.html", unit_page}
    assert all("行政复议二十件" in after[path][0].decode() for path in changed)
    edited.write_text(files["content/2022/qiaotou.md"].replace("桥头镇2022年报告", "桥头镇2022年度报告"), encoding="utf-8")
    assert run(tmp_path) == 0
    retitled = snapshot(tmp_path / "site")
    changed = {path for path in retitled if retitled[path] != after.get(path)}
    assert {"index.html", "years/2022/index.html", unit_page, "reports/2021/qiaotou/index.html", "reports.json", "reports.csv"} <= changed
    assert all("桥头镇2022年度报告" in retitled[path][0].decode("utf-8-sig") for path in changed if not path.startswith("search/"))


def test_the_builds_own_process_leaves_numpy_and_the_search_index_to_the_process_beside_it(tmp_path):
    """A few reports read in the build's own process have their search documents made beside the
    pages, where the index is: the build's own process starts without numpy."""
    write_tree(tmp_path, archive_files(6))
    probe = ("import sys, build; code = build.main(sys.argv[1:]); "
             "print(code, sorted(m for m in ('numpy', 'archive.search.index', 'archive.search.documents') if m in sys.modules))")
    arguments = ["--content", str(tmp_path / "content"), "--config", str(tmp_path / "config.yaml"), "--out", str(tmp_path / "site"), "--jobs", "2"]
    result = subprocess.run([sys.executable, "-c", probe, *arguments], capture_output=True, text=True, cwd=build.__file__.rpartition("/")[0])
    assert result.stdout.strip().endswith("0 []"), result.stdout + result.stderr
    assert (tmp_path / "site/search/manifest.json").exists() or any((tmp_path / "site/search").iterdir())


def test_a_deleted_report_disappears_everywhere(tmp_path):
    files = archive_files(4)
    write_tree(tmp_path, files)
    assert run(tmp_path) == 0
    gone = files["content/2022/t003.md"].split("unit: ")[1].split("\n")[0]
    assert gone in (tmp_path / "site/reports.json").read_text(encoding="utf-8")
    (tmp_path / "content/2022/t003.md").rename(tmp_path / "content/2022/renamed.md")
    (tmp_path / "content/2022/renamed.md").unlink()
    assert run(tmp_path) == 0
    site = tmp_path / "site"
    assert not (site / "reports/2022/t003").exists()
    leftovers = [path for path, data in contents(site).items() if gone.encode() in data or b"t003" in data]
    assert leftovers == []


def test_a_renamed_report_moves(tmp_path):
    files = archive_files(3)
    write_tree(tmp_path, files)
    assert run(tmp_path) == 0
    (tmp_path / "content/2022/t001.md").rename(tmp_path / "content/2022/moved.md")
    assert run(tmp_path) == 0
    site = tmp_path / "site"
    assert (site / "reports/2022/moved/index.html").exists() and not (site / "reports/2022/t001").exists()
    assert not any(b"reports/2022/t001/" in data for data in contents(site).values())


def test_a_template_change_re_renders_what_uses_it(tmp_path):
    write_tree(tmp_path, archive_files(3))
    project = dataclasses.replace(Project.at(tmp_path), templates=tmp_path / "templates")
    shutil.copytree(Project.at(tmp_path).templates, project.templates)
    build.build(project)
    before = snapshot(tmp_path / "site")
    report = project.templates / "report.html"
    report.write_text(report.read_text(encoding="utf-8").replace("{% block main %}", "{% block main %}<p>模板已改</p>", 1), encoding="utf-8")
    build.build(project)
    after = snapshot(tmp_path / "site")
    assert "模板已改" in after["reports/2022/t001/index.html"][0].decode()
    assert after["units/index.html"] == before["units/index.html"]


def test_a_cache_that_is_deleted_in_part_or_whole_is_rebuilt(tmp_path):
    write_tree(tmp_path, archive_files(3))
    assert run(tmp_path) == 0
    expected = contents(tmp_path / "site")
    for entry in sorted((tmp_path / ".build-cache/reports").rglob("*.pickle"))[:2]:
        entry.unlink()
    (tmp_path / "site/reports/2022/t001/index.html").unlink()
    assert run(tmp_path) == 0
    assert contents(tmp_path / "site") == expected
    shutil.rmtree(tmp_path / ".build-cache")
    assert run(tmp_path) == 0
    assert contents(tmp_path / "site") == expected
    assert os.listdir(tmp_path / ".build-cache")


def test_one_edited_report_rewrites_only_the_shards_of_stored_listing_rows_holding_its_rows(tmp_path):
    files = archive_files(40)
    write_tree(tmp_path, files)
    assert run(tmp_path) == 0
    stored = {p: p.stat().st_mtime_ns for p in (tmp_path / ".build-cache/rows").rglob("*.pickle")}
    assert len(stored) >= 12, "sixteen shards, bar an empty one or two"
    (tmp_path / "content/2022/t001.md").write_text(files["content/2022/t001.md"].replace("推进", "深入推进"), encoding="utf-8")
    assert run(tmp_path) == 0
    assert [p for p, mtime in stored.items() if p.stat().st_mtime_ns != mtime] == [], "its rows show no text"
    (tmp_path / "content/2022/t001.md").write_text(files["content/2022/t001.md"].replace("年法治政府", "年度法治政府"), encoding="utf-8")
    assert run(tmp_path) == 0
    rewritten = [p for p, mtime in stored.items() if p.stat().st_mtime_ns != mtime]
    assert 1 <= len(rewritten) <= 6, "the report's rows and its unit's line, old and new"

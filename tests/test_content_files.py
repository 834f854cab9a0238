"""Which files are reports: every odd file in content/ gets one line, never a traceback, and
site/ stays as it was when the build stops."""
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import CONFIG, REPO, report_file

import archive.site.collect


def test_a_missing_content_folder_is_one_line(build_tree, tmp_path):
    result = build_tree({})
    assert result.code == 1
    assert result.err.strip().splitlines() == [f"{tmp_path / 'content'}: 内容文件夹不存在，没有可生成的报告 (the content folder does not exist)"]


def test_an_empty_content_folder_is_one_line(build_tree, tmp_path):
    (tmp_path / "content/2022").mkdir(parents=True)
    result = build_tree({})
    assert result.code == 1
    assert "no reports" in result.err and len(result.err.strip().splitlines()) == 1


def test_editor_lock_files_broken_links_and_folders_named_md_are_no_traceback(build_tree, tmp_path):
    (tmp_path / "content/2022").mkdir(parents=True)
    os.symlink("root@host.12345:1700000000", tmp_path / "content/2022/.#baodexian.md")  # Emacs lock file
    os.symlink("nowhere.md", tmp_path / "content/2022/broken.md")
    (tmp_path / "content/2022/folder.md").mkdir()
    result = build_tree({"content/2022/baodexian.md": report_file()})
    assert result.code == 0, result.err
    assert result.err.strip().splitlines() == ["content/2022/broken.md: 链接已失效，已跳过 (a broken link, skipped) (warning)"]
    assert ".#" not in result.err


def test_links_that_leave_content_are_not_followed(build_tree, tmp_path):
    outside = tmp_path / "elsewhere"
    (outside / "2022").mkdir(parents=True)
    (outside / "2022/secret.md").write_text(report_file(title="机密文件"), encoding="utf-8")
    (tmp_path / "content/2022").mkdir(parents=True)
    os.symlink(outside / "2022/secret.md", tmp_path / "content/2022/secret.md")
    os.symlink(outside / "2022", tmp_path / "content/2021")
    result = build_tree({"content/2022/baodexian.md": report_file()})
    assert result.code == 0, result.err
    assert sorted(result.err.strip().splitlines()) == [
        "content/2021: 不读取链接的文件夹，请把其中的报告移入内容文件夹 (a linked folder is not followed) (warning)",
        "content/2022/secret.md: 不读取指向内容文件夹以外的链接 (a link outside the content folder is not followed) (warning)",
    ]
    assert not any("机密文件" in p.read_text(encoding="utf-8", errors="ignore") for p in result.site.rglob("*.html"))


def test_a_link_inside_content_is_read(build_tree, tmp_path):
    (tmp_path / "content/2022").mkdir(parents=True)
    (tmp_path / "content/drafts").mkdir()
    (tmp_path / "content/drafts/x.md").write_text(report_file(), encoding="utf-8")
    os.symlink(tmp_path / "content/drafts/x.md", tmp_path / "content/2022/baodexian.md")
    result = build_tree({})
    assert result.code == 1, "the draft itself is in the wrong folder"
    assert "content/drafts/x.md:4: 2022 年度的报告应放在 content/2022/" in result.err
    assert "content/2022/baodexian.md" not in result.err


def test_files_that_look_like_reports_but_are_not_read_are_named(build_tree):
    result = build_tree({
        "content/2022/baodexian.md": report_file(),
        "content/2022/upper.MD": report_file(),
        "content/2022/raw.txt": "保德县2022年度法治政府建设情况报告",
        "content/2022/notes.yaml": "x: 1\n",
    })
    assert result.code == 0, result.err
    assert sorted(result.err.strip().splitlines()) == [
        "content/2022/raw.txt: 未读取：只有以 '.md' 结尾的文件是报告 (not read) (warning)",
        "content/2022/upper.MD: 未读取：只有以 '.md' 结尾的文件是报告 (not read) (warning)",
    ]


def test_an_oversized_report_is_refused_in_one_line(build_tree):
    good = build_tree({"content/2022/baodexian.md": report_file()})
    before = sorted(p.name for p in good.site.rglob("*"))
    huge = report_file(body="行政复议。" * 1000)
    result = build_tree({"config.yaml": CONFIG + "max_report_bytes: 2000\n", "content/2022/huge.md": huge})
    assert result.code == 1
    assert result.err.strip().splitlines() == [
        f"content/2022/huge.md:1: 文件有 {len(huge.encode()):,} 字节，超过上限 2,000（config.yaml 的 max_report_bytes）(file too large)"
    ]
    assert sorted(p.name for p in result.site.rglob("*")) == before


def test_a_report_that_takes_too_long_is_stopped_and_named(build_tree, monkeypatch):
    read = archive.site.collect.read_report

    def slow_for_one(data, name, relative):
        if name.endswith("slow.md"):
            time.sleep(30)
        return read(data, name, relative)

    monkeypatch.setattr(archive.site.collect, "read_report", slow_for_one)
    started = time.monotonic()
    result = build_tree({
        "config.yaml": CONFIG + "report_time_limit: 1\n",
        "content/2022/baodexian.md": report_file(),
        "content/2022/slow.md": report_file(unit="慢镇", title="慢镇报告"),
    })
    assert time.monotonic() - started < 20
    assert result.code == 1
    assert result.err.strip().splitlines() == [
        "content/2022/slow.md:1: 读取本报告超过 1 秒，已停止（config.yaml 的 report_time_limit）(reading was stopped)"
    ]


def test_two_reports_of_one_unit_for_one_year_are_named(build_tree):
    result = build_tree({
        "content/2022/baodexian.md": report_file(),
        "content/2022/baodexian-copy.md": report_file(),
    })
    assert result.code == 0
    assert result.err.strip().splitlines() == [
        "content/2022/baodexian-copy.md: 山西省/忻州市/保德县 的 2022 年度已有报告 content/2022/baodexian.md，这是第二篇 (a second report of one unit for one year) (warning)"
    ]


@pytest.mark.parametrize("setting, value", [("max_report_bytes", "-1"), ("report_time_limit", "soon")])
def test_limits_in_config_are_checked(build_tree, setting, value):
    result = build_tree({"config.yaml": CONFIG + f"{setting}: {value}\n", "content/2022/baodexian.md": report_file()})
    assert result.code == 1
    assert f"config.yaml:6: 设置 '{setting}' 须为正整数 (must be a positive whole number)" in result.err


SLOW_BUILD = """
import sys, time
sys.path.insert(0, {repo!r})
import build, archive.site.render as render
original = render._render
def slow(page):
    print("rendering", flush=True)
    time.sleep(0.2)
    return original(page)
render._render = slow
sys.exit(build.main(sys.argv[1:]))
"""


def test_ctrl_c_stops_the_build_in_one_line_and_leaves_the_site(tmp_path):
    (tmp_path / "config.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "content/2022").mkdir(parents=True)
    (tmp_path / "content/2022/baodexian.md").write_text(report_file(), encoding="utf-8")
    command = [sys.executable, "-c", SLOW_BUILD.format(repo=str(REPO)), "--content", "content", "--config", "config.yaml", "--out", "site", "--jobs", "1"]
    assert subprocess.run(command, cwd=tmp_path, capture_output=True).returncode == 0
    before = {p.relative_to(tmp_path / "site"): p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    (tmp_path / "config.yaml").write_text(CONFIG.replace("测试报告库", "改名的报告库"), encoding="utf-8")
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "rendering\n"
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 130
    assert errors.strip().splitlines() == ["已中断，site 保持原样 (interrupted, site left as it was)"]
    assert {p.relative_to(tmp_path / "site"): p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()} == before
    assert not [p.name for p in tmp_path.iterdir() if ".building-" in p.name]


def test_a_body_nested_hundreds_deep_is_one_line_at_its_line(build_tree):
    nested = "".join("  " * depth + "- 项\n" for depth in range(300))
    result = build_tree({"content/2022/baodexian.md": report_file(body="正文。\n\n" + nested)})
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("content/2022/baodexian.md:") and "nested more than 20 levels deep" in lines[0]
    assert int(lines[0].split(":")[1]) > 6, "the line is in the body, not the front matter"

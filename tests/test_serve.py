"""`build.py serve`: a live preview on 127.0.0.1 that rebuilds on change and never shows a broken build."""
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import CONFIG, REPO, free_port, report_file, write_tree


def wait_for(predicate, seconds=20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


@pytest.fixture
def preview(tmp_path):
    write_tree(tmp_path, {"config.yaml": CONFIG, "content/2022/baodexian.md": report_file()})
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--port", str(port)],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    yield tmp_path, f"http://127.0.0.1:{port}/"
    process.terminate()
    process.wait(timeout=10)


def test_preview_rebuilds_on_change_and_keeps_the_last_good_site(preview):
    root, url = preview
    page_url = url + "reports/2022/baodexian/"
    assert "行政复议工作扎实推进" in wait_for(lambda: get(page_url))
    assert 'href="/units/' in get(url), "the preview links under its own address, not config.yaml's base_url"
    write_tree(root, {"content/2022/baodexian.md": report_file(body="改过的正文，复议案件。\n")})
    wait_for(lambda: "改过的正文" in (get(page_url) or ""))
    write_tree(root, {"content/2022/baodexian.md": report_file(extra="titel: 错字\n", body="不应出现的正文\n")})
    time.sleep(3)
    assert "改过的正文" in get(page_url)


@pytest.mark.parametrize("command", [[], ["build"], ["serve"], ["check"], ["import"]])
def test_every_command_has_help(command):
    result = subprocess.run([sys.executable, str(REPO / "build.py"), *command, "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "usage: build.py" in result.stdout


def test_saves_in_quick_succession_all_show_and_site_is_never_touched(preview):
    root, url = preview
    page_url = url + "reports/2022/baodexian/"
    wait_for(lambda: get(page_url))
    for number in range(3):
        write_tree(root, {"content/2022/baodexian.md": report_file(body=f"第{number}次保存的正文。\n")})
        time.sleep(0.5 if number < 2 else 0)
    wait_for(lambda: "第2次保存的正文" in (get(page_url) or ""))
    assert not (root / "site").exists(), "the preview builds into a folder of its own"


def test_a_busy_port_is_one_line(tmp_path):
    write_tree(tmp_path, {"config.yaml": CONFIG, "content/2022/baodexian.md": report_file()})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, str(REPO / "build.py"), "serve", "--port", str(port)], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"端口 127.0.0.1:{port} 已被占用 (in use): choose another with --port"]


@pytest.mark.browser
def test_an_error_shows_in_the_open_page_and_goes_when_fixed(preview, page):
    root, url = preview
    page_url = url + "reports/2022/baodexian/"
    wait_for(lambda: get(page_url))
    page.goto(page_url)
    write_tree(root, {"content/2022/baodexian.md": report_file(extra="titel: 错字\n")})
    overlay = page.locator("#preview-problem")
    overlay.wait_for(timeout=20_000)
    assert "构建失败" in overlay.inner_text()
    assert "content/2022/baodexian.md:6: 未知字段 (unknown field) 'titel'" in overlay.inner_text()
    assert "行政复议工作扎实推进" in page.inner_text("main"), "the last good page stays"
    write_tree(root, {"content/2022/baodexian.md": report_file(body="修好以后的正文。\n")})
    page.wait_for_function("document.body.innerText.includes('修好以后的正文')", timeout=20_000)
    assert page.locator("#preview-problem").count() == 0

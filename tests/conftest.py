"""Shared fixtures: small builds from inline file trees, the built seed archive, and Chromium."""
from __future__ import annotations

import functools
import http.server
import socket
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

import build

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]
SUBPATH = "/sub/"

CONFIG = """\
title: 测试报告库
description: 测试用的报告库。
base_url: https://example.org/archive/
language: zh-CN
latest_count: 10
"""


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: text or bytes} under root; text is dedented."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def report_file(title="保德县2022年度法治政府建设情况报告", unit="保德县", year=2022, region="[山西省, 忻州市]",
                extra="", body="2022年，保德县坚持依法行政。\n\n## 一、主要举措和成效\n\n行政复议工作扎实推进。\n") -> str:
    return f"---\ntitle: {title}\nunit: {unit}\nyear: {year}\nregion: {region}\n{extra}---\n{body}"


@dataclass
class BuildResult:
    code: int
    out: str
    err: str
    site: Path


@pytest.fixture
def build_tree(tmp_path, capsys):
    """Build an inline tree {path: text} (config.yaml added if absent) with build.py's main()."""

    def run(files: dict[str, str | bytes], *command: str) -> BuildResult:
        write_tree(tmp_path, {"config.yaml": CONFIG, **files} if not (tmp_path / "config.yaml").exists() else files)
        site = tmp_path / "site"
        locations = ["--content", str(tmp_path / "content"), "--config", str(tmp_path / "config.yaml")]
        if command[:1] != ("check",):
            locations += ["--out", str(site)]
        code = build.main([*command, *locations])
        captured = capsys.readouterr()
        return BuildResult(code, captured.out, captured.err, site)

    return run


@dataclass(frozen=True)
class ServedSite:
    root: Path
    url: str  # base URL, ending in SUBPATH


class _SubpathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under SUBPATH and answers misses with 404.html, as a static host would."""

    def translate_path(self, path):
        if not path.startswith(SUBPATH):
            return str(Path(self.directory) / "__outside__")
        return super().translate_path("/" + path[len(SUBPATH):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> ServedSite:
    """The repository's content/ built under a subpath and served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("seed")
    site = root / "site"
    port = free_port()
    base_url = f"http://127.0.0.1:{port}{SUBPATH}"
    code = build.main(["--content", str(REPO / "content"), "--config", str(REPO / "config.yaml"),
                       "--out", str(site), "--base-url", base_url])
    assert code == 0, "the seed archive must build"
    handler = functools.partial(_SubpathHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield ServedSite(site, base_url)
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run setup.sh (installs Debian's chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def new_context(browser, **options):
    context = browser.new_context(locale="zh-CN", **options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def page(browser):
    context = new_context(browser)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def phone_page(browser):
    context = new_context(browser, viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def no_js_page(browser):
    context = new_context(browser, java_script_enabled=False)
    yield context.new_page()
    context.close()

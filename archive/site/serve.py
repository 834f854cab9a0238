"""Live preview: build into a folder of its own (never site/), serve it on 127.0.0.1, rebuild on
every save, and show the outcome in every open page: a reload, or an overlay naming the problem
while the last good site stays served."""
from __future__ import annotations

import dataclasses
import errno
import http.server
import json
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from archive.errors import ContentError
from archive.site.config import load_config
from archive.site.firstpages import render_saved_reports
from archive.site.grouping import Archive
from archive.site.project import Project
from archive.site.watch import changes
from archive.site.writer import WriteError

EVENTS = "/__preview/events"
CLIENT = "/__preview/client.js"
_CLIENT_SOURCE = (Path(__file__).parent / "preview.js").read_bytes()
# Shown until a first build succeeds: the overlay then says what is wrong.
_NO_SITE_YET = '<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>预览</title><body><p>还没有成功生成的网站。</p></body></html>'.encode()


class PreviewState:
    """The last build's outcome: a version that grows with each good build, and the problem of a failed one."""

    def __init__(self):
        self.version = 0
        self.problem: str | None = None
        self.changed = threading.Condition()

    def record(self, problem: str | None) -> None:
        with self.changed:
            self.version += problem is None
            self.problem = problem
            self.changed.notify_all()

    def as_json(self) -> str:
        return json.dumps({"version": self.version, "problem": self.problem}, ensure_ascii=False)


def serve(project: Project, host: str, port: int, build: Callable[[Project, str], Archive]) -> int:
    """`build(project, base_url)` writes a site and returns its archive; returns the exit code."""
    preview = dataclasses.replace(project, site=project.cache / "preview")
    base_url = f"http://{host}:{port}/"
    state = PreviewState()
    try:
        server = http.server.ThreadingHTTPServer((host, port), partial(PreviewHandler, state=state, root=preview.site))
    except OSError as error:
        reason = "已被占用 (in use)" if error.errno == errno.EADDRINUSE else f"无法使用 ({error.strerror})"
        print(f"端口 {host}:{port} {reason}: choose another with --port", file=sys.stderr)
        return 1
    server.daemon_threads = True
    archive = rebuild(preview, base_url, build, state)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"预览地址 (preview at) {base_url}  — Ctrl+C 停止 (stop)", file=sys.stderr)
    try:
        for saved in changes(project.watched):
            if archive is not None and state.problem is None:
                show_saved_reports(preview, base_url, archive, saved, state)
            archive = rebuild(preview, base_url, build, state) or archive
    except KeyboardInterrupt:
        print("预览已停止 (preview stopped)", file=sys.stderr)
    finally:
        server.shutdown()
    return 0


def show_saved_reports(project: Project, base_url: str, archive: Archive, saved: set[Path], state: PreviewState) -> None:
    """The saved reports' pages at once, before the full rebuild (archive/site/firstpages.py)."""
    try:
        config = load_config(project.config).with_base_url(base_url)
        shown = render_saved_reports(project, config, archive, saved)
    except (ContentError, WriteError, OSError):
        return  # the full rebuild says what is wrong
    if shown:
        state.record(None)


def rebuild(project: Project, base_url: str, build: Callable[[Project, str], Archive], state: PreviewState) -> Archive | None:
    started = time.monotonic()
    try:
        archive = build(project, base_url)
    except (ContentError, WriteError) as error:
        print(f"构建失败，仍显示上一次的网站 (build failed, still serving the last good site):\n{error}", file=sys.stderr)
        state.record(str(error))
        return None
    print(f"已重新生成 {len(archive.reports)} 篇报告，用时 {time.monotonic() - started:.1f} 秒 (rebuilt)", file=sys.stderr)
    state.record(None)
    return archive


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, state: PreviewState, root: Path, **kwargs):
        self.state = state
        super().__init__(*args, directory=str(root), **kwargs)

    def do_GET(self):
        if self.path == EVENTS:
            return self.send_events()
        if self.path == CLIENT:
            return self.send_bytes(_CLIENT_SOURCE, "text/javascript; charset=utf-8")
        path = Path(self.translate_path(self.path))
        page = path / "index.html" if path.is_dir() else path
        if page.suffix == ".html" and page.is_file():
            return self.send_bytes(self.with_client(page.read_bytes()), "text/html; charset=utf-8")
        return super().do_GET()

    def with_client(self, html: bytes) -> bytes:
        tag = f'<script src="{CLIENT}" data-events="{EVENTS}" data-version="{self.state.version}"></script>'.encode()
        head, found, tail = html.rpartition(b"</body>")
        return head + tag + found + tail if found else html + tag

    def send_bytes(self, body: bytes, kind: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def send_events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = None
        try:
            while True:
                with self.state.changed:
                    if seen == self.state.as_json():
                        self.state.changed.wait(timeout=15)
                    current = self.state.as_json()
                message = f"event: state\ndata: {current}\n\n" if current != seen else ": keep-alive\n\n"
                self.wfile.write(message.encode())
                self.wfile.flush()
                seen = current
        except (BrokenPipeError, ConnectionResetError):
            return

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.is_file() else _NO_SITE_YET
        self.send_bytes(self.with_client(body), "text/html; charset=utf-8", 404)

    def log_message(self, *args):
        pass

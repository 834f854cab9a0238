"""Live preview: build, serve site/ on 127.0.0.1, rebuild on every change."""
from __future__ import annotations

import sys
from collections.abc import Callable

from livereload import Server

from archive.errors import ContentError
from archive.site.project import Project
from archive.site.writer import WriteError

HOST = "127.0.0.1"


def serve(project: Project, port: int, build: Callable[[str], int]) -> None:
    """`build(base_url)` writes the site; a failed rebuild keeps the last good site being served."""
    base_url = f"http://{HOST}:{port}/"

    def rebuild() -> None:
        try:
            count = build(base_url)
        except (ContentError, WriteError) as error:
            print(f"构建失败，仍显示上一次的网站 (build failed, still serving the last good site):\n{error}", file=sys.stderr)
        else:
            print(f"已重新生成 {count} 篇报告", file=sys.stderr)

    build(base_url)
    server = Server()
    for path in project.watched:
        server.watch(str(path), rebuild, delay=0.3)
    print(f"预览地址 (preview at) {base_url}  — Ctrl+C 停止", file=sys.stderr)
    server.serve(host=HOST, port=port, root=str(project.site), restart_delay=0, open_url_delay=None)

"""Command-line arguments of build.py."""
from __future__ import annotations

import argparse
from pathlib import Path

from archive.site.project import Project

DEFAULT_PORT = 8000
DEFAULT_HOST = "127.0.0.1"


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="法治政府建设年度报告库：把 content/ 中的 Markdown 报告生成静态网站 site/。",
    )
    commands = parser.add_subparsers(dest="command", metavar="{build,serve,check,import}")
    _add_build(commands.add_parser("build", help="生成 site/（默认命令）(build)", description="生成网站到 site/；新网站完整生成之前，旧网站保持不变 (build the site)。"))
    serve = commands.add_parser("serve", help="本地预览，保存即刷新 (preview with live reload)", description="在 .build-cache/preview 生成预览（从不改动 site/）并提供访问；content/、templates/、static/ 或 config.yaml 一有改动就重新生成，错误也显示在浏览器中 (preview)。")
    _add_locations(serve)
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"监听地址（默认 {DEFAULT_HOST}）(host)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"监听端口（默认 {DEFAULT_PORT}）(port)")
    _add_locations(commands.add_parser("check", help="检查 content/ 和 config.yaml，不写网站 (validate)", description="列出每个文件的每个问题，格式为 文件:行号: 说明；有问题时退出码为 1 (check)。"))
    importer = commands.add_parser("import", help="政府网页上复制的原文 → content/<年度>/<名称>.md (import)", description="把从政府网页复制的报告原文或保存的网页转换为 Markdown 报告 (import)。")
    importer.add_argument("files", nargs="+", type=Path, metavar="FILE", help="从网页复制的文本（UTF-8、带 BOM 的 UTF-8、GB18030/GBK）、保存的网页（.html），或它们所在的文件夹或通配符 (files)")
    importer.add_argument("--content", type=Path, default=Path("content"), help="写入的内容文件夹（默认 content/）")
    importer.add_argument("--dry-run", action="store_true", help="只显示 Markdown，不写文件 (dry run)")
    importer.add_argument("--force", action="store_true", help="覆盖已有的报告文件 (overwrite)")
    _add_build(parser)
    arguments = parser.parse_args(argv)
    arguments.command = arguments.command or "build"
    return arguments


def _add_build(parser: argparse.ArgumentParser) -> None:
    _add_locations(parser)
    parser.add_argument("--base-url", help="代替 config.yaml 的 base_url，如 http://127.0.0.1:8000/sub/")
    parser.add_argument("--clean", action="store_true", help="不用生成缓存和上次的网站，全部重新读取和生成 (clean build)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N", help="工作进程数（默认每个 CPU 核一个）(jobs)")


def _add_locations(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"), help="报告所在文件夹（默认 content/）")
    parser.add_argument("--config", type=Path, default=Path("config.yaml"), help="网站设置文件（默认 config.yaml）")
    parser.add_argument("--out", type=Path, default=Path("site"), help="输出文件夹（默认 site/）")


def project_from(arguments: argparse.Namespace) -> Project:
    return Project(
        content=arguments.content,
        config=getattr(arguments, "config", Path("config.yaml")),
        site=getattr(arguments, "out", Path("site")),
    )

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
    _add_build(commands.add_parser("build", help="build site/ (the default)", description="Build the site into site/; the old site stays until the new one is complete."))
    serve = commands.add_parser("serve", help="preview with live reload on 127.0.0.1", description="Build a preview (in .build-cache/preview, never site/), serve it and rebuild when content/, templates/, static/ or config.yaml change; errors show in the browser too.")
    _add_locations(serve)
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})")
    _add_locations(commands.add_parser("check", help="validate content/ and config.yaml, write nothing", description="Report every problem in every file as FILE:LINE: message; exit 1 if there is any."))
    importer = commands.add_parser("import", help="raw text from a government page → content/<year>/<name>.md", description="Turn raw report text copied from a government web page into a Markdown report.")
    importer.add_argument("files", nargs="+", type=Path, metavar="FILE", help="text copied off a page (UTF-8, UTF-8 with BOM, GB18030/GBK), a saved page (.html), or a folder or glob of them")
    importer.add_argument("--content", type=Path, default=Path("content"), help="content folder to write into (default content/)")
    importer.add_argument("--dry-run", action="store_true", help="print the Markdown instead of writing files")
    importer.add_argument("--force", action="store_true", help="overwrite an existing report file")
    _add_build(parser)
    arguments = parser.parse_args(argv)
    arguments.command = arguments.command or "build"
    return arguments


def _add_build(parser: argparse.ArgumentParser) -> None:
    _add_locations(parser)
    parser.add_argument("--base-url", help="override config.yaml's base_url, e.g. http://127.0.0.1:8000/sub/")
    parser.add_argument("--clean", action="store_true", help="ignore the build cache and the last site: read and render everything")
    parser.add_argument("--jobs", type=int, default=None, metavar="N", help="worker processes (default: one per core)")


def _add_locations(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"), help="folder of reports (default content/)")
    parser.add_argument("--config", type=Path, default=Path("config.yaml"), help="site settings (default config.yaml)")
    parser.add_argument("--out", type=Path, default=Path("site"), help="output folder (default site/)")


def project_from(arguments: argparse.Namespace) -> Project:
    return Project(
        content=arguments.content,
        config=getattr(arguments, "config", Path("config.yaml")),
        site=getattr(arguments, "out", Path("site")),
    )

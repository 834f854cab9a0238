#!/usr/bin/env python3
"""Build the 法治报告 archive: Markdown reports in content/ → a static site in site/.

    python build.py            build site/
    python build.py serve      preview with live reload on 127.0.0.1
    python build.py check      validate content/ without writing anything
    python build.py import F…  turn raw text copied from a government page into content/<year>/<name>.md
"""
from __future__ import annotations

import os
import sys

from archive.site.catalogue import catalogue_csv, catalogue_json, catalogue_rows
from archive.cli import parse_arguments, project_from
from archive.site.config import SiteConfig, load_config
from archive.errors import ContentError
from archive.site.grouping import group_reports
from archive.site.progress import progress
from archive.site.project import Project
from archive.site.reader import read_reports
from archive.site.render import render_pages, site_pages
from archive.search.index import build_search_files
from archive.search.documents import search_documents
from archive import urls
from archive.site.writer import SiteWriter, WriteError


def build(project: Project, base_url: str | None = None) -> int:
    """Build the whole site into project.site; it is swapped in only when complete."""
    config = load_config(project.config)
    if base_url:
        config = config.with_base_url(base_url)
    reports = read_reports(project.content, project.display_root)
    archive = group_reports(reports)
    pages = site_pages(archive)
    search_files = build_search_files(search_documents(reports))
    rows = catalogue_rows(reports, config)
    with SiteWriter(project.site) as site:
        for page, html in progress(render_pages(pages, config, archive, project.templates), len(pages), "生成页面"):
            site.write(urls.output_path(page.url), html)
        for path, data in sorted(search_files.items()):
            site.write(path, data)
        site.write(urls.CATALOGUE_JSON, catalogue_json(rows))
        site.write(urls.CATALOGUE_CSV, catalogue_csv(rows))
        copy_assets(site, project)
    return len(reports)


def copy_assets(site: SiteWriter, project: Project) -> None:
    for path in sorted(project.static.rglob("*")):
        if path.is_file():
            site.copy("assets/" + path.relative_to(project.static).as_posix(), path)
    if not project.lunr_js.is_file():
        raise WriteError(f"{project.lunr_js} is missing: run 'npm ci' to install the pinned lunr package")
    site.copy("assets/lunr.min.js", project.lunr_js)


def check(project: Project) -> int:
    """Validate config and every report, writing nothing."""
    load_config(project.config)
    group_reports(read_reports(project.content, project.display_root))
    return 0


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    project = project_from(arguments)
    try:
        if arguments.command == "check":
            check(project)
            print("内容检查通过 (content is valid)")
        elif arguments.command == "serve":
            from archive.site.serve import serve
            serve(project, arguments.port, lambda base_url: build(project, base_url))
        elif arguments.command == "import":
            from archive.importer.convert import run_import
            return run_import(arguments.files, project.content, dry_run=arguments.dry_run, force=arguments.force, out=sys.stdout)
        else:
            count = build(project, arguments.base_url)
            print(f"已生成 {count} 篇报告 → {project.site}")
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    except WriteError as error:
        print(f"build failed, {project.site} left as it was: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into `head`: stop quietly, as the Python docs advise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)

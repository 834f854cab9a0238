#!/usr/bin/env python3
"""Build the 法治报告 archive: Markdown reports in content/ → a static site in site/.

    python build.py            build site/
    python build.py serve      preview with live reload on 127.0.0.1
    python build.py check      validate content/ without writing anything
    python build.py import F…  turn raw text copied from a government page into content/<year>/<name>.md
"""
from __future__ import annotations

import gc
import gzip
import os
import shutil
import sys
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from archive.cli import parse_arguments, project_from
from archive.errors import ContentError
from archive.model import Report
from archive.site.cache import BuildCache, digest_of
from archive.site.catalogue import write_catalogue
from archive.site.collect import cached_search_documents, collect_reports
from archive.site.config import SiteConfig, load_config
from archive.site.grouping import Archive, duplicate_reports, group_reports
from archive.site.parallel import Background, worker_count
from archive.site.project import Project
from archive.site.render import StampBook, render_site, site_pages
from archive.site.sources import find_sources
from archive.site.writer import DeferredWrites, SiteWriter, WriteError


def build(project: Project, base_url: str | None = None, clean: bool = False, workers: int | None = None) -> Archive:
    """Build the whole site into project.site; it is swapped in only when complete.
    Only what changed since the last build is read and rendered again, unless `clean`."""
    config = load_config(project.config)
    if base_url:
        config = config.with_base_url(base_url)
    workers = workers or worker_count()
    cache = BuildCache(project.cache, fresh=clean)
    reports = read_content(project, config, cache, workers)
    with (Background(partial(write_beside_pages, project, cache, config, reports, clean), workers) as beside,
          SiteWriter(project.site, keep_unchanged=not clean) as site):
        archive = group_archive(reports)
        pages = site_pages(archive)
        with held_through_the_build():
            stamps = StampBook(cache, site)
            render_site(pages, config, archive, project.templates, stamps, workers)
            site.apply(beside.result())
            shutil.rmtree(waiting_files(project))
            copy_assets(site, project)
            stamps.close()
    cache.save()
    return archive


@contextmanager
def held_through_the_build():
    """The reports, the archive and its pages are garbage only once the build is over: the garbage
    collector leaves them be until then (walking them again and again cost a tenth of a rebuild
    at 10,000 reports), and forked workers then share their memory pages without copying them."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()  # `serve` builds again and again in one process


def write_beside_pages(project: Project, cache: BuildCache, config: SiteConfig, reports: list[Report],
                       clean: bool) -> list[tuple[str, str | None]]:
    """What is made from the reports alone, while the pages render (in a process of its own when
    there are several cores): the search index, from what the cache holds of each report, the
    table with which the search page folds 繁体 to 简体, and the catalogue. Files are written where
    the writer takes them in (SiteWriter.apply)."""
    # Imported here, where they run: the build's own process never loads numpy (a fifth of a second).
    from archive.search.entrystore import EntryStore
    from archive.search.index import write_search_index
    from archive.search.traditional import fold_table_script

    folder = waiting_files(project)
    shutil.rmtree(folder, ignore_errors=True)  # a killed build's
    folder.mkdir(parents=True)
    sink = DeferredWrites(project.site, keep_unchanged=not clean, folder=folder)
    # One process encodes partitions: the pages render on every core meanwhile, and each worker
    # would hold partitions in memory beside theirs (a cold 10,000-report build peaked at 1.5 GB).
    write_search_index(cached_search_documents(cache, reports), sink, EntryStore(project.cache / "search-entries", clean), workers=1)
    write_asset(sink, "assets/fold-table.js", fold_table_script().encode("utf-8"))
    write_catalogue(sink, cache, digest_of("catalogue", str(project.site.resolve())), reports, config)
    return sink.recorded


def waiting_files(project: Project) -> Path:
    """Where the files made beside the pages wait for the writer to take them in: one folder per site."""
    return project.cache / f"search-files-{digest_of(str(project.site.resolve()))[:12]}"


def read_content(project: Project, config: SiteConfig, cache: BuildCache, workers: int) -> list[Report]:
    """Every report, without its body; warnings are printed, problems raised as ContentError."""
    sources = find_sources(project.content, project.display_root, config.max_report_bytes)
    warn(sources.warnings)
    return collect_reports(sources.files, cache, workers, config.report_time_limit)


def group_archive(reports: list[Report]) -> Archive:
    archive = group_reports(reports)
    warn(duplicate_reports(archive))
    return archive


def warn(problems) -> None:
    for problem in problems:
        print(f"{problem} (warning)", file=sys.stderr)


def copy_assets(site: SiteWriter, project: Project) -> None:
    for path in sorted(project.static.rglob("*")):
        if path.is_file():
            write_asset(site, "assets/" + path.relative_to(project.static).as_posix(), path.read_bytes())
    if not project.lunr_js.is_file():
        raise WriteError(f"缺少 {project.lunr_js}：请运行 npm ci 安装固定版本的 lunr 包 (missing: run 'npm ci')")
    write_asset(site, "assets/lunr.min.js", project.lunr_js.read_bytes())


def write_asset(site: SiteWriter | DeferredWrites, path: str, data: bytes) -> None:
    """A script goes gzipped beside itself too: the search page fetches those and inflates them, so that
    a host that compresses nothing sends a third of the bytes (hosts that serve .gz siblings use them)."""
    site.write(path, data)
    if path.endswith(".js"):
        site.write(path + ".gz", gzip.compress(data, 9, mtime=0))


def check(project: Project) -> int:
    """Validate config and every report, writing nothing but the cache."""
    config = load_config(project.config)
    cache = BuildCache(project.cache)
    group_archive(read_content(project, config, cache, worker_count()))
    cache.save()
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
            return serve(project, arguments.host, arguments.port, build)
        elif arguments.command == "import":
            from archive.importer.convert import run_import
            return run_import(arguments.files, project.content, dry_run=arguments.dry_run, force=arguments.force, out=sys.stdout)
        else:
            archive = build(project, arguments.base_url, clean=arguments.clean, workers=arguments.jobs)
            print(f"已生成 {len(archive.reports)} 篇报告 → {project.site}")
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    except WriteError as error:
        print(f"生成失败，{project.site} 保持原样 (build failed, site left as it was): {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"已中断，{project.site} 保持原样 (interrupted, site left as it was)", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    try:
        code = main()
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # output piped into `head`: stop quietly, as the Python docs advise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    # Every file is closed and every worker joined by now: leave without freeing the archive's
    # objects one by one (a tenth of a second or more at 10,000 reports).
    os._exit(code)

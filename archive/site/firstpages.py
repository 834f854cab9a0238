"""The preview's first answer to a save: the saved reports' own pages, rendered from the last good
build's archive and written straight into the preview folder, so the editor sees the new text while
the full rebuild brings every listing and the search index up to date (as `hugo server` renders
what changed first).

Only edits of reports the archive already has take this path; anything else (a new, deleted or
invalid report, a template or the config) waits for the full rebuild, which then shows it or its error.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from archive import urls
from archive.files import write_whole
from archive.site.config import SiteConfig
from archive.site.grouping import Archive, group_reports
from archive.site.project import Project
from archive.site.reader import read_report
from archive.site.render import get_context, report_page, template_environment


def render_saved_reports(project: Project, config: SiteConfig, archive: Archive, saved: set[Path]) -> list[str]:
    """Rewrite the pages of the saved reports in project.site; returns the URLs written, [] when
    the saves are not edits of known, valid reports."""
    known = {report.source_path: report for report in archive.reports}
    content = project.content.resolve()
    edited = {}
    for path in saved:
        path = path.resolve()
        if path.suffix != ".md" or not path.is_relative_to(content):
            return []
        relative = path.relative_to(content)
        name = (project.content / relative).relative_to(project.display_root).as_posix()
        try:
            report, problems = read_report(path.read_bytes(), name, relative)
        except OSError:
            return []
        old = known.get(report.source_path) if report else None
        if problems or old is None or old.sort_key != report.sort_key:  # moved: listings change order
            return []
        edited[report.source_path] = report
    listed = {source: dataclasses.replace(report.without_body(), digest=known[source].digest, listing_digest=known[source].listing_digest)
              for source, report in edited.items()}
    archive = group_reports([listed.get(report.source_path, report) for report in archive.reports])
    environment = template_environment(project.templates, config, project.cache / "templates")
    written = []
    for source, report in edited.items():
        page = report_page(archive, listed[source])
        page = dataclasses.replace(page, variables={**page.variables, "report": report})
        html = environment.get_template(page.template).render(get_context(page, archive))
        write_whole(project.site / urls.output_path(page.url), html.encode("utf-8"))
        written.append(page.url)
    return written

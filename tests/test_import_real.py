"""Real pages (tests/data/import-real: the beginnings of published pages, as copied) and pages made in
the shapes real CMSs produce (import-real/made): every field the text states is read right, no page
is refused, no listed chrome string is left in the body, and every line is kept or listed as removed."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from archive.importer.convert import read_input
from archive.importer.evaluate import score_page
from archive.importer.report import import_text, normalised_lines
from archive.importer.report_fields import TITLE_LINE
from archive.site.markup import render_body
from test_importer import visible

REAL = Path(__file__).parent / "data" / "import-real"
MADE = REAL / "made"


def _pages(folder: Path) -> list[tuple[Path, dict]]:
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    return [(folder / name, facts) for name, facts in sorted(expected.items())]


PAGES = _pages(REAL) + _pages(MADE)


@pytest.mark.parametrize("path, facts", PAGES, ids=[path.name for path, _ in PAGES])
def test_each_stated_field_is_read_and_no_chrome_is_left(path, facts):
    score = score_page(path, facts)
    assert score.refused is None
    assert score.wrong == ()
    assert score.chrome_left == ()


@pytest.mark.parametrize("path", [path for path, _ in PAGES if path.suffix == ".txt"], ids=lambda p: p.name)
def test_every_line_of_the_page_is_kept_or_listed_as_removed(path):
    text, meta = read_input(path)
    report = import_text(text, filename=path.name, meta=meta)
    title = [report.title] if report.finding("title").detail == TITLE_LINE else []
    accounted = "".join(title + [line.text for line in report.removed]) + render_body(report.body).text
    assert sorted(visible(accounted)) == sorted(visible("".join(normalised_lines(text))))

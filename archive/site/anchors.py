"""A ¶ link after each heading of a report body, to copy a link to that section (as MkDocs and
Sphinx do). Added when the page is rendered, so the cached body and its search text stay plain."""
from __future__ import annotations

import re

from markupsafe import Markup

# Headings as archive/site/markup.py writes them: the id (already escaped) is their only attribute.
_HEADING = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)</h\1>', re.S)


def with_heading_links(body_html: str) -> Markup:
    """The body with a self-link at the end of every heading; its ¶ is drawn by CSS, so the
    heading's text (and a copied selection) stays the heading alone."""
    return Markup(_HEADING.sub(
        r'<h\1 id="\2">\3<a class="heading-anchor" href="#\2" aria-label="本节链接"></a></h\1>', body_html))

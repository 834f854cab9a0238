"""Which addresses a published page may link to, judged in one place.

A browser decodes character references in an attribute (java&#115;cript: is
javascript:), drops leading and trailing controls and spaces, and ignores tabs
and newlines anywhere (the WHATWG URL parser). So an address is judged the
way a browser reads it, after every round of decoding, against an allow-list:
http, https, mailto, or no scheme at all (a relative address).
"""
from __future__ import annotations

import html
import re

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
WEB_SCHEMES = frozenset({"http", "https"})
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_IGNORED_ANYWHERE = re.compile(r"[\t\n\r]")
_STRIPPED = "".join(map(chr, range(0x21)))
_MAX_DECODING_ROUNDS = 8


def scheme_of(url: str) -> str | None:
    """The scheme a browser reads from `url` (lowercase), or None for a relative address."""
    cleaned = _IGNORED_ANYWHERE.sub("", url).strip(_STRIPPED)
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def is_safe_url(url: str, allowed: frozenset[str] = ALLOWED_SCHEMES, relative: bool = True) -> bool:
    """True when every reading of `url`, raw or decoded, is an allowed scheme (or relative, if allowed)."""
    for _ in range(_MAX_DECODING_ROUNDS):
        scheme = scheme_of(url)
        if (scheme is None and not relative) or (scheme is not None and scheme not in allowed):
            return False
        decoded = html.unescape(url)
        if decoded == url:
            return True
        url = decoded
    return False  # entities nested this deep are no address a report needs

"""Site settings from config.yaml."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from archive.errors import ContentError, Problem

SETTINGS = {"title": str, "description": str, "base_url": str, "language": str, "latest_count": int}


@dataclass(frozen=True)
class SiteConfig:
    title: str
    description: str
    base_url: str
    language: str
    latest_count: int

    @property
    def base_path(self) -> str:
        """The path part of base_url: every page links under it, so the site works in a subpath."""
        return urlsplit(self.base_url).path

    def absolute(self, path: str) -> str:
        return self.base_url + path

    def with_base_url(self, base_url: str) -> SiteConfig:
        return replace(self, base_url=_normalise_base_url(base_url))


def load_config(path: Path) -> SiteConfig:
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise ContentError([Problem(name, line, f"invalid YAML: {getattr(error, 'problem', error)}")]) from None
    if not isinstance(data, dict):
        raise ContentError([Problem(name, 1, "expected a mapping of settings")])
    problems = [Problem(name, 1, f"unknown setting '{key}'") for key in data if key not in SETTINGS]
    for key, kind in SETTINGS.items():
        if not isinstance(data.get(key), kind) or isinstance(data.get(key), bool):
            problems.append(Problem(name, 1, f"setting '{key}' must be a {kind.__name__}"))
    if problems:
        raise ContentError(problems)
    if not urlsplit(data["base_url"]).scheme.startswith("http"):
        raise ContentError([Problem(name, 1, "base_url must be an absolute http(s) URL, e.g. https://example.org/fazhi/")])
    return SiteConfig(**{**data, "base_url": _normalise_base_url(data["base_url"])})


def _normalise_base_url(url: str) -> str:
    return url if url.endswith("/") else url + "/"

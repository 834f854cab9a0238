"""Site settings from config.yaml."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from archive.errors import ContentError, Problem
from archive.yamlmap import YamlMappingError, load_mapping, shown

SETTINGS = {"title": str, "description": str, "base_url": str, "language": str, "latest_count": int}
# Optional settings and their defaults: limits that keep one bad file from stalling the archive.
DEFAULTS = {"max_report_bytes": 1_000_000, "report_time_limit": 30}


@dataclass(frozen=True)
class SiteConfig:
    title: str
    description: str
    base_url: str
    language: str
    latest_count: int
    max_report_bytes: int = DEFAULTS["max_report_bytes"]  # a real report is under 100 kB
    report_time_limit: int = DEFAULTS["report_time_limit"]  # seconds to read one report

    @property
    def base_path(self) -> str:
        """The path part of base_url: every page links under it, so the site works in a subpath."""
        return urlsplit(self.base_url).path

    def absolute(self, path: str) -> str:
        return self.base_url + path

    def with_base_url(self, base_url: str) -> SiteConfig:
        return replace(self, base_url=_normalise_base_url(base_url))


def load_config(path: Path) -> SiteConfig:
    name = path.as_posix()
    try:
        mapping = load_mapping(path.read_text(encoding="utf-8"))
    except (YamlMappingError, UnicodeDecodeError, OSError) as error:
        message = str(error) if isinstance(error, YamlMappingError) else f"无法读取 (cannot read): {error}"
        raise ContentError([Problem(name, getattr(error, "line", 1), message)]) from None
    settings, lines = mapping.values, mapping.lines
    problems = [Problem(name, line, message) for line, message in mapping.problems]
    problems += [Problem(name, lines[key], f"未知设置 (unknown setting) {shown(key)}") for key in settings if key not in SETTINGS and key not in DEFAULTS]
    for key, kind in SETTINGS.items():
        value = settings.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            problems.append(Problem(name, lines.get(key, 1), f"设置 '{key}' 须为 {kind.__name__} (wrong type)，不能是 {shown(value)}"))
    for key in DEFAULTS:
        value = settings.get(key, DEFAULTS[key])
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            problems.append(Problem(name, lines.get(key, 1), f"设置 '{key}' 须为正整数 (must be a positive whole number)，不能是 {shown(value)}"))
    if not problems and urlsplit(settings["base_url"]).scheme not in ("http", "https"):
        problems.append(Problem(name, lines["base_url"], "base_url 须为完整的 http(s) 网址 (must be an absolute http(s) URL)，如 https://example.org/fazhi/"))
    if problems:
        raise ContentError(problems)
    return SiteConfig(**{**settings, "base_url": _normalise_base_url(settings["base_url"])})


def _normalise_base_url(url: str) -> str:
    return url if url.endswith("/") else url + "/"

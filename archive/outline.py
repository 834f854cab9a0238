"""A report's outline: its headings, nested."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Outline:
    """One heading of a report body and the headings nested under it."""

    level: int
    anchor: str
    text: str
    children: tuple[Outline, ...]

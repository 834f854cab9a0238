"""Noticing saves: the watched files' sizes and times, compared a few times a second. Every change
is seen, however quickly saves follow each other: what changes during a build is found by the
next comparison, which starts from what that build read."""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

POLL_SECONDS = 0.2


def snapshot(paths: tuple[Path, ...]) -> frozenset[tuple[str, int, int]]:
    """(path, size, mtime_ns) of every file under the paths."""
    entries = set()
    for root in paths:
        if root.is_file():
            entries.add(_entry(str(root)))
        for folder, _, names in os.walk(root):
            entries.update(_entry(os.path.join(folder, name)) for name in names)
    return frozenset(entry for entry in entries if entry)


def changes(paths: tuple[Path, ...]) -> Iterator[set[Path]]:
    """Yields the files added, changed or removed, once per change (or burst of changes) under the
    paths; the caller rebuilds meanwhile."""
    seen = snapshot(paths)
    while True:
        time.sleep(POLL_SECONDS)
        now = snapshot(paths)
        if now != seen:
            changed = {Path(path) for path, _, _ in now ^ seen}
            seen = now
            yield changed


def _entry(path: str) -> tuple[str, int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return path, status.st_size, status.st_mtime_ns

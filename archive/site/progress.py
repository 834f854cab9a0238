"""A progress line for builds that take more than a moment, shown only on a terminal."""
from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")
_DELAY_SECONDS = 0.5


def progress(items: Iterable[T], total: int, label: str, stream: TextIO | None = None) -> Iterator[T]:
    stream = stream or sys.stderr
    show = sys.stdout.isatty() and stream.isatty()
    started = time.monotonic()
    shown = False
    for done, item in enumerate(items, start=1):
        yield item
        if show and (shown or time.monotonic() - started > _DELAY_SECONDS):
            shown = True
            width = 30
            filled = width * done // max(total, 1)
            stream.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            stream.flush()
    if shown:
        stream.write("\n")

"""Work spread over every core: forked worker processes, results in input order, so a build
with one process and a build with many write the same bytes."""
from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
# Below this many items a pool costs more than it saves.
SERIAL_BELOW = 64


def worker_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def parallel_map(function: Callable[[T], R], items: Sequence[T], workers: int, chunksize: int = 16,
                 serial_below: int = SERIAL_BELOW) -> Iterator[R]:
    """function(item) for every item, in order. Workers are forked, so they share what the parent
    had set up before the call; Ctrl-C stops the parent alone, which ends the pool. `serial_below`:
    fewer items than this are done here, where a pool would cost more than it saves."""
    if workers <= 1 or len(items) < serial_below:
        yield from map(function, items)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=signal.signal, initargs=(signal.SIGINT, signal.SIG_IGN)) as pool:
        yield from pool.imap(function, items, chunksize)


class TimeLimitExceeded(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Stop the work in the block after `seconds` of wall time (main thread of a process only)."""
    def expire(signum, frame):
        raise TimeLimitExceeded(f"超过 {seconds:g} 秒")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

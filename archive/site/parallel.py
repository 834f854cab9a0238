"""Work spread over every core: forked worker processes, results in input order, so a build
with one process and a build with many write the same bytes."""
from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Generic, TypeVar

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


class Background(Generic[R]):
    """function() run in a forked process while the build goes on (it shares what the parent had
    set up, without pickling it); result() waits for its value, or raises what it raised. With one
    worker it runs when asked for. Use as a context manager: a build that fails first ends it."""

    def __init__(self, function: Callable[[], R], workers: int):
        self.function = function
        self.process = self.connection = None
        if workers > 1:
            context = multiprocessing.get_context("fork")
            self.connection, sending = context.Pipe(duplex=False)
            self.process = context.Process(target=_run_and_send, args=(function, sending))  # not a daemon: it may start a pool
            self.process.start()
            sending.close()

    def result(self) -> R:
        if self.process is None:
            return self.function()
        try:
            succeeded, value = self.connection.recv()
        except EOFError:
            self.process.join()
            raise RuntimeError(f"background process ended with code {self.process.exitcode}") from None
        self.process.join()
        if not succeeded:
            raise value
        return value

    def __enter__(self) -> Background[R]:
        return self

    def __exit__(self, *_) -> None:
        self.stop()

    def stop(self) -> None:
        """End the process if it still runs."""
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()


def _run_and_send(function: Callable[[], R], connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the parent, which ends this
    try:
        outcome = (True, function())
    except Exception as error:  # re-raised in the parent
        outcome = (False, error)
    try:
        connection.send(outcome)
    except (TypeError, AttributeError, pickle.PicklingError):  # an error that does not pickle
        connection.send((False, RuntimeError(repr(outcome[1]))))


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

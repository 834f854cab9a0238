"""Each index partition's entries (archive/search/entries.py) as the last build left them, in a
folder of the build cache, so that a partition that a few reports changed is patched from the
stored partition it shares most reports with, rather than made again from every report's tokens.
Safe to delete: a partition without a stored neighbour is made from its reports' tokens, and the
files written are the same either way."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from archive.search.documents import FIELDS
from archive.search.entries import FIELD_BITS, TALLY_BITS, WORD_BASE, Entries

# What the stored arrays mean; entries stored under another layout are not read.
LAYOUT = np.array([FIELD_BITS, TALLY_BITS, WORD_BASE], dtype=np.int64)
SUFFIX = ".npz"


class EntryStore:
    def __init__(self, folder: Path, fresh: bool = False) -> None:
        """`fresh`: read nothing stored (a clean build), but store this build's entries."""
        self.folder = folder
        self.fresh = fresh

    def nearest(self, digests: Sequence[str]) -> tuple[np.ndarray, Entries] | None:
        """The stored entries sharing the most reports with a partition of these reports (by
        digest), if they share at least half of them, and the new number of each stored report
        (-1 for one gone); None if there are none, or if the reports moved relative to each other."""
        best, best_shared = None, len(digests) / 2
        for path in [] if self.fresh else sorted(self.folder.glob(f"*{SUFFIX}")):
            with np.load(path) as stored:
                if not np.array_equal(stored["layout"], LAYOUT):
                    continue
                shared = len(set(stored["digests"].tolist()) & set(digests))
            if shared > best_shared:
                best, best_shared = path, shared
        return None if best is None else renumbering(best, digests)

    def save(self, key: str, digests: Sequence[str], entries: Entries) -> None:
        """Written whole or not at all."""
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                np.savez(stream, layout=LAYOUT, digests=np.array(digests, dtype=str), keys=entries.keys,
                         large=entries.large, lengths=entries.lengths, words=np.array(entries.words, dtype=str))
            os.replace(temporary, self.folder / f"{key}{SUFFIX}")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def keep_only(self, keys: Iterable[str]) -> None:
        """Forget the partitions this build does not have."""
        kept = {f"{key}{SUFFIX}" for key in keys}
        for path in self.folder.glob("*"):
            if path.name not in kept:
                path.unlink(missing_ok=True)


def renumbering(path: Path, digests: Sequence[str]) -> tuple[np.ndarray, Entries] | None:
    position = {digest: number for number, digest in enumerate(digests)}
    with np.load(path) as stored:
        old = stored["digests"].tolist()
        numbers = np.array([position.get(digest, -1) for digest in old], dtype=np.int64)
        kept = numbers[numbers >= 0]
        if len(position) < len(digests) or len(set(old)) < len(old) or np.any(np.diff(kept) <= 0):
            return None  # a digest twice, or reports reordered: patching would not keep the keys sorted
        words = tuple(stored["words"].tolist())
        return numbers, Entries(stored["keys"], stored["large"].reshape(-1, 2), stored["lengths"].reshape(-1, len(FIELDS)), words)

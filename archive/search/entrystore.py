"""Each index partition's entries (archive/search/entries.py) as the last build left them, in a
folder of the build cache, so that a partition that a few reports changed is patched from the
stored partition it shares most reports with, rather than made again from every report's tokens.
Safe to delete: a partition without a stored neighbour is made from its reports' tokens, and the
files written are the same either way."""
from __future__ import annotations

import pickle
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from archive.files import write_whole
from archive.search.entries import FIELD_BITS, TALLY_BITS, WORD_BASE, Entries

# What the stored numbers mean; entries stored under another layout are not read.
LAYOUT = (FIELD_BITS, TALLY_BITS, WORD_BASE)
ENTRIES, DIGESTS = ".entries", ".digests"  # a partition's entries; its reports' digests, one a line


class EntryStore:
    def __init__(self, folder: Path, fresh: bool = False) -> None:
        """`fresh`: read nothing stored (a clean build), but store this build's entries."""
        self.folder = folder
        self.fresh = fresh

    def nearest(self, digests: Sequence[str]) -> Stored | None:
        """The stored entries sharing the most reports with a partition of these reports (by
        digest), if they share at least half of them, with the new number of each stored report
        (-1 for one gone); None if there are none, or if the reports moved relative to each other."""
        best, best_shared, wanted = None, len(digests) / 2, set(digests)
        for path in [] if self.fresh else sorted(self.folder.glob(f"*{DIGESTS}")):
            stored = path.read_text(encoding="ascii").split()
            shared = len(wanted.intersection(stored))
            if shared > best_shared:
                best, best_shared = (path, stored), shared
        return None if best is None else renumbering(best[0].with_suffix(ENTRIES), best[1], digests)

    def save(self, key: str, digests: Sequence[str], entries: Entries) -> None:
        """Each file written whole or not at all; the digests last, as they make the entries found."""
        self.folder.mkdir(parents=True, exist_ok=True)
        write_whole(self.folder / f"{key}{ENTRIES}", pickle.dumps((LAYOUT, entries), protocol=pickle.HIGHEST_PROTOCOL))
        write_whole(self.folder / f"{key}{DIGESTS}", "\n".join(digests).encode("ascii"))

    def keep_only(self, keys: Iterable[str]) -> None:
        """Forget the partitions this build does not have."""
        kept = {f"{key}{suffix}" for key in keys for suffix in (ENTRIES, DIGESTS)}
        for path in self.folder.glob("*"):
            if path.name not in kept:
                path.unlink(missing_ok=True)


@dataclass(frozen=True)
class Stored:
    key: str              # the partition's version when stored
    numbers: np.ndarray   # the new number of each stored report, -1 for one gone
    entries: Entries


def renumbering(path: Path, old: list[str], digests: Sequence[str]) -> Stored | None:
    position = {digest: number for number, digest in enumerate(digests)}
    numbers = np.array([position.get(digest, -1) for digest in old], dtype=np.int64)
    kept = numbers[numbers >= 0]
    if len(position) < len(digests) or len(set(old)) < len(old) or np.any(np.diff(kept) <= 0):
        return None  # a digest twice, or reports reordered: patching would not keep the keys sorted
    try:
        layout, entries = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return Stored(path.stem, numbers, entries) if layout == LAYOUT and len(entries.lengths) == len(old) else None

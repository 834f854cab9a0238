"""The one owner of site/: pages are written to a staging folder beside it, then swapped in whole."""
from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

_RENAME_EXCHANGE = 2


class WriteError(Exception):
    pass


class SiteWriter:
    """Writes files under a staging folder; refuses a path twice or one outside the site.

    Use as a context manager: on success the staging folder replaces the site folder in one
    step, so a server never sees a half-built site; on failure the old site stays as it was.
    """

    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        self.written: set[str] = set()
        self.staging: Path | None = None

    def __enter__(self) -> SiteWriter:
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.site_dir.name}.building-", dir=self.site_dir.parent))
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        if exc_type is None:
            _swap_in(self.staging, self.site_dir)
        else:
            shutil.rmtree(self.staging, ignore_errors=True)

    def write(self, path: str, content: bytes | str) -> None:
        target = self._claim(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    def copy(self, path: str, source: Path) -> None:
        target = self._claim(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)

    def _claim(self, path: str) -> Path:
        relative = PurePosixPath(path)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts or path.endswith("/"):
            raise WriteError(f"refusing to write '{path}': not a file path inside the site")
        if path in self.written:
            raise WriteError(f"refusing to write '{path}' twice: two pages claim the same URL")
        self.written.add(path)
        return self.staging.joinpath(*relative.parts)


def _swap_in(staging: Path, site_dir: Path) -> None:
    os.chmod(staging, 0o755)
    if not site_dir.exists():
        staging.rename(site_dir)
        return
    if not _exchange(staging, site_dir):
        old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
        site_dir.rename(old)
        staging.rename(site_dir)
        staging = old
    shutil.rmtree(staging)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2); False where the system can't."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_cwd = -100
    result = renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0

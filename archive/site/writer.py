"""The one owner of site/: pages are written to a staging folder beside it, then swapped in whole.

A file whose bytes did not change is not written again: the staging folder gets a hard link to
the previous site's file, so it keeps its inode and modification time, and rsync or a CDN upload
moves only what changed.

The site retired by a swap is not deleted but kept beside it as .site.spare and becomes the next
build's staging folder, brought up to date file by file: creating and removing tens of thousands
of folders costs more than everything else an unchanged build does.
"""
from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from pathlib import Path

_RENAME_EXCHANGE = 2
_STAGING = ".{name}.building-"
_RETIRED = ".{name}.old-"
_SPARE = ".{name}.spare"


class WriteError(Exception):
    pass


class SiteWriter:
    """Writes files under a staging folder; refuses a path twice or one outside the site.

    Use as a context manager: on success the staging folder replaces the site folder in one
    step, so a server never sees a half-built site; on failure the old site stays as it was.
    `keep_unchanged=False` (build --clean) writes every file anew.
    """

    def __init__(self, site_dir: Path, keep_unchanged: bool = True):
        self.site_dir = site_dir
        self.keep_unchanged = keep_unchanged
        self.written: set[str] = set()
        self.staging: Path | None = None

    def __enter__(self) -> SiteWriter:
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        spare = self.site_dir.with_name(_SPARE.format(name=self.site_dir.name))
        remove_debris(self.site_dir, keep=spare if self.keep_unchanged else None)
        prefix = _STAGING.format(name=self.site_dir.name) + f"{os.getpid()}-"
        if self.keep_unchanged and spare.is_dir():
            self.staging = spare.with_name(prefix + "recycled")
            spare.rename(self.staging)
        else:
            self.staging = Path(tempfile.mkdtemp(prefix=prefix, dir=self.site_dir.parent))
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        if exc_type is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            return
        _remove_unclaimed(self.staging, self.written)
        _swap_in(self.staging, self.site_dir, self.site_dir.with_name(_SPARE.format(name=self.site_dir.name)) if self.keep_unchanged else None)

    def write(self, path: str, content: bytes | str) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = self._claim(path)
        previous = Path(os.path.join(self.site_dir, path))
        if self.keep_unchanged and _same_bytes(previous, data):
            _link(previous, target)
            return
        _replace_file(target, data)

    def copy(self, path: str, source: Path) -> None:
        self.write(path, source.read_bytes())

    def reuse(self, path: str, signature: tuple[int, int] | None = None) -> bool:
        """Keep the previous site's file, or folder of files, at `path` as it is; False if there is
        none, or if the file's signature (size, mtime_ns) is not the one given."""
        previous = Path(os.path.join(self.site_dir, path))
        if not self.keep_unchanged or previous.is_symlink() or not previous.exists():
            return False
        if previous.is_file():
            if signature is not None and signature != file_signature(previous):
                return False
            _link(previous, self._claim(path))
            return True
        for folder, _, names in os.walk(previous):
            for name in sorted(names):
                file = Path(folder) / name
                _link(file, self._claim(file.relative_to(self.site_dir).as_posix()))
        return True

    def signature(self, path: str) -> tuple[int, int]:
        """(size, mtime_ns) of a file of the new site, to recognise it in the next build."""
        return file_signature(Path(os.path.join(self.staging, path)))

    def _claim(self, path: str) -> Path:
        parts = path.split("/")
        if not path or any(part in ("", ".", "..") for part in parts):
            raise WriteError(f"refusing to write '{path}': not a file path inside the site")
        if path in self.written:
            raise WriteError(f"refusing to write '{path}' twice: two pages claim the same URL")
        self.written.add(path)
        return Path(os.path.join(self.staging, path))


def remove_debris(site_dir: Path, keep: Path | None = None) -> None:
    """Staging and retired folders left by builds that were killed (not by one still running).
    With `keep`, the spare folder, one of them becomes the spare if there is none."""
    for prefix in (_STAGING.format(name=site_dir.name), _RETIRED.format(name=site_dir.name)):
        for folder in sorted(site_dir.parent.glob(prefix + "*")):
            pid = folder.name[len(prefix):].split("-")[0]
            if pid.isdigit() and _running(int(pid)):
                continue
            if keep is not None and not keep.exists():
                folder.rename(keep)
            else:
                shutil.rmtree(folder, ignore_errors=True)
    if keep is None:
        shutil.rmtree(site_dir.with_name(_SPARE.format(name=site_dir.name)), ignore_errors=True)


def _remove_unclaimed(staging: Path, claimed: set[str]) -> None:
    """What a recycled staging folder holds that this build did not write: files, then empty folders."""
    root = str(staging)
    for folder, directories, names in os.walk(root, topdown=False):
        prefix = folder[len(root) + 1:].replace(os.sep, "/")
        for name in names:
            if (f"{prefix}/{name}" if prefix else name) not in claimed:
                os.unlink(os.path.join(folder, name))
        for directory in directories:
            try:
                os.rmdir(os.path.join(folder, directory))
            except OSError:  # not empty: it holds claimed files
                pass


def _replace_file(target: Path, data: bytes) -> None:
    """A new file: never written through an old one, which may be a hard link into the live site."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    target.write_bytes(data)


def file_signature(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and not path.is_symlink() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _link(source: Path, target: Path) -> None:
    """target becomes the same file as source (already is, when recycled from two builds ago)."""
    try:
        if target.samefile(source):
            return
        target.unlink()
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copy2(source, target)


def _swap_in(staging: Path, site_dir: Path, spare: Path | None) -> None:
    """staging becomes site_dir; the old site becomes the spare, or is removed."""
    os.chmod(staging, 0o755)
    if not site_dir.exists():
        staging.rename(site_dir)
        return
    if not _exchange(staging, site_dir):
        old = site_dir.with_name(_RETIRED.format(name=site_dir.name) + str(os.getpid()))
        site_dir.rename(old)
        staging.rename(site_dir)
        staging = old
    if spare is not None:
        staging.rename(spare)
    else:
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

"""The one owner of site/: pages are written to a staging folder beside it, then swapped in whole.

A file whose bytes did not change is not written again: the staging folder gets a hard link to
the previous site's file, so it keeps its inode and modification time, and rsync or a CDN upload
moves only what changed.

The site retired by a swap is not deleted but kept beside it as .site.spare and becomes the next
build's staging folder, brought up to date file by file: creating and removing tens of thousands
of folders costs more than everything else an unchanged build does.

No staging folder is made until the build writes a file that differs from the site's: a build that
changes nothing leaves site/ exactly as it was, without linking or swapping anything.

A first build (no site yet) links each file it writes into a new spare as well: the first build
that changes something then recycles it, instead of linking the whole site file by file while the
editor waits, and a link made beside each write costs a fraction of that.
"""
from __future__ import annotations

import ctypes
import os
import pickle
import shutil
import stat
import tempfile
from functools import partial
from pathlib import Path

from archive.files import write_whole
from archive.site.parallel import Background

_RENAME_EXCHANGE = 2
_STAGING = ".{name}.building-"
_RETIRED = ".{name}.old-"
_SPARE = ".{name}.spare"
_RECORD = ".{name}.files"
TIDY_APART_FROM = 64  # files: fewer are tidied in passing, as the spare is recycled


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
        self.spare = site_dir.with_name(_SPARE.format(name=site_dir.name))
        self.record = _Record(site_dir.with_name(_RECORD.format(name=site_dir.name)))
        self.staging_holds: set[str] | None = None  # the files of a recycled staging folder, when known
        self.staged_as_site: set[str] = set()  # files of a recycled staging folder that are the site's files already
        self.renewed: set[str] = set()  # files written anew, not kept: where the site will differ from the spare
        self.folders: set[str] = set()  # folders of the staging folder known to exist
        self.site_holds: set[str] | None = None  # the files of the site folder, when known
        self.kept_before_staging: list[tuple[str, os.stat_result, str, bool]] = []  # _keep's arguments
        self.mirror_folders: set[str] | None = None  # a first build's spare being made: its folders made so far
        self.tidying: Background[None] | None = None  # the spare brought up to date while the build works

    def __enter__(self) -> SiteWriter:
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        if remove_debris(self.site_dir, keep=self.spare if self.keep_unchanged else None):
            self.record.forget_spare()  # a killed build's staging folder: what it holds is not known
        if self.keep_unchanged:
            self.site_holds = self.record.files_of(self.site_dir, "site")
        if self.site_holds is None:  # nothing to compare the build with: it is staged from the start
            self._stage()
        else:
            self.tidying = self._tidy_spare()
        return self

    def _tidy_spare(self) -> Background[None] | None:
        """While the build works out what changed, another process rids the spare of the files the
        last build removed or wrote anew (each a last link whose freeing, on a disk that discards
        freed blocks, costs up to a millisecond), so that recycling it later costs little. Only
        files the record says the spare holds are touched, so a tidying cut short leaves the
        record true enough: recycling tolerates a file already gone or already linked."""
        if not self.spare.is_dir():
            return None
        spare_holds, renewed = self.record.files_of(self.spare, "spare"), self.record.files_of(self.spare, "renewed")
        if spare_holds is None or renewed is None:
            return None
        stale, relinked = spare_holds - self.site_holds, spare_holds & self.site_holds & renewed
        if len(stale) + len(relinked) < TIDY_APART_FROM:
            return None
        return Background(partial(_tidy, str(self.spare), str(self.site_dir), stale, relinked), workers=2)

    def _stage(self) -> None:
        """Make the staging folder, holding what was kept so far."""
        prefix = _STAGING.format(name=self.site_dir.name) + f"{os.getpid()}-"
        self._finish_tidying()
        if self.keep_unchanged and self.spare.is_dir():
            self.staging_holds = self.record.files_of(self.spare, "spare")
            renewed = self.record.files_of(self.spare, "renewed")
            if self.staging_holds is not None and renewed is not None and self.site_holds is not None:
                # The spare is the site before last: it shares every file the last build kept.
                self.staged_as_site = (self.staging_holds & self.site_holds) - renewed
            self.staging = self.spare.with_name(prefix + "recycled")
            self.spare.rename(self.staging)
        else:
            self.staging = Path(tempfile.mkdtemp(prefix=prefix, dir=self.site_dir.parent))
            self.staging_holds = set()
            if self.keep_unchanged and not self.site_dir.exists() and not self.spare.exists():
                self.spare.mkdir()
                self.mirror_folders = {str(self.spare)}
        for kept in self.kept_before_staging:
            self._link_staged(*kept)
        self.kept_before_staging = []

    def _finish_tidying(self) -> None:
        if self.tidying is not None:
            self.tidying.result()
            self.tidying = None

    def __exit__(self, exc_type, exc, traceback) -> None:
        if exc_type is not None:
            if self.tidying is not None:
                self.tidying.stop()  # cut short: the record stays true enough
            if self.staging is not None:
                self._discard_staging()
            return
        self._finish_tidying()
        if self.staging is None:
            if self.written == self.site_holds:  # the site is already what this build made
                return
            self._stage()
        if self.staging_holds is None:
            _remove_unclaimed(self.staging, self.written)
        else:
            _remove_files(self.staging, self.staging_holds - self.written)
        _swap_in(self.staging, self.site_dir, self.spare if self.keep_unchanged else None)
        if self.mirror_folders is not None:  # the spare is the site, file for file
            self.record.save({"site": (self.site_dir, self.written), "spare": (self.spare, self.written), "renewed": (self.spare, set())})
        else:
            self.record.save({"site": (self.site_dir, self.written), "spare": (self.spare, self.site_holds),
                              "renewed": (self.spare, self.renewed if self.site_holds is not None else None)})

    def _discard_staging(self) -> None:
        """A failed build's staging folder becomes the spare again (removing tens of thousands of
        folders takes minutes on some disks); what it holds is no longer known."""
        if self.mirror_folders is not None:
            shutil.rmtree(self.spare, ignore_errors=True)
        if self.keep_unchanged and not self.spare.exists():
            self.record.save({"site": (self.site_dir, self.record.files_of(self.site_dir, "site")), "spare": (self.spare, None)})
            self.staging.rename(self.spare)
        else:
            shutil.rmtree(self.staging, ignore_errors=True)

    def write(self, path: str, content: bytes | str) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        self._claim(path)
        previous = f"{self.site_dir}/{path}"
        status = _same_bytes(previous, data) if self.keep_unchanged else None
        if status:
            self._keep(previous, status, path, as_written=False)
            return
        with open(self._make_room(path), "wb") as stream:
            stream.write(data)
        self._mirror(path)

    def _make_room(self, path: str) -> str:
        """Where a new file at path goes in the staging folder (made first if need be), made free:
        a new file is never written through an old one, which may be a hard link into the live
        site. Only a recycled staging folder can hold one."""
        if self.staging is None:
            self._stage()
        target = f"{self.staging}/{path}"
        folder = target.rpartition("/")[0]
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        if self.staging_holds is None or path in self.staging_holds:
            try:
                os.unlink(target)
            except FileNotFoundError:
                pass
        self.renewed.add(path)
        return target

    def _mirror(self, path: str) -> None:
        """A first build's new file goes into the spare too."""
        if self.mirror_folders is None:
            return
        target = f"{self.spare}/{path}"
        folder = target.rpartition("/")[0]
        if folder not in self.mirror_folders:
            os.makedirs(folder, exist_ok=True)
            self.mirror_folders.add(folder)
        _new_link(f"{self.staging}/{path}", target)

    def keep_signed(self, files: list[tuple[str, tuple[int, int]]]) -> set[str]:
        """Of the (path, signature) given, the paths whose previous file is kept as it is: a regular
        file whose signature (size, mtime_ns) is the one given, as this writer left it."""
        kept = set()
        if not self.keep_unchanged:
            return kept
        for path, signature in files:
            previous = f"{self.site_dir}/{path}"
            try:
                status = os.lstat(previous)
            except OSError:
                continue
            if stat.S_ISREG(status.st_mode) and (status.st_size, status.st_mtime_ns) == signature:
                self._claim(path)
                self._keep(previous, status, path, as_written=True)
                kept.add(path)
        return kept

    def reuse(self, path: str) -> bool:
        """Keep the previous site's file, or folder of files, at `path` as it is; False if there is
        none. The files are ones only this writer writes (the search index)."""
        if not self.keep_unchanged:
            return False
        previous = f"{self.site_dir}/{path}"
        status = _regular_file(previous)
        if status:
            self._claim(path)
            self._keep(previous, status, path, as_written=True)
            return True
        if not _is_folder(previous):
            return False
        for folder, _, names in os.walk(previous):
            relative = os.path.relpath(folder, self.site_dir).replace(os.sep, "/")
            for name in sorted(names):
                file = os.path.join(folder, name)
                self._claim(f"{relative}/{name}")
                self._keep(file, os.lstat(file), f"{relative}/{name}", as_written=True)
        return True

    def _keep(self, previous: str, status: os.stat_result, path: str, as_written: bool) -> None:
        """The previous site's file stays the file at path (claimed already). `as_written`: the file
        is known to be the one this writer left there (its recorded signature, or a file of the
        search index, which nothing else writes); the preview replaces report pages in place."""
        if self.staging is None:
            self.kept_before_staging.append((previous, status, path, as_written))
        else:
            self._link_staged(previous, status, path, as_written)

    def _link_staged(self, previous: str, status: os.stat_result, path: str, as_written: bool) -> None:
        if not (as_written and path in self.staged_as_site):
            _link(previous, status, f"{self.staging}/{path}")

    def read(self, path: str) -> bytes | None:
        """The previous site's file at `path`, if it has one and would be kept (not with --clean)."""
        return _previous_file(self.site_dir, path) if self.keep_unchanged else None

    def apply(self, deferred: list[tuple[str, str | None]]) -> None:
        """The files and reuses DeferredWrites recorded in another process: its files are moved in."""
        for path, written in deferred:
            if written is None:
                if not self.reuse(path):
                    raise WriteError(f"'{path}' 在生成期间被改动 (changed in the site during the build)")
                continue
            self._claim(path)
            shutil.move(written, self._make_room(path))
            self._mirror(path)

    def signature(self, path: str) -> tuple[int, int]:
        """(size, mtime_ns) of a file of the new site, to recognise it in the next build."""
        status = os.stat(f"{self.site_dir if self.staging is None else self.staging}/{path}")
        return status.st_size, status.st_mtime_ns

    def _claim(self, path: str) -> None:
        if (not path or path[0] == "/" or path[-1] == "/" or "//" in path
                or ("/." in "/" + path and any(part in (".", "..") for part in path.split("/")))):
            raise WriteError(f"拒绝写入 '{path}'：不是网站内的文件路径 (not a file path inside the site)")
        if path in self.written:
            raise WriteError(f"拒绝两次写入 '{path}'：两个页面使用同一网址 (written twice: two pages claim the same URL)")
        self.written.add(path)


class DeferredWrites:
    """What a stage run in another process writes (the search index, beside the rendering): the
    previous site is read as the writer would, a file that differs from the site's is written into
    `folder` (not held in memory), and the writer in the build's own process takes the files in
    and keeps what was reused (SiteWriter.apply)."""

    def __init__(self, site_dir: Path, keep_unchanged: bool, folder: Path) -> None:
        self.site_dir, self.keep_unchanged, self.folder = site_dir, keep_unchanged, folder
        self.recorded: list[tuple[str, str | None]] = []  # (path, the file written for it, or None: reused)

    def write(self, path: str, data: bytes) -> None:
        if self.keep_unchanged and _same_bytes(f"{self.site_dir}/{path}", data):
            self.recorded.append((path, None))
            return
        written = f"{self.folder}/{len(self.recorded)}"
        _write_new(written, data)
        self.recorded.append((path, written))

    def reuse(self, path: str) -> bool:
        previous = f"{self.site_dir}/{path}"
        if not self.keep_unchanged or not (_regular_file(previous) or _is_folder(previous)):
            return False
        self.recorded.append((path, None))
        return True

    def read(self, path: str) -> bytes | None:
        return _previous_file(self.site_dir, path) if self.keep_unchanged else None


def remove_debris(site_dir: Path, keep: Path | None = None) -> bool:
    """Staging and retired folders left by builds that were killed (not by one still running; one
    named with this process's id is another's that ran before the id was reused). With `keep`, the
    spare folder, one of them becomes the spare if there is none: True then."""
    adopted = False
    for prefix in (_STAGING.format(name=site_dir.name), _RETIRED.format(name=site_dir.name)):
        for folder in sorted(site_dir.parent.glob(prefix + "*")):
            pid = folder.name[len(prefix):].split("-")[0]
            if pid.isdigit() and int(pid) != os.getpid() and _running(int(pid)):
                continue
            if keep is not None and not keep.exists():
                folder.rename(keep)
                adopted = True
            else:
                shutil.rmtree(folder, ignore_errors=True)
    if keep is None:
        shutil.rmtree(site_dir.with_name(_SPARE.format(name=site_dir.name)), ignore_errors=True)
    return adopted


def _remove_unclaimed(staging: Path, claimed: set[str]) -> None:
    """What a recycled staging folder holds that this build did not write: files, then the folders
    left empty (only those are tried: most folders hold claimed files)."""
    _remove_unclaimed_in(str(staging), "", claimed)


def _remove_unclaimed_in(folder: str, prefix: str, claimed: set[str]) -> bool:
    """True when the folder is left empty."""
    empty = True
    with os.scandir(folder) as entries:
        for entry in entries:
            relative = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if _remove_unclaimed_in(entry.path, relative + "/", claimed):
                    os.rmdir(entry.path)
                else:
                    empty = False
            elif relative in claimed:
                empty = False
            else:
                os.unlink(entry.path)
    return empty


def _tidy(spare: str, site: str, stale: set[str], relinked: set[str]) -> None:
    """The spare without the files the site no longer has, and with the site's files where the
    last build wrote anew. Whatever fails is left to recycling, which checks each file again."""
    try:
        _remove_files(Path(spare), stale)
        for path in relinked:
            source = f"{site}/{path}"
            _link(source, os.lstat(source), f"{spare}/{path}")
    except OSError:
        pass


def _remove_files(staging: Path, paths: set[str]) -> None:
    """The given files, then the folders they leave empty."""
    folders = set()
    for path in paths:
        try:
            os.unlink(f"{staging}/{path}")
        except FileNotFoundError:
            pass
        folders.add(path.rpartition("/")[0])
    for folder in sorted(folders, key=lambda f: -f.count("/")):
        while folder:
            try:
                os.rmdir(f"{staging}/{folder}")
            except OSError:  # not empty, or gone with a folder inside it
                break
            folder = folder.rpartition("/")[0]


class _Record:
    """Which files the site folder and the spare folder hold, as the writer left them, each with the
    folder's identity (device, inode): a recycled spare then needs no listing of its thousands of
    folders to find what this build did not write. A folder that is not the one recorded is listed."""

    def __init__(self, path: Path):
        self.path = path
        self.loaded: dict[str, tuple[tuple[int, int], set[str]]] | None = None

    def files_of(self, folder: Path, role: str) -> set[str] | None:
        if self.loaded is None:
            self.loaded = self._load()
        known = self.loaded.get(role)
        return known[1] if known and known[0] == _identity(folder) else None

    def forget_spare(self) -> None:
        if self.loaded is None:
            self.loaded = self._load()
        self.loaded.pop("spare", None)
        self.loaded.pop("renewed", None)

    def save(self, roles: dict[str, tuple[Path, set[str] | None]]) -> None:
        known = {role: (_identity(folder), files) for role, (folder, files) in roles.items() if files is not None and _identity(folder) is not None}
        write_whole(self.path, pickle.dumps(known, protocol=pickle.HIGHEST_PROTOCOL))  # a half list would leave stale files

    def _load(self) -> dict[str, tuple[tuple[int, int], set[str]]]:
        try:
            loaded = pickle.loads(self.path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError, IndexError, KeyError):
            return {}  # none yet, or one of an older build's format: the folders are listed
        return loaded if isinstance(loaded, dict) else {}


def _identity(folder: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(folder)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _regular_file(path: str) -> os.stat_result | None:
    """The status of a regular file (not a link) at path, or None."""
    try:
        status = os.lstat(path)
    except OSError:
        return None
    return status if stat.S_ISREG(status.st_mode) else None


def _is_folder(path: str) -> bool:
    return not os.path.islink(path) and os.path.isdir(path)


def _same_bytes(path: str, data: bytes) -> os.stat_result | None:
    """The status of the regular file at path if it holds these bytes."""
    status = _regular_file(path)
    return status if status and status.st_size == len(data) and _read(path) == data else None


def _previous_file(site_dir: Path, path: str) -> bytes | None:
    previous = os.path.join(site_dir, path)
    return _read(previous) if _regular_file(previous) else None


def _write_new(path: str, data: bytes) -> None:
    """A new file, without a Python file object (a third less time for each of the thousand files
    a report added to the search index writes)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
    finally:
        os.close(descriptor)


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as stream:
            return stream.read()
    except OSError:
        return None


def _link(source: str, status: os.stat_result, target: str) -> None:
    """target becomes the same file as source (already is, when recycled from two builds ago)."""
    try:
        existing = os.lstat(target)
        if (existing.st_ino, existing.st_dev) == (status.st_ino, status.st_dev):
            return
        os.unlink(target)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
    _new_link(source, target)


def _new_link(source: str, target: str) -> None:
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

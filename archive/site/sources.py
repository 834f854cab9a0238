"""Which files under content/ are reports, and a line for every file that is skipped or refused."""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from archive.errors import ContentError, Problem

REPORT_SUFFIX = ".md"
# Files an editor may mean as reports but that are not read: said once each, never silently.
_LOOKALIKE_SUFFIXES = (".md", ".markdown", ".txt", ".mdown")


@dataclass(frozen=True)
class SourceFile:
    path: str        # where it is read from
    name: str        # how problems name it: content/2022/baodexian.md
    relative: str    # its place inside content/: 2022/baodexian.md
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Sources:
    files: tuple[SourceFile, ...]
    warnings: tuple[Problem, ...]


def find_sources(content_dir: Path, display_root: Path, max_bytes: int) -> Sources:
    """Every report file under content_dir, in sorted order. Links that leave content/ are not
    followed (like Hugo); hidden files (editors' .#lock files) are ignored."""
    if not content_dir.is_dir():
        raise ContentError([Problem(content_dir.as_posix(), 0, "内容文件夹不存在，没有可生成的报告 (the content folder does not exist)")])
    files, warnings, problems = [], [], []
    _look_in(str(content_dir), "", _Search(content_dir.resolve(), _display(content_dir, display_root), max_bytes, files, warnings, problems))
    if problems:
        raise ContentError(problems)
    if not files:
        raise ContentError([Problem(content_dir.as_posix(), 0, f"内容文件夹里没有报告（*{REPORT_SUFFIX} 文件），没有可生成的 (no reports in the content folder)")])
    return Sources(tuple(files), tuple(warnings))


@dataclass(frozen=True)
class _Search:
    root: Path
    shown: str  # how problems name content/
    max_bytes: int
    files: list[SourceFile]
    warnings: list[Problem]
    problems: list[Problem]


def _look_in(folder: str, inside: str, search: _Search) -> None:
    """A folder's files in name order, then its folders in name order (one listing each: the
    statuses of 10,000 reports are read once, as they are listed)."""
    with os.scandir(folder) as listing:
        entries = sorted((entry for entry in listing if not entry.name.startswith(".")), key=lambda entry: entry.name)
    folders = []
    for entry in entries:
        name = f"{search.shown}/{inside}{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            folders.append(entry)
        elif entry.is_symlink() and entry.is_dir():
            search.warnings.append(Problem(name, 0, "不读取链接的文件夹，请把其中的报告移入内容文件夹 (a linked folder is not followed)"))
        elif not entry.name.endswith(REPORT_SUFFIX):
            if entry.name.lower().endswith(_LOOKALIKE_SUFFIXES):
                search.warnings.append(Problem(name, 0, f"未读取：只有以 '{REPORT_SUFFIX}' 结尾的文件是报告 (not read)"))
        else:
            _add_report(entry, name, inside + entry.name, search)
    for entry in folders:
        _look_in(entry.path, f"{inside}{entry.name}/", search)


def _add_report(entry: os.DirEntry, name: str, relative: str, search: _Search) -> None:
    status, skipped = _status(entry, search.root)
    if skipped:
        search.warnings.append(Problem(name, 0, skipped))
    elif status.st_size > search.max_bytes:
        search.problems.append(Problem(name, 1, f"文件有 {status.st_size:,} 字节，超过上限 {search.max_bytes:,}（config.yaml 的 max_report_bytes）(file too large)"))
    else:
        search.files.append(SourceFile(entry.path, name, relative, status.st_size, status.st_mtime_ns))


def _status(entry: os.DirEntry, root: Path) -> tuple[os.stat_result | None, str | None]:
    """The file's status, or why it is skipped; one system call for a plain file, as most are."""
    status = entry.stat(follow_symlinks=False)
    if stat.S_ISLNK(status.st_mode):
        try:
            target = Path(entry.path).resolve(strict=True)
        except (OSError, RuntimeError):
            return None, "链接已失效，已跳过 (a broken link, skipped)"
        if not target.is_relative_to(root):
            return None, "不读取指向内容文件夹以外的链接 (a link outside the content folder is not followed)"
        status = os.stat(target)
    if not stat.S_ISREG(status.st_mode):
        return None, "不是普通文件，已跳过 (not a regular file, skipped)"
    return status, None


def _display(path: Path, display_root: Path) -> str:
    try:
        return path.relative_to(display_root).as_posix()
    except ValueError:
        return path.as_posix()

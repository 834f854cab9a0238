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
    root = content_dir.resolve()
    shown = _display(content_dir, display_root)
    files, warnings, problems = [], [], []
    for folder, directories, names in os.walk(content_dir):
        inside = os.path.relpath(folder, content_dir).replace(os.sep, "/")
        inside = "" if inside == "." else inside + "/"
        linked = [d for d in directories if os.path.islink(os.path.join(folder, d))]
        warnings += [Problem(f"{shown}/{inside}{d}", 0, "不读取链接的文件夹，请把其中的报告移入内容文件夹 (a linked folder is not followed)") for d in sorted(linked)]
        directories[:] = sorted(d for d in directories if not d.startswith(".") and d not in linked)
        for entry in sorted(n for n in names if not n.startswith(".")):
            name = f"{shown}/{inside}{entry}"
            if not entry.endswith(REPORT_SUFFIX):
                if entry.lower().endswith(_LOOKALIKE_SUFFIXES):
                    warnings.append(Problem(name, 0, f"未读取：只有以 '{REPORT_SUFFIX}' 结尾的文件是报告 (not read)"))
                continue
            path = os.path.join(folder, entry)
            status, skipped = _status(path, root)
            if skipped:
                warnings.append(Problem(name, 0, skipped))
                continue
            if status.st_size > max_bytes:
                problems.append(Problem(name, 1, f"文件有 {status.st_size:,} 字节，超过上限 {max_bytes:,}（config.yaml 的 max_report_bytes）(file too large)"))
                continue
            files.append(SourceFile(path, name, inside + entry, status.st_size, status.st_mtime_ns))
    if problems:
        raise ContentError(problems)
    if not files:
        raise ContentError([Problem(content_dir.as_posix(), 0, f"内容文件夹里没有报告（*{REPORT_SUFFIX} 文件），没有可生成的 (no reports in the content folder)")])
    return Sources(tuple(files), tuple(warnings))


def _status(path: str, root: Path) -> tuple[os.stat_result | None, str | None]:
    """The file's status, or why it is skipped; one system call for a plain file, as most are."""
    status = os.lstat(path)
    if stat.S_ISLNK(status.st_mode):
        try:
            target = Path(path).resolve(strict=True)
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

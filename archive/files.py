"""Files replaced whole or not at all."""
from __future__ import annotations

import os
import threading


def write_whole(target: str | os.PathLike, data: bytes) -> None:
    """A new file in place of the old, never written through the old one (which may be a hard link
    that a staging folder shares): a killed build never leaves half a file, in the site or the cache.
    The temporary name is this thread's own (the preview writes pages while a build runs), so writers
    side by side never share one."""
    target = os.fspath(target)
    folder, _, name = target.rpartition(os.sep)
    temporary = os.path.join(folder, f".{name.lstrip('.')}.tmp-{os.getpid()}-{threading.get_ident()}")
    try:
        with open(temporary, "wb") as stream:
            os.fchmod(stream.fileno(), 0o644)
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise

"""Files replaced whole or not at all."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_whole(target: Path, data: bytes) -> None:
    """A new file in place of the old, never written through the old one (which may be a hard link
    that a staging folder shares): a killed build never leaves half a file, in the site or the cache."""
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name.lstrip('.')}.tmp-")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

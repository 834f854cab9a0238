"""Bytes of a report copied off a web page → text: UTF-8 (with or without BOM) or GB18030/GBK."""
from __future__ import annotations

import codecs


class UndecodableReportError(ValueError):
    """The file is not text in an encoding government pages use; says which file and where."""

    def __init__(self, filename: object, problem: str):
        self.filename = str(filename)
        self.problem = problem
        super().__init__(f"{self.filename}: {problem}")


def decode_report_bytes(data: bytes, filename: object) -> str:
    """The text of a raw report file; GB18030 also reads GBK and GB2312, which many sites use."""
    if b"\x00" in data:
        raise UndecodableReportError(filename, "not a text file: it contains NUL bytes (UTF-16 or binary?)")
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8):], "utf-8", filename, "starts with a UTF-8 BOM but is not UTF-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode(data, "gb18030", filename, "neither UTF-8 nor GB18030/GBK text")


def _decode(data: bytes, encoding: str, filename: object, problem: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        bad = data[error.start : error.start + 4]
        raise UndecodableReportError(filename, f"{problem} (line {line}, byte {error.start}: {bad!r}); save it as UTF-8") from None

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
        raise UndecodableReportError(filename, "不是文本文件：含有 NUL 字节（UTF-16 或二进制文件？）(not a text file: NUL bytes)")
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8):], "utf-8", filename, "以 UTF-8 BOM 开头却不是 UTF-8 文本 (BOM but not UTF-8)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode(data, "gb18030", filename, "既不是 UTF-8 也不是 GB18030/GBK 文本 (neither UTF-8 nor GB18030/GBK)")


def _decode(data: bytes, encoding: str, filename: object, problem: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        bad = data[error.start : error.start + 4]
        raise UndecodableReportError(filename, f"{problem}：第 {line} 行，第 {error.start} 字节 {bad!r}，请以 UTF-8 保存") from None

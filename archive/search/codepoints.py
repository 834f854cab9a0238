"""Text as an array of its code points, for the per-character work the build does on every
report's whole text (folding, counting terms, UTF-16 offsets): array operations cost a fraction
of a Python loop over the characters."""
from __future__ import annotations

import numpy


def code_points(text: str) -> numpy.ndarray:
    """uint32, one per code point (a lone surrogate included)."""
    return numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)


def translated(text: str, lookup: numpy.ndarray) -> str:
    """The text with each code point replaced by lookup[point] (a table of every code point, as
    identity() makes)."""
    return mapped_points(text, lookup).tobytes().decode("utf-32-le", "surrogatepass")


def mapped_points(text: str, lookup: numpy.ndarray) -> numpy.ndarray:
    """translated(text, lookup) as code points (uint32)."""
    return lookup[code_points(text)]


def identity() -> numpy.ndarray:
    """A table of every code point (4.4 MB) mapping each to itself, for translated() once changed:
    one look-up per character, where a smaller table would need a test of each against its size."""
    return numpy.arange(0x110000, dtype=numpy.uint32)

"""Text as an array of its code points, for the per-character work the build does on every
report's whole text (folding, counting terms, UTF-16 offsets): array operations cost a fraction
of a Python loop over the characters."""
from __future__ import annotations

import numpy


def code_points(text: str) -> numpy.ndarray:
    """uint32, one per code point (a lone surrogate included)."""
    return numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)


def translated(text: str, lookup: numpy.ndarray) -> str:
    """The text with each code point below len(lookup) replaced by lookup[point]."""
    return mapped_points(text, lookup).tobytes().decode("utf-32-le", "surrogatepass")


def mapped_points(text: str, lookup: numpy.ndarray) -> numpy.ndarray:
    """translated(text, lookup) as code points (uint32)."""
    points = code_points(text)
    return numpy.where(points < len(lookup), lookup[numpy.minimum(points, len(lookup) - 1)], points).astype(numpy.uint32)

"""A partition's terms, from their numbers (archive/search/entries.py), in the forms the shard
format needs: their UTF-8 bytes, their buckets (FNV-1a over UTF-16 code units, as
static/search-core.js hashes a query's term) and their order in lunr.js, which compares strings by
UTF-16 code unit. All by array operations: a partition has hundreds of thousands of terms."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from archive.search.entries import utf16_order

FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193


@dataclass(frozen=True)
class Terms:
    utf8: bytes
    utf8_lengths: np.ndarray
    units: np.ndarray          # UTF-16 code units, uint32, term after term
    unit_lengths: np.ndarray
    lunr_order: np.ndarray     # each term's position in lunr.js's order

    @staticmethod
    def of(numbers: np.ndarray, words: list[str], word_base: int) -> Terms:
        """numbers ascending: the packed terms (first << 21 | second code point), then the words'."""
        packed = numbers[numbers < word_base]
        chosen = [words[n] for n in (numbers[len(packed):] - word_base).tolist()]
        first, second = packed >> 21, packed & 0x1FFFFF
        points = np.stack([first, second], axis=1).ravel()
        text = points[points > 0].astype(np.uint32).tobytes().decode("utf-32-le") + "".join(chosen)
        units = np.frombuffer(text.encode("utf-16-le"), np.uint16).astype(np.uint32)
        unit_lengths = np.concatenate([units_of(first) + units_of(second), [len(utf16_order(w)) // 2 for w in chosen]])
        utf8_lengths = np.concatenate([utf8_size(first) + utf8_size(second), [len(w.encode()) for w in chosen]])
        return Terms(text.encode(), utf8_lengths.astype(np.int64), units, unit_lengths.astype(np.int64),
                     lunr_positions(first, second, chosen))

    def buckets(self, count: int) -> np.ndarray:
        return fnv_buckets(self.units, self.unit_lengths, count)


def units_of(points: np.ndarray) -> np.ndarray:
    """UTF-16 code units of each code point, 0 for none."""
    return (points > 0).astype(np.int64) + (points > 0xFFFF)


def utf8_size(points: np.ndarray) -> np.ndarray:
    """UTF-8 bytes of each code point, 0 for none."""
    return (points > 0).astype(np.int64) + (points >= 0x80) + (points >= 0x800) + (points >= 0x10000)


def unit_rank(points: np.ndarray) -> np.ndarray:
    """Code points renumbered in UTF-16 order: an astral character's first unit (D800–DBFF) sorts it
    after U+D7FF and before U+E000."""
    astral = points > 0xFFFF
    high = (points >= 0xE000) & ~astral
    return np.where(astral, points - 0x10000 + 0xD800, np.where(high, points + 0x100000, points))


def lunr_positions(first: np.ndarray, second: np.ndarray, words: list[str]) -> np.ndarray:
    """Each term's position in UTF-16 order. A packed term compares by its code points' ranks, none
    before any; a word (three code points or more, in UTF-16 order already) right after the packed
    term of its first two code points, where one would be."""
    packed = unit_rank(first) << 22 | np.where(second > 0, unit_rank(second) + 1, 0)
    prefixes = np.array([[ord(w[0]), ord(w[1])] for w in words], dtype=np.int64).reshape(-1, 2)
    word_keys = unit_rank(prefixes[:, 0]) << 22 | unit_rank(prefixes[:, 1]) + 1
    order = np.argsort(np.concatenate([packed << 1, word_keys << 1 | 1]), kind="stable")
    positions = np.empty(len(order), dtype=np.int64)
    positions[order] = np.arange(len(order))
    return positions


def fnv_buckets(units: np.ndarray, lengths: np.ndarray, count: int) -> np.ndarray:
    """FNV-1a of each term's UTF-16 code units, modulo the bucket count; units as uint32, term after term."""
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    hashed = np.full(len(lengths), FNV_OFFSET, dtype=np.uint32)
    longer = np.arange(len(lengths))
    for position in range(int(lengths.max(initial=0))):
        longer = longer[lengths[longer] > position]
        hashed[longer] = (hashed[longer] ^ units[offsets[longer] + position]) * np.uint32(FNV_PRIME)
    return (hashed % count).astype(np.int64)


def buckets_of(terms: list[str], count: int) -> np.ndarray:
    """Each term's bucket, for terms given as strings."""
    units = np.frombuffer("".join(terms).encode("utf-16-le"), np.uint16).astype(np.uint32)
    return fnv_buckets(units, np.array([len(utf16_order(t)) // 2 for t in terms], dtype=np.int64), count)

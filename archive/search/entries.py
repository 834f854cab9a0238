"""A partition's postings as one sorted array of numbers, so that grouping them by term, field and
report costs one numpy sort of integers instead of Python objects per term.

Each posting (a term in one field of one report, with its count) is the int64

    term << (FIELD_BITS + document bits + TALLY_BITS) | field << (document bits + TALLY_BITS)
         | document << TALLY_BITS | count (CAPPED for a count of CAPPED or more, kept aside exactly)

where a term of one or two code points is its packed number (archive/search/documents.py), and a
longer word is WORD_BASE + its position among the partition's words, which are in UTF-16 order.
Sorted, the postings come grouped by term, then by field, with the documents ascending: the order
of the shard format (archive/search/postings.py). The weights are worked out from the counts when
the shards are written, as they depend on the partition's average field lengths.

Entries can be patched: when reports are added to a partition, edited or removed, its entries of
the previous build (kept in the build cache, archive/search/entrystore.py) lose the postings of the
reports gone and take those of the reports new, instead of sorting the whole partition again.
Renumbering reports or words keeps their order, so the kept postings stay sorted.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from archive.search.documents import FIELDS, FieldTokens
from archive.search.tokenizer import CJK_RANGES, WORD_RANGES

K1 = 1.2
B = 0.75
WEIGHT_FLOOR = 0.01
WEIGHT_STEP = 1.1
FIELD_BITS = max(1, (len(FIELDS) - 1).bit_length())
TALLY_BITS = 8
CAPPED = (1 << TALLY_BITS) - 1
# Weights are looked up in a table per report field for counts below this, nearly all of them.
TABLED_COUNTS = 32
AVERAGE_STEPS = 64
# Above every packed term: the tokenizer's characters are below this code point.
WORD_BASE = (max(high for _, high in (*CJK_RANGES, *WORD_RANGES)) + 1) << 21


@dataclass(frozen=True)
class Entries:
    keys: np.ndarray        # int64, ascending
    large: np.ndarray       # (n, 2) int64, by key: the key and count of each posting counted CAPPED times or more
    lengths: np.ndarray     # (documents, fields) int64: each field's length in tokens
    words: tuple[str, ...]  # in UTF-16 order; word n is term WORD_BASE + n

    @property
    def document_bits(self) -> int:
        return document_bits_for(len(self.lengths))

    @staticmethod
    def of(documents: Sequence[Sequence[FieldTokens]]) -> Entries:
        words = tuple(sorted(words_of(documents), key=utf16_order))
        keys, large = unsorted_keys(documents, range(len(documents)), words, document_bits_for(len(documents)))
        keys.sort()
        return Entries(keys, large, field_lengths(documents), words)

    def patched(self, numbers: np.ndarray, added: Mapping[int, Sequence[FieldTokens]]) -> Entries:
        """The entries of the partition's new reports: numbers[n] is the new number of report n, or
        -1 for a report gone; `added` gives the fields of each report new to it, by its number."""
        count = int((numbers >= 0).sum()) + len(added)
        bits = document_bits_for(count)
        words = tuple(sorted({*self.words, *words_of(added.values())}, key=utf16_order))
        position = {word: number for number, word in enumerate(words)}
        word_numbers = np.array([position[word] for word in self.words], dtype=np.int64)
        kept = renumbered(self.keys, self.document_bits, bits, numbers, word_numbers)
        kept_large = renumbered(self.large[:, 0], self.document_bits, bits, numbers, word_numbers)
        kept_counts = self.large[numbers[self.document_of(self.large[:, 0])] >= 0, 1]
        new_keys, new_large = unsorted_keys(list(added.values()), list(added), words, bits)
        new_keys.sort()
        lengths = np.zeros((count, len(FIELDS)), dtype=np.int64)
        lengths[numbers[numbers >= 0]] = self.lengths[numbers >= 0]
        lengths[list(added)] = field_lengths(list(added.values()))
        large = np.concatenate([np.stack([kept_large, kept_counts], axis=1), new_large])
        return Entries(np.insert(kept, np.searchsorted(kept, new_keys), new_keys), sorted_rows(large), lengths, words)

    def document_of(self, keys: np.ndarray) -> np.ndarray:
        return ((keys >> TALLY_BITS) & ((1 << self.document_bits) - 1)).astype(np.int32)

    def documents(self) -> np.ndarray:
        return self.document_of(self.keys)

    @cached_property
    def terms(self) -> np.ndarray:
        """The distinct terms, ascending."""
        terms = self.keys >> (TALLY_BITS + self.document_bits + FIELD_BITS)
        return terms[np.concatenate([[True], terms[1:] != terms[:-1]])] if len(terms) else terms

    def of_terms(self, chosen: np.ndarray) -> Entries:
        """The postings of the chosen terms only (a mask over `terms`), for the shards holding them."""
        shift = TALLY_BITS + self.document_bits + FIELD_BITS
        terms = self.keys >> shift
        starts = np.flatnonzero(np.concatenate([[True], terms[1:] != terms[:-1]])) if len(terms) else terms
        keep = np.repeat(chosen, np.diff(starts, append=len(terms)))
        large = self.large[np.isin(self.large[:, 0] >> shift, terms[starts[chosen]])]
        return Entries(self.keys[keep], large, self.lengths, self.words)

    def term_fields(self) -> np.ndarray:
        """term << FIELD_BITS | field, for each posting."""
        return self.keys >> (TALLY_BITS + self.document_bits)

    def averages(self) -> np.ndarray:
        """Each field's average length, as the weights take it (stepped_average)."""
        lengths = self.lengths.astype(np.float64)
        return np.array([stepped_average(lengths[:, n].sum() / len(lengths)) for n in range(lengths.shape[1])])

    def codes(self, documents: np.ndarray, term_fields: np.ndarray) -> np.ndarray:
        """Each posting's weight byte, given its document and term_fields()."""
        segments = documents * len(FIELDS) + (term_fields & ((1 << FIELD_BITS) - 1)).astype(np.int32)
        tallies = self.keys.astype(np.uint8)
        norms = segment_norms(self.lengths, self.averages())
        table = weight_code(norms[:, None], np.arange(TABLED_COUNTS, dtype=np.float64)).astype(np.uint8)
        codes = table.ravel()[segments * TABLED_COUNTS + np.minimum(tallies, TABLED_COUNTS - 1)]
        above = np.flatnonzero(tallies >= TABLED_COUNTS - 1)
        counts = tallies[above].astype(np.float64)
        capped = np.flatnonzero(tallies[above] == CAPPED)
        counts[capped] = self.large[np.searchsorted(self.large[:, 0], self.keys[above[capped]]), 1]
        codes[above] = weight_code(norms[segments[above]], counts)
        return codes


def document_bits_for(count: int) -> int:
    return max(1, (count - 1).bit_length())


def words_of(documents: Iterable[Sequence[FieldTokens]]) -> set[str]:
    return {word for fields in documents for field in fields if field.words for word in field.words.split("\n")}


def unsorted_keys(documents: Sequence[Sequence[FieldTokens]], numbers: Sequence[int], words: Sequence[str],
                  document_bits: int) -> tuple[np.ndarray, np.ndarray]:
    """The keys of these reports' postings, documents[i] numbered numbers[i], unsorted; and the
    (key, count) rows of those counted CAPPED times or more, by key."""
    shift = FIELD_BITS + document_bits + TALLY_BITS
    if (WORD_BASE + len(words)).bit_length() + shift > 62:  # see renumbered()
        raise ValueError(f"a partition of {1 << document_bits} reports is too large to index")
    segments = [field for fields in documents for field in fields]  # report by report, FIELDS order
    word_number = {word: WORD_BASE + position for position, word in enumerate(words)}
    split = [f.words.split("\n") if f.words else [] for f in segments]
    keys = np.concatenate([np.frombuffer(b"".join(f.packed for f in segments), np.int64),
                           np.array([word_number[word] for found in split for word in found], dtype=np.int64)])
    sizes = np.concatenate([[len(f.packed) >> 3 for f in segments], [len(found) for found in split]])
    segment_of = np.repeat(np.tile(np.arange(len(segments), dtype=np.int32), 2), sizes.astype(np.int64))
    fields = np.tile(np.arange(len(FIELDS), dtype=np.int64), len(documents)) << (document_bits + TALLY_BITS)
    places = fields | np.repeat(np.asarray(numbers, dtype=np.int64), len(FIELDS)) << TALLY_BITS
    tallies = np.frombuffer(b"".join([*(f.packed_counts for f in segments), *(f.word_counts for f in segments)]),
                            np.uint16)
    keys <<= shift
    keys |= places[segment_of]
    keys |= np.minimum(tallies, CAPPED)
    large = np.flatnonzero(tallies >= CAPPED)
    return keys, sorted_rows(np.stack([keys[large], tallies[large].astype(np.int64)], axis=1))


def renumbered(keys: np.ndarray, bits: int, new_bits: int, numbers: np.ndarray, word_numbers: np.ndarray) -> np.ndarray:
    """Sorted keys with their documents renumbered by `numbers` (those numbered -1 dropped) and
    their words by `word_numbers`."""
    documents = (keys >> TALLY_BITS) & ((1 << bits) - 1)
    if new_bits == bits and np.array_equal(word_numbers, np.arange(len(word_numbers))):  # nearly always
        # Keys are below 2^62, so a key whose document is gone becomes negative.
        moves = np.where(numbers >= 0, numbers - np.arange(len(numbers)), -(1 << (62 - TALLY_BITS))) << TALLY_BITS
        moved = keys + moves[documents]
        return moved[moved >= 0]
    renumbered_documents = numbers[documents]
    keep = renumbered_documents >= 0
    terms = keys[keep] >> (TALLY_BITS + bits)  # term << FIELD_BITS | field
    first_word = np.searchsorted(terms, WORD_BASE << FIELD_BITS)
    words = terms[first_word:]
    terms[first_word:] = (WORD_BASE + word_numbers[(words >> FIELD_BITS) - WORD_BASE]) << FIELD_BITS | (
        words & ((1 << FIELD_BITS) - 1))
    return terms << (TALLY_BITS + new_bits) | renumbered_documents[keep] << TALLY_BITS | keys[keep] & CAPPED


def sorted_rows(rows: np.ndarray) -> np.ndarray:
    return rows[np.argsort(rows[:, 0])] if len(rows) else np.zeros((0, 2), dtype=np.int64)


def field_lengths(documents: Sequence[Sequence[FieldTokens]]) -> np.ndarray:
    return np.array([[field.length for field in fields] for fields in documents], dtype=np.int64).reshape(-1, len(FIELDS))


def segment_norms(lengths: np.ndarray, averages: np.ndarray) -> np.ndarray:
    """BM25's length norm of each segment (a report's field, report by report), against the field's
    average length in the partition (`averages`), as lunr.Builder computes it but for the average, which is
    rounded to a power of 2^(1/AVERAGE_STEPS) (within 0.6%, a tenth of a weight's rounding): a
    report added or edited then leaves the other reports' weights, and their shards, as they were."""
    return (K1 * (1 - B + B * lengths.astype(np.float64) / averages)).ravel()


def stepped_average(average: float) -> float:
    return 2 ** (round(math.log2(average) * AVERAGE_STEPS) / AVERAGE_STEPS) if average > 0 else 1.0


def weight_code(norms: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """lunr.Builder's expression without idf and boost, stored as the nearest power of WEIGHT_STEP,
    as a multiple of WEIGHT_FLOOR."""
    with np.errstate(divide="ignore"):  # a count of 0, in the table only
        weights = (K1 + 1) * counts / (norms + counts)
        return np.clip(np.rint(np.log(weights / WEIGHT_FLOOR) / np.log(WEIGHT_STEP)), 0, 255)


def utf16_order(term: str) -> bytes:
    """lunr.js compares strings by UTF-16 code unit, so 𠀀 (D840 DC00) sorts before ﬀ (FB00)."""
    return term.encode("utf-16-be")

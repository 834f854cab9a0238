"""The files behind the site's full-text search, all under search/index/:

manifest.json   fields, and the first term of every section
s/N.json        section N: the number, first term and piece count of each of its chunks
c/N-K.json      piece K of chunk N: a lunr.js 2.3.9 index of one range of terms,
                for one range of reports (a large chunk is cut in pieces so
                that the browser loads and queries each in a few ms)
f/REF.json      one report's title, unit, region, year, level, url and text
facets.json     the years, levels and regions the filters offer
docs.json       each report's year, level and region, for filtering results

static/search.js reads them. A report's ref is its position in the input,
in base 36.
"""
from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass

from archive.search.lunr_writer import IndexedDocument, TermIndex, build_term_index, serialize
from archive.search.documents import SearchDocument
from archive.search.facets import facet_files
from archive.search.tokenizer import tokenize

INDEX_DIR = "search/index/"
# Field → boost: a word in the title or the unit's name outweighs the body.
FIELDS = {"title": 10, "unit": 10, "body": 1}
# Estimated bytes of uncompressed JSON per chunk, about 8 kB gzipped, and at
# most per piece: lunr.js takes ~10 µs per posting to query.
CHUNK_BYTES = 32_000
PIECE_BYTES = 64_000
BYTES_PER_POSTING = 24
# Chunks per section: at 10,000 reports a flat list of chunks would be ~70 kB.
SECTION_CHUNKS = 128



def build_search_files(documents: Sequence[SearchDocument]) -> dict[str, bytes]:
    refs = [base36(number) for number in range(len(documents))]
    index = term_index(documents)
    chunks = split_into_chunks(index)
    files = {
        f"{INDEX_DIR}c/{number}-{piece}.json": serialize(index, chunk.terms, documents)
        for number, chunk in enumerate(chunks) for piece, documents in enumerate(chunk.pieces)
    }
    sections = [chunks[start:start + SECTION_CHUNKS] for start in range(0, len(chunks), SECTION_CHUNKS)]
    files.update({f"{INDEX_DIR}s/{number}.json": to_json(section(number, part)) for number, part in enumerate(sections)})
    files[INDEX_DIR + "manifest.json"] = to_json(manifest(sections, len(documents)))
    files.update({f"{INDEX_DIR}f/{ref}.json": to_json(fragment(d)) for ref, d in zip(refs, documents)})
    files.update({INDEX_DIR + name: to_json(data) for name, data in facet_files(documents).items()})
    return files


def term_index(documents: Sequence[SearchDocument]) -> TermIndex:
    return build_term_index(FIELDS, [
        IndexedDocument(base36(number), field_tokens(document)) for number, document in enumerate(documents)
    ])


def base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = digits[number % 36]
    while number >= 36:
        number //= 36
        text = digits[number % 36] + text
    return text


def field_tokens(document: SearchDocument) -> tuple[list[str], ...]:
    """Tokens of title, unit and body; the unit field also holds the region, so
    a search for 东莞 finds the reports of units in 东莞市."""
    unit = " ".join((document.unit, *document.region))
    return tokenize(document.title), tokenize(unit), tokenize(document.text)


@dataclass(frozen=True)
class Chunk:
    terms: list[str]
    pieces: list[range]  # the reports of each piece


def split_into_chunks(index: TermIndex) -> list[Chunk]:
    """Consecutive runs of the UTF-16 sorted terms, each about CHUNK_BYTES,
    in pieces of at most about PIECE_BYTES."""
    runs: list[list[str]] = []
    sizes: list[int] = []
    for term in index.terms():
        size = len(term.encode()) + 40 + BYTES_PER_POSTING * len(index.postings[term].field_refs)
        if sizes and sizes[-1] + size <= CHUNK_BYTES:
            runs[-1].append(term)
            sizes[-1] += size
        else:
            runs.append([term])
            sizes.append(size)
    return [Chunk(terms, report_ranges(len(index.refs), math.ceil(size / PIECE_BYTES))) for terms, size in zip(runs, sizes)]


def report_ranges(count: int, parts: int) -> list[range]:
    bounds = [count * part // parts for part in range(parts + 1)]
    return [range(start, stop) for start, stop in zip(bounds, bounds[1:])]


def manifest(sections: list[list[Chunk]], document_count: int) -> dict:
    return {
        "documents": document_count,
        "fields": list(FIELDS),
        "sections": [chunks[0].terms[0] for chunks in sections],
    }


def section(number: int, chunks: list[Chunk]) -> dict:
    return {
        "firstChunk": number * SECTION_CHUNKS,
        "chunks": [chunk.terms[0] for chunk in chunks],
        "pieces": [len(chunk.pieces) for chunk in chunks],
    }


def fragment(document: SearchDocument) -> dict:
    return {
        "title": document.title,
        "unit": document.unit,
        "region": list(document.region),
        "year": document.year,
        "level": document.level,
        "url": document.url,
        "text": document.text,
    }


def to_json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()

"""The search index: lunr.py's weights, lunr.js's term order, chunks that
lunr.js loads and whose scores add up to the whole index's, determinism."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest
from lunr.builder import Builder

from archive.search import index as search_index
from archive.search.lunr_writer import serialize, utf16_order
from archive.site.reader import read_reports
from archive.search.documents import SearchDocument, search_documents
from archive.search.index import FIELDS, base36, build_search_files, field_tokens, term_index
from node_runner import LUNR_JS, REPO, run_node

INDEX = "search/index/"


@pytest.fixture(scope="module")
def seed_documents() -> list[SearchDocument]:
    return search_documents(read_reports(REPO / "content", REPO))


@pytest.fixture(scope="module")
def small_chunks(seed_documents) -> dict[str, bytes]:
    """The seed archive's files, cut into many chunks and several sections."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_index, "CHUNK_BYTES", 3000)
        patch.setattr(search_index, "PIECE_BYTES", 1500)
        patch.setattr(search_index, "SECTION_CHUNKS", 16)
        return build_search_files(seed_documents)


def document(title: str, text: str, unit: str = "某镇", region: tuple[str, ...] = ("某省",)) -> SearchDocument:
    return SearchDocument(url="reports/x/", title=title, unit=unit, region=region, year=2022, level="乡镇", text=text)


# ---------- the whole index against lunr.py ----------

def test_weights_and_postings_match_lunr_py(seed_documents) -> None:
    documents = seed_documents + [document("ICP备案 ICP", "义警 𠀀𠀁 﨎﨏 ICP icp 12345 １２３４５", unit="", region=())]
    ours = json.loads(serialize(index := term_index(documents), index.terms()))
    reference = lunr_py_index(documents).serialize()
    assert postings(ours) == postings(reference)
    assert vectors(ours) == vectors(reference)
    assert len(vectors(ours)) == 3 * len(documents) - 1  # the last document's unit field is empty


def lunr_py_index(documents: list[SearchDocument]):
    builder = Builder()  # no pipeline: the tokens are final
    builder.ref("ref")
    for number, (field, boost) in enumerate(FIELDS.items()):
        builder.field(field, boost=boost, extractor=lambda doc, number=number: doc["tokens"][number])
    for number, doc in enumerate(documents):
        builder.add({"ref": base36(number), "tokens": field_tokens(doc)})
    return builder.build()


def postings(serialized: dict) -> dict[str, dict[str, list[str]]]:
    return {
        term: {field: sorted(posting[field]) for field in serialized["fields"]}
        for term, posting in serialized["invertedIndex"]
    }


def vectors(serialized: dict) -> dict[str, dict[str, float]]:
    """Field ref → term → weight, leaving out zero weights (our writer drops them)."""
    terms = {posting["_index"]: term for term, posting in serialized["invertedIndex"]}
    return {
        field_ref: {terms[i]: w for i, w in zip(elements[::2], elements[1::2]) if w}
        for field_ref, elements in serialized["fieldVectors"]
        if any(elements[1::2])
    }


# ---------- lunr.js ----------

def test_terms_are_in_utf16_order_so_lunr_js_loads_astral_terms() -> None:
    index = term_index([document("报告", "𠀀𠀁 﨎﨏 复议")])
    terms = index.terms()
    assert terms.index("𠀀𠀁") < terms.index("﨎﨏")  # D840 < FA0E in UTF-16
    assert sorted(terms).index("𠀀𠀁") > sorted(terms).index("﨎﨏")  # the other way by code point
    found = run_node(
        f"const lunr = require({str(LUNR_JS)!r});"
        "const index = lunr.Index.load(input.index);"
        "console.log(JSON.stringify(input.terms.map(t => index.query(q => q.term(t, {usePipeline: false})).length)));",
        {"index": json.loads(serialize(index, terms)), "terms": ["𠀀𠀁", "﨎﨏", "复议"]},
    )
    assert found == [1, 1, 1]


def test_a_word_in_the_unit_or_title_outweighs_the_body() -> None:
    documents = [
        document("报告", "城区建设。" * 20 + "常平镇的经验。" * 5, unit="城关乡"),
        document("常平镇报告", "城区建设。" * 20, unit="城关乡"),
        document("报告", "城区建设。" * 20, unit="常平镇"),
    ]
    index = term_index(documents)
    ranked = run_node(
        f"const lunr = require({str(LUNR_JS)!r});"
        "const index = lunr.Index.load(input);"
        "const required = {presence: lunr.Query.presence.REQUIRED, usePipeline: false};"
        "console.log(JSON.stringify(index.query(q => { q.term('常平', required); q.term('平镇', required); })"
        ".map(match => match.ref)));",
        json.loads(serialize(index, index.terms())),
    )
    assert ranked[2] == "0"


def test_every_piece_of_every_chunk_loads_in_lunr_js_and_holds_its_range(seed_documents, small_chunks) -> None:
    chunks = chunk_pieces(small_chunks)
    loaded = run_node(
        f"const lunr = require({str(LUNR_JS)!r});"
        "const warnings = []; lunr.utils.warn = (message) => warnings.push(message);"
        "const terms = input.map(pieces => pieces.map(piece => {"
        "  const index = lunr.Index.load(piece);"  # throws if the terms are out of UTF-16 order
        "  return piece.invertedIndex.map(([term]) => term).filter(term => term in index.invertedIndex);"
        "}));"
        "console.log(JSON.stringify({terms, warnings}));",
        [[json.loads(piece) for piece in pieces] for pieces in chunks],
    )
    assert loaded["warnings"] == []
    boundaries = chunk_boundaries(small_chunks)
    assert len(chunks) > 30 and any(len(pieces) > 1 for pieces in chunks)
    assert all(pieces == [pieces[0]] * len(pieces) for pieces in loaded["terms"])  # each piece: all its chunk's terms
    assert [pieces[0][0] for pieces in loaded["terms"]] == boundaries
    every_term = [term for pieces in loaded["terms"] for term in pieces[0]]
    assert every_term == sorted(every_term, key=utf16_order)
    assert set(every_term) == set(term_index(seed_documents).postings)
    assert sum(len(piece_postings(piece)) for pieces in chunks for piece in pieces) == sum(
        len(posting.field_refs) for posting in term_index(seed_documents).postings.values())


def piece_postings(piece: bytes) -> list[tuple[str, str, str]]:
    return [(term, field, ref) for term, posting in json.loads(piece)["invertedIndex"]
            for field, refs in posting.items() if field != "_index" for ref in refs]


def chunk_pieces(files: dict[str, bytes]) -> list[list[bytes]]:
    counts = [count for number in range(len(sections(files))) for count in sections(files)[number]["pieces"]]
    return [[files[f"{INDEX}c/{number}-{piece}.json"] for piece in range(count)] for number, count in enumerate(counts)]


def sections(files: dict[str, bytes]) -> list[dict]:
    manifest = json.loads(files[INDEX + "manifest.json"])
    return [json.loads(files[f"{INDEX}s/{number}.json"]) for number in range(len(manifest["sections"]))]


def chunk_boundaries(files: dict[str, bytes]) -> list[str]:
    """The first term of every chunk, read through the manifest and its sections."""
    manifest, parts = json.loads(files[INDEX + "manifest.json"]), sections(files)
    assert [s["chunks"][0] for s in parts] == manifest["sections"]
    assert [s["firstChunk"] for s in parts] == [sum(len(t["chunks"]) for t in parts[:n]) for n in range(len(parts))]
    return [term for s in parts for term in s["chunks"]]


def test_chunked_scores_add_up_to_whole_index_scores(seed_documents, small_chunks) -> None:
    index = term_index(seed_documents)
    boundaries = chunk_boundaries(small_chunks)
    queries = random_queries(random.Random(7), seed_documents, count=60)
    queries_by_chunk = [{term: chunk_of(term, boundaries) for term in query} for query in queries]
    outcome = run_node(CHUNKED_AND_WHOLE, {
        "whole": json.loads(serialize(index, index.terms())),
        "chunks": [[json.loads(piece) for piece in pieces] for pieces in chunk_pieces(small_chunks)],
        "queries": queries_by_chunk,
    })
    assert all(whole for whole, _ in outcome)
    assert sum(len(set(query.values())) > 1 for query in queries_by_chunk) > 20
    for whole, chunked in outcome:
        assert same_scores(whole, chunked), (whole, chunked)


def random_queries(rng: random.Random, documents: list[SearchDocument], count: int) -> list[list[str]]:
    """One to three terms of one report, from any of its fields."""
    queries = []
    for _ in range(count):
        terms = sorted({token for tokens in field_tokens(rng.choice(documents)) for token in tokens})
        queries.append(rng.sample(terms, rng.randint(1, 3)))
    return queries


def chunk_of(term: str, boundaries: list[str]) -> int:
    return max(n for n, first in enumerate(boundaries) if utf16_order(first) <= utf16_order(term))


def same_scores(whole: list, chunked: list) -> bool:
    chunked_scores = dict(chunked)
    return dict(whole).keys() == chunked_scores.keys() and all(
        abs(score - chunked_scores[ref]) <= 1e-9 * score for ref, score in whole
    )


# The query of static/search.js: every term required; per piece, merged over
# a chunk's pieces, scaled and summed over chunks.
CHUNKED_AND_WHOLE = f"""
const lunr = require({str(LUNR_JS)!r});
function requireAll(query, terms) {{
  for (const term of terms) query.term(term, {{ presence: lunr.Query.presence.REQUIRED, usePipeline: false }});
}}
const scores = (index, terms, scale = 1) =>
  new Map(index.query(q => requireAll(q, terms)).map(m => [m.ref, m.score * scale]));
const whole = lunr.Index.load(input.whole);
const chunks = input.chunks.map(pieces => pieces.map(piece => lunr.Index.load(piece)));
const outcome = input.queries.map(query => {{
  const byChunk = new Map();
  for (const [term, chunk] of Object.entries(query)) byChunk.set(chunk, [...(byChunk.get(chunk) || []), term]);
  let summed = null;
  for (const [chunk, terms] of byChunk) {{
    const scale = Math.sqrt(terms.length / Object.keys(query).length);
    const found = new Map(chunks[chunk].flatMap(piece => [...scores(piece, terms, scale)]));
    summed = summed === null ? found
      : new Map([...summed].filter(([ref]) => found.has(ref)).map(([ref, s]) => [ref, s + found.get(ref)]));
  }}
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return [sorted(scores(whole, Object.keys(query))), sorted(summed)];
}});
console.log(JSON.stringify(outcome));
"""


# ---------- the files ----------

def test_fragments_manifest_and_filters(seed_documents) -> None:
    files = build_search_files(seed_documents)
    assert all(path.startswith(INDEX) for path in files)
    fragments = [json.loads(files[f"{INDEX}f/{base36(n)}.json"]) for n in range(len(seed_documents))]
    assert [f["url"] for f in fragments] == [d.url for d in seed_documents]
    assert set(fragments[0]) == {"title", "unit", "region", "year", "level", "url", "text"}
    facets = json.loads(files[INDEX + "facets.json"])
    assert facets["years"] == sorted({d.year for d in seed_documents}, reverse=True)
    assert "广东省/东莞市" in facets["regions"] and all(r.count("/") <= 1 for r in facets["regions"])
    docs = json.loads(files[INDEX + "docs.json"])
    places = [docs["places"][n] for n in docs["place"]]
    assert places == ["/".join((*d.region, d.unit)) for d in seed_documents]
    assert [facets["levels"][n] for n in docs["level"]] == [d.level for d in seed_documents]


def test_output_is_the_same_whatever_the_hash_seed() -> None:
    digests = {files_digest(hash_seed) for hash_seed in ("1", "2")}
    assert len(digests) == 1


def files_digest(hash_seed: str) -> str:
    program = (
        "import hashlib, sys; from pathlib import Path;"
        "from archive.site.reader import read_reports; from archive.search.documents import search_documents;"
        "from archive.search.index import build_search_files;"
        "files = build_search_files(search_documents(read_reports(Path('content'), Path('.'))));"
        "digest = hashlib.sha256();"
        "[digest.update(path.encode() + b'\\0' + data) for path, data in sorted(files.items())];"
        "print(digest.hexdigest(), len(files))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", program], cwd=REPO, capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONHASHSEED": hash_seed},
    )
    return completed.stdout

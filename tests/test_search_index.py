"""The search index: content-defined partitions that a new report barely
changes, shards that the browser's search-core.js decodes to exactly the
postings written, lunr.js scores that match lunr.py's and compare across
partitions, reuse of a previous build's files, determinism."""
from __future__ import annotations

import base64
import bisect
import gzip
import itertools
import json
import math
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from lunr.builder import Builder
from lunr.query import QueryPresence

from archive.search import partitions as search_partitions
from archive.search import postings as search_postings
from archive.search.documents import BOOSTS, FIELDS, SearchDocument, search_documents
from archive.search.entries import Entries
from archive.search.entrystore import EntryStore
from archive.search.index import MANIFEST, MemorySink, build_search_files, read_varints, write_search_index
from archive.search.postings import Layout, shard_files
from archive.search.partitions import Cuts, check_order, index_order, partitions
from archive.search import packing as search_packing
from archive.search.entries import K1, B, WEIGHT_FLOOR, WEIGHT_STEP, stepped_average, utf16_order
from archive.search.terms import buckets_of
from archive.site.reader import read_report, read_reports
from archive.site.writer import SiteWriter
from node_runner import LUNR_JS, REPO, run_node

INDEX = "search/index/"
SEARCH_CORE_JS = REPO / "static" / "search-core.js"
ALPHABET = "法治政府建设行政复议执法监督公开法律顾问乡镇街道"


@pytest.fixture(scope="module")
def seed_documents() -> list[SearchDocument]:
    return sorted(search_documents(read_reports(REPO / "content", REPO)), key=index_order)


def made_document(number: int, body: str, year: int = 2022, title: str = "报告", unit: str = "某镇") -> SearchDocument:
    """A report read from text, as the build reads one."""
    markdown = f"---\ntitle: {title}\nunit: {unit}\nyear: {year}\nregion: [某省]\nlevel: 乡镇\n---\n{body}\n"
    report, problems = read_report(markdown.encode(), f"r{number:04d}.md", Path(f"{year}/r{number:04d}.md"))
    assert report, problems
    return search_documents([report])[0]


def random_documents(count: int, seed: int = 3, length: int = 0) -> list[SearchDocument]:
    """Bodies of random characters; of `length` characters each if given."""
    rng = random.Random(seed)
    documents = [
        made_document(n, "".join(rng.choice(ALPHABET) for _ in range(length or rng.randint(20, 200))),
                      year=2020 + n % 3)
        for n in range(count)
    ]
    return sorted(documents, key=index_order)


@pytest.fixture
def small_cuts(monkeypatch):
    monkeypatch.setattr(search_partitions, "PARTITION_CUTS", Cuts(minimum=3, spread=8, maximum=20))
    monkeypatch.setattr(search_partitions, "BLOCK_CUTS", Cuts(minimum=1, spread=2, maximum=4))


@pytest.fixture
def small_shards(monkeypatch):
    """Many shards from a few reports; in this process only, so for one partition (built here, not in a worker)."""
    monkeypatch.setattr(search_postings, "BUCKET_BYTES", 16)
    monkeypatch.setattr(search_packing, "BLOCK", 512)


def read_gz_json(files: dict[str, bytes], path: str):
    return json.loads(gzip.decompress(files[path]))


# ---------- partitions ----------

def test_a_new_report_changes_at_most_two_partitions_and_blocks(small_cuts) -> None:
    documents = random_documents(120)
    before = list(partitions(documents))
    after = list(partitions(sorted([*documents, made_document(999, "新增的报告", year=2021)],
                                   key=index_order)))
    assert len(before) > 5
    # Its own, and the next when the minimum size moves a cut past it.
    assert 1 <= len({p.key for p in after} - {p.key for p in before}) <= 2
    blocks = lambda parts: {b.key for p in parts for b in p.blocks}  # noqa: E731
    assert 1 <= len(blocks(after) - blocks(before)) <= 2
    assert [d.url for p in before for d in p.documents] == [d.url for d in documents]


def test_documents_out_of_order_are_refused() -> None:
    newer, older = made_document(1, "甲", year=2022), made_document(2, "乙", year=2021)
    check_order(newer, older)
    with pytest.raises(ValueError, match="sorted by"):
        check_order(older, newer)


# ---------- shards, decoded as the browser decodes them ----------

def expected_postings(documents: list[SearchDocument]) -> dict[str, list[list[list[int]]]]:
    """term → per field [[document number, weight], ...], computed directly from lunr's formula."""
    expected: dict = {}
    for field_number in range(len(FIELDS)):
        fields = [d.fields[field_number] for d in documents]
        average = stepped_average(sum(f.length for f in fields) / len(fields))
        for number, field in enumerate(fields):
            for term, count in field.items():
                norm = K1 * (1 - B + B * field.length / average)
                weight = round(math.log((K1 + 1) * count / (norm + count) / WEIGHT_FLOOR) / math.log(WEIGHT_STEP))
                entry = expected.setdefault(term, [[] for _ in FIELDS])
                entry[field_number].append([number, weight])
    return expected


DECODE_ALL = f"""
const core = require({str(SEARCH_CORE_JS)!r});
const zlib = require("zlib");
const inflated = (base64) => new Uint8Array(zlib.gunzipSync(Buffer.from(base64, "base64")));
const decoded = {{}};
input.shards.forEach((base64, shard) => {{
  for (const [term, fields] of core.decodeShard(inflated(base64), new Set(input.terms), 3)) {{
    if (core.shardOf(input.buckets, term) !== input.firsts[shard]) throw new Error("term in the wrong shard: " + term);
    decoded[term] = fields.map((f) => Array.from(f.numbers, (n, i) => [n, f.weights[i]]));
  }}
}});
console.log(JSON.stringify(decoded));
"""


def shard_firsts(buckets: list[int]) -> list[int]:
    """Each shard's first bucket, which names its file, from a partition's buckets in the manifest."""
    return [0, *itertools.accumulate(buckets[1:-1])]


def partition_shards(files: dict[str, bytes], partition: dict) -> list[bytes]:
    folder = f"{INDEX}p/{partition['key']}/"
    return [files[f"{folder}{first}.gz"] for first in shard_firsts(partition["buckets"])]


def test_the_browser_decodes_every_posting_written(seed_documents, small_shards) -> None:
    documents = [*seed_documents, made_document(7, "𠀀𠀁 﨎﨏 ICP icp 12345 １２３４５", year=2020)]
    documents.sort(key=index_order)
    files = build_search_files(documents)
    manifest = read_gz_json(files, MANIFEST)
    assert len(manifest["partitions"]) == 1
    partition = manifest["partitions"][0]
    shards = partition_shards(files, partition)
    assert len(shards) > 10 and all(len(shard) <= search_packing.BLOCK for shard in shards[:-1])
    expected = expected_postings(documents)
    buckets = partition["buckets"]
    assert buckets == read_varints(gzip.decompress(files[f"{INDEX}p/{partition['key']}/buckets-{partition['version']}.gz"]))
    decoded = run_node(DECODE_ALL, {"shards": [base64.b64encode(s).decode() for s in shards],
                                    "buckets": buckets, "firsts": shard_firsts(buckets), "terms": list(expected)})
    assert decoded == expected
    count, *runs = buckets
    firsts = list(itertools.accumulate(runs))
    for number, shard in enumerate(shards):
        terms = shard_terms(gzip.decompress(shard))
        assert terms == sorted(terms, key=lambda term: (buckets_of([term], count)[0], utf16_order(term)))
        assert all(bisect.bisect_right(firsts, buckets_of([term], count)[0]) == number for term in terms)


def shard_terms(data: bytes) -> list[str]:
    """The terms of a shard, skipping their postings."""
    terms, at = [], 0

    def varint() -> int:
        nonlocal at
        value = shift = 0
        while True:
            byte = data[at]
            at += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value

    while at < len(data):
        length = varint()
        terms.append(data[at:at + length].decode())
        at += length
        for _ in FIELDS:
            count = varint()
            for _ in range(count):
                varint()
            at += count
    return terms


# ---------- scores ----------

RANK = f"""
const lunr = require({str(LUNR_JS)!r});
const core = require({str(SEARCH_CORE_JS)!r});
const zlib = require("zlib");
const manifest = input.manifest;
const chosen = manifest.partitions.map((p, i) => i);
const fetchFile = async (path) => new Uint8Array(zlib.gunzipSync(Buffer.from(input.files[path.split("?v=")[0]], "base64")));
(async () => {{
  const ranked = [];
  for (const terms of input.queries) {{
    const postings = await Promise.all(chosen.map((p) => core.partitionPostings(fetchFile, manifest, p, terms)));
    ranked.push(core.rank(lunr, manifest, chosen, postings, terms, input.lunrRanked ?? undefined)
      .map((r) => [r.partition, r.number, r.score]));
  }}
  console.log(JSON.stringify(ranked));
}})();
"""


def browser_ranking(files: dict[str, bytes], queries: list[list[str]], lunr_ranked: int | None = None) -> list[dict[str, float]]:
    """Per query, url → score, in rank order, as search-core.js ranks with lunr.js
    (lunr_ranked: how many of the best it has lunr.js score, when not its default)."""
    manifest = read_gz_json(files, MANIFEST)
    shards = {path[len(INDEX):]: base64.b64encode(data).decode() for path, data in files.items() if "/p/" in path}
    ranked = run_node(RANK, {"manifest": manifest, "files": shards, "queries": queries, "lunrRanked": lunr_ranked})
    urls = {}
    for number, partition in enumerate(manifest["partitions"]):
        first = 0
        for key, count in partition["blocks"]:
            for i in range(count):
                urls[(number, first + i)] = read_gz_json(files, f"{INDEX}f/{key}/{i}.gz")["url"]
            first += count
    return [{urls[(p, n)]: score for p, n, score in query} for query in ranked]


def lunr_py_scores(documents: list[SearchDocument], queries: list[list[str]]) -> list[dict[str, float]]:
    builder = Builder()  # no pipeline: the tokens are final
    builder.ref("url")
    for number, (field, boost) in enumerate(zip(FIELDS, BOOSTS)):
        builder.field(field, boost=boost, extractor=lambda doc, number=number: doc["tokens"][number])
    for document in documents:
        builder.add({"url": document.url, "tokens": [
            [term for term, count in field.items() for _ in range(count)] for field in document.fields]})
    index = builder.build()
    results = []
    for terms in queries:
        query = index.create_query()
        for term in terms:
            query.term(term, use_pipeline=False, presence=QueryPresence.REQUIRED)
        results.append({match["ref"]: match["score"] for match in index.query(query)})
    return results


def random_queries(rng: random.Random, documents: list[SearchDocument], count: int) -> list[list[str]]:
    """One to three terms of one report, from any of its fields."""
    queries = []
    for _ in range(count):
        terms = sorted({term for field in rng.choice(documents).fields for term, _ in field.items()})
        queries.append(rng.sample(terms, min(len(terms), rng.randint(1, 3))))
    return queries


def test_scores_are_lunr_py_scores_within_weight_rounding(seed_documents) -> None:
    queries = random_queries(random.Random(7), seed_documents, 40) + [["常平", "平镇"], ["行政", "政复", "复议"]]
    ours = browser_ranking(build_search_files(seed_documents), queries)
    reference = lunr_py_scores(seed_documents, queries)
    assert sum(len(r) > 1 for r in reference) > 5
    for found, expected in zip(ours, reference):
        assert found.keys() == expected.keys()
        for url, score in expected.items():
            assert found[url] == pytest.approx(score, rel=0.05)


def test_scores_compare_across_partitions(small_cuts) -> None:
    """With reports of one length, each partition's average is the archive's,
    so only the idf could differ, and it is the whole archive's."""
    documents = random_documents(60, length=80)
    queries = random_queries(random.Random(5), documents, 30)
    split = browser_ranking(build_search_files(documents), queries)
    assert len(read_gz_json(build_search_files(documents), MANIFEST)["partitions"]) > 3
    reference = lunr_py_scores(documents, queries)
    for found, expected in zip(split, reference):
        assert found.keys() == expected.keys()
        for url, score in expected.items():
            assert found[url] == pytest.approx(score, rel=0.05)


def test_lunr_scores_the_best_and_the_rest_keep_its_order(small_cuts) -> None:
    """Past the best few, which lunr.js scores, results keep the order and scores lunr.js would give."""
    documents = random_documents(80, seed=11, length=600)
    files = build_search_files(documents)
    queries = [["法治"], ["行政", "执法"], ["公开", "乡镇", "街道"]]
    few = browser_ranking(files, queries, lunr_ranked=3)
    every = browser_ranking(files, queries, lunr_ranked=10_000)
    assert all(len(ranking) > 10 for ranking in every)
    for partial, whole in zip(few, every):
        assert list(partial) == list(whole)
        assert list(partial.values()) == pytest.approx(list(whole.values()), rel=1e-9)


def test_a_unit_name_outweighs_the_body() -> None:
    documents = sorted([
        made_document(1, "城区建设。" * 20 + "常平镇的经验。" * 5, unit="城关乡"),
        made_document(2, "城区建设。" * 20, title="常平镇报告", unit="城关乡"),
        made_document(3, "城区建设。" * 20, unit="常平镇"),
    ], key=lambda d: d.url)
    ranked = browser_ranking(build_search_files(documents), [["常平", "平镇"]])[0]
    assert min(ranked, key=ranked.get) == "reports/2022/r0001/"


# ---------- the files, and reuse of the previous build's ----------

def test_fragments_manifest_and_filters(seed_documents) -> None:
    files = build_search_files(seed_documents)
    assert all(path.startswith(INDEX) and path.endswith(".gz") for path in files)
    manifest = read_gz_json(files, MANIFEST)
    assert manifest["fields"] == list(FIELDS) and manifest["boosts"] == list(BOOSTS)
    facets = manifest["facets"]
    assert facets["years"] == sorted({d.year for d in seed_documents}, reverse=True)
    assert "广东省/东莞市" in facets["regions"] and all(r.count("/") <= 1 for r in facets["regions"])
    fragments, filters = [], {"year": [], "level": [], "place": []}
    for partition in manifest["partitions"]:
        for key, count in partition["blocks"]:
            fragments += [read_gz_json(files, f"{INDEX}f/{key}/{n}.gz") for n in range(count)]
        for name, values in read_gz_json(files, f"{INDEX}p/{partition['key']}/docs.gz").items():
            filters[name] += values
    assert [f["url"] for f in fragments] == [d.url for d in seed_documents]
    assert set(fragments[0]) == {"title", "unit", "region", "year", "level", "published", "url", "text", "parts", "headings"}
    assert filters == {"year": [d.year for d in seed_documents], "level": [d.level for d in seed_documents],
                       "place": ["/".join((*d.region, d.unit)) for d in seed_documents]}


def test_an_unchanged_index_is_reused_whole_and_a_new_report_rewrites_little(small_cuts) -> None:
    documents = random_documents(200)
    first = MemorySink()
    write_search_index(documents, first)
    again = RecordingSink(first.files)
    write_search_index(documents, again)
    assert again.files == first.files and again.written == [MANIFEST]
    added = sorted([*documents, made_document(999, "行政复议" * 30, year=2021)], key=index_order)
    after = RecordingSink(first.files)
    write_search_index(added, after)
    assert after.files == build_search_files(added)
    written = sum(len(after.files[path]) for path in after.written)
    assert written < 0.2 * sum(map(len, after.files.values()))
    assert {path.split("/")[2] for path in after.written} == {"p", "f", "manifest.json.gz"}


def test_partitions_patched_from_the_stored_entries_are_the_files_of_a_build_from_scratch(small_cuts, tmp_path,
                                                                                         monkeypatch) -> None:
    """Add, edit and delete reports, a new word and a partition past a power of two reports included:
    the files are a scratch build's, byte for byte, whether the partition is patched or made anew."""
    documents = random_documents(150)
    store = EntryStore(tmp_path / "entries")
    first = MemorySink()
    write_search_index(documents, first, store)
    assert len(list((tmp_path / "entries").glob("*.entries"))) == len(read_gz_json(first.files, MANIFEST)["partitions"])
    edited = made_document(int(documents[40].url.strip("/").rsplit("r", 1)[1]), "行政复议 ICP备案 " * 9,
                           year=documents[40].year)
    changes = {
        "added": [*documents, made_document(999, "新增 report 行政复议" * 5, year=2021)],
        "edited": [edited if n == 40 else d for n, d in enumerate(documents)],
        "deleted": documents[:70] + documents[71:],
        "three added": [*documents, *(made_document(900 + n, "法治" * (n + 1), year=2022) for n in range(3))],
    }
    patches = []
    monkeypatch.setattr(Entries, "patched", lambda self, *work, patched=Entries.patched: patches.append(name)
                        or patched(self, *work))
    for name, changed in changes.items():
        changed = sorted(changed, key=index_order)
        patched = RecordingSink(first.files)
        write_search_index(changed, patched, EntryStore(tmp_path / "entries"))
        assert patched.files == build_search_files(changed), name
        assert name in patches
        first = patched  # the next change starts from this build and its stored entries


def number_of(document: SearchDocument) -> int:
    return int(document.url.strip("/").rsplit("r", 1)[1])


def changed_at(change: str, documents: list[SearchDocument], partition: tuple[SearchDocument, ...]) -> list[SearchDocument]:
    """The documents with one report added or removed where `change` says, in or around `partition`."""
    first, middle, last = partition[0], partition[len(partition) // 2], partition[-1]
    added = {  # a URL of the same year just before, or just after, the report named
        "added first": (number_of(first) - 1, first.year), "added in the middle": (number_of(middle) + 1, middle.year),
        "added last": (number_of(last) + 1, last.year), "added in a new year": (1, documents[0].year + 1),
    }
    removed = {"removed first": first, "removed in the middle": middle, "removed last": last,
               "removed, the last of its year": documents[-1]}
    if change in added:
        number, year = added[change]
        return sorted([*documents, made_document(number, "新增 report 行政复议" * 5, year=year)], key=index_order)
    return [d for d in documents if d is not removed[change]]


@pytest.mark.parametrize("change", ["added first", "added in the middle", "added last", "added in a new year",
                                    "removed first", "removed in the middle", "removed last",
                                    "removed, the last of its year"])
def test_a_report_added_or_removed_anywhere_rewrites_at_most_two_partitions_as_a_build_from_scratch(
        change, small_cuts, tmp_path, monkeypatch) -> None:
    """At a partition's start, middle or end, in a year of its own, or the last of its year gone:
    the partitions patched from the stored entries are a scratch build's files, byte for byte."""
    documents = sorted([*random_documents(150), made_document(9000, "旧年的唯一报告", year=2019)], key=index_order)
    assert documents[-1].year == 2019 and documents[-2].year == 2020
    store = EntryStore(tmp_path / "entries")
    first = MemorySink()
    write_search_index(documents, first, store)
    partition = list(partitions(documents))[3].documents
    changed = changed_at(change, documents, partition)
    assert abs(len(changed) - len(documents)) == 1
    patches = []
    monkeypatch.setattr(Entries, "patched", lambda self, *work, patched=Entries.patched: patches.append(1)
                        or patched(self, *work))
    after = RecordingSink(first.files)
    write_search_index(changed, after, EntryStore(tmp_path / "entries"))
    assert after.files == build_search_files(changed)
    assert patches
    folders = {path.split("/")[3] for path in after.written if path.startswith(f"{INDEX}p/")}
    assert 1 <= len(folders) <= 2


def test_entries_patched_for_reports_added_and_gone_equal_entries_made_anew() -> None:
    documents = [d.fields for d in random_documents(40, seed=5)]
    words = [made_document(n, f"report{n} 2024 法治", year=2022).fields for n in range(3)]
    before = Entries.of(documents[:16])  # 16 reports: four bits of numbers; 20 take five
    after = [*documents[:3], *documents[4:16], *words, documents[20]]
    numbers = np.array([0, 1, 2, -1, *range(3, 15)])
    patched = before.patched(numbers, {15: words[0], 16: words[1], 17: words[2], 18: documents[20]})
    scratch = Entries.of(after)
    assert np.array_equal(patched.keys, scratch.keys) and np.array_equal(patched.lengths, scratch.lengths)
    assert shard_files(patched, Layout.of(patched)) == shard_files(scratch, Layout.of(scratch))


def test_stored_entries_are_not_patched_when_reports_moved_or_few_are_shared(tmp_path) -> None:
    store = EntryStore(tmp_path)
    store.save("k", ("a", "b", "c", "d"), Entries.of([d.fields for d in random_documents(4)]))
    assert store.nearest(("a", "b", "x", "c", "d")).numbers.tolist() == [0, 1, 3, 4]
    assert store.nearest(("b", "a", "c", "d")) is None  # reordered
    assert store.nearest(("a", "x", "y", "z", "w")) is None  # shares less than half
    assert EntryStore(tmp_path, fresh=True).nearest(("a", "b", "c", "d")) is None


class RecordingSink(MemorySink):
    def __init__(self, previous: dict[str, bytes]) -> None:
        super().__init__(previous)
        self.written: list[str] = []
        self.reusing = False

    def reuse(self, path: str) -> bool:
        self.reusing = True
        try:
            return super().reuse(path)
        finally:
            self.reusing = False

    def write(self, path: str, data: bytes) -> None:
        super().write(path, data)
        if not self.reusing:
            self.written.append(path)


def test_output_is_the_same_whatever_the_hash_seed() -> None:
    digests = {files_digest(hash_seed) for hash_seed in ("1", "2")}
    assert len(digests) == 1


def files_digest(hash_seed: str) -> str:
    program = (
        "import hashlib; from pathlib import Path;"
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


def test_part_spans_count_utf16_units_as_the_browser_does() -> None:
    """A character outside the BMP (𠀀) before a part moves its offsets by two UTF-16 units."""
    from archive.search.documents import part_spans
    from archive.site.reader import read_report

    source = "---\ntitle: 某镇报告\nunit: 某镇\nyear: 2022\nregion: [某省]\n---\n𠀀镇工作。\n\n## 一、主要举措和成效\n\n推进。\n\n## 二、存在的不足和原因\n\n执法不够规范。\n"
    report, problems = read_report(source.encode(), "content/2022/x.md", Path("2022/x.md"))
    assert not problems
    spans = part_spans(report)
    text16 = report.body_text.encode("utf-16-le")
    start, end = spans["buzu"][0]
    assert "执法不够规范" in text16[2 * start:2 * end].decode("utf-16-le")
    assert "推进" not in text16[2 * start:2 * end].decode("utf-16-le")


def test_an_edit_rewrites_only_the_shards_of_the_segments_it_touches(small_shards, tmp_path, monkeypatch) -> None:
    """An edited report keeps its partition's folder, layout and other reports' weights: only the
    shard files of segments holding a term whose postings changed are packed and written again,
    and the files are a scratch build's; a shard file missing from the last build is made again."""
    monkeypatch.setattr(search_postings, "SEGMENT_BYTES", 256)
    documents = random_documents(60, length=150)
    first = MemorySink()
    write_search_index(documents, first, EntryStore(tmp_path / "store"))
    shutil.copytree(tmp_path / "store", tmp_path / "copy")
    partition = read_gz_json(first.files, MANIFEST)["partitions"][0]
    shards = {f"{INDEX}p/{partition['key']}/{n}.gz" for n in shard_firsts(partition["buckets"])}
    edited = [*documents]
    number = int(documents[30].url.strip("/").rsplit("r", 1)[1])
    edited[30] = made_document(number, documents[30].fragment_data()["text"] + "法治", year=documents[30].year)
    after = RecordingSink(first.files)
    write_search_index(edited, after, EntryStore(tmp_path / "store"))
    assert after.files == build_search_files(edited)
    now = read_gz_json(after.files, MANIFEST)["partitions"][0]
    assert now["key"] == partition["key"] and now["version"] != partition["version"]
    rewritten = shards & set(after.written)
    assert 0 < len(rewritten) < len(shards) / 3
    assert all(after.files[path] != first.files[path] for path in rewritten)
    punctuated = [*edited]
    punctuated[30] = made_document(number, documents[30].fragment_data()["text"] + "法治。", year=documents[30].year)
    same = RecordingSink(after.files)
    write_search_index(punctuated, same, EntryStore(tmp_path / "store"))  # no posting changes: no shard written
    assert same.files == build_search_files(punctuated) and not shards & set(same.written)
    missing = sorted(shards - rewritten)[0]
    gone = RecordingSink({path: data for path, data in first.files.items() if path != missing})
    write_search_index(edited, gone, EntryStore(tmp_path / "copy"))
    assert gone.files == after.files and missing in gone.written
    assert len(shards & set(gone.written)) < len(shards) / 2


def test_a_site_built_edit_after_edit_holds_the_files_of_a_build_from_scratch(small_cuts, tmp_path) -> None:
    """Through the site's writer, which recycles the site before last as its staging folder: shard
    files rewritten in place by one build, then reused by the next, are the bytes of this build."""
    documents = random_documents(60, length=120)
    site, store = tmp_path / "site", EntryStore(tmp_path / "entries")
    editions = [documents]
    for number in (10, 40, 10, 41, 10):
        changed = [*editions[-1]]
        text = changed[number].fragment_data()["text"] + "法治" * len(editions)
        changed[number] = made_document(int(documents[number].url.strip("/").rsplit("r", 1)[1]), text,
                                        year=documents[number].year)
        editions.append(changed)
    for edition in [*editions, editions[-1]]:
        with SiteWriter(site) as writer:
            write_search_index(edition, writer, store)
        written = {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}
        expected = build_search_files(edition)
        assert sorted(written) == sorted(expected)
        assert [path for path in expected if written[path] != expected[path]] == []

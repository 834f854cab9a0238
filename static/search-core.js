/* The search index in the browser: reading the files archive/search/index.py
 * writes, and scoring with lunr.js. No page here: static/search.js is the
 * page, and the tests run this file in Node.
 *
 * Scores. A shard holds each term's BM25 term-frequency part per report and
 * field (archive/search/postings.py); the idf is computed here, once the
 * query's shards of every partition have arrived, from the term's document
 * frequency summed over them and the reports counted in the manifest: the
 * same idf as one index of the whole archive, so scores from different
 * partitions compare. (Field lengths are normalized by each partition's
 * average, which for partitions of hundreds of reports is the archive's.)
 * Each partition's postings of the query's terms then become a lunr.Index,
 * weighted as lunr.Builder weighs (idf × tf part × field boost), which lunr
 * queries with every term required. */
(function (root) {
  "use strict";

  /** A file's bytes, inflated: stored gzipped, unless the host already
   * decoded them (it sent Content-Encoding: gzip for a .gz file). */
  async function inflate(response) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  const utf8 = new TextDecoder();

  function parseJson(bytes) {
    return JSON.parse(utf8.decode(bytes));
  }

  /** FNV-1a over UTF-16 code units, as archive/search/postings.py's shard_of. */
  function shardOf(term, count) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < term.length; i++) hash = Math.imul(hash ^ term.charCodeAt(i), 0x01000193) >>> 0;
    return hash % count;
  }

  /** A shard's postings of the wanted terms: term → per field {numbers, weights}. */
  function decodeShard(bytes, wanted, fieldCount) {
    const found = new Map();
    let at = 0;
    const varint = () => {
      let value = 0;
      for (let shift = 0; ; shift += 7) {
        const byte = bytes[at++];
        value += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) return value;
      }
    };
    while (at < bytes.length) {
      const length = varint();
      const term = utf8.decode(bytes.subarray(at, at + length));
      at += length;
      const fields = [];
      for (let field = 0; field < fieldCount; field++) {
        const count = varint();
        const numbers = new Array(count);
        for (let i = 0, number = -1; i < count; i++) numbers[i] = number += varint();
        fields.push({ numbers, weights: bytes.subarray(at, at + count) });
        at += count;
      }
      if (wanted.has(term)) found.set(term, fields);
    }
    return found;
  }

  /** lunr.idf: a report counts once for each of its fields holding the term. */
  function idf(documentFrequency, documentCount) {
    return Math.log(1 + Math.abs((documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5)));
  }

  /** Per term, the idf over all the given partitions' postings. */
  function inverseFrequencies(postingsByPartition, terms, documentCount) {
    const result = new Map();
    for (const term of terms) {
      let frequency = 0;
      for (const postings of postingsByPartition) {
        for (const field of postings.get(term) || []) frequency += field.numbers.length;
      }
      result.set(term, idf(frequency, documentCount));
    }
    return result;
  }

  /** The partition's reports that hold every term in some field. */
  function candidates(postings, terms) {
    let found = null;
    for (const term of terms) {
      const holding = new Set((postings.get(term) || []).flatMap((field) => field.numbers));
      found = found === null ? holding : new Set([...found].filter((number) => holding.has(number)));
      if (found.size === 0) break;
    }
    return found || new Set();
  }

  /** A lunr.Index of the terms' postings among the chosen reports; refs are report numbers. */
  function partitionIndex(lunr, manifest, postings, inverse, chosen) {
    const terms = [...postings.keys()].sort();  // UTF-16 order, as lunr.TokenSet requires
    const invertedIndex = Object.create(null);
    const vectors = new Map();
    terms.forEach((term, position) => {
      const entry = { _index: position };
      manifest.fields.forEach((field, f) => {
        const { numbers, weights } = postings.get(term)[f];
        const scale = inverse.get(term) * manifest.boosts[f] / manifest.weightScale;
        const refs = Object.create(null);
        numbers.forEach((number, i) => {
          if (!chosen.has(number)) return;
          refs[number] = {};
          const key = `${field}/${number}`;
          if (!vectors.has(key)) vectors.set(key, []);
          vectors.get(key).push(position, weights[i] * scale);
        });
        entry[field] = refs;
      });
      invertedIndex[term] = entry;
    });
    const fieldVectors = Object.create(null);
    for (const [key, elements] of vectors) fieldVectors[key] = new lunr.Vector(elements);
    return new lunr.Index({
      invertedIndex, fieldVectors, tokenSet: lunr.TokenSet.fromArray(terms),
      fields: manifest.fields, pipeline: new lunr.Pipeline(),
    });
  }

  /** Reports holding every term, best first: {partition, number, score}. */
  function rank(lunr, manifest, partitions, postingsByPartition, terms) {
    const documentCount = partitions.reduce((sum, p) => sum + manifest.partitions[p].documents, 0);
    const inverse = inverseFrequencies(postingsByPartition, terms, documentCount);
    const ranked = [];
    partitions.forEach((partition, i) => {
      const postings = postingsByPartition[i];
      const chosen = candidates(postings, terms);
      if (chosen.size === 0) return;
      const index = partitionIndex(lunr, manifest, postings, inverse, chosen);
      const matches = index.query((query) => {
        for (const term of terms) {
          query.term(term, { presence: lunr.Query.presence.REQUIRED, usePipeline: false });
        }
      });
      for (const { ref, score } of matches) ranked.push({ partition, number: Number(ref), score });
    });
    return ranked.sort((a, b) => b.score - a.score || a.partition - b.partition || a.number - b.number);
  }

  /** Where a report's fragment is: its block's folder and its number there. */
  function fragmentPath(manifest, partition, number) {
    let first = 0;
    for (const [key, count] of manifest.partitions[partition].blocks) {
      if (number < first + count) return `f/${key}/${number - first}.gz`;
      first += count;
    }
    throw new Error(`report ${number} is not in partition ${partition}`);
  }

  const api = { inflate, parseJson, shardOf, decodeShard, idf, rank, fragmentPath };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.SearchCore = api;
})(this);

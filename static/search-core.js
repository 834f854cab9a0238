/* The search index in the browser: reading the files archive/search/index.py
 * writes, and scoring with lunr.js. No page here: static/search.js is the
 * page, and the tests run this file in Node.
 *
 * Scores. A shard holds each term's BM25 term-frequency part per report and
 * field, as a one-byte code on a log scale (archive/search/postings.py); the
 * idf is computed here, once the query's shards of every partition have
 * arrived, from the term's document frequency summed over them and the
 * reports counted in the manifest: the same idf as one index of the whole
 * archive, so scores from different partitions compare. (Field lengths are normalized by each partition's
 * average, which for partitions of hundreds of reports is the archive's.)
 * Each partition's postings of the query's terms then become a lunr.Index,
 * weighted as lunr.Builder weighs (idf × tf part × field boost), which lunr
 * queries with every term required. */
(function (root) {
  "use strict";

  const utf8 = new TextDecoder();
  const utf8Encoder = new TextEncoder();

  function parseJson(bytes) {
    return JSON.parse(utf8.decode(bytes));
  }

  /** A term's bucket: FNV-1a over its UTF-16 code units, as archive/search/postings.py's buckets_of. */
  function bucketOf(term, count) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < term.length; i++) hash = Math.imul(hash ^ term.charCodeAt(i), 0x01000193) >>> 0;
    return hash % count;
  }

  /** The shard holding a term, by a partition's buckets in the manifest (the bucket count, then
   * how many buckets each shard holds), as the shard's first bucket, which names its file. */
  function shardOf(buckets, term) {
    const bucket = bucketOf(term, buckets[0]);
    for (let shard = 1, first = 0; shard < buckets.length; shard++) {
      if (bucket < first + buckets[shard]) return first;
      first += buckets[shard];
    }
    throw new Error(`bucket ${bucket} is in no shard`);
  }

  /** One partition's postings of the terms: term → per field {numbers, weights}.
   * fetchFile(path) resolves to a file's inflated bytes. */
  async function partitionPostings(fetchFile, manifest, partition, terms) {
    const { key, version, buckets } = manifest.partitions[partition];
    const byShard = new Map();
    for (const term of terms) {
      const shard = shardOf(buckets, term);
      byShard.set(shard, [...(byShard.get(shard) || []), term]);
    }
    const maps = await Promise.all([...byShard].map(async ([shard, wanted]) =>
      decodeShard(await fetchFile(`p/${key}/${shard}.gz?v=${version}`), new Set(wanted), manifest.fields.length)));
    return new Map(maps.flatMap((map) => [...map]));
  }

  /** A shard's postings of the wanted terms: term → per field {numbers, weights}.
   * Other terms are skipped, not decoded: a shard holds hundreds of them. */
  function decodeShard(bytes, wanted, fieldCount) {
    const found = new Map();
    const encoded = [...wanted].map((term) => [term, utf8Encoder.encode(term)]);
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
      const term = matching(bytes, at, length, encoded);
      at += length;
      const keep = term !== null;
      const fields = [];
      for (let field = 0; field < fieldCount; field++) {
        const count = varint();
        if (!keep) {
          for (let seen = 0; seen < count; at++) if (bytes[at] < 0x80) seen++;
          at += count;
          continue;
        }
        const numbers = new Int32Array(count);
        for (let i = 0, number = -1; i < count; i++) numbers[i] = number += varint();
        fields.push({ numbers, weights: bytes.subarray(at, at + count) });
        at += count;
      }
      if (keep) found.set(term, fields);
    }
    return found;
  }

  /** The wanted term whose UTF-8 bytes are bytes[at, at + length), or null. */
  function matching(bytes, at, length, encoded) {
    for (const [term, code] of encoded) {
      if (code.length !== length) continue;
      let i = 0;
      while (i < length && bytes[at + i] === code[i]) i++;
      if (i === length) return term;
    }
    return null;
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

  /** A weight's value by its one-byte code (archive/search/postings.py). */
  function weightTable(manifest) {
    return Array.from({ length: 256 }, (_, code) => manifest.weightFloor * manifest.weightStep ** code);
  }

  /** Where the number is in the ascending numbers, or -1. */
  function positionOf(numbers, number) {
    let low = 0;
    for (let high = numbers.length; low < high;) {
      const middle = (low + high) >>> 1;
      if (numbers[middle] < number) low = middle + 1;
      else high = middle;
    }
    return numbers[low] === number ? low : -1;
  }

  /** A lunr.Index of the terms' postings among the chosen reports (ascending numbers, found in
   * each term's postings by bisection: a common term's run thousands); refs are report numbers. */
  function partitionIndex(lunr, manifest, postings, scoring, chosen) {
    const terms = [...postings.keys()].sort();  // UTF-16 order, as lunr.TokenSet requires
    const invertedIndex = Object.create(null);
    const vectors = new Map();
    terms.forEach((term, position) => {
      const entry = { _index: position };
      manifest.fields.forEach((field, f) => {
        const { numbers, weights } = postings.get(term)[f];
        const scale = scoring.inverse.get(term) * manifest.boosts[f];
        const refs = Object.create(null);
        chosen.forEach((number) => {
          const i = positionOf(numbers, number);
          if (i < 0) return;
          refs[number] = {};
          const key = `${field}/${number}`;
          if (!vectors.has(key)) vectors.set(key, []);
          vectors.get(key).push(position, scoring.weightOf[weights[i]] * scale);
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

  /** The partition's reports that hold every term in some field, each with its score as
   * lunr.Index.query computes it for these terms, all required: per field, the report's vector
   * (idf × weight × boost per term) dotted with the query's (1 per term), over the query vector's
   * length, √terms; summed over the fields. */
  function summedScores(manifest, partition, postings, terms, scoring) {
    const size = manifest.partitions[partition].documents;
    const held = new Int32Array(size);  // how many of the terms each report holds
    const lastTerm = new Int32Array(size).fill(-1);
    const scores = new Float64Array(size);
    terms.forEach((term, t) => {
      (postings.get(term) || []).forEach(({ numbers, weights }, f) => {
        const scale = scoring.inverse.get(term) * manifest.boosts[f] / Math.sqrt(terms.length);
        for (let i = 0; i < numbers.length; i++) {
          const number = numbers[i];
          if (lastTerm[number] !== t) held[number]++;
          lastTerm[number] = t;
          scores[number] += scoring.weightOf[weights[i]] * scale;
        }
      });
    });
    const found = [];
    for (let number = 0; number < size; number++) {
      if (held[number] === terms.length) found.push({ partition, number, score: scores[number] });
    }
    return found;
  }

  const byScore = (a, b) => b.score - a.score || a.partition - b.partition || a.number - b.number;

  /** lunr.js's ranking of the given results, partition by partition. */
  function lunrRanking(lunr, manifest, partitions, postingsByPartition, terms, scoring, results) {
    const ranked = [];
    partitions.forEach((partition, i) => {
      const chosen = results.filter((r) => r.partition === partition).map((r) => r.number).sort((a, b) => a - b);
      if (chosen.length === 0) return;
      const index = partitionIndex(lunr, manifest, postingsByPartition[i], scoring, chosen);
      const matches = index.query((query) => {
        for (const term of terms) {
          query.term(term, { presence: lunr.Query.presence.REQUIRED, usePipeline: false });
        }
      });
      for (const { ref, score } of matches) ranked.push({ partition, number: Number(ref), score });
    });
    return ranked.sort(byScore);
  }

  // lunr.js scores and orders this many of the best candidates, more than a reader pages through;
  // building its index of every candidate (9,000 for 法律顾问 in 10,000 reports) took most of a
  // search's time. The rest keep the order of the same scores summed straight from the postings.
  const LUNR_RANKED = 100;

  /** The reports holding every term, best first by the scores summed straight from the postings
   * (those lunr.js computes, up to rounding), and the scoring: rank()'s first step, which tells the
   * page which fragments to fetch while lunr.js ranks. */
  function candidates(manifest, partitions, postingsByPartition, terms) {
    const documentCount = partitions.reduce((sum, p) => sum + manifest.partitions[p].documents, 0);
    const scoring = {
      inverse: inverseFrequencies(postingsByPartition, terms, documentCount), weightOf: weightTable(manifest),
    };
    const summed = partitions.flatMap((partition, i) =>
      summedScores(manifest, partition, postingsByPartition[i], terms, scoring));
    return { scoring, summed: summed.sort(byScore) };
  }

  /** The candidates best first, the best lunrRanked as lunr.js scores and orders them. */
  function rankCandidates(lunr, manifest, partitions, postingsByPartition, terms, found, lunrRanked = LUNR_RANKED) {
    const best = found.summed.slice(0, lunrRanked);
    return [...lunrRanking(lunr, manifest, partitions, postingsByPartition, terms, found.scoring, best),
      ...found.summed.slice(lunrRanked)];
  }

  /** Reports holding every term, best first: {partition, number, score}. */
  function rank(lunr, manifest, partitions, postingsByPartition, terms, lunrRanked = LUNR_RANKED) {
    const found = candidates(manifest, partitions, postingsByPartition, terms);
    return rankCandidates(lunr, manifest, partitions, postingsByPartition, terms, found, lunrRanked);
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

  const api = {
    parseJson, shardOf, partitionPostings, decodeShard, idf, candidates, rankCandidates, rank, fragmentPath,
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.SearchCore = api;
})(this);

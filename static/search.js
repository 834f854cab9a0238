/* The search page, over the files archive/search/index.py writes (read and
 * scored by search-core.js).
 *
 * A query's words are tokenized like the reports (tokenizer.js). For every
 * partition, only the shard file holding each token is fetched; the reports
 * holding every token are ranked by lunr.js. That is exactly the reports
 * containing each word when every word is one token (行政, 12345). A longer
 * word (行政复议) is found in every report holding all its bigrams, which is
 * more than hold the word itself: such results are verified against their
 * fragments, in rank order, as far as the page shown needs, and the count
 * says 约 until every candidate is verified. Results reach the page only as
 * text nodes. */
(function () {
  "use strict";

  const PAGE_SIZE = 5;
  const EXCERPT_BEFORE = 40;
  const EXCERPT_LENGTH = 140;
  const { tokenize, fold } = window.SearchTokenizer;
  const core = window.SearchCore;

  const app = document.getElementById("search-app");
  const form = document.getElementById("search-form");
  const input = document.getElementById("search-input");
  const filters = {
    year: document.getElementById("search-year"),
    level: document.getElementById("search-level"),
    region: document.getElementById("search-region"),
    part: document.getElementById("search-part"),
  };
  const status = document.getElementById("search-status");
  const results = document.getElementById("search-results");
  const list = results.querySelector("ol");
  const pager = document.getElementById("search-pages");
  const indexUrl = app.dataset.index;
  const basePath = app.dataset.base;
  let latestSearch = 0;

  /* ---------- files, each fetched once ---------- */

  class StaleManifest extends Error {}

  async function fetchBytes(path, options) {
    const response = await fetch(indexUrl + path, options);
    // Files are named by their content: a missing one means a newer build replaced the manifest.
    if (response.status === 404) throw new StaleManifest(path);
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return core.inflate(response);
  }

  /** make()'s promise, kept under key unless it fails, so that a retry fetches again. */
  function remembered(cache, key, make) {
    if (!cache.has(key)) {
      cache.set(key, make().catch((error) => {
        cache.delete(key);
        throw error;
      }));
    }
    return cache.get(key);
  }

  const files = new Map();
  function fetchFile(path) {
    return remembered(files, path, () => fetchBytes(path));
  }

  function fetchJson(path) {
    return remembered(files, `json:${path}`, async () => core.parseJson(await fetchBytes(path)));
  }

  let manifestPromise = null;
  /** The manifest, revalidated with the host on the first load and after a 404. */
  function loadManifest(reload = false) {
    if (reload || !manifestPromise) {
      manifestPromise = fetchBytes("manifest.json.gz", { cache: reload ? "reload" : "no-cache" }).then(core.parseJson);
      manifestPromise.catch(() => { manifestPromise = null; });
    }
    return manifestPromise;
  }

  /* ---------- finding and ranking ---------- */

  /** Per chosen partition, its postings of the tokens: term → per field {numbers, weights}. */
  function partitionPostings(manifest, partition, tokens) {
    const { key, shards } = manifest.partitions[partition];
    const byShard = new Map();
    for (const token of tokens) {
      const shard = core.shardOf(token, shards);
      byShard.set(shard, [...(byShard.get(shard) || []), token]);
    }
    return Promise.all([...byShard].map(async ([shard, terms]) =>
      core.decodeShard(await fetchFile(`p/${key}/${shard}.gz`), new Set(terms), manifest.fields.length)))
      .then((maps) => new Map(maps.flatMap((map) => [...map])));
  }

  async function rankAll(manifest, tokens, state) {
    const year = Number(state.year);
    const chosen = manifest.partitions.map((p, i) => i)
      .filter((i) => !year || (manifest.partitions[i].years[0] >= year && manifest.partitions[i].years[1] <= year));
    const postings = await Promise.all(chosen.map((p) => partitionPostings(manifest, p, tokens)));
    performance.mark("search-postings-arrived");
    const ranked = core.rank(lunr, manifest, chosen, postings, tokens);
    return state.year || state.level || state.region ? filtered(manifest, ranked, state) : ranked;
  }

  /** The results in the year, level and region chosen, from the partitions' filter data. */
  async function filtered(manifest, ranked, state) {
    const partitions = [...new Set(ranked.map((r) => r.partition))];
    const data = new Map(await Promise.all(partitions.map(async (p) =>
      [p, await fetchJson(`p/${manifest.partitions[p].key}/docs.gz`)])));
    const inRegion = (place) => place === state.region || place.startsWith(state.region + "/");
    return ranked.filter(({ partition, number }) => {
      const { year, level, place } = data.get(partition);
      return (!state.year || year[number] === Number(state.year))
        && (!state.level || level[number] === state.level) && (!state.region || inRegion(place[number]));
    });
  }

  /* ---------- words, phrases and verification ---------- */

  /** The query's space-separated words that have tokens, each with its folded phrase. */
  function queryWords(q) {
    return q.split(/\s+/u).map((word) => ({ phrase: trimSeparators(foldText(word).folded), tokens: tokenize(word) }))
      .filter((word) => word.tokens.length > 0);
  }

  function trimSeparators(phrase) {
    const chars = Array.from(phrase);
    const isTokenChar = (ch) => tokenize(ch).length > 0;
    while (chars.length && !isTokenChar(chars[0])) chars.shift();
    while (chars.length && !isTokenChar(chars[chars.length - 1])) chars.pop();
    return chars.join("");
  }

  /** A word that is one token is found exactly by the index; others need their fragments. */
  function needsVerifying(words) {
    return words.some((word) => word.tokens.length !== 1 || word.tokens[0] !== word.phrase);
  }

  function containsEveryWord(fragment, words, part) {
    if (part) {
      const text = foldText(partText(fragment, part)).folded;
      return words.every((word) => text.includes(word.phrase));
    }
    const text = foldText(fragment.text).folded;
    const heading = foldText([fragment.title, fragment.unit, ...fragment.region].join("\n")).folded;
    return words.every((word) => text.includes(word.phrase) || heading.includes(word.phrase));
  }

  /** The text of one required part (archive/parts.py), "" where the report has none. */
  function partText(fragment, part) {
    return ((fragment.parts || {})[part] || []).map(([start, end]) => fragment.text.slice(start, end)).join("\n");
  }

  /** One query's results as far as verified: kept while the reader pages through them. */
  class Results {
    constructor(manifest, ranked, words, part) {
      this.manifest = manifest;
      this.ranked = ranked;
      this.words = words;
      this.part = part;  // limited to one required part: every candidate is checked in it
      this.exact = !needsVerifying(words) && !part;
      this.checked = 0;      // ranked[0, checked) are verified
      this.shown = [];       // the verified ones that contain every word: {fragment}
    }

    fragment({ partition, number }) {
      return fetchJson(core.fragmentPath(this.manifest, partition, number));
    }

    /** Verifies candidates in rank order until `count` are known to contain every word. */
    async verifyUntil(count) {
      while (this.shown.length < count && this.checked < this.ranked.length) {
        const batch = this.ranked.slice(this.checked, this.checked + Math.max(count - this.shown.length, PAGE_SIZE));
        const fragments = await Promise.all(batch.map((result) => this.fragment(result)));
        this.checked += batch.length;
        this.shown.push(...fragments.filter((fragment) => this.exact || containsEveryWord(fragment, this.words, this.part)));
      }
    }

    async page(number) {
      const start = (number - 1) * PAGE_SIZE;
      if (this.exact) {
        return Promise.all(this.ranked.slice(start, start + PAGE_SIZE).map((result) => this.fragment(result)));
      }
      await this.verifyUntil(start + PAGE_SIZE);
      return this.shown.slice(start, start + PAGE_SIZE);
    }

    /** The count, whether it is exact (unverified candidates may not contain
     * every word), and whether results may follow the given page. */
    total(page) {
      const after = page * PAGE_SIZE;
      if (this.exact) return { count: this.ranked.length, exact: true, more: this.ranked.length > after };
      const unchecked = this.ranked.length - this.checked;
      return {
        count: this.shown.length + unchecked, exact: unchecked === 0, unchecked,
        more: this.shown.length > after || unchecked > 0,
      };
    }
  }

  /* ---------- excerpts ---------- */

  const foldedChars = new Map();

  /** A code point folded, remembered: reports use few characters outside the ideographs. */
  function foldChar(ch) {
    if (ch >= "\u4e00" && ch <= "\u9fff") return ch; // unified ideographs fold to themselves
    if (!foldedChars.has(ch)) foldedChars.set(ch, fold(ch));
    return foldedChars.get(ch);
  }

  /** Text folded one code point at a time, with the code point each UTF-16 unit came from. */
  function foldText(text) {
    const chars = Array.from(text);
    const origin = [];
    let folded = "";
    for (let i = 0; i < chars.length; i++) {
      const piece = foldChar(chars[i]);
      folded += piece;
      for (let k = 0; k < piece.length; k++) origin.push(i);
    }
    return { chars, folded, origin };
  }

  /** Code point ranges [start, end) where any needle occurs, sorted and merged. */
  function matchRanges(folding, needles) {
    const ranges = [];
    for (const needle of needles) {
      for (let at = folding.folded.indexOf(needle); at >= 0; at = folding.folded.indexOf(needle, at + needle.length)) {
        ranges.push([folding.origin[at], folding.origin[at + needle.length - 1] + 1]);
      }
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const range of ranges) {
      const last = merged[merged.length - 1];
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else merged.push(range);
    }
    return merged;
  }

  /** Appends chars[start, end) to parent as text, with matches in <mark>. */
  function appendMarked(parent, chars, ranges, start, end) {
    let at = start;
    for (const [from, to] of ranges) {
      if (to <= at || from >= end) continue;
      parent.append(chars.slice(at, Math.max(at, from)).join(""));
      const mark = document.createElement("mark");
      mark.textContent = chars.slice(Math.max(at, from), Math.min(to, end)).join("");
      parent.append(mark);
      at = Math.min(to, end);
    }
    parent.append(chars.slice(at, end).join(""));
  }

  function highlighted(tag, className, text, needles) {
    const element = document.createElement(tag);
    element.className = className;
    const folding = foldText(text);
    appendMarked(element, folding.chars, matchRanges(folding, needles), 0, folding.chars.length);
    return element;
  }

  function excerpt(text, needles) {
    const folding = foldText(text);
    const ranges = matchRanges(folding, needles);
    const start = Math.max(0, (ranges.length ? ranges[0][0] : 0) - EXCERPT_BEFORE);
    const end = Math.min(folding.chars.length, start + EXCERPT_LENGTH);
    const paragraph = document.createElement("p");
    paragraph.className = "search-excerpt";
    if (start > 0) paragraph.append("…");
    appendMarked(paragraph, folding.chars, ranges, start, end);
    if (end < folding.chars.length) paragraph.append("…");
    return paragraph;
  }

  /* ---------- a page of results ---------- */

  function resultItem(fragment, words, part) {
    const needles = words.map((word) => word.phrase);
    const item = document.createElement("li");
    const link = highlighted("a", "report-title", fragment.title, needles);
    link.href = basePath + fragment.url;
    const meta = document.createElement("p");
    meta.className = "report-meta";
    meta.textContent = [fragment.unit, fragment.region.join(" "), `${fragment.year}年`, fragment.level].filter(Boolean).join(" · ");
    item.append(link, meta, excerpt(part ? partText(fragment, part) : fragment.text, needles));
    return item;
  }

  function note(text) {
    const paragraph = document.createElement("p");
    paragraph.className = "muted";
    paragraph.textContent = text;
    return paragraph;
  }

  function render(fragments, words, total, state) {
    list.replaceChildren(...fragments.map((fragment) => resultItem(fragment, words, state.part)));
    list.start = (state.page - 1) * PAGE_SIZE + 1;
    results.dataset.count = String(total.count);
    results.dataset.exact = String(total.exact);
    if (total.count === 0) {
      status.textContent = `没有找到包含“${state.q.trim()}”的报告。`;
      status.append(note(noResultHint(state)));
    } else {
      const first = (state.page - 1) * PAGE_SIZE + 1;
      const found = `找到${total.exact ? " " : "约 "}${total.count} 篇报告${hasFilter(state) ? "（已筛选）" : ""}`;
      if (!fragments.length) status.textContent = `${found}，本页之后没有更多结果。`;
      else if (total.count > PAGE_SIZE) status.textContent = `${found}，这是第 ${first}–${first + fragments.length - 1} 篇。`;
      else status.textContent = `${found}。`;
      if (!total.exact) status.append(note(`约数：尚有 ${total.unchecked} 篇含全部字词的报告未核对是否含完整的检索词，翻页时逐篇核对。`));
    }
    renderPager(total, state);
  }

  function hasFilter(state) {
    return Boolean(state.year || state.level || state.region || state.part);
  }

  function noResultHint(state) {
    const hints = ["检查是否有错别字", "换用更短或更常用的词语", "单个汉字请连同前后的字一起检索"];
    if (hasFilter(state)) hints.push(state.part ? "取消年份、级别、地区或规定部分筛选" : "取消年份、级别或地区筛选");
    return `可以试试：${hints.join("；")}。`;
  }

  function renderPager(total, state) {
    const pages = Math.max(state.page, Math.ceil(total.count / PAGE_SIZE));
    pager.replaceChildren();
    pager.hidden = pages <= 1;
    if (state.page > 1) pager.append(pageLink(state, state.page - 1, "上一页"));
    if (pages > 1) pager.append(` 第 ${state.page} / ${total.exact ? "" : "约 "}${pages} 页 `);
    if (total.more) pager.append(pageLink(state, state.page + 1, "下一页"));
  }

  function pageLink(state, page, label) {
    const link = document.createElement("a");
    link.href = urlFor({ ...state, page });
    link.textContent = label;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      go({ ...state, page });
    });
    return link;
  }

  /* ---------- one search ---------- */

  function showStatus(text, state) {
    results.dataset.state = state;
    status.textContent = text;
  }

  let current = null;  // {key, results}: the last query's results, for paging on

  async function resultsFor(state, words, tokens) {
    const key = JSON.stringify([tokens, state.year, state.level, state.region, state.part]);
    if (current && current.key === key) return current.results;
    const manifest = await loadManifest();
    const found = new Results(manifest, await rankAll(manifest, tokens, state), words, state.part);
    current = { key, results: found };
    return found;
  }

  async function search(state, retried = false) {
    const searchNumber = ++latestSearch;
    const words = queryWords(state.q);
    const tokens = [...new Set(words.flatMap((word) => word.tokens))];
    list.replaceChildren();
    pager.hidden = true;
    if (!tokens.length) {
      showStatus(state.q.trim() ? "检索词里没有可检索的汉字、字母或数字。" : "请输入要检索的词语，例如：行政复议。", "idle");
      return;
    }
    showStatus("正在检索…", "searching");
    performance.clearMarks();
    performance.clearMeasures();
    performance.mark("search-start");
    try {
      const found = await resultsFor(state, words, tokens);
      const fragments = await found.page(state.page);
      if (searchNumber !== latestSearch) return;
      render(fragments, words, found.total(state.page), state);
      results.dataset.state = "done";
      if (performance.getEntriesByName("search-postings-arrived").length) {
        results.dataset.renderMs = performance.measure("search-render", "search-postings-arrived").duration.toFixed(1);
      }
      results.dataset.searchMs = performance.measure("search-total", "search-start").duration.toFixed(1);
      results.dataset.shownAt = performance.now().toFixed(1);  // since navigation
    } catch (error) {
      if (searchNumber !== latestSearch) return;
      if (error instanceof StaleManifest && !retried) {
        current = null;
        await loadManifest(true);
        search(state, true);
      } else {
        showStatus(`检索出错（${error.message}），请稍后重试。`, "error");
      }
    }
  }

  /* ---------- the URL holds the query and the filters ---------- */

  function stateFromUrl() {
    const params = new URLSearchParams(location.search);
    const page = Number.parseInt(params.get("page") || "1", 10);
    return {
      q: params.get("q") || "",
      year: params.get("year") || "",
      level: params.get("level") || "",
      region: params.get("region") || "",
      part: params.get("part") || "",
      page: Number.isFinite(page) && page > 0 ? page : 1,
    };
  }

  function stateFromForm() {
    return {
      q: input.value, year: filters.year.value, level: filters.level.value, region: filters.region.value,
      part: filters.part.value, page: 1,
    };
  }

  function urlFor(state) {
    const params = new URLSearchParams();
    for (const key of ["q", "year", "level", "region", "part"]) if (state[key]) params.set(key, state[key]);
    if (state.page > 1) params.set("page", String(state.page));
    return `${location.pathname}?${params}`;
  }

  function showState(state) {
    input.value = state.q;
    for (const [key, select] of Object.entries(filters)) {
      if (state[key] && ![...select.options].some((o) => o.value === state[key])) {
        select.append(new Option(state[key].split("/").join(" › "), state[key]));
      }
      select.value = state[key];
    }
  }

  function go(state) {
    if (urlFor(state) !== location.pathname + location.search) history.pushState(null, "", urlFor(state));
    search(state);
  }

  /* ---------- filter choices ---------- */

  async function fillFilters() {
    const { facets } = await loadManifest();
    filters.year.append(...facets.years.map((year) => new Option(`${year}年`, String(year))));
    filters.level.append(...facets.levels.map((level) => new Option(level, level)));
    filters.region.append(...facets.regions.map((path) => {
      const names = path.split("/");
      return new Option("\u3000".repeat(names.length - 1) + names[names.length - 1], path);
    }));
  }

  /* ---------- keyboard ---------- */

  function resultLinks() {
    return [...list.querySelectorAll("a.report-title")];
  }

  /** "/" jumps to the search box; arrow keys move between it and the results. */
  function onKey(event) {
    if (event.key === "/" && !event.target.closest("input, select, textarea")) {
      event.preventDefault();
      input.focus();
      input.select();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      moveFocus(event);
    }
  }

  function moveFocus(event) {
    const stops = [input, ...resultLinks()];
    const at = stops.indexOf(event.target);
    const next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (at < 0 || next < 0 || next >= stops.length) return;
    event.preventDefault();
    stops[next].focus();
  }

  /* ---------- start ---------- */

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go(stateFromForm());
  });
  for (const select of Object.values(filters)) select.addEventListener("change", () => go(stateFromForm()));
  window.addEventListener("popstate", () => {
    showState(stateFromUrl());
    search(stateFromUrl());
  });
  document.addEventListener("keydown", onKey);

  fillFilters().finally(() => {
    showState(stateFromUrl());
    search(stateFromUrl());
  });
})();

/* Full-text search in the browser, over the files archive/search_index.py
 * writes to search/index/: a manifest, sections of chunk boundaries, chunks
 * (lunr.js indexes of term ranges, large ones in pieces by report range),
 * one fragment per report, and filter data.
 *
 * A query is tokenized like the reports (tokenizer.js); lunr is queried
 * directly with every token required, in only the chunks holding the tokens,
 * and a report's scores from those chunks are added up (see chunkScores).
 * Fragments are fetched for the page of results shown; on that page, reports
 * that contain every query word verbatim come before those that only contain
 * all its bigrams. Report text reaches the page only as text nodes. */
(function () {
  "use strict";

  const PAGE_SIZE = 5;  // fragments are fetched for these only: ~4 kB and a request each
  const EXCERPT_BEFORE = 40;
  const EXCERPT_LENGTH = 140;
  const { tokenize, fold } = window.SearchTokenizer;

  const app = document.getElementById("search-app");
  const form = document.getElementById("search-form");
  const input = document.getElementById("search-input");
  const filters = {
    year: document.getElementById("search-year"),
    level: document.getElementById("search-level"),
    region: document.getElementById("search-region"),
  };
  const status = document.getElementById("search-status");
  const results = document.getElementById("search-results");
  const list = results.querySelector("ol");
  const pager = document.getElementById("search-pages");
  const indexUrl = app.dataset.index;
  const basePath = app.dataset.base;
  let latestSearch = 0;

  /* ---------- fetching, each file once ---------- */

  async function fetchText(path) {
    const response = await fetch(indexUrl + path);
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.text();
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

  const parsed = new Map();
  function fetchJson(path) {
    return remembered(parsed, path, () => fetchText(path).then(JSON.parse));
  }

  /** A chunk piece's lunr index and when its text arrived; the text itself is not kept. */
  const pieces = new Map();
  function loadPiece(name) {
    return remembered(pieces, name, async () => {
      const text = await fetchText(`c/${name}.json`);
      const arrived = performance.now();
      return { arrived, index: lunr.Index.load(JSON.parse(text)) };
    });
  }

  /* ---------- which chunk holds a term ---------- */

  /** Position of the last boundary <= term; JS compares strings by UTF-16 unit, as lunr does. */
  function lastAtOrBefore(boundaries, term) {
    let low = 0;
    let high = boundaries.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (boundaries[middle] <= term) low = middle + 1;
      else high = middle;
    }
    return low - 1;
  }

  /** The chunk whose range holds the term, as its number and piece count. */
  async function chunkOf(manifest, term) {
    const sectionNumber = lastAtOrBefore(manifest.sections, term);
    if (sectionNumber < 0) return null;
    const section = await fetchJson(`s/${sectionNumber}.json`);
    const at = lastAtOrBefore(section.chunks, term);
    return { number: section.firstChunk + at, pieces: section.pieces[at] };
  }

  /** The chunks holding the tokens, each with its tokens; null if a token sorts before every term. */
  async function tokensByChunk(manifest, tokens) {
    const chunks = await Promise.all(tokens.map((token) => chunkOf(manifest, token)));
    if (chunks.includes(null)) return null;
    const groups = new Map();
    tokens.forEach((token, i) => {
      const group = groups.get(chunks[i].number) || { ...chunks[i], terms: [] };
      group.terms.push(token);
      groups.set(chunks[i].number, group);
    });
    return [...groups.values()];
  }

  /* ---------- scoring ---------- */

  function requireAll(query, terms) {
    for (const term of terms) query.term(term, { presence: lunr.Query.presence.REQUIRED, usePipeline: false });
  }

  /** One chunk's reports holding all its terms. lunr divides a field's score by
   * the query vector's magnitude, which grows as the square root of the number
   * of terms, so the scores are scaled by sqrt(the chunk's terms / all terms)
   * to add up to the whole index's score (see archive/lunr_writer.py). */
  function chunkScores(index, terms, termCount) {
    const scale = Math.sqrt(terms.length / termCount);
    return new Map(index.query((q) => requireAll(q, terms)).map((m) => [m.ref, m.score * scale]));
  }

  /** Reports found in every chunk, by their summed score, best first. */
  function rank(scoresByChunk) {
    return [...scoresByChunk.reduce(intersectAdding)].map(([ref, score]) => ({ ref, score }))
      .sort((a, b) => b.score - a.score || parseInt(a.ref, 36) - parseInt(b.ref, 36));
  }

  function intersectAdding(scores, more) {
    const both = new Map();
    for (const [ref, score] of scores) if (more.has(ref)) both.set(ref, score + more.get(ref));
    return both;
  }

  /* ---------- filters ---------- */

  function hasFilter(state) {
    return Boolean(state.year || state.level || state.region);
  }

  async function applyFilters(ranked, state) {
    if (!hasFilter(state)) return ranked;
    const docs = await fetchJson("docs.json");
    const facets = await fetchJson("facets.json");
    const level = facets.levels.indexOf(state.level);
    const inRegion = (path) => path === state.region || path.startsWith(state.region + "/");
    return ranked.filter(({ ref }) => {
      const doc = parseInt(ref, 36);
      return (!state.year || docs.year[doc] === Number(state.year))
        && (!state.level || docs.level[doc] === level)
        && (!state.region || inRegion(docs.places[docs.place[doc]]));
    });
  }

  /* ---------- words, phrases and excerpts ---------- */

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

  function excerpt(folding, needles) {
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

  /** The page's reports, those containing every word verbatim first, each in score order. */
  function phraseFirst(fragments, words) {
    const checked = fragments.map((fragment) => {
      const text = foldText(fragment.text);
      const heading = foldText([fragment.title, fragment.unit, ...fragment.region].join("\n")).folded;
      const exact = words.every((word) => text.folded.includes(word.phrase) || heading.includes(word.phrase));
      return { fragment, text, exact };
    });
    return [...checked.filter((r) => r.exact), ...checked.filter((r) => !r.exact)];
  }

  function resultItem({ fragment, text, exact }, words) {
    const needles = exact ? words.map((w) => w.phrase) : words.flatMap((w) => w.tokens);
    const item = document.createElement("li");
    const link = highlighted("a", "report-title", fragment.title, needles);
    link.href = basePath + fragment.url;
    const meta = document.createElement("p");
    meta.className = "report-meta";
    meta.textContent = [fragment.unit, fragment.region.join(" "), `${fragment.year}年`, fragment.level].filter(Boolean).join(" · ");
    item.append(link, meta, excerpt(text, needles));
    if (!exact) item.append(note("未出现完整的检索词，只含其中的各个字词。"));
    return item;
  }

  function note(text) {
    const paragraph = document.createElement("p");
    paragraph.className = "muted";
    paragraph.textContent = text;
    return paragraph;
  }

  function render(checked, words, total, state) {
    list.replaceChildren(...checked.map((result) => resultItem(result, words)));
    list.start = (state.page - 1) * PAGE_SIZE + 1;
    if (total === 0) {
      status.textContent = `没有找到包含“${state.q.trim()}”的报告。`;
      status.append(note(noResultHint(state)));
    } else {
      const first = (state.page - 1) * PAGE_SIZE + 1;
      const found = `找到 ${total} 篇报告${hasFilter(state) ? "（已筛选）" : ""}`;
      status.textContent = total > PAGE_SIZE ? `${found}，这是第 ${first}–${first + checked.length - 1} 篇。` : `${found}。`;
    }
    renderPager(total, state);
  }

  function noResultHint(state) {
    const hints = ["检查是否有错别字", "换用更短或更常用的词语", "单个汉字请连同前后的字一起检索"];
    if (hasFilter(state)) hints.push("取消年份、级别或地区筛选");
    return `可以试试：${hints.join("；")}。`;
  }

  function renderPager(total, state) {
    const pages = Math.ceil(total / PAGE_SIZE);
    pager.replaceChildren();
    pager.hidden = pages <= 1;
    if (state.page > 1) pager.append(pageLink(state, state.page - 1, "上一页"));
    if (pages > 1) pager.append(` 第 ${state.page} / ${pages} 页 `);
    if (state.page < pages) pager.append(pageLink(state, state.page + 1, "下一页"));
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

  async function search(state) {
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
    try {
      const outcome = await find(tokens, state);
      if (searchNumber !== latestSearch) return;
      render(phraseFirst(outcome.fragments, words), words, outcome.total, state);
      results.dataset.state = "done";
      const measure = performance.measure("search-render", "search-chunks-arrived");
      results.dataset.renderMs = measure.duration.toFixed(1);
    } catch (error) {
      if (searchNumber === latestSearch) showStatus(`检索出错（${error.message}），请稍后重试。`, "error");
    }
  }

  async function find(tokens, state) {
    const manifest = await fetchJson("manifest.json");
    const groups = await tokensByChunk(manifest, tokens);
    const ranked = groups ? rank(await scoreChunksAsTheyArrive(groups, tokens.length)) : [];
    if (!groups) markChunksArrived(performance.now());
    const matching = await applyFilters(ranked, state);
    const shown = matching.slice((state.page - 1) * PAGE_SIZE, state.page * PAGE_SIZE);
    const fragments = await Promise.all(shown.map(({ ref }) => fetchJson(`f/${ref}.json`)));
    return { total: matching.length, fragments };
  }

  /** Each piece is loaded and queried as soon as it arrives, while the others
   * download; a chunk's pieces hold different reports, so their scores merge. */
  async function scoreChunksAsTheyArrive(groups, termCount) {
    const start = performance.now();
    const arrivals = [];
    const scoresOfPieces = (group) => Array.from({ length: group.pieces }, (_, piece) =>
      loadPiece(`${group.number}-${piece}`).then((loaded) => {
        arrivals.push(loaded.arrived);
        return chunkScores(loaded.index, group.terms, termCount);
      }));
    const scores = await Promise.all(groups.map(async (group) => new Map(
      (await Promise.all(scoresOfPieces(group))).flatMap((pieceScores) => [...pieceScores]))));
    markChunksArrived(Math.max(start, ...arrivals));  // a piece cached by an earlier search arrives now
    return scores;
  }

  /** Where search-render, the time to rendered results, starts. */
  function markChunksArrived(time) {
    performance.clearMarks("search-chunks-arrived");
    performance.clearMeasures("search-render");
    performance.mark("search-chunks-arrived", { startTime: time });
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
      page: Number.isFinite(page) && page > 0 ? page : 1,
    };
  }

  function stateFromForm() {
    return { q: input.value, year: filters.year.value, level: filters.level.value, region: filters.region.value, page: 1 };
  }

  function urlFor(state) {
    const params = new URLSearchParams();
    for (const key of ["q", "year", "level", "region"]) if (state[key]) params.set(key, state[key]);
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
    const facets = await fetchJson("facets.json");
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

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
 * text nodes; each links to the section of its first match, with the words
 * for the report page to highlight (static/highlight.js). */
(function () {
  "use strict";

  const PAGE_SIZE = 5;
  const EXCERPT_BEFORE = 40;
  const EXCERPT_LENGTH = 140;
  // Words are separated as by a space by these too: 行政复议、应诉 is two words.
  const WORD_SEPARATORS = /[\s、，；,;]+/u;
  const SEARCHING = "正在搜索…";
  const tokenizer = window.SearchTokenizer;
  const { tokenize, foldText, matchRanges, utf16Offsets, CJK_RANGES } = tokenizer;
  const core = window.SearchCore;
  const loader = window.SearchLoader;  // the page's first script (search.html)
  const indexUrl = loader.index;
  const basePath = loader.base;
  let latestSearch = 0;

  // The page's elements, found once it is parsed (attach): this file may run before, and the
  // search it starts finds its results meanwhile.
  let form, input, filters, status, results, list, pager;

  function attach() {
    form = document.getElementById("search-form");
    input = document.getElementById("search-input");
    filters = {
      year: document.getElementById("search-year"),
      level: document.getElementById("search-level"),
      region: document.getElementById("search-region"),
      part: document.getElementById("search-part"),
    };
    status = document.getElementById("search-status");
    results = document.getElementById("search-results");
    list = results.querySelector("ol");
    pager = document.getElementById("search-pages");
  }

  /* ---------- files, each fetched once ---------- */

  class StaleManifest extends Error {}

  async function fetchBytes(path, options) {
    return received(path, await fetch(indexUrl + path, options));
  }

  async function received(path, response) {
    // Files are named by their content: a missing one means a newer build replaced the manifest.
    if (response.status === 404) throw new StaleManifest(path);
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return loader.inflate(response);
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
  let early = loader.manifest;  // the request the page's first script sent, before this one arrived
  /** The manifest, revalidated with the host on the first load and after a 404. */
  function loadManifest(reload = false) {
    if (reload || !manifestPromise) {
      const path = "manifest.json.gz";
      const response = early ? early.then((r) => received(path, r)) : fetchBytes(path, { cache: reload ? "reload" : "no-cache" });
      early = null;
      manifestPromise = response.then(core.parseJson).then((manifest) => {
        tokenizer.foldKeys(manifest.foldKeys);
        return manifest;
      });
      manifestPromise.catch(() => { manifestPromise = null; });
    }
    return manifestPromise;
  }

  let foldTable = null;
  /** Resolves once the tokenizer can fold the texts. Its table of traditional characters is
   * fetched only for a text holding one: the manifest names them. */
  async function foldable(...texts) {
    await loadManifest();
    if (!texts.some(tokenizer.needsTable)) return;
    foldTable ||= loader.load([loader.foldTable]).then(() => tokenizer.useTable(window.SearchFoldTable));
    foldTable.catch(() => { foldTable = null; });
    await foldTable;
  }

  /* ---------- finding and ranking ---------- */

  let lunrScript = null;
  /** Resolves once lunr.js has run; the page's first script has fetched it already. */
  function lunrLoaded() {
    lunrScript ||= loader.load([loader.lunr]);
    lunrScript.catch(() => { lunrScript = null; });
    return lunrScript;
  }

  /** Per chosen partition, its postings of the tokens: term → per field {numbers, weights}. */
  function partitionPostings(manifest, partition, tokens) {
    return core.partitionPostings(fetchFile, manifest, partition, tokens);
  }

  async function rankAll(manifest, tokens, state) {
    const year = Number(state.year);
    const chosen = manifest.partitions.map((p, i) => i)
      .filter((i) => !year || (manifest.partitions[i].years[0] >= year && manifest.partitions[i].years[1] <= year));
    const arriving = Promise.all(chosen.map((p) => partitionPostings(manifest, p, tokens)));
    const lunrRunning = lunrLoaded();  // while the shards are on their way
    const postings = await arriving;
    performance.mark("search-postings");
    const found = core.candidates(manifest, chosen, postings, tokens);
    const narrowed = state.year || state.level || state.region;
    if (!narrowed && state.page === 1) prefetch(manifest, found.summed.slice(0, PAGE_SIZE));
    await lunrRunning;
    const ranked = core.rankCandidates(lunr, manifest, chosen, postings, tokens, found);
    performance.mark("search-ranked");
    return narrowed ? filtered(manifest, ranked, state) : ranked;
  }

  /** The fragments of the results likely shown first, fetched while lunr.js ranks: it orders them
   * as their summed scores do but for rounding, so these are the ones shown. */
  function prefetch(manifest, results) {
    for (const { partition, number } of results) fetchJson(core.fragmentPath(manifest, partition, number)).catch(() => {});
  }

  /** The results in the year, level and region chosen, from the partitions' filter data. */
  async function filtered(manifest, ranked, state) {
    const partitions = [...new Set(ranked.map((r) => r.partition))];
    const data = new Map(await Promise.all(partitions.map(async (p) =>
      [p, await fetchJson(`p/${manifest.partitions[p].key}/docs.gz?v=${manifest.partitions[p].version}`)])));
    const inRegion = (place) => place === state.region || place.startsWith(state.region + "/");
    return ranked.filter(({ partition, number }) => {
      const { year, level, place } = data.get(partition);
      return (!state.year || year[number] === Number(state.year))
        && (!state.level || level[number] === state.level) && (!state.region || inRegion(place[number]));
    });
  }

  /* ---------- words, phrases and verification ---------- */

  /** The query's words (between spaces or WORD_SEPARATORS) that have tokens, each with its folded phrase. */
  function queryWords(q) {
    return q.split(WORD_SEPARATORS).map((word) => ({ phrase: trimSeparators(foldText(word).folded), tokens: tokenize(word) }))
      .filter((word) => word.tokens.length > 0);
  }

  function trimSeparators(phrase) {
    const chars = Array.from(phrase);
    const isTokenChar = (ch) => tokenize(ch).length > 0;
    while (chars.length && !isTokenChar(chars[0])) chars.shift();
    while (chars.length && !isTokenChar(chars[chars.length - 1])) chars.pop();
    return chars.join("");
  }

  /** The index holds ideographs in pairs: one standing alone (法, or 法 in 法-治) is only
   * indexed where the text has it alone, so it cannot be searched. */
  function loneIdeographs(words) {
    const isIdeograph = (ch) => CJK_RANGES.some(([low, high]) => ch.codePointAt(0) >= low && ch.codePointAt(0) <= high);
    return words.flatMap((word) => word.tokens).filter((token) => Array.from(token).length === 1 && isIdeograph(token));
  }

  /** A word that is one token is found exactly by the index; others need their fragments. */
  function needsVerifying(words) {
    return words.some((word) => word.tokens.length !== 1 || word.tokens[0] !== word.phrase);
  }

  const foldings = new Map();
  /** foldText(text), remembered for the texts of the results in view: each is folded to be
   * verified, to excerpt it and to find the section of its first match. */
  function folding(text) {
    if (!foldings.has(text)) {
      if (foldings.size >= 64) foldings.clear();
      foldings.set(text, foldText(text));
    }
    return foldings.get(text);
  }

  function containsEveryWord(fragment, words, part) {
    if (part) {
      const text = folding(partText(fragment, part)).folded;
      return words.every((word) => text.includes(word.phrase));
    }
    const text = folding(fragment.text).folded;
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

    async fragment({ partition, number }) {
      const fragment = await fetchJson(core.fragmentPath(this.manifest, partition, number));
      await foldable(fragment.title, fragment.unit, ...fragment.region, fragment.text);
      return fragment;
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
    const folded = folding(text);
    const ranges = matchRanges(folded, needles);
    const start = Math.max(0, (ranges.length ? ranges[0][0] : 0) - EXCERPT_BEFORE);
    const end = Math.min(folded.chars.length, start + EXCERPT_LENGTH);
    const paragraph = document.createElement("p");
    paragraph.className = "search-excerpt";
    if (start > 0) paragraph.append("…");
    appendMarked(paragraph, folded.chars, ranges, start, end);
    if (end < folded.chars.length) paragraph.append("…");
    return paragraph;
  }

  /* ---------- a page of results ---------- */

  function resultItem(fragment, words, part) {
    const needles = words.map((word) => word.phrase);
    const item = document.createElement("li");
    const link = highlighted("a", "report-title", fragment.title, needles);
    link.href = passageUrl(fragment, needles, part);
    const meta = document.createElement("p");
    meta.className = "report-meta";
    meta.textContent = [fragment.unit, fragment.region.join(" "), `${fragment.year}年`, fragment.level, publishedOn(fragment)]
      .filter(Boolean).join(" · ");
    item.append(link, meta, excerpt(part ? partText(fragment, part) : fragment.text, needles));
    return item;
  }

  function publishedOn({ published }) {
    if (!published) return "";
    const [year, month, day] = published.split("-").map(Number);
    return `${year}年${month}月${day}日发布`;
  }

  /** The report page with the words to highlight there, at the section holding the first match
   * (in the part searched, if any): the nearest heading above it. */
  function passageUrl(fragment, needles, part) {
    const folded = folding(fragment.text);
    // A code point's offset in UTF-16 units: the same where the text has none outside the BMP.
    const units = folded.chars.length === fragment.text.length ? null : utf16Offsets(folded.chars);
    const spans = part ? (fragment.parts || {})[part] || [] : [[0, fragment.text.length]];
    const first = matchRanges(folded, needles).map(([start]) => (units ? units[start] : start))
      .find((at) => spans.some(([start, end]) => at >= start && at < end));
    const heading = first === undefined ? null : (fragment.headings || []).filter(([start]) => start <= first).pop();
    const hash = heading ? `#${encodeURIComponent(heading[1])}` : "";
    return `${basePath}${fragment.url}?${new URLSearchParams({ hl: needles.join(" ") })}${hash}`;
  }

  function note(text) {
    const paragraph = document.createElement("p");
    paragraph.className = "muted";
    paragraph.textContent = text;
    return paragraph;
  }

  /** `elsewhere`: when filters leave nothing, the total without them. */
  function render(fragments, words, total, state, elsewhere) {
    list.replaceChildren(...fragments.map((fragment) => resultItem(fragment, words, state.part)));
    list.start = (state.page - 1) * PAGE_SIZE + 1;
    results.dataset.count = String(total.count);
    results.dataset.exact = String(total.exact);
    if (total.count === 0 && elsewhere && elsewhere.count > 0) {
      status.textContent = `在所选范围（${filterNames(state)}）内没有包含“${state.q.trim()}”的报告；`
        + `不限范围有${elsewhere.exact ? " " : "约 "}${elsewhere.count} 篇。`;
      status.append(" ", dropFiltersLink(state));
    } else if (total.count === 0) {
      status.textContent = `没有找到包含“${state.q.trim()}”的报告。`;
      status.append(note(noResultHint()));
    } else {
      const first = (state.page - 1) * PAGE_SIZE + 1;
      const found = `找到${total.exact ? " " : "约 "}${total.count} 篇报告${hasFilter(state) ? "（已筛选）" : ""}`;
      if (total.count > PAGE_SIZE) status.textContent = `${found}，这是第 ${first}–${first + fragments.length - 1} 篇。`;
      else status.textContent = `${found}。`;
      if (!total.exact) status.append(note(`约数：尚有 ${total.unchecked} 篇含全部字词的报告未核对是否含完整的检索词，翻页时逐篇核对。`));
    }
    renderPager(total, state);
  }

  function hasFilter(state) {
    return Boolean(state.year || state.level || state.region || state.part);
  }

  function noResultHint() {
    return "可以试试：检查是否有错别字；换用更短或更常用的词语。";
  }

  const FILTER_LABELS = { year: "年份", level: "级别", region: "地区/单位", part: "规定部分" };
  const NO_FILTERS = { year: "", level: "", region: "", part: "" };

  /** The filters chosen, as the reader sees them: 年份 2020年、级别 县级. */
  function filterNames(state) {
    return Object.keys(FILTER_LABELS).filter((key) => state[key]).map((key) => {
      const option = [...filters[key].options].find((o) => o.value === state[key]);
      const shown = key === "region" ? state.region.split("/").join(" › ") : (option ? option.textContent : state[key]);
      return `${FILTER_LABELS[key]} ${shown.trim()}`;
    }).join("、");
  }

  function dropFiltersLink(state) {
    const unfiltered = { ...state, ...NO_FILTERS, page: 1 };
    const link = pageLink(unfiltered, "取消筛选，检索全部报告");
    link.addEventListener("click", () => showState(unfiltered));
    return link;
  }

  function renderPager(total, state) {
    const pages = Math.max(state.page, Math.ceil(total.count / PAGE_SIZE));
    pager.replaceChildren();
    pager.hidden = pages <= 1;
    if (state.page > 1) pager.append(pageLink({ ...state, page: state.page - 1 }, "上一页"));
    if (pages > 1) pager.append(` 第 ${state.page} / ${total.exact ? "" : "约 "}${pages} 页 `);
    if (total.more) pager.append(pageLink({ ...state, page: state.page + 1 }, "下一页"));
  }

  /** A link to another search, followed without reloading the page. */
  function pageLink(state, label) {
    const link = document.createElement("a");
    link.href = urlFor(state);
    link.textContent = label;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      go(state);
    });
    return link;
  }

  /* ---------- one search ---------- */

  /** idle, searching (busy), done or error. */
  function setState(state) {
    results.dataset.state = state;
    results.setAttribute("aria-busy", String(state === "searching"));
  }

  function showError(error) {
    showStatus(`检索出错（${error.message}），请稍后重试。`, "error");
  }

  function showStatus(text, state) {
    setState(state);
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

  /** The count without the filters, once at least one report is known to contain every word. */
  async function totalWithoutFilters(words, tokens) {
    const manifest = await loadManifest();
    const found = new Results(manifest, await rankAll(manifest, tokens, NO_FILTERS), words, "");
    await found.verifyUntil(1);
    return found.total(1);
  }

  /** The page asked for, or the last page when it asks for one past the end. */
  async function pageWithin(found, state) {
    const fragments = await found.page(state.page);
    const lastPage = last(found.total(state.page));
    if (fragments.length || state.page <= lastPage) return { fragments, state, moved: false };
    const lastState = { ...state, page: lastPage };
    return { fragments: await found.page(lastPage), state: lastState, moved: true };
  }

  function last(total) {
    return Math.max(1, Math.ceil(total.count / PAGE_SIZE));
  }

  /** What a search finds, without the page: a message, or a page of results. */
  async function find(state) {
    await foldable(state.q);
    const words = queryWords(state.q);
    const tokens = [...new Set(words.flatMap((word) => word.tokens))];
    if (!tokens.length) {
      return { message: state.q.trim() ? "检索词里没有可检索的汉字、字母或数字。" : "请输入要检索的词语，例如：行政复议。", state: "idle" };
    }
    const lone = loneIdeographs(words);
    if (lone.length) {
      return { message: `请输入至少两个字：单个汉字（${lone.map((ch) => `“${ch}”`).join("")}）不能单独检索，`
        + "请连同它前后的字一起输入，如词语或短语。", state: "done" };
    }
    // Where a search's time goes, for the browser's tools and bench/run.py: marks at each step.
    performance.clearMarks();
    performance.mark("search-start");
    const found = await resultsFor(state, words, tokens);
    const shown = await pageWithin(found, state);
    performance.mark("search-fragments");
    const total = found.total(shown.state.page);
    const elsewhere = total.count === 0 && hasFilter(state) ? await totalWithoutFilters(words, tokens) : null;
    return { words, shown, total, elsewhere };
  }

  /** Shows a search's outcome (find) on the page. */
  function show(outcome, state) {
    if (outcome.message) {
      showStatus(outcome.message, outcome.state);
      return;
    }
    const { words, shown, total, elsewhere } = outcome;
    render(shown.fragments, words, total, shown.state, elsewhere);
    if (shown.moved) {
      history.replaceState(null, "", urlFor(shown.state));
      if (total.count) status.append(note(`没有第 ${state.page} 页，这是最后一页（第 ${last(total)} 页）。`));
    }
    setState("done");
    performance.mark("search-shown");
  }

  async function search(state, retried = false) {
    const searchNumber = ++latestSearch;
    const finding = find(state);
    finding.catch(() => {});
    await loader.parsed;
    if (searchNumber !== latestSearch) return;
    list.replaceChildren();
    pager.hidden = true;
    if (state.q.trim()) showStatus(SEARCHING, "searching");
    let outcome;
    try {
      outcome = await finding;
    } catch (error) {
      if (searchNumber !== latestSearch) return;
      if (!(error instanceof StaleManifest) || retried) {
        showError(error);
        return;
      }
      current = null;
      await loadManifest(true);
      return search(state, true);
    }
    if (searchNumber === latestSearch) show(outcome, state);
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
    showFilters(state);
  }

  /** The filters set as the state says; a value not among the choices (yet) is added. */
  function showFilters(state) {
    for (const [key, select] of Object.entries(filters)) {
      if (state[key] && ![...select.options].some((o) => o.value === state[key])) {
        select.append(key === "region" ? new Option(state[key].split("/").join(" › "), state[key]) : choice(key, state[key]));
      }
      select.value = state[key];
    }
  }

  function go(state) {
    if (urlFor(state) !== location.pathname + location.search) history.pushState(null, "", urlFor(state));
    search(state);
  }

  /* ---------- filter choices ---------- */

  /** A filter's choice as its list shows it: 2020年; a place indented under its region. */
  function choice(key, value) {
    if (key === "year") return new Option(`${value}年`, value);
    if (key !== "region") return new Option(value, value);
    const names = value.split("/");
    return new Option("\u3000".repeat(names.length - 1) + names[names.length - 1], value);
  }

  /** The choices of every place, year and level, filled in once the first results are painted:
   * making and laying out a list of many places took as long as a search. */
  async function fillFilters() {
    const { facets } = await loadManifest();
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    const chosen = stateFromForm();
    const values = { year: facets.years.map(String), level: facets.levels, region: facets.regions };
    for (const [key, list] of Object.entries(values)) {
      filters[key].replaceChildren(filters[key].options[0], ...list.map((value) => choice(key, value)));
    }
    showFilters(chosen);
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

  loader.parsed.then(() => {
    attach();
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
    // The box already shows the URL's query (search.html), and what the reader typed since stays.
    showFilters(stateFromUrl());
  });
  // Started before the page is parsed, shown once it is (attached first: registered first).
  search(stateFromUrl()).then(fillFilters).catch(() => {});  // the search shows why the index failed
})();

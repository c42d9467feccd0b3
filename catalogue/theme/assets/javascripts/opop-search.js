// Search page: a small UI over Pagefind's JS API (pagefind.js, served by this site).
//
// - Words are optional: with none, every product is listed, so filters alone find products.
// - Facets: one group per filter; values combine with OR inside a group and AND across
//   groups. A value's count is what the results would be with it ticked, given the words and
//   the other groups (so ticking a second kabupaten shows how many it adds).
// - Order: relevance, or price / newest data / name (?urut=harga-naik), from the sort keys.
// - State lives in the address (?q=kopi&kabupaten=Kabupaten+Banjar): the header and home
//   forms land here, and a search can be shared or reopened with Back.
// - Product text is only ever inserted as text; Pagefind's excerpt is rebuilt from text and
//   <mark> elements, never assigned as HTML.
(function () {
  "use strict";
  const form = document.getElementById("opop-search");
  if (!form) return;
  const PAGE_SIZE = 24;
  const FIRST_CARDS = 4;
  const here = new URL(window.location.href);
  const facets = JSON.parse(form.dataset.facets);
  const words = JSON.parse(form.dataset.words);
  const input = form.querySelector("input[name=q]");
  const status = form.querySelector(".opop-search__status");
  const list = form.querySelector(".opop-search__list");
  const more = form.querySelector(".opop-search__more");
  const groupsBox = form.querySelector(".opop-facets__groups");
  const facetsBox = form.querySelector(".opop-facets");
  const activeBadge = form.querySelector(".opop-facets__active");
  const clear = form.querySelector(".opop-facets__clear");
  // Orders other than relevance: Pagefind sorts by the numbers each product page carries
  // (data-pagefind-sort: harga = lowest price, diperbarui = YYYYMMDD, nama = A–Z rank).
  const ORDERS = {
    "harga-naik": { harga: "asc" }, "harga-turun": { harga: "desc" },
    "terbaru": { diperbarui: "desc" }, "nama": { nama: "asc" },
  };
  const order = form.querySelector("select[name=urut]");
  // The result count has plural forms where the language has them (words.plural, by CLDR
  // category: "1 product", Arabic's six forms); other strings have one form.
  // Numbers in Latin digits in every language, as the pages write them (formatting.py).
  const lang = document.documentElement.lang || "id";
  const plurals = new Intl.PluralRules(lang);
  const say = (key, n) => {
    const template = (key === "count" && words.plural && words.plural[plurals.select(n)]) || words[key];
    return template.replace("{n}", n.toLocaleString(`${lang}-u-nu-latn`));
  };

  // Selected values per facet label, from the address.
  const selected = {};
  for (const f of facets) selected[f.label] = new Set(here.searchParams.getAll(f.key));
  input.value = here.searchParams.get("q") || "";
  if (here.searchParams.get("urut") in ORDERS) order.value = here.searchParams.get("urut");
  if (window.matchMedia("(min-width: 60em)").matches) facetsBox.open = true;

  let pagefind = null;
  let shown = [];
  let generation = 0;
  let filtersLoaded = false;
  let listFor = null;  // the address whose results the list shows

  function filtersExcept(label) {
    const out = {};
    for (const f of facets) {
      if (f.label !== label && selected[f.label].size) out[f.label] = { any: [...selected[f.label]] };
    }
    return out;
  }

  function writeAddress() {
    const url = new URL(window.location.href);
    url.search = "";
    if (input.value.trim()) url.searchParams.set("q", input.value.trim());
    if (order.value) url.searchParams.set("urut", order.value);
    for (const f of facets) for (const v of [...selected[f.label]].sort()) url.searchParams.append(f.key, v);
    window.history.replaceState(null, "", url);
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Pagefind's excerpt is HTML with <mark>; keep only text and marks.
  function excerpt(html) {
    const out = el("p", "opop-card__excerpt");
    const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
    for (const node of doc.body.childNodes) {
      if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") out.append(el("mark", "", node.textContent));
      else out.append(document.createTextNode(node.textContent));
    }
    return out;
  }

  function card(data, index) {
    const meta = data.meta || {};
    const li = el("li", "opop-card");
    const a = el("a", "opop-card__link");
    a.href = data.url;
    if (meta.image) {
      const picture = el("picture", "opop-card__photo");
      const img = el("img");
      img.src = new URL(meta.image, new URL(data.url, here)).href;  // relative to the product page
      img.alt = meta.image_alt || "";
      img.width = 480; img.height = 360; img.decoding = "async";
      // The first cards are what the buyer sees first (the first is the page's largest
      // paint): not lazy, and the first photo is fetched before the others.
      if (index >= FIRST_CARDS) img.loading = "lazy";
      else if (index === 0) img.fetchPriority = "high";
      picture.append(img);
      a.append(picture);
    }
    const body = el("div", "opop-card__body");
    body.append(el("h2", "opop-card__title", meta.title || data.url));
    const maker = el("p", "opop-card__maker", meta.pesantren || "");
    maker.append(el("br"), el("span", "opop-card__place", meta.kabupaten || ""));
    body.append(maker);
    if (input.value.trim()) body.append(excerpt(data.excerpt || ""));
    const price = el("p", "opop-card__price");
    price.append(el("strong", "", meta.harga || ""), document.createTextNode(" "), el("span", "", meta.satuan ? `/ ${meta.satuan}` : ""));
    body.append(price);
    a.append(body);
    li.append(a);
    return li;
  }

  // One fieldset per filter group, kept from one search to the next: ticking a box updates
  // the counts and ticks in place, so the box under the keyboard keeps focus (drawing the
  // filters anew dropped focus to <body>). A group is drawn anew only when the values it
  // shows change; focus then goes to the same value's new box.
  const drawn = new Map();  // facet label → { fieldset, shown: its values, joined }

  function facetValue(f, value, checked, count) {
    const label = el("label", "opop-facet__value");
    const box = el("input");
    box.type = "checkbox"; box.name = f.key; box.value = value; box.checked = checked;
    box.addEventListener("change", () => {
      if (box.checked) selected[f.label].add(value); else selected[f.label].delete(value);
      run();
    });
    label.append(box, el("span", "", value), el("span", "opop-facet__count", `(${count})`));
    return label;
  }

  function renderFacets(counts) {
    const focused = facetsBox.contains(document.activeElement) ? document.activeElement : null;
    const groups = [];
    let active = 0;
    for (const f of facets) {
      const values = counts[f.label] || {};
      if (!Object.values(values).some((n) => n > 0) && !selected[f.label].size) continue;
      const shown = Object.keys(values)
        .sort((x, y) => x.localeCompare(y, document.documentElement.lang || "id"))
        // A value nothing would match is a dead end: not worth a line on a phone.
        .filter((value) => selected[f.label].has(value) || values[value] !== 0);
      active += shown.filter((value) => selected[f.label].has(value)).length;
      let group = drawn.get(f.label);
      if (group && group.shown === shown.join("\n")) {
        for (const box of group.fieldset.querySelectorAll("input")) {
          box.checked = selected[f.label].has(box.value);
          box.parentElement.querySelector(".opop-facet__count").textContent = `(${values[box.value]})`;
        }
      } else {
        const fieldset = el("fieldset", "opop-facet");
        fieldset.append(el("legend", "opop-facet__label", f.label));
        for (const value of shown) fieldset.append(facetValue(f, value, selected[f.label].has(value), values[value]));
        if (group) group.fieldset.replaceWith(fieldset);
        group = { fieldset, shown: shown.join("\n") };
        drawn.set(f.label, group);
      }
      groups.push(group.fieldset);
    }
    // Groups come and go only when a search leaves one without values.
    if (groups.length !== groupsBox.children.length || groups.some((g, i) => groupsBox.children[i] !== g)) {
      groupsBox.replaceChildren(...groups);
    }
    for (const [label, group] of drawn) if (!groups.includes(group.fieldset)) drawn.delete(label);
    activeBadge.hidden = clear.hidden = active === 0;
    activeBadge.textContent = say("active", active);
    if (focused && document.activeElement !== focused) {
      // Moved or redrawn: the same value's box, else the panel's first box, else its summary.
      const same = focused.type === "checkbox" &&
        groupsBox.querySelector(`input[name="${CSS.escape(focused.name)}"][value="${CSS.escape(focused.value)}"]`);
      const next = (focused.isConnected && !focused.closest("[hidden]") && focused) || same ||
        groupsBox.querySelector("input") || facetsBox.querySelector("summary");
      next.focus({ preventScroll: true });
    }
  }

  async function showMore() {
    const mine = generation;
    const next = shown.splice(0, PAGE_SIZE);
    // The first few cards before the rest: on slow data the buyer sees results after
    // FIRST_CARDS fragments (~1 KB each) have arrived, not a whole page of them.
    const parts = list.childElementCount ? [next] : [next.slice(0, FIRST_CARDS), next.slice(FIRST_CARDS)];
    for (const part of parts) {
      const datas = await Promise.all(part.map((r) => r.data()));
      if (mine !== generation) return false;  // a newer search owns the list now
      for (const d of datas) list.append(card(d, list.childElementCount));
    }
    more.hidden = shown.length === 0;
    return true;
  }

  // keepList: only recount the facets if the list already shows this address's results.
  async function run(keepList) {
    writeAddress();
    const address = window.location.search;
    const mine = ++generation;
    delete form.dataset.done;  // busy: the list may be cleared and redrawn
    const term = input.value.trim() || null;  // null: every product, filtered
    const sort = ORDERS[order.value];
    const main = await pagefind.search(term, sort ? { filters: filtersExcept(null), sort } : { filters: filtersExcept(null) });
    if (mine !== generation || !main) return;
    // Counts for a group that has a selection come from a search without that group.
    const counts = { ...main.filters };
    for (const f of facets) {
      if (selected[f.label].size) {
        const other = await pagefind.search(term, { filters: filtersExcept(f.label) });
        if (mine !== generation) return;
        counts[f.label] = other.filters[f.label];
      }
    }
    renderFacets(counts);
    if (keepList !== true || listFor !== address) {
      list.replaceChildren();
      listFor = null;
      shown = main.results.slice();
      status.textContent = shown.length ? say("count", shown.length) : words.none;
      if (!(await showMore())) return;
      listFor = address;
    }
    // For tests: the page shows this address's results, and its counts if they are wanted.
    if ((filtersLoaded || !countsWanted()) && mine === generation) form.dataset.done = window.location.search;
  }

  // The facet counts need every filter index (7 files, 44 KB at 3,057 products: a quarter of
  // what a first search fetches; docs/benchmarks.md). They are fetched only once the counts can
  // be seen: the filter panel is open (wide screens open it) or a filter is selected. On a
  // phone the panel starts closed, and a buyer who only types never pays for them.
  const countsWanted = () => facetsBox.open || facets.some((f) => selected[f.label].size > 0);
  let filtersLoading = null;
  function loadFilters() {
    filtersLoading = filtersLoading || (async () => {
      await pagefind.filters();
      filtersLoaded = true;
      await run(true);
    })().catch((error) => { status.textContent = words.error; throw error; });
    return filtersLoading;
  }

  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); run(); input.blur(); });
  more.addEventListener("click", showMore);
  order.addEventListener("change", () => run());
  clear.addEventListener("click", () => { for (const f of facets) selected[f.label].clear(); run(); });

  (async () => {
    try {
      const bundle = new URL(form.dataset.bundle, here).href;
      pagefind = await import(`${bundle}pagefind.js`);
      await pagefind.options({ baseUrl: new URL(form.dataset.base, here).pathname, excerptLength: 24 });
      await pagefind.init();
      // Results first; the filter indexes after them, when wanted (search responses only
      // count the filter groups already loaded, so loading them means counting again).
      await run();
      if (!input.value) input.focus({ preventScroll: true });
      facetsBox.addEventListener("toggle", () => { if (facetsBox.open) loadFilters(); });
      if (countsWanted()) await loadFilters();
    } catch (error) {
      status.textContent = words.error;
      throw error;
    }
  })();
})();

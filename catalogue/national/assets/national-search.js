// National search: a small UI over Pagefind's JS API (the bundle this site serves), adapted
// from the province site's opop-search.js.
//
// - One index holds every province's products, so a price order is one order across all of
//   them (merged per-province indexes cannot sort across sites: Pagefind issue #887).
// - Words are optional: with none, every product is listed, so filters alone find products.
// - Filters: province, category, and regency once a province is chosen (Indonesia has 514
//   regencies: too many boxes for a phone otherwise). OR inside a group, AND across groups.
//   Filter indexes are fetched only once the panel is opened or a filter is in the address.
// - State lives in the address (?q=kopi&provinsi=Jawa+Timur&urut=harga-naik).
// - Product text is only ever inserted as text (textContent); Pagefind's excerpt is rebuilt
//   from text and <mark> elements. Every result links to its province's product page.
(function () {
  "use strict";
  const form = document.getElementById("cari");
  if (!form) return;
  const PAGE_SIZE = 24;
  const FIRST_CARDS = 4;
  const facets = JSON.parse(form.dataset.facets);
  const words = JSON.parse(form.dataset.words);
  const input = form.querySelector("input[name=q]");
  const order = form.querySelector("select[name=urut]");
  const status = form.querySelector(".search__status");
  const list = form.querySelector(".search__list");
  const more = form.querySelector(".search__more");
  const panel = form.querySelector(".facets");
  const groupsBox = form.querySelector(".facets__groups");
  const activeBadge = form.querySelector(".facets__active");
  const clear = form.querySelector(".facets__clear");
  const ORDERS = { "harga-naik": { harga: "asc" }, "harga-turun": { harga: "desc" } };
  const say = (key, n) => words[key].replace("{n}", n.toLocaleString("id-ID"));
  const here = new URL(window.location.href);
  const selected = {};
  for (const f of facets) selected[f.key] = new Set(here.searchParams.getAll(f.key));
  input.value = here.searchParams.get("q") || "";
  if (here.searchParams.get("urut") in ORDERS) order.value = here.searchParams.get("urut");

  let pagefind = null;
  let shown = [];
  let generation = 0;
  let filtersLoaded = false;

  const usable = (f) => !f.needs || selected[f.needs].size > 0;
  function filtersExcept(key) {
    const out = {};
    for (const f of facets) if (f.key !== key && usable(f) && selected[f.key].size) out[f.label] = { any: [...selected[f.key]] };
    return out;
  }

  function writeAddress() {
    const url = new URL(window.location.href);
    url.search = "";
    if (input.value.trim()) url.searchParams.set("q", input.value.trim());
    if (order.value) url.searchParams.set("urut", order.value);
    for (const f of facets) if (usable(f)) for (const v of [...selected[f.key]].sort()) url.searchParams.append(f.key, v);
    window.history.replaceState(null, "", url);
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function excerpt(html) {
    const out = el("span", "card__excerpt");
    const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
    for (const node of doc.body.childNodes) {
      if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") out.append(el("mark", "", node.textContent));
      else out.append(document.createTextNode(node.textContent));
    }
    return out;
  }

  const isWeb = (url) => /^https?:\/\//.test(url || "");

  function card(data, index) {
    const meta = data.meta || {};
    const li = el("li", "card");
    const a = el("a", "card__link");
    if (isWeb(data.url)) a.href = data.url;  // the province's product page
    if (isWeb(meta.image)) {
      const img = el("img", "card__photo");
      img.src = meta.image;
      img.alt = meta.image_alt || "";
      img.width = 480; img.height = 360; img.decoding = "async";
      if (index >= FIRST_CARDS) img.loading = "lazy";
      a.append(img);
    }
    const body = el("span", "card__body");
    body.append(el("span", "card__title", meta.title || ""));
    const maker = el("span", "card__maker", meta.pesantren || "");
    maker.append(el("br"), el("span", "card__place", [meta.kabupaten, meta.provinsi].filter(Boolean).join(", ")));
    body.append(maker);
    if (input.value.trim()) body.append(excerpt(data.excerpt || ""));
    const price = el("span", "card__price");
    price.append(el("strong", "", meta.harga || ""), document.createTextNode(meta.satuan ? ` / ${meta.satuan}` : ""));
    body.append(price);
    a.append(body);
    li.append(a);
    return li;
  }

  function renderFacets(counts) {
    const focused = panel.contains(document.activeElement) ? document.activeElement : null;
    const groups = [];
    let active = 0;
    for (const f of facets) {
      if (!usable(f)) continue;
      const values = counts[f.label] || {};
      const names = Object.keys(values).sort((x, y) => x.localeCompare(y, "id"))
        .filter((v) => selected[f.key].has(v) || values[v] > 0);
      if (!names.length) continue;
      const fieldset = el("fieldset", "facet");
      fieldset.append(el("legend", "", f.title));
      for (const value of names) {
        const label = el("label");
        const box = el("input");
        box.type = "checkbox"; box.name = f.key; box.value = value; box.checked = selected[f.key].has(value);
        if (box.checked) active += 1;
        box.addEventListener("change", () => {
          if (box.checked) selected[f.key].add(value); else selected[f.key].delete(value);
          run();
        });
        label.append(box, el("span", "", value), el("span", "count", `(${values[value] || 0})`));
        fieldset.append(label);
      }
      groups.push(fieldset);
    }
    groupsBox.replaceChildren(...groups);
    activeBadge.hidden = clear.hidden = active === 0;
    activeBadge.textContent = say("active", active);
    if (focused && !focused.isConnected) {
      const same = focused.name && groupsBox.querySelector(`input[name="${CSS.escape(focused.name)}"][value="${CSS.escape(focused.value)}"]`);
      (same || panel.querySelector("summary")).focus({ preventScroll: true });
    }
  }

  async function showMore() {
    const mine = generation;
    const next = shown.splice(0, PAGE_SIZE);
    const parts = list.childElementCount ? [next] : [next.slice(0, FIRST_CARDS), next.slice(FIRST_CARDS)];
    for (const part of parts) {
      const datas = await Promise.all(part.map((r) => r.data()));
      if (mine !== generation) return false;
      for (const d of datas) list.append(card(d, list.childElementCount));
    }
    more.hidden = shown.length === 0;
    return true;
  }

  async function run() {
    writeAddress();
    const mine = ++generation;
    delete form.dataset.done;
    const term = input.value.trim() || null;
    const options = { filters: filtersExcept(null) };
    if (ORDERS[order.value]) options.sort = ORDERS[order.value];
    const main = await pagefind.search(term, options);
    if (mine !== generation || !main) return;
    if (filtersLoaded) {
      const counts = { ...main.filters };
      for (const f of facets) {
        if (usable(f) && selected[f.key].size) {
          const other = await pagefind.search(term, { filters: filtersExcept(f.key) });
          if (mine !== generation) return;
          counts[f.label] = other.filters[f.label];
        }
      }
      renderFacets(counts);
    }
    list.replaceChildren();
    shown = main.results.slice();
    status.textContent = shown.length ? say("count", shown.length) : words.none;
    if (!(await showMore())) return;
    if (mine === generation) form.dataset.done = window.location.search;  // for tests: drawn
  }

  let filtersLoading = null;
  function loadFilters() {
    filtersLoading = filtersLoading || (async () => {
      await pagefind.filters();
      filtersLoaded = true;
      await run();
    })();
    return filtersLoading;
  }

  // Pagefind (its code, WebAssembly and page list: most of a first search's bytes) is fetched
  // only when the buyer starts to search, or opens the page with a search in its address: a
  // buyer who came for the list of provinces does not pay for it.
  let starting = null;
  function start() {
    starting = starting || (async () => {
      status.textContent = words.loading;
      const bundle = new URL(form.dataset.bundle, here).href;
      pagefind = await import(`${bundle}pagefind.js`);
      await pagefind.options({ excerptLength: 20 });
      await pagefind.init();
      await run();
      if (facets.some((f) => selected[f.key].size)) { panel.open = true; }
      if (panel.open) await loadFilters();
    })().catch((error) => { status.textContent = words.error; throw error; });
    return starting;
  }

  let timer = null;
  input.addEventListener("focus", start);
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => (pagefind ? run() : start()), 200);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault(); clearTimeout(timer);
    if (pagefind) run(); else start();
    input.blur();
  });
  more.addEventListener("click", showMore);
  order.addEventListener("change", () => (pagefind ? run() : start()));
  clear.addEventListener("click", () => { for (const f of facets) selected[f.key].clear(); if (pagefind) run(); });
  panel.addEventListener("toggle", () => {
    if (!panel.open) return;
    if (pagefind) loadFilters(); else start();
  });
  if ([...here.searchParams.keys()].some((k) => k === "q" || k === "urut" || k in selected)) start();
})();

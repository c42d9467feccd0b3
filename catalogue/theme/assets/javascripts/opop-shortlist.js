// The buyer's shortlist: "Simpan" buttons on product pages and cards, and the /daftar/ page
// with one WhatsApp message and one e-mail per seller. Kept in localStorage only (no cookie,
// no server), under one key for every language, so it survives reloads and language switches.
// Product text comes from daftar/produk.json and is always written with textContent.
(function () {
  "use strict";
  const KEY = "opop-daftar";

  function load() {
    try {
      const value = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return { items: value.items || {}, notes: value.notes || {} };
    } catch (error) {
      return { items: {}, notes: {} };
    }
  }

  function store(list) {
    try { window.localStorage.setItem(KEY, JSON.stringify(list)); } catch (error) { /* private mode: keep the page working */ }
  }

  // --- "Simpan" buttons --------------------------------------------------------------------

  function paint(button, saved) {
    button.setAttribute("aria-pressed", saved ? "true" : "false");
  }
  for (const link of document.querySelectorAll("[data-opop-shortlist-link]")) link.hidden = false;

  for (const button of document.querySelectorAll("[data-opop-save]")) {
    button.hidden = false;  // without JavaScript there is nothing to save into
    paint(button, button.dataset.opopSave in load().items);
    button.addEventListener("click", () => {
      const list = load();
      const slug = button.dataset.opopSave;
      if (slug in list.items) delete list.items[slug]; else list.items[slug] = {};
      store(list);
      for (const same of document.querySelectorAll(`[data-opop-save="${CSS.escape(slug)}"]`)) paint(same, slug in list.items);
    });
  }

  // --- the /daftar/ page -------------------------------------------------------------------

  const page = document.querySelector(".opop-shortlist");
  if (!page) return;
  const words = JSON.parse(page.dataset.words);
  const groups = page.querySelector(".opop-shortlist__groups");
  const status = page.querySelector(".opop-shortlist__status");
  const actions = page.querySelector(".opop-shortlist__actions");

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, key) => (key in values ? values[key] : ""));
  }

  function message(rows, note) {
    const lines = [words.greeting, ""];
    for (const row of rows) lines.push(fill(words.line, row));
    if (note.trim()) lines.push("", fill(words.note_line, { note: note.trim() }));
    lines.push("", words.closing);
    return lines.join("\n");
  }

  function draw(data) {
    const list = load();
    groups.textContent = "";
    const bySeller = new Map();
    for (const slug of Object.keys(list.items)) {
      const product = data.products[slug];
      if (!product) continue;  // removed from the catalogue since it was saved
      if (!bySeller.has(product.coop)) bySeller.set(product.coop, []);
      bySeller.get(product.coop).push([slug, product]);
    }
    const count = [...bySeller.values()].reduce((n, rows) => n + rows.length, 0);
    status.textContent = count ? fill(words.count, { products: count, sellers: bySeller.size }) : words.empty;
    actions.hidden = !count;
    const sellers = [...bySeller.keys()].sort((a, b) => data.cooperatives[a].name.localeCompare(data.cooperatives[b].name));
    for (const key of sellers) {
      const coop = data.cooperatives[key];
      const section = el("section", "opop-shortlist__seller");
      const heading = el("h2", "", coop.name);
      heading.id = "penjual-" + key;
      section.setAttribute("aria-labelledby", heading.id);
      section.append(heading, el("p", "opop-shortlist__maker", `${coop.pesantren} · ${coop.contact}`));
      const table = el("ul", "opop-shortlist__items");
      const rows = [];
      for (const [slug, product] of bySeller.get(key)) {
        const item = el("li", "opop-shortlist__item");
        const link = el("a", "opop-shortlist__name", product.name);
        link.href = product.url;
        // Product text in <bdi>: a Latin price or unit inside an Arabic sentence keeps its order.
        const price = el("p", "opop-shortlist__price");
        price.append(el("bdi", "", product.price), " / ", el("bdi", "", product.unit));
        if (product.min_text) {
          const [before, after] = words.minimum.split("{min}");
          price.append(el("br"), before, el("bdi", "", product.min_text), after || "");
        }
        const label = el("label", "opop-shortlist__qty");
        const input = el("input");
        input.type = "number"; input.min = "1"; input.inputMode = "numeric";
        input.value = list.items[slug].qty || product.min;
        label.append(fill(words.quantity, { name: product.name }) + " ", input, " ", el("bdi", "", product.min_unit));
        const remove = el("button", "opop-button opop-button--ghost opop-shortlist__remove", words.remove);
        remove.type = "button";
        remove.setAttribute("aria-label", fill(words.remove_named, { name: product.name }));
        remove.addEventListener("click", () => {
          const now = load();
          delete now.items[slug];
          store(now);
          draw(data);
          status.setAttribute("tabindex", "-1");  // the button is gone: focus the new count, not <body>
          status.focus();
        });
        input.addEventListener("input", () => {
          const now = load();
          if (now.items[slug]) now.items[slug].qty = input.value;
          store(now);
          update();
        });
        item.append(link, price, label, remove);
        table.append(item);
        rows.push({ input, product });
      }
      const noteLabel = el("label", "opop-shortlist__note", fill(words.note, { seller: coop.name }));
      const note = el("textarea");
      note.rows = 2;
      note.value = list.notes[key] || "";
      noteLabel.append(note);
      const send = el("p", "opop-shortlist__send");
      const wa = el("a", "opop-button opop-button--whatsapp", fill(words.whatsapp, { seller: coop.name }));
      wa.rel = "noopener"; wa.target = "_blank";
      send.append(wa);
      let mail = null;
      if (coop.email) {
        mail = el("a", "opop-button opop-button--email", fill(words.email, { seller: coop.name }));
        send.append(document.createTextNode(" "), mail);
      }
      function update() {
        const lines = rows.map(({ input, product }) => ({ name: product.name, qty: input.value || product.min, unit: product.min_unit }));
        const text = message(lines, note.value);
        wa.href = `https://wa.me/${coop.whatsapp}?text=${encodeURIComponent(text)}`;
        if (mail) mail.href = `mailto:${coop.email}?subject=${encodeURIComponent(fill(words.subject, { seller: coop.name }))}&body=${encodeURIComponent(text)}`;
      }
      note.addEventListener("input", () => {
        const now = load();
        now.notes[key] = note.value;
        store(now);
        update();
      });
      section.append(table, noteLabel, send);
      groups.append(section);
      update();
    }
  }

  page.querySelector(".opop-shortlist__clear").addEventListener("click", () => {
    store({ items: {}, notes: {} });
    fetchData().then(draw);
  });

  function fetchData() {
    return fetch(page.dataset.data).then((response) => response.json());
  }

  fetchData().then(draw).catch(() => { status.textContent = words.error; });
  // Another tab (a product page) changed the list.
  window.addEventListener("storage", (event) => { if (event.key === KEY) fetchData().then(draw); });
})();

// "Maksud Anda: …?" under a search that found nothing, or found only what the typed words do
// not start (a typo such as "mdu" matching "MD"): the nearest words of this catalogue's own
// vocabulary (kata.json next to the search page, fetched only then) by edit distance.
(function () {
  "use strict";
  const form = document.getElementById("opop-search");
  const box = form && form.querySelector(".opop-search__suggest");
  if (!box) return;
  const input = form.querySelector("input[type=search]");
  let vocabulary = null;

  function normal(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Optimal string alignment distance: a swap of two neighbours ("mdau") costs one.
  function distance(a, b) {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.length][b.length];
  }

  function poor(words) {
    if (!form.querySelector(".opop-search__list li")) return true;
    const marks = Array.from(form.querySelectorAll(".opop-search__list mark"), (m) => normal(m.textContent));
    return !words.some((w) => marks.some((m) => m.startsWith(w)));
  }

  function nearest(word) {
    if (vocabulary.includes(word) || word.length < 3) return word;
    const limit = word.length <= 4 ? 1 : 2;
    let best = null, bestDistance = limit + 1;
    for (const candidate of vocabulary) {  // most frequent first: ties go to the common word
      if (Math.abs(candidate.length - word.length) > limit) continue;
      const d = distance(word, candidate);
      if (d < bestDistance) { best = candidate; bestDistance = d; }
    }
    return best || word;
  }

  async function check() {
    box.hidden = true;
    box.textContent = "";
    const words = normal(input.value).split(/\s+/).filter(Boolean);
    if (!words.length || !poor(words)) return;
    try {
      vocabulary = vocabulary || await (await fetch(box.dataset.words)).json();
    } catch (error) {
      return;  // no suggestion is better than a broken page
    }
    const fixed = words.map(nearest);
    if (fixed.join(" ") === words.join(" ")) return;
    const link = document.createElement("a");
    link.href = "?" + new URLSearchParams({ q: fixed.join(" ") });  // as opop-search.js writes it
    link.textContent = fixed.join(" ");
    box.append(box.dataset.label + " ", link, "?");
    box.hidden = false;
  }

  // opop-search.js marks the form with data-done when a search has been drawn.
  new MutationObserver(() => { if (form.dataset.done !== undefined) check(); })
    .observe(form, { attributes: true, attributeFilter: ["data-done"] });
})();

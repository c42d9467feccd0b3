// Product gallery: the dots scroll the photo strip without jumping the page, and follow
// swipes. Without JavaScript the strip still scrolls and the dots are plain anchors.
document.querySelectorAll(".opop-gallery").forEach((gallery) => {
  const track = gallery.querySelector(".opop-gallery__track");
  const dots = Array.from(gallery.querySelectorAll(".opop-gallery__dots a"));
  if (!track || dots.length === 0) return;
  const show = (index) => dots.forEach((dot, i) => dot.setAttribute("aria-current", String(i === index)));
  dots.forEach((dot, i) => {
    dot.addEventListener("click", (event) => {
      event.preventDefault();
      const sign = getComputedStyle(track).direction === "rtl" ? -1 : 1;
      track.scrollTo({ left: sign * i * track.clientWidth });
      show(i);
    });
  });
  track.addEventListener("scroll", () => {
    show(Math.round(Math.abs(track.scrollLeft) / Math.max(track.clientWidth, 1)));
  }, { passive: true });
});

// The menu button (partials/header.html) is a <label> for Material's drawer checkbox: a tap
// opens the drawer, and with this Enter or Space on the focused button do too (a click on the
// checkbox fires the change Material listens for). Stopped here: Material's own window-level
// key handler clicks a focused label on Enter as well, which would toggle it back.
document.querySelectorAll('label[for="__drawer"][role="button"]').forEach((button) => {
  const drawer = document.getElementById("__drawer");
  if (!drawer) return;
  button.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    event.stopPropagation();
    drawer.click();
  });
});

// Print buttons (sell sheet on product pages, the printable catalogue): shown only when this
// script runs, since without it they could do nothing. The browser's own Print works anyway.
document.querySelectorAll(".opop-print-action").forEach((box) => {
  box.hidden = false;
  box.querySelector("[data-opop-print]").addEventListener("click", () => window.print());
});

// Material's bundle fetches "<href>sitemap.xml" for every <link rel="alternate"> once the
// document is ready: it expects links to language roots (theme extra.alternate). Ours are
// the hreflang links of this very page, so that would be one 404 per language on every page
// view. This deferred script runs after Material has registered its DOMContentLoaded
// handler and before the event: the links are renamed for that handler only and restored
// right after it, so the document (and crawlers that run scripts) keep them as written.
(() => {
  const links = Array.from(document.querySelectorAll('link[rel="alternate"][hreflang]'));
  if (links.length === 0 || document.readyState === "complete") return;
  links.forEach((link) => link.setAttribute("rel", "opop-alternate"));
  document.addEventListener("DOMContentLoaded", () => {
    links.forEach((link) => link.setAttribute("rel", "alternate"));
  }, { once: true });
})();

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

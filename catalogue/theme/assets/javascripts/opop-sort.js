// Sort orders of a listing page (catalogue, category, regency): name A–Z (the order the page
// is built in), price low→high or high→low (the lowest price), most recently checked data.
// The order lives in the address (?urut=harga-naik) so a shared link keeps it. Without this
// script the control stays hidden and the page keeps its A–Z order.
(function () {
  "use strict";
  const control = document.querySelector(".opop-sort");
  const list = document.querySelector(".opop-listing .opop-cards");
  if (!control || !list) return;
  const select = control.querySelector("select");
  const cards = Array.from(list.children);  // built A–Z: their index is the name order
  cards.forEach((card, index) => { card.dataset.nama = String(index); });
  const orders = {
    "nama": (a, b) => a.dataset.nama - b.dataset.nama,
    "harga-naik": (a, b) => a.dataset.harga - b.dataset.harga || a.dataset.nama - b.dataset.nama,
    "harga-turun": (a, b) => b.dataset.harga - a.dataset.harga || a.dataset.nama - b.dataset.nama,
    "terbaru": (a, b) => b.dataset.diperbarui - a.dataset.diperbarui || a.dataset.nama - b.dataset.nama,
  };

  function apply(order) {
    list.append(...cards.slice().sort(orders[order] || orders.nama));
  }

  const wanted = new URLSearchParams(window.location.search).get("urut");
  if (wanted in orders) select.value = wanted;
  apply(select.value);
  control.hidden = false;
  select.addEventListener("change", () => {
    apply(select.value);
    const address = new URL(window.location.href);
    if (select.value === "nama") address.searchParams.delete("urut"); else address.searchParams.set("urut", select.value);
    window.history.replaceState(null, "", address);
  });
})();

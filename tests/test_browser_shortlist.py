"""The buyer's shortlist in Chromium: "Simpan" on cards and product pages, kept across reloads
and languages, and /daftar/ with one WhatsApp message and one e-mail per seller."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

pytestmark = pytest.mark.browser

COFFEE, HONEY = "kopi-liberika-aranio", "madu-kelulut-balangan"


def message(href: str) -> str:
    return parse_qs(urlsplit(href).query)["text"][0]


@pytest.mark.parametrize("width", [390, 1280])
def test_saved_products_survive_reloads_and_languages(open_page, sample_url, width):
    page = open_page(f"{sample_url}produk/{COFFEE}/", width=width)
    save = page.locator(f".opop-buy [data-opop-save='{COFFEE}']")
    assert save.is_visible() and save.get_attribute("aria-pressed") == "false"
    save.click()
    assert save.get_attribute("aria-pressed") == "true"
    page.reload()
    assert page.locator(f".opop-buy [data-opop-save='{COFFEE}']").get_attribute("aria-pressed") == "true"
    page.goto(f"{sample_url}ar/katalog/")  # another language, the same list
    assert page.locator(f"[data-opop-save='{COFFEE}']").get_attribute("aria-pressed") == "true"
    page.locator(f"[data-opop-save='{HONEY}']").click()
    page.goto(f"{sample_url}ar/daftar/")
    page.wait_for_selector(".opop-shortlist__seller")
    assert page.locator(".opop-shortlist__seller").count() == 2  # two sellers, two blocks
    assert page.locator("html").get_attribute("dir") == "rtl"


def test_one_message_per_seller_with_quantities_units_and_note(open_page, sample_url, sample_catalogue):
    by_slug = {p.slug: p for p in sample_catalogue.products}
    page = open_page(f"{sample_url}katalog/", width=390)
    for slug in (COFFEE, HONEY):
        page.locator(f"[data-opop-save='{slug}']").click()
    page.goto(f"{sample_url}daftar/")
    page.wait_for_selector(".opop-shortlist__seller")
    sellers = page.locator(".opop-shortlist__seller")
    assert sellers.count() == 2
    coffee = sellers.filter(has_text=by_slug[COFFEE].cooperative.name)
    product = by_slug[COFFEE]
    quantity = coffee.get_by_role("spinbutton")
    assert quantity.input_value() == str(product.min_order.quantity)  # starts at the minimum order
    quantity.fill("35")
    coffee.get_by_role("textbox").fill("Kirim ke Banjarmasin, bayar transfer")
    wa = coffee.locator(".opop-button--whatsapp")
    assert wa.inner_text().startswith("Kirim lewat WhatsApp ke ")
    href = wa.get_attribute("href")
    assert href.startswith("https://wa.me/" + product.contact.whatsapp.lstrip("+") + "?text=")
    text = message(href)
    assert f"- {product.name.id}: 35 {product.min_order.unit.id}" in text
    assert "Catatan: Kirim ke Banjarmasin, bayar transfer" in text
    assert by_slug[HONEY].name.id not in text  # the other seller's product is in its own message
    honey = sellers.filter(has_text=by_slug[HONEY].cooperative.name)
    assert by_slug[HONEY].name.id in message(honey.locator(".opop-button--whatsapp").get_attribute("href"))
    if product.contact.email:
        mail = coffee.locator(".opop-button--email").get_attribute("href")
        assert mail.startswith(f"mailto:{product.contact.email}?subject=") and "35" in unquote(mail)
    # Removing keeps focus on the page's status, and the list shrinks.
    honey.locator(".opop-shortlist__remove").click()
    assert page.locator(".opop-shortlist__seller").count() == 1
    assert page.evaluate("document.activeElement.className") == "opop-shortlist__status"
    page.reload()
    page.wait_for_selector(".opop-shortlist__seller")
    assert page.locator(".opop-shortlist__seller").get_by_role("spinbutton").input_value() == "35"


def test_without_javascript_the_page_says_what_it_needs(browser, sample_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{sample_url}daftar/")
        assert "memerlukan JavaScript" in page.locator("noscript").first.inner_text() or \
            "memerlukan JavaScript" in page.content()
        page.goto(f"{sample_url}produk/{COFFEE}/")
        assert page.locator(f"[data-opop-save='{COFFEE}']").first.is_hidden()  # nothing to save into
        assert page.locator(".opop-buy .opop-button--whatsapp").is_visible()  # the seller is still reachable
    finally:
        context.close()

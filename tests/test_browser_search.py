"""Search finds what buyers mean, on the sample site's real Pagefind index in Chromium.

The relevance table lists everyday queries with the products that must come first and the
ones that must not appear. Products match by what they are (name, description, spec, valid
certificates, a buyer's synonyms), not by what they need from other pesantren, not by their
photos' alt text, and not by an expired certificate.
"""

from __future__ import annotations

import pytest

from catalogue.network import trust

pytestmark = pytest.mark.browser

HONEY = {"madu-kelulut-balangan", "madu-kelulut-tanah-bumbu"}

# (language, query, the products that must be the first results in any order, products that must not appear)
RELEVANCE = [
    ("id", "madu", HONEY, set()),
    ("id", "anyaman", {"anyaman-purun-banjarbaru"}, {"madu-kelulut-tanah-bumbu", "gula-aren-batang-alai"}),
    ("id", "gula merah", {"gula-aren-batang-alai"}, set()),
    ("id", "gula habang", {"gula-aren-batang-alai"}, set()),
    ("id", "keripik", {"amplang-ikan-kotabaru"}, set()),
    ("id", "kerupuk", {"amplang-ikan-kotabaru"}, set()),
    ("id", "coffee", {"kopi-liberika-aranio"}, set()),
    ("id", "sasirangan", {"kain-sasirangan-banjarmasin"}, set()),
    ("id", "nampan", set(), {"gula-aren-batang-alai"}),  # only in a photo's alt text
    ("id", "pemasok", set(), {"sabun-herbal-rantau", "kopi-liberika-aranio"}),  # only in "what it needs"
    ("en", "honey", HONEY, set()),
    ("en", "madu", HONEY, set()),
    ("en", "coffee", {"kopi-liberika-aranio"}, set()),
    ("en", "palm sugar", {"gula-aren-batang-alai"}, set()),
    ("en", "basket", {"anyaman-purun-banjarbaru"}, set()),
]

SEARCH = """async (query) => {
  const pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI.replace(/(en|ar)\\/cari\\/.*|cari\\/.*/, "")).href);
  await pagefind.init();
  const found = await pagefind.search(query);
  const out = [];
  for (const result of found.results) out.push((await result.data()).url.split("/").filter(Boolean).pop());
  return out;
}"""


def ranked(open_page, sample_url: str, lang: str, query: str) -> list[str]:
    page = open_page(sample_url + ("" if lang == "id" else f"{lang}/") + "cari/")
    return page.evaluate(SEARCH, query)


@pytest.mark.parametrize("lang,query,first,absent", RELEVANCE, ids=[f"{r[0]}-{r[1]}" for r in RELEVANCE])
def test_everyday_queries_find_what_buyers_mean(open_page, sample_url, lang, query, first, absent):
    slugs = ranked(open_page, sample_url, lang, query)
    assert set(slugs[:len(first)]) == first, slugs
    assert not absent & set(slugs), slugs


def test_an_expired_halal_certificate_does_not_make_a_product_halal(open_page, sample_url, sample_catalogue):
    today = sample_catalogue.today
    valid = {p.slug for p in sample_catalogue.products if trust.signal_filters(p, today)["halal"]}
    expired = {p.slug for p in sample_catalogue.products
               if any(c.type == "halal" for c in p.certifications) and p.slug not in valid}
    assert valid and expired  # the samples hold both kinds
    slugs = ranked(open_page, sample_url, "id", "halal")
    assert set(slugs[:len(valid)]) == valid, slugs


@pytest.mark.parametrize("lang,typed,label", [("id", "mdu", "Maksud Anda:"), ("en", "mdu", "Did you mean:"),
                                               ("id", "gula merha", "Maksud Anda:")])
def test_a_typo_gets_a_suggestion_that_searches_again(open_page, sample_url, lang, typed, label):
    prefix = "" if lang == "id" else f"{lang}/"
    page = open_page(f"{sample_url}{prefix}cari/?q={typed}")
    suggestion = page.locator(".opop-search__suggest")
    suggestion.wait_for(state="visible")
    fixed = typed.replace("mdu", "madu").replace("merha", "merah")
    assert suggestion.inner_text() == f"{label} {fixed}?"
    suggestion.get_by_role("link").click()
    page.wait_for_selector(f'#opop-search[data-done="?q={fixed.replace(" ", "+")}"]')
    assert page.locator(".opop-search__suggest").is_hidden()
    assert page.locator(".opop-search__list li").count() >= 1


def test_a_good_query_gets_no_suggestion_and_fetches_no_vocabulary(open_page, sample_url):
    page = open_page(f"{sample_url}cari/?q=madu")
    page.wait_for_selector("#opop-search[data-done]")
    assert page.locator(".opop-search__suggest").is_hidden()
    assert not [url for url in page.fetched if url.endswith("kata.json")]

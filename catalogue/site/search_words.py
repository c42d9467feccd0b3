"""Words a buyer may type for a product that its own text does not use.

Buyers search with everyday words: `keripik` for amplang crackers, `gula merah` for palm
sugar (gula aren, gula habang in Banjar), English `coffee` on the Indonesian site. Each group
below lists words that mean the same product to a buyer; when a product's own text (name,
summary, tags, category) contains one word of a group, the others are added to its page as
low-weight search text (templates/product.html), so they find it without outranking products
that use the word themselves. Maintained by hand: add a group when a real query finds nothing
(tests/test_browser_search.py holds the queries that must work).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter

from catalogue.products.model import Catalogue, Product
from catalogue.products.taxonomy import CATEGORIES, REGENCIES

VOCABULARY_FILE = "cari/kata.json"  # next to each language's search page
VOCABULARY_LIMIT = 5000  # the most frequent words: ~40 KB at 3,057 products, fetched only after a poor search

# Each group: words and phrases that name the same thing for a buyer (lower case).
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("gula merah", "gula aren", "gula habang", "gula jawa", "gula kelapa", "palm sugar"),
    ("keripik", "kripik", "kerupuk", "krupuk", "amplang", "camilan", "snack", "chips", "crackers"),
    ("madu", "honey", "kelulut", "klanceng", "trigona"),
    ("kopi", "coffee", "liberika", "robusta", "arabika"),
    ("teh", "tea"),
    ("ikan asin", "ikan kering", "dried fish", "salted fish"),
    ("abon", "shredded", "floss"),
    ("beras", "rice", "padi"),
    ("air minum", "air mineral", "amdk", "drinking water", "mineral water"),
    ("sabun", "soap"),
    ("minyak", "oil"),
    ("sasirangan", "kain", "batik", "tenun", "fabric", "textile"),
    ("anyaman", "purun", "rotan", "bambu", "woven", "weaving", "basket", "keranjang", "tas"),
    ("sapu", "ijuk", "broom"),
    ("dodol", "jenang", "wajik"),
    ("kue", "cake", "roti", "bread"),
    ("sambal", "saus", "chili sauce"),
    ("jamu", "herbal", "obat tradisional"),
    ("telur", "telor", "egg", "eggs"),
    ("susu", "milk"),
)

# Words for a whole category, added to every product in it (the category's own label is
# already on the page).
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "makanan": ("makanan", "pangan", "oleh-oleh", "food"),
    "minuman": ("minuman", "drink", "beverage"),
    "kerajinan": ("kerajinan", "handicraft", "craft", "souvenir", "cendera mata"),
    "fesyen": ("pakaian", "busana", "fashion", "clothing"),
    "pertanian": ("hasil tani", "perkebunan", "agriculture"),
    "perikanan": ("ikan", "hasil laut", "seafood", "fish"),
    "peternakan": ("ternak", "livestock"),
    "herbal": ("herbal", "kosmetik", "perawatan", "cosmetics"),
    "rumah-tangga": ("rumah tangga", "household", "alat rumah"),
    "jasa": ("jasa", "layanan", "service"),
}


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " " + " ".join(re.findall(r"[\w-]+", text)) + " "


def _own_text(product: Product) -> str:
    parts = [product.name.id, product.name.en or "", product.summary.id, product.summary.en or "", *product.tags]
    return _normal(" ".join(parts))


def extra_words(product: Product, lang: str) -> str:
    """The buyer's words for `product` that its page text in `lang` lacks: synonyms of what it
    says, its category's words, and its name in the other language (an English name on the
    Indonesian index finds `coffee`; the Indonesian name on the English one finds `madu`)."""
    own = _own_text(product)
    words: list[str] = []
    for group in SYNONYMS:
        if any(f" {w} " in own for w in group):
            words += [w for w in group if f" {w} " not in own]
    words += [w for w in CATEGORY_WORDS.get(product.category, ()) if f" {w} " not in own]
    other = product.name.en if lang == "id" else product.name.id
    if other:
        words.append(other)
    seen: set[str] = set()
    return " ".join(w for w in words if not (w in seen or seen.add(w)))


def vocabulary(catalogue: Catalogue, lang: str) -> str:
    """The catalogue's own words in `lang` (names, tags, categories, regencies, the buyer's
    words above), most frequent first, as JSON: what "Maksud Anda: …?" suggests from
    (assets/javascripts/opop-suggest.js fetches it only after a search that found little)."""
    counts: Counter[str] = Counter()
    for product in catalogue.products:
        text = " ".join([product.name.get(lang), *product.tags, extra_words(product, lang)])
        counts.update(set(_words(text)))
    for labels in (CATEGORIES, REGENCIES):
        for label in labels.values():
            counts.update(_words(label.get(lang)))
    ordered = sorted(counts, key=lambda w: (-counts[w], w))[:VOCABULARY_LIMIT]
    return json.dumps(ordered, ensure_ascii=False, separators=(",", ":")) + "\n"


def _words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return [w for w in re.findall(r"[^\W\d_]{3,}", plain)]

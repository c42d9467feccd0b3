"""The exchange board: which products of other pesantren can meet each cooperative's `needs`.

Contract:
- A candidate supplier is in the need's category (required) and shares at least
  `min_shared` keywords (default 1) between the need's text and its name, tags and summary.
  Category alone is too broad to be a lead: a need for palm sugar is not met by rice, though
  both are `pertanian`; pass `min_shared=0` to list every product of the category.
- Never the same pesantren: a cooperative does not trade with itself.
- Deterministic: candidates by number of shared keywords (desc), then slug; matches by the
  needing product's slug, then the need's position in its file.

Keywords are folded text minus stop words, numbers and measures, with a light Indonesian
suffix strip so "anyaman" meets "anyam" and "kemasan" meets "kemas". No I/O here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from catalogue.products.model import Catalogue, Need, Product, Text

# Function words, plus words that only say how much or how often ("200 kg per bulan"):
# they appear in almost every need and would match every product summary.
STOP_WORDS = frozenset("""
    ada agar akan antara atas atau bagi baik belum bisa boleh dalam dan dapat dari dengan di
    hingga ini itu jika juga ke kami kalau kira kita lalu lebih maupun mereka nya oleh pada
    para per saja sampai saya sebagai secara sedang seperti serta setiap sudah supaya tanpa
    tiap tidak untuk yang
    bulan minggu tahun hari sekitar kurang minimal maksimal isi buah pcs kg gram ton liter ml
    butuh butuhkan membutuhkan dibutuhkan perlu memerlukan diperlukan cari mencari ingin mau
    rutin pasokan pemasok
    a about an and are around as at be by for from in is of on or our per the to we with
    month week year need needs want looking
""".split())

_WORD = re.compile(r"[^\W_]+")  # runs of letters and digits in any script


def _stem(word: str) -> str:
    """Strip -nya, then one of -kan/-an, keeping a stem of at least 4 letters.

    The length guard keeps words such as "ikan" (fish) and "bahan" whole; a wrong stem is
    harmless as long as both sides are stemmed the same way.
    """
    if word.endswith("nya") and len(word) - 3 >= 4:
        word = word[:-3]
    for suffix in ("kan", "an"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def keywords(*texts: str) -> dict[str, str]:
    """Stem → the first word (folded) it came from, over all `texts`, in reading order."""
    out: dict[str, str] = {}
    for text in texts:
        for word in _WORD.findall(unicodedata.normalize("NFKC", text).casefold()):
            if len(word) < 3 or any(ch.isdigit() for ch in word) or word in STOP_WORDS:
                continue  # "250", "250ml", "ke": measures and particles, never a product
            stem = _stem(word)
            if stem not in STOP_WORDS:
                out.setdefault(stem, word)
    return out


def _texts(text: Text) -> tuple[str, ...]:
    # Indonesian and English: cooperatives write needs in Indonesian, and an English name
    # adds words a need may use ("honey"). Arabic is too rarely filled to be worth matching.
    return tuple(t for t in (text.id, text.en) if t)


def product_keywords(product: Product) -> dict[str, str]:
    """What a product offers, as keywords: its name, tags and summary in Indonesian and
    English, pooled (each of the need's words is counted once however often it matches)."""
    return keywords(*_texts(product.name), *product.tags, *_texts(product.summary))


def _fold(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def same_pesantren(a: Product, b: Product) -> bool:
    """The same pesantren: same slug, same NSPP, or the same name after folding case and
    spaces (the rule validate.py uses for "one pesantren, one flagship product")."""
    if a.slug == b.slug:
        return True
    if a.pesantren.nspp and a.pesantren.nspp == b.pesantren.nspp:
        return True
    return _fold(a.pesantren.name) == _fold(b.pesantren.name)


@dataclass(frozen=True)
class Candidate:
    """A product that can meet a need, and why: the need's words it shares, per language."""

    product: Product
    shared: tuple[str, ...]  # words of the need's Indonesian text, in reading order
    shared_en: tuple[str, ...] = ()  # words of the need's English text, if it has one

    @property
    def score(self) -> int:
        # The better language, not the sum: a need written in two languages says the same
        # thing twice, and counting both would favour products that happen to have English.
        return max(len(self.shared), len(self.shared_en))

    def reason(self, lang: str) -> tuple[str, ...]:
        """The shared words to show in `lang` (English for "en", else Indonesian), falling
        back to the other language when none were shared in this one."""
        if lang == "en":
            return self.shared_en or self.shared
        return self.shared or self.shared_en


@dataclass(frozen=True)
class NeedMatch:
    """One `needs` entry of `product`, with its ranked candidate suppliers (maybe none)."""

    product: Product  # the product whose cooperative has the need
    index: int  # position in product.needs: a stable anchor, e.g. #kebutuhan-<slug>-<index>
    need: Need
    candidates: tuple[Candidate, ...]

    @property
    def is_open(self) -> bool:
        """No supplier in the catalogue yet: an open opportunity."""
        return not self.candidates


def candidates_for(need: Need, owner: Product, products: tuple[Product, ...], min_shared: int = 1,
                   offered_by: Mapping[str, dict[str, str]] | None = None,
                   index: Mapping[str, Collection[str]] | None = None) -> tuple[Candidate, ...]:
    """Products of other pesantren that can meet `need`, best first. `offered_by` (slug →
    product_keywords) saves recomputing each product's keywords for every need; `index`
    (stem → slugs of `products` offering it) limits the scan to products sharing a word."""
    wanted_id = keywords(need.text.id)
    wanted_en = keywords(need.text.en) if need.text.en else {}
    found = []
    if index is not None and min_shared >= 1:
        # Only products that share a word can score: look them up instead of scanning all.
        sharing = {slug for stem in (*wanted_id, *wanted_en) for slug in index.get(stem, ())}
        products = tuple(p for p in products if p.slug in sharing)
    for product in products:
        if product.category != need.category:
            continue
        offered = offered_by[product.slug] if offered_by is not None else product_keywords(product)
        candidate = Candidate(
            product,
            tuple(word for stem, word in wanted_id.items() if stem in offered),
            tuple(word for stem, word in wanted_en.items() if stem in offered),
        )
        # The pesantren check last: it folds two names, the costliest test per pair.
        if candidate.score >= min_shared and not same_pesantren(product, owner):
            found.append(candidate)
    found.sort(key=lambda c: (-c.score, c.product.slug))
    return tuple(found)


def match_needs(catalogue: Catalogue, min_shared: int = 1) -> list[NeedMatch]:
    """Every need of every product with its candidate suppliers, open needs included."""
    products = tuple(sorted(catalogue.products, key=lambda p: p.slug))
    # Keywords once per product, and only the need's category scanned: without these, 3,057
    # synthetic products (1,019 needs) took 42 s here instead of about 1 s.
    wanted = {need.category for owner in products for need in owner.needs}
    by_category: dict[str, tuple[Product, ...]] = {
        code: tuple(p for p in products if p.category == code) for code in wanted}
    offered_by = {p.slug: product_keywords(p) for code in wanted for p in by_category[code]}
    # Stem → products per category, so a need looks only at products sharing one of its words:
    # scanning the whole category made matching grow with N² (needs × products).
    postings: dict[str, dict[str, set[str]]] = {code: {} for code in wanted}
    for code in wanted:
        for p in by_category[code]:
            for stem in offered_by[p.slug]:
                postings[code].setdefault(stem, set()).add(p.slug)
    return [
        NeedMatch(owner, i, need, candidates_for(need, owner, by_category[need.category], min_shared, offered_by,
                                                 postings[need.category]))
        for owner in products
        for i, need in enumerate(owner.needs)
    ]


def open_needs(matches: list[NeedMatch]) -> list[NeedMatch]:
    """The needs nobody in the catalogue can meet yet, in board order."""
    return [m for m in matches if m.is_open]


def needed_by(catalogue: Catalogue, min_shared: int = 1) -> dict[str, list[Product]]:
    """For every product slug, the products whose needs it can meet ("dibutuhkan oleh"),
    sorted by slug, each once. Every slug is a key (an empty list when nobody needs it), and
    the pairs are exactly those of `match_needs`, so the links agree both ways."""
    out: dict[str, dict[str, Product]] = {p.slug: {} for p in catalogue.products}
    for match in match_needs(catalogue, min_shared):
        for candidate in match.candidates:
            out[candidate.product.slug][match.product.slug] = match.product
    return {slug: [needers[s] for s in sorted(needers)] for slug, needers in sorted(out.items())}

"""Exchange board: needs matched to other pesantren's products, with known expected pairs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from catalogue.network.exchange import keywords, match_needs, needed_by, open_needs, same_pesantren
from catalogue.products.model import Catalogue, Contact, Cooperative, Need, Pesantren, Price, Product, Text
from catalogue.products.validate import check_catalogue
from tests.helpers import write_product

TODAY = date(2026, 11, 28)

BASE = Product(
    slug="base", source=Path("products/base/product.yml"), name=Text("Base"), summary=Text("Base"),
    description=Text("Base"), category="makanan", pesantren=Pesantren("Pondok Pesantren Base", "63.03", "Jl. Contoh"),
    cooperative=Cooperative("Kopontren Base"), price=Price(1000, Text("bungkus")), markets=("regional",),
    photos=(), contact=Contact("Ustadz Contoh", "+6281150000001"), updated=date(2026, 1, 5),
)


def product(slug: str, category: str, name: str | Text, *, tags=(), summary: str | Text = "", needs=(), pesantren: str | None = None) -> Product:
    as_text = lambda value: value if isinstance(value, Text) else Text(value)  # noqa: E731
    return replace(
        BASE, slug=slug, category=category, name=as_text(name), summary=as_text(summary or name), tags=tuple(tags),
        needs=tuple(Need(cat, as_text(text)) for cat, text in needs),
        pesantren=Pesantren(pesantren or f"Pondok Pesantren {slug}", "63.03", "Jl. Contoh"),
    )


def catalogue(*products: Product) -> Catalogue:
    return Catalogue(tuple(sorted(products, key=lambda p: p.slug)), TODAY)


# The handcrafted board. Expected, need by need:
# - dodol needs palm sugar and rice: gula-aren (2 words) before beras (1 word); the makanan
#   product kue-gula-aren shares the words but is the wrong category.
# - kopi needs palm sugar: only gula-aren; beras is pertanian but shares no word.
# - sabun needs honey: met by two suppliers, equal score, so in slug order.
# - madu-a needs honey too (for a gift pack): madu-b only, never itself.
# - abon needs a vacuum-packing service: no jasa product, an open opportunity.
BOARD = catalogue(
    product("gula-aren", "pertanian", "Gula Aren Cetak", tags=["gula-aren", "nira"], summary="Gula merah dari nira aren."),
    product("beras", "pertanian", "Beras Siam Unus", tags=["beras", "padi"], summary="Beras pasang surut."),
    product("kue-gula-aren", "makanan", "Kue Gula Aren", tags=["kue"], summary="Kue basah manis."),
    product("dodol", "makanan", "Dodol Kandangan", tags=["dodol"],
            needs=[("pertanian", "Gula aren cetak, 200 kg per bulan, dan beras ketan")]),
    product("kopi", "minuman", "Kopi Liberika", tags=["kopi"],
            needs=[("pertanian", "Gula aren bubuk untuk kopi gula aren")]),
    product("madu-a", "peternakan", "Madu Kelulut Balangan", tags=["madu", "kelulut"],
            needs=[("peternakan", "Madu kelulut botol kecil untuk paket hadiah")]),
    product("madu-b", "peternakan", "Madu Kelulut Tanah Bumbu", tags=["madu", "kelulut", "trigona"]),
    product("sabun", "herbal", "Sabun Herbal", tags=["sabun"],
            needs=[("peternakan", "Madu kelulut untuk varian sabun madu")]),
    product("abon", "perikanan", "Abon Ikan Haruan", tags=["abon", "ikan"],
            needs=[("jasa", "Jasa mesin pengemas vakum untuk kemasan 250 g")]),
)


def pairs(matches) -> list[tuple[str, int, list[str]]]:
    return [(m.product.slug, m.index, [c.product.slug for c in m.candidates]) for m in matches]


def test_board_pairs_are_exactly_the_expected_ones():
    assert pairs(match_needs(BOARD)) == [
        ("abon", 0, []),
        ("dodol", 0, ["gula-aren", "beras"]),
        ("kopi", 0, ["gula-aren"]),
        ("madu-a", 0, ["madu-b"]),
        ("sabun", 0, ["madu-a", "madu-b"]),
    ]


def test_reasons_are_the_need_words_shared_in_reading_order():
    by_slug = {m.product.slug: m for m in match_needs(BOARD)}
    dodol = by_slug["dodol"].candidates
    assert [(c.shared, c.score) for c in dodol] == [(("gula", "aren", "cetak"), 3), (("beras",), 1)]
    assert by_slug["sabun"].candidates[0].shared == ("madu", "kelulut")


def test_a_need_with_no_supplier_is_an_open_opportunity():
    opened = open_needs(match_needs(BOARD))
    assert [(m.product.slug, m.need.category) for m in opened] == [("abon", "jasa")]
    assert opened[0].is_open


def test_a_pesantren_is_never_matched_with_itself():
    for match in match_needs(BOARD, min_shared=0):
        assert all(c.product.slug != match.product.slug for c in match.candidates)
    # The same pesantren under another slug (validation forbids it, the matcher still holds).
    twin = product("madu-a-lagi", "peternakan", "Madu Kelulut", tags=["madu"], pesantren="  pondok pesantren MADU-A ")
    matches = match_needs(catalogue(*BOARD.products, twin))
    madu_a = next(m for m in matches if m.product.slug == "madu-a")
    assert [c.product.slug for c in madu_a.candidates] == ["madu-b"]


def test_same_pesantren_by_nspp_or_folded_name():
    a = replace(product("a", "makanan", "A"), pesantren=Pesantren("PP Satu", "63.03", "Jl.", nspp="510063039006"))
    b = replace(product("b", "makanan", "B"), pesantren=Pesantren("PP Dua", "63.03", "Jl.", nspp="510063039006"))
    c = product("c", "makanan", "C", pesantren="pp   satu")
    assert same_pesantren(a, b) and same_pesantren(a, c)
    assert not same_pesantren(b, product("d", "makanan", "D"))


def test_category_alone_is_listed_only_when_asked():
    kopi = next(m for m in match_needs(BOARD, min_shared=0) if m.product.slug == "kopi")
    assert [c.product.slug for c in kopi.candidates] == ["gula-aren", "beras"]
    assert kopi.candidates[1].shared == ()


def test_needed_by_mirrors_the_board():
    assert {slug: [p.slug for p in needers] for slug, needers in needed_by(BOARD).items()} == {
        "abon": [], "beras": ["dodol"], "dodol": [], "gula-aren": ["dodol", "kopi"], "kopi": [],
        "kue-gula-aren": [], "madu-a": ["sabun"], "madu-b": ["madu-a", "sabun"], "sabun": [],
    }


def test_keywords_drop_stop_words_numbers_and_measures():
    assert keywords("Ikan tenggiri atau ikan pipih, 300 kg per bulan, 250ml, untuk kemasan yang baik") == {
        "ikan": "ikan", "tenggiri": "tenggiri", "pipih": "pipih", "kemas": "kemasan",
    }


def test_light_suffix_stripping_meets_root_words():
    # "anyaman" (woven work) in the need, "anyam" in the product name; "ikan" stays whole.
    assert keywords("anyaman kemasannya") == {"anyam": "anyaman", "kemas": "kemasannya"}
    board = catalogue(
        product("tas", "kerajinan", "Tas Anyam Purun", tags=["tas"]),
        product("madu", "peternakan", "Madu", needs=[("kerajinan", "Keranjang anyaman purun untuk parsel")]),
    )
    [match] = match_needs(board)
    assert match.candidates[0].shared == ("anyaman", "purun")


def test_english_text_ranks_by_the_better_language_not_the_sum():
    need = Text("Madu kelulut", "Stingless bee honey")
    board = catalogue(
        product("a-bilingual", "peternakan", Text("Madu Kelulut", "Stingless Bee Honey"), tags=["madu", "kelulut"]),
        product("b-indonesian", "peternakan", "Madu Kelulut Hutan", tags=["madu", "kelulut", "hutan"]),
        product("sabun", "herbal", "Sabun", needs=[("peternakan", need)]),
    )
    [match] = match_needs(board)
    assert [(c.product.slug, c.score) for c in match.candidates] == [("a-bilingual", 3), ("b-indonesian", 2)]
    assert match.candidates[0].reason("en") == ("stingless", "bee", "honey")
    assert match.candidates[1].reason("en") == ("madu", "kelulut")  # falls back to Indonesian


def test_match_on_a_validated_catalogue(tmp_path):
    write_product(tmp_path, "madu-kelulut", category="peternakan", tags=["madu", "kelulut"],
                  name={"id": "Madu Kelulut", "en": "Stingless Bee Honey"})
    write_product(tmp_path, "sabun-herbal", category="herbal", tags=["sabun"],
                  needs=[{"category": "peternakan", "text": "Madu kelulut untuk sabun madu"},
                         {"category": "kerajinan", "text": {"id": "Kotak anyaman purun", "en": "Woven purun boxes"}}])
    result = check_catalogue(tmp_path, today=TODAY)
    assert result.errors == []
    assert pairs(match_needs(result.catalogue)) == [("sabun-herbal", 0, ["madu-kelulut"]), ("sabun-herbal", 1, [])]


def test_the_word_index_finds_what_a_full_scan_finds():
    """match_needs looks up products by shared word; a scan of the whole category (what
    candidates_for does without the index) must give the same board, on the handcrafted board
    and on the samples."""
    from catalogue.network.exchange import candidates_for

    samples = check_catalogue(Path(__file__).parents[1] / "products", TODAY).catalogue
    for cat in (BOARD, samples):
        products = tuple(sorted(cat.products, key=lambda p: p.slug))
        scanned = [(owner.slug, i, [c.product.slug for c in candidates_for(
                        need, owner, tuple(p for p in products if p.category == need.category))])
                   for owner in products for i, need in enumerate(owner.needs)]
        assert pairs(match_needs(cat)) == scanned
        assert any(candidates for _, _, candidates in scanned)

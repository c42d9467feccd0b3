"""Translation coverage: how much of each product's text exists in English and Arabic.

A missing translation falls back to Indonesian on the site; this report tells maintainers
where translators are needed (spec: "counted in the translation report").
"""

from __future__ import annotations

from catalogue.products.model import Catalogue, Product, Text

TRANSLATED = ("en", "ar")


def product_texts(product: Product) -> list[Text]:
    """Every buyer-facing Text of a product."""
    texts = [product.name, product.summary, product.description, product.price.unit]
    texts += [photo.alt for photo in product.photos]
    texts += [photo.caption for photo in product.photos if photo.caption]
    for optional in (product.packaging, product.min_order and product.min_order.unit, product.capacity and product.capacity.unit):
        if optional:
            texts.append(optional)
    return texts


def coverage(catalogue: Catalogue) -> dict[str, dict[str, tuple[int, int]]]:
    """slug -> lang -> (translated, total)."""
    out = {}
    for product in catalogue.products:
        texts = product_texts(product)
        out[product.slug] = {lang: (sum(t.has(lang) for t in texts), len(texts)) for lang in TRANSLATED}
    return out


def format_coverage(catalogue: Catalogue, lang: str = "id") -> str:
    table = coverage(catalogue)
    title = "Cakupan terjemahan (teks diterjemahkan / semua teks)" if lang == "id" else "Translation coverage (translated texts / all texts)"
    lines = [title, f"{'produk' if lang == 'id' else 'product':40} {'en':>9} {'ar':>9}"]
    totals = {l: [0, 0] for l in TRANSLATED}
    for slug, per_lang in table.items():
        cells = []
        for l in TRANSLATED:
            done, total = per_lang[l]
            totals[l][0] += done
            totals[l][1] += total
            cells.append(f"{done:>4}/{total:<4}")
        lines.append(f"{slug:40} {cells[0]:>9} {cells[1]:>9}")
    summary = "  ".join(f"{l}: {100 * d // t if t else 0}%" for l, (d, t) in totals.items())
    lines.append(("Total " if lang == "id" else "Total ") + summary)
    return "\n".join(lines)

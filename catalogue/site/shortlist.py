"""The buyer's shortlist (`/daftar/`): saved products grouped by cooperative, one message each.

The shortlist itself lives in the buyer's browser (localStorage, no cookie, no server;
assets/javascripts/opop-shortlist.js). What the page needs to show a saved product in its own
language comes from `daftar/produk.json` next to it: per product its name, address, price,
unit and minimum order, and its cooperative's name and contacts. Values are plain text; the
script writes them with textContent, never as HTML.
"""

from __future__ import annotations

import json

from catalogue.products.model import Catalogue
from catalogue.site import buyer_view, formatting as fmt

DATA_FILE = "daftar/produk.json"  # next to each language's shortlist page


def shortlist_data(catalogue: Catalogue, lang: str, product_url) -> str:
    """JSON: {"products": {slug: {...}}, "cooperatives": {key: {...}}}. `product_url(product)`
    is the product page's address relative to the shortlist page."""
    products, cooperatives = {}, {}
    for product in catalogue.products:
        # One message per seller: products reached through the same WhatsApp number (a
        # cooperative, or a secondary cooperative selling for several) share one.
        key = product.contact.whatsapp.lstrip("+")
        cooperatives[key] = {
            "name": product.cooperative.name, "pesantren": product.pesantren.name,
            "contact": product.contact.name, "whatsapp": product.contact.whatsapp.lstrip("+"),
            "email": product.contact.email or "",
        }
        minimum = product.min_order
        products[product.slug] = {
            "name": product.name.get(lang), "url": product_url(product), "coop": key,
            "price": buyer_view.price_range(product, lang), "unit": product.price.unit.get(lang),
            "min": minimum.quantity if minimum else 1,
            "min_unit": minimum.unit.get(lang) if minimum else product.price.unit.get(lang),
            "min_text": f"{fmt.number(minimum.quantity, lang)} {minimum.unit.get(lang)}" if minimum else "",
        }
    return json.dumps({"products": products, "cooperatives": cooperatives}, ensure_ascii=False,
                      sort_keys=True, separators=(",", ":")) + "\n"

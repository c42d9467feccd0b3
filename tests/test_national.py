"""The national catalogue (`build.py national`): SOURCES.yml, each province's catalogue.json
checked as untrusted input, last good snapshots, the national site and its one search index.

Provinces are built here from dicts shaped like catalogue/site/exports.py's records; the
end-to-end build uses the samples' real catalogue.json (the published build) as province 63
and a fabricated province 35 made from it, served over HTTP.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import gzip
import http.server
import json
import os
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from catalogue.national import command, pages
from catalogue.national.build import build_national
from catalogue.national.records import Invalid, read_catalogue
from catalogue.national.sources import Source, read_sources
from catalogue.site.pagefind_stable import read_index_file

# --- tiny provinces --------------------------------------------------------------------------


SAMPLE_SITE = "https://opop.example/katalog/"  # the samples' published catalogue.json (province 63)
JATIM_SITE = "https://opop-jatim.example/katalog/"  # jatim_from's addresses (province 35)


def site_of(province: str) -> str:
    """The site root of a province made with `record`."""
    return {"63": "https://kalsel.example/", "35": "https://jatim.example/"}.get(province, f"https://p{province}.example/")


def record(slug: str, *, province: str = "63", regency: str | None = None, price: float = 10000,
           name: str | None = None, **changes) -> dict:
    """One product as a province's data/catalogue.json carries it (exports.product_record)."""
    site = site_of(province)
    data = {
        "slug": slug, "category": "makanan", "tags": ["kue"],
        "name": {"id": name or f"Produk {slug}", "en": f"Product {slug}", "ar": "منتج"},
        "summary": {"id": "Ringkasan.", "en": "Summary."},
        "pesantren": {"name": f"Pesantren {slug}", "regency": regency or f"{province}.01"},
        "price": {"min": price, "max": price * 2, "unit": {"id": "kotak", "en": "box"}},
        "photos": [{"url": f"{site}media/{slug}-960.webp", "alt": {"id": f"Foto {slug}"}, "width": 960, "height": 720}],
        "updated": "2026-05-18", "url": f"{site}produk/{slug}/",
    }
    for key, value in changes.items():
        data[key] = value
    return data


def catalogue_doc(records, version=1, fmt="katalog-opop-kalsel") -> dict:
    return {"format": fmt, "format_version": version, "documentation": "https://x.example/data/", "products": records}


def write_json(path: Path, doc) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return path


def source(code="63", location="/nowhere/data/catalogue.json", is_url=False, site="", photo_hosts=()) -> Source:
    """A province read from a file whose `site:` is `site_of(code)` (site=None: no `site:`)."""
    from catalogue.national.regions import regions

    return Source(code, regions().provinces[code], location, is_url,
                  site_of(code) if site == "" and not is_url else site or None, tuple(photo_hosts))


class _Files(http.server.BaseHTTPRequestHandler):
    """Serves `self.server.files` ({path: answer}). An answer: bytes (200 with Content-Length),
    an int (that status), ("redirect", location) (302), ("no-length", bytes) (200, the body
    ends when the connection closes), ("trickle", bytes) (200, one byte every 0.3 s)."""

    def do_GET(self):
        answer = self.server.files.get(self.path.split("?")[0])
        if answer is None or isinstance(answer, int):
            self.send_response(answer or 404)
            self.end_headers()
            return
        kind, body = answer if isinstance(answer, tuple) else ("plain", answer)
        if kind == "redirect":
            self.send_response(302)
            self.send_header("Location", body)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if kind != "no-length":
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if kind == "trickle":
            try:
                for i in range(len(body)):
                    self.wfile.write(body[i:i + 1])
                    self.wfile.flush()
                    time.sleep(0.3)
            except OSError:  # the client gave up: what the test wants
                pass
        else:
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def province_server(files: dict):
    """A local HTTP server on 127.0.0.1 (port 0) serving `files`; yields (base URL, files)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Files)
    server.files = files
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", files
    finally:
        server.shutdown()
        server.server_close()


def run_command(sources: Path, site: Path, cache: Path | None = None) -> int:
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    argv = [str(sources), "--site", str(site)] + (["--cache", str(cache)] if cache else [])
    return command.run(parser.parse_args(argv))


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- SOURCES.yml -----------------------------------------------------------------------------


@pytest.mark.parametrize("text, message", [
    ("provinces:\n  - code: \"99\"\n    catalogue: a.json\n    site: https://a.example/\n",
     'S.yml:2:11: provinces[0].code: diharapkan kode provinsi Kemendagri dua angka, ditemukan "99" '
     "(perbaiki: pakai kode dari daftar provinsi, mis. 11 Aceh, 12 Sumatera Utara, 13 Sumatera Barat, … 63 Kalimantan Selatan)\n"
     '  (en) expected a two-digit Kemendagri province code, found "99" '
     "(fix: use a code from the list of provinces, e.g. 11 Aceh, 12 Sumatera Utara, 13 Sumatera Barat, … 63 Kalimantan Selatan)"),
    ("provinces:\n  - code: 63\n    catalogue: https://a.example/data/catalogue.json\n"
     "  - code: 63\n    catalogue: https://b.example/data/catalogue.json\n",
     "S.yml:4:11: provinces[1].code: diharapkan setiap provinsi sekali saja, ditemukan 63 lagi (juga/also provinces[0]) "
     "(perbaiki: hapus salah satu entri)\n"
     "  (en) expected each province once, found 63 lagi (juga/also provinces[0]) (fix: remove one of the entries)"),
    ("provinces:\n  - code: \"63\"\n",
     "S.yml:2:5: provinces[0].catalogue: diharapkan kunci `catalogue`, ditemukan tidak ada/nothing "
     "(perbaiki: tambahkan `catalogue:` dengan alamat atau berkas data/catalogue.json provinsi)\n"
     "  (en) expected the key `catalogue`, found tidak ada/nothing "
     "(fix: add `catalogue:` with the address or file of the province's data/catalogue.json)"),
    ("provinces:\n  - code: \"63\"\n    catalogue: ftp://x.example/data/catalogue.json\n",
     'S.yml:3:16: provinces[0].catalogue: diharapkan alamat http(s):// atau berkas, ditemukan "ftp://x.example/data/catalogue.json" '
     "(perbaiki: tulis alamat https://…/data/catalogue.json atau jalur berkas)\n"
     '  (en) expected an http(s):// address or a file, found "ftp://x.example/data/catalogue.json" '
     "(fix: write an https://…/data/catalogue.json address or a file path)"),
    ("provinces:\n  - code: \"63\"\n    catalog: a.json\n",
     'S.yml:3:5: provinces[0].catalog: diharapkan salah satu kunci code, catalogue, site, photo_hosts, ditemukan "catalog" '
     "(perbaiki: hapus kunci ini atau perbaiki ejaannya)\n"
     '  (en) expected one of the keys code, catalogue, site, photo_hosts, found "catalog" (fix: remove this key or fix its spelling)'),
    ("provinces:\n  - code: \"63\"\n    catalogue: a.json\n    site: javascript:alert(1)\n",
     'S.yml:4:11: provinces[0].site: diharapkan alamat http(s):// situs provinsi, ditemukan "javascript:alert(1)" '
     "(perbaiki: tulis alamat situs, mis. https://opop-jatim.example/)\n"
     '  (en) expected the province site\'s http(s):// address, found "javascript:alert(1)" '
     "(fix: write the site's address, e.g. https://opop-jatim.example/)"),
    ("provinces:\n  - code: \"63\"\n    catalogue: kalsel/data/catalogue.json\n",
     "S.yml:3:16: provinces[0].site: diharapkan kunci `site` untuk berkas, ditemukan tidak ada/nothing "
     "(perbaiki: tambahkan `site:` dengan alamat situs provinsi, mis. https://opop-jatim.example/ "
     "(produk dan foto hanya boleh dari situs itu))\n"
     "  (en) expected the key `site` for a file, found tidak ada/nothing (fix: add `site:` with the province "
     "site's address, e.g. https://opop-jatim.example/ (products and photos may only come from that site))"),
    ("provinces:\n  - code: \"63\"\n    catalogue: https://a.example/data/catalogue.json\n"
     "    photo_hosts: [https://foto.example/media/]\n",
     'S.yml:4:19: provinces[0].photo_hosts: diharapkan alamat http(s)://host situs foto, tanpa jalur, '
     'ditemukan "https://foto.example/media/" (perbaiki: tulis mis. https://foto.opop-jatim.example)\n'
     "  (en) expected the photo site's http(s)://host address, without a path, found "
     '"https://foto.example/media/" (fix: write e.g. https://photos.opop-jatim.example)'),
    ("provinces: [\n",
     "S.yml:2:1: diharapkan YAML yang sah, ditemukan kesalahan: expected the node content, but found '<stream end>' "
     "(perbaiki: periksa indentasi dan tanda kutip di baris ini)\n"
     "  (en) expected valid YAML, found an error: expected the node content, but found '<stream end>' "
     "(fix: check the indentation and quotes on this line)"),
    ("",
     "S.yml:1:1: diharapkan peta dengan kunci `provinces`, ditemukan berkas kosong/empty file "
     "(perbaiki: tulis `provinces:` lalu satu entri per provinsi (lihat docs/national.md))\n"
     "  (en) expected a mapping with a `provinces` key, found berkas kosong/empty file "
     "(fix: write `provinces:` then one entry per province (see docs/national.md))"),
], ids=["unknown-code", "duplicate", "no-catalogue", "ftp", "unknown-key", "site-javascript", "file-without-site",
        "photo-host-with-path", "yaml-syntax", "empty"])
def test_sources_problems_point_at_their_line_and_say_the_fix(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    Path("S.yml").write_text(text, "utf-8")
    sources, problems = read_sources(Path("S.yml"))
    assert sources is None
    assert [p.format() for p in problems] == [message]


def test_sources_are_read_as_text_with_paths_relative_to_the_file(tmp_path):
    (tmp_path / "SOURCES.yml").write_text(
        "title: Katalog Uji\nprovinces:\n  - code: 63\n    catalogue: kalsel/data/catalogue.json\n"
        "    site: https://Kalsel.example:443/\n    photo_hosts: [https://foto.kalsel.example, http://127.0.0.1:8000/]\n"
        "  - code: \"35\"\n    catalogue: https://jatim.example/katalog/data/catalogue.json\n"
        "  - code: \"36\"\n    catalogue: banten.json\n    site: https://banten.example/katalog\n"
        "  - code: \"11\"\n    catalogue: https://aceh.example/mydata/catalogue.json\n", "utf-8")
    sources, problems = read_sources(tmp_path / "SOURCES.yml")
    assert problems == []
    assert sources.title == "Katalog Uji"
    assert [(s.code, s.name, s.is_url, s.base, s.photo_origins) for s in sources.provinces] == [
        ("63", "Kalimantan Selatan", False, "https://Kalsel.example:443/",
         ("https://kalsel.example", "https://foto.kalsel.example", "http://127.0.0.1:8000")),
        ("35", "Jawa Timur", True, "https://jatim.example/katalog/", ("https://jatim.example",)),
        ("36", "Banten", False, "https://banten.example/katalog/", ("https://banten.example",)),
        # Only `/data/catalogue.json` is the site's data folder, not `/mydata/catalogue.json`.
        ("11", "Aceh", True, "https://aceh.example/mydata/", ("https://aceh.example",)),
    ]
    assert sources.provinces[0].location == str(tmp_path / "kalsel" / "data" / "catalogue.json")


# --- catalogue.json: the file, then each record ------------------------------------------------


@pytest.mark.parametrize("doc, message", [
    (catalogue_doc([], version=2),
     "format_version 2 lebih baru dari yang dikenal pembangun ini (1) (perbaiki: perbarui paket katalog-opop-kalsel pembangun nasional)"),
    (catalogue_doc([], version="1"), 'format_version: diharapkan bilangan bulat ≥ 1, ditemukan "1"'),
    (catalogue_doc([], fmt="something-else"),
     'diharapkan "format": "katalog-opop-kalsel", ditemukan "something-else" (perbaiki: alamatnya harus menunjuk data/catalogue.json situs katalog provinsi)'),
    ([1, 2], 'diharapkan "format": "katalog-opop-kalsel", ditemukan a list […] (perbaiki: alamatnya harus menunjuk data/catalogue.json situs katalog provinsi)'),
    (catalogue_doc({"a": 1}), "products: diharapkan daftar, ditemukan an object {…}"),
    (catalogue_doc([record("a", price="murah")]),
     "tidak ada satu pun produk yang sah dari 1 (masalah pertama: price.min: diharapkan bilangan bulat Rupiah 0…1000000000000, ditemukan \"murah\" "
     "(perbaiki: perbaiki produk ini di situs provinsi; produk ini dilewati))"),
    (catalogue_doc([]),
     "products: diharapkan paling sedikit satu produk, ditemukan daftar kosong "
     "(perbaiki: periksa bahwa situs provinsi dibangun dari folder products/ yang benar)"),
    # One hostile province must not exhaust memory: a million tiny records are refused at once.
    (catalogue_doc([[]] * 1_000_000),
     "products: diharapkan paling banyak 50.000 produk, ditemukan 1.000.000 (perbaiki: periksa data/catalogue.json "
     "situs provinsi: lebih dari 50.000 produk bukan katalog satu provinsi)"),
    (catalogue_doc([record("a", url="https://evil.example/produk/a/")]),
     'tidak ada satu pun produk yang sah dari 1 (masalah pertama: url: diharapkan alamat di situs provinsi ini '
     '(https://kalsel.example), ditemukan "https://evil.example/produk/a/" '
     "(perbaiki: perbaiki produk ini di situs provinsi; produk ini dilewati))"),
], ids=["newer-version", "version-text", "format", "not-an-object", "products-object", "no-valid-record",
        "no-products", "too-many-products", "every-record-skipped"])
def test_a_file_that_cannot_be_used_fails_the_whole_province(doc, message):
    with pytest.raises(Invalid) as caught:
        read_catalogue(json.dumps(doc).encode(), source())
    assert caught.value.id == message


def test_too_many_products_says_so_in_english():
    with pytest.raises(Invalid) as caught:
        read_catalogue(json.dumps(catalogue_doc([[]] * 50_001)).encode(), source())
    assert caught.value.en == ("products: expected at most 50,000 products, found 50,001 (fix: check the province site's "
                               "data/catalogue.json: more than 50,000 products is not one province's catalogue)")


def test_problems_kept_per_province_are_capped_and_the_rest_counted():
    from catalogue.national import report
    from catalogue.national.build import ProvinceResult

    data = json.dumps(catalogue_doc([record("a")] + [[]] * 1000)).encode()
    reading = read_catalogue(data, source())
    assert ([i.slug for i in reading.items], len(reading.problems), reading.more, reading.skipped) == (["a"], 100, 900, 1000)
    assert reading.problems[-1].where == "provinsi 63 (Kalimantan Selatan) products[100]"
    result = ProvinceResult(source(), "ok", reading.items, reading.problems, None, "2026-11-28", reading.more, reading.skipped)
    lines = report.terminal([result]).splitlines()
    assert len(lines) == 2 + 20 * 2 + 1
    assert lines[-1] == "  … dan 980 masalah lain / and 980 more problems"
    assert json.loads(report.status_json([result]))["provinces"][0]["skipped"] == 1000


def test_broken_json_fails_the_province():
    with pytest.raises(Invalid) as caught:
        read_catalogue(b'{"format": ', source())
    assert caught.value.id.startswith("bukan JSON yang sah (")


@pytest.mark.parametrize("bad, field, found", [
    (record("b", price="10000"), "price.min", '"10000"'),
    (record("b", price=0.5), "price.min", "0.5"),  # whole Rupiah only: 0.5 would be shown as Rp0
    (record("b", price=True), "price.min", "true"),
    (record("b", price=-5), "price.min", "-5"),
    (record("b", price=float("nan")), "price.min", "nan"),
    (record("b", url="javascript:alert(1)"), "url", '"javascript:alert(1)"'),
    (record("b", url="data:text/html,<script>alert(1)</script>"), "url", '"data:text/html,<script>alert(1)</script>"'),
    (record("b", url="//evil.example/produk/b/"), "url", '"https://evil.example/produk/b/"'),
    (record("b", url="https://evil.example/produk/b/"), "url", '"https://evil.example/produk/b/"'),
    (record("b", url="http://kalsel.example/produk/b/"), "url", '"http://kalsel.example/produk/b/"'),  # not https
    (record("b", regency="35.01"), "pesantren.regency", '"35.01"'),
    (record("b", regency="63.99"), "pesantren.regency", '"63.99"'),
    (record("b", name="Nama\u0007bunyi"), "name.id", "U+0007"),
    (record("b", name="Nama\u202egnirts"), "name.id", "U+202E"),  # a bidi override reorders the page
    (record("b", name="Nama\u2066x\u2069"), "name.id", "U+2066"),
    (record("b", name="Nama\ud800"), "name.id", "U+D800"),  # a lone surrogate cannot be written as UTF-8
    (record("b", name="x" * 201), "name.id", "201"),
    (record("B/../x"), "slug", '"B/../x"'),
    (record("b", category="<b>"), "category", '"<b>"'),
    (record("a"), "slug", '"a"'),  # the same slug twice in one province
], ids=["price-text", "price-half", "price-bool", "price-negative", "price-nan", "url-javascript", "url-data",
        "url-protocol-relative", "url-other-host", "url-http", "regency-other-province", "regency-unknown",
        "control-char", "bidi-override", "bidi-isolate", "surrogate", "name-too-long", "slug", "category", "duplicate"])
def test_a_record_with_a_problem_is_skipped_and_reported_the_rest_kept(bad, field, found):
    data = json.dumps(catalogue_doc([record("a"), bad, record("c")])).encode()
    items, problems, more, skipped = read_catalogue(data, source())
    assert [item.slug for item in items] == ["a", "c"] and (more, skipped) == (0, 1)
    assert len(problems) == 1
    problem = problems[0]
    assert problem.where.startswith("provinsi 63 (Kalimantan Selatan) products[1]")
    assert (problem.field, problem.id.split(", ditemukan ")[1]) == (field, f"{found} (perbaiki: perbaiki produk ini di situs provinsi; produk ini dilewati)")
    assert problem.en.endswith("(fix: correct this product on the province site; it is skipped)")


def test_relative_addresses_resolve_against_the_province_site_root():
    doc = catalogue_doc([record("a", url="produk/a/", photos=[{"url": "media/a.webp", "alt": {"id": "A"}}])])
    url_source = source(location="https://kalsel.example/katalog/data/catalogue.json", is_url=True)
    (item,), *_ = read_catalogue(json.dumps(doc).encode(), url_source)
    assert (item.url, item.photo) == ("https://kalsel.example/katalog/produk/a/", "https://kalsel.example/katalog/media/a.webp")
    (item,), *_ = read_catalogue(json.dumps(doc).encode(), source(site="https://kalsel.example/k/"))
    assert (item.url, item.photo) == ("https://kalsel.example/k/produk/a/", "https://kalsel.example/k/media/a.webp")


@pytest.mark.parametrize("photo_url, found", [
    ("//evil.example/a.webp", '"https://evil.example/a.webp"'),
    ("https://evil.example/a.webp", '"https://evil.example/a.webp"'),
    ("http://127.0.0.1:9/a.webp", '"http://127.0.0.1:9/a.webp"'),
    ("http://kalsel.example/a.webp", '"http://kalsel.example/a.webp"'),  # https only, as the site
    ("https://foto.example:8443/a.webp", '"https://foto.example:8443/a.webp"'),  # another port, another origin
    ("javascript:alert(1)", None),
], ids=["protocol-relative", "other-host", "loopback", "http", "other-port", "javascript"])
def test_a_photo_from_elsewhere_is_dropped_and_reported_the_product_kept(photo_url, found):
    doc = catalogue_doc([record("a"), record("b", photos=[{"url": photo_url, "alt": {"id": "B"}}])])
    reading = read_catalogue(json.dumps(doc).encode(), source(photo_hosts=["https://foto.example"]))
    assert [(i.slug, i.photo) for i in reading.items] == [("a", "https://kalsel.example/media/a-960.webp"), ("b", None)]
    assert reading.skipped == 0
    (problem,) = reading.problems
    assert (problem.where, problem.field) == ("provinsi 63 (Kalimantan Selatan) products[1] b", "photos[0].url")
    if found:
        assert problem.id == ("diharapkan alamat di situs provinsi ini atau photo_hosts-nya (https://kalsel.example "
                              f"https://foto.example), ditemukan {found} (perbaiki: perbaiki foto ini di situs provinsi; "
                              "produk tampil tanpa foto)")
        assert problem.en == ("expected an address on this province's site or its photo_hosts (https://kalsel.example "
                              f"https://foto.example), found {found} (fix: correct this photo on the province site; "
                              "the product is shown without it)")
    else:
        assert problem.id.startswith('diharapkan alamat http(s), ditemukan "javascript:alert(1)"')


def test_photos_from_the_photo_hosts_are_kept():
    doc = catalogue_doc([record("a", photos=[{"url": "https://FOTO.example:443/media/a.webp", "alt": {"id": "A"}}])])
    reading = read_catalogue(json.dumps(doc).encode(), source(photo_hosts=["https://foto.example"]))
    assert [i.photo for i in reading.items] == ["https://FOTO.example:443/media/a.webp"] and reading.problems == []


def test_without_a_site_no_address_is_the_provinces():
    # A Source with no site root (SOURCES.yml refuses a file without `site:`) accepts no address.
    with pytest.raises(Invalid) as caught:
        read_catalogue(json.dumps(catalogue_doc([record("a"), record("b", url="produk/b/")])).encode(), source(site=None))
    assert caught.value.en.startswith('not one valid product of 2 (first problem: url: expected an address on this '
                                      'province\'s site (-), found "https://kalsel.example/produk/a/"')


def test_only_what_the_site_shows_is_checked():
    # price.max and updated are never shown: a broken one no longer drops the product; a
    # zero-width joiner (emoji, Arabic, Indic scripts) is text, not a control character.
    doc = catalogue_doc([
        record("a", price=1500.0, updated="2026-02-30"),
        record("b", name="Kopi \u2615\ufe0f \U0001F469\u200D\U0001F33E", price=5),
        record("c", updated=None, name="Madu\u00a0hutan\u00ad"),
    ])
    doc["products"][1]["price"]["max"] = "banyak"
    reading = read_catalogue(json.dumps(doc).encode(), source())
    assert reading.problems == []
    assert [(i.slug, i.name["id"], i.price_min) for i in reading.items] == [
        ("a", "Produk a", 1500), ("b", "Kopi \u2615\ufe0f \U0001F469\u200D\U0001F33E", 5), ("c", "Madu hutan\u00ad", 10000)]
    assert pages.price_text(reading.items[0]) == "Rp1.500"


# --- the national build ----------------------------------------------------------------------


def jatim_from(kalsel: dict) -> dict:
    """Province 35, fabricated from the samples' file: regencies 35.xx, other slugs, prices and
    addresses."""
    doc = copy.deepcopy(kalsel)
    for i, product in enumerate(doc["products"]):
        product["slug"] = "jatim-" + product["slug"]
        product["pesantren"]["regency"] = "35." + product["pesantren"]["regency"].split(".")[1]
        product["price"]["min"] = product["price"]["min"] + 1500 + i
        product["price"].pop("max", None)
        product["url"] = f"https://opop-jatim.example/katalog/produk/{product['slug']}/"
        for photo in product["photos"]:
            photo["url"] = photo["url"].replace("https://opop.example/katalog/", "https://opop-jatim.example/katalog/")
        product["name"]["id"] = product["name"]["id"] + " Jatim"
    return doc


@pytest.fixture(scope="module")
def kalsel_json(published_site) -> dict:
    """The samples' catalogue.json as the published province site serves it."""
    return json.loads((published_site / "data" / "catalogue.json").read_text("utf-8"))


SAMPLES = [("63", "kalsel.json", SAMPLE_SITE), ("35", "jatim.json", JATIM_SITE)]


def write_sources(folder: Path, entries: list[tuple]) -> Path:
    """Entries (code, where[, site[, photo_hosts]]); a file's site is `site_of(code)` unless given."""
    lines = ["title: Katalog OPOP Nasional (uji)", "provinces:"]
    for code, where, *rest in entries:
        site = rest[0] if rest else (None if "://" in where else site_of(code))
        lines += [f'  - code: "{code}"', f"    catalogue: {where}"] + ([f"    site: {site}"] if site else [])
        if len(rest) > 1:
            lines.append(f"    photo_hosts: [{', '.join(rest[1])}]")
    path = folder / "SOURCES.yml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_national_build_gathers_provinces_keeps_the_last_good_snapshot_and_reports(tmp_path, kalsel_json, capsys, monkeypatch):
    write_json(tmp_path / "kalsel" / "data" / "catalogue.json", kalsel_json)
    jatim = json.dumps(jatim_from(kalsel_json)).encode()
    banten = json.dumps(catalogue_doc([record("emping", province="36", regency="36.01", price=5000)])).encode()
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    with province_server({"/jatim/data/catalogue.json": jatim, "/banten/data/catalogue.json": banten}) as (base, files):
        sources = write_sources(tmp_path, [
            ("63", "kalsel/data/catalogue.json", SAMPLE_SITE),
            ("35", f"{base}/jatim/data/catalogue.json", JATIM_SITE),
            ("36", f"{base}/banten/data/catalogue.json", site_of("36")),
            ("11", f"{base}/aceh/data/catalogue.json"),  # never published: 404
        ])
        site = tmp_path / "site"
        assert run_command(sources, site) == 0
        first = capsys.readouterr().out
        n = len(kalsel_json["products"])
        assert "Provinsi 11 Aceh: GAGAL — server menjawab HTTP 404 Not Found (perbaiki: periksa alamatnya dan bahwa situs provinsi sudah terbit); " \
               "belum pernah berhasil diambil, tidak ditampilkan" in first
        assert f"Provinsi 35 Jawa Timur: {n} produk (data per 2026-11-28)" in first
        assert "Provinsi 36 Banten: 1 produk (data per 2026-11-28)" in first

        files["/banten/data/catalogue.json"] = 500  # the second run: Banten's server fails
        assert run_command(sources, site) == 0
        second = capsys.readouterr().out
    assert second.splitlines()[2:4] == [
        f"Provinsi 35 Jawa Timur: {n} produk (data per 2026-11-28)",
        f"  (en) Province 35 Jawa Timur: {n} products (data as of 2026-11-28)",
    ]
    assert second.splitlines()[4:6] == [
        "Provinsi 36 Banten: GAGAL — server menjawab HTTP 500 Internal Server Error (perbaiki: periksa alamatnya dan bahwa situs "
        "provinsi sudah terbit); memakai data terakhir yang baik, diambil 2026-11-28 (1 produk)",
        "  (en) Province 36 Banten: FAILED — the server answered HTTP 500 Internal Server Error (fix: check the address and that "
        "the province site is published); using the last good snapshot, fetched 2026-11-28 (1 products)",
    ]
    assert second.splitlines()[-2] == (f"Situs nasional dibangun di {site} ({2 * n + 1} produk dari 3 provinsi; "
                                       "1 memakai data lama, 1 tidak ditampilkan).")
    status = {p["code"]: (p["status"], p["products"], p["fetched"]) for p in json.loads((site / "data" / "provinsi.json").read_text())["provinces"]}
    assert status == {"11": ("missing", 0, None), "35": ("ok", n, "2026-11-28"), "36": ("stale", 1, "2026-11-28"), "63": ("ok", n, "2026-11-28")}
    # The pages: every province shown, the failing one with its note and date, the missing one named.
    home = (site / "index.html").read_text("utf-8")
    for code in ("63", "35", "36"):
        assert f'href="provinsi/{code}/"' in home
    assert "Aceh" in home and "Data provinsi ini belum pernah berhasil diambil." in home
    banten_page = (site / "provinsi" / "36" / "index.html").read_text("utf-8")
    assert ("Data provinsi ini tidak dapat diperbarui pada pembangunan terakhir; yang tampil adalah data terakhir yang baik, "
            "diambil 28 November 2026.") in banten_page
    assert 'href="https://p36.example/produk/emping/"' in banten_page
    assert 'src="https://p36.example/media/emping-960.webp"' in banten_page
    kalsel_page = (site / "provinsi" / "63" / "index.html").read_text("utf-8")
    assert 'href="https://opop.example/katalog/produk/abon-ikan-haruan-amuntai/"' in kalsel_page
    # (Jinja writes ' as &#39; in attributes; the browser reads the same policy.)
    assert "img-src &#39;self&#39; https://opop-jatim.example https://opop.example https://p36.example;" in kalsel_page
    # The job summary (Markdown) of both runs.
    text = summary.read_text("utf-8")
    assert "| 36 Banten | 1 | ⚠️ data lama / last good snapshot | 2026-11-28 |" in text
    assert "| 11 Aceh | 0 | ❌ tidak ditampilkan / left out | — |" in text
    # Snapshots are stored by content: one file per distinct content.
    assert len(list((tmp_path / ".national-cache" / "snapshots").iterdir())) == 3


def test_one_index_sorts_every_province_by_price(tmp_path, kalsel_json):
    write_json(tmp_path / "kalsel.json", kalsel_json)
    write_json(tmp_path / "jatim.json", jatim_from(kalsel_json))
    sources, _ = read_sources(write_sources(tmp_path, SAMPLES))
    result = build_national(sources, tmp_path / "site", tmp_path / "cache", say=lambda text: None)
    assert result.built and result.products == 2 * len(kalsel_json["products"])
    bundle = tmp_path / "site" / "pagefind"
    (meta_file,) = bundle.glob("pagefind.*.pf_meta")
    meta = read_index_file(meta_file)
    pages_, sorts = meta[1], dict((name, order) for name, order in meta[4])
    assert len(pages_) == result.products and sorted(sorts["harga"]) == list(range(result.products))

    def fragment(index):
        raw = gzip.decompress((bundle / "fragment" / f"{pages_[index][0]}.pf_fragment").read_bytes())
        return json.loads(raw[len(b"pagefind_dcd"):])

    price = {p["url"]: p["price"]["min"] for doc in (kalsel_json, jatim_from(kalsel_json)) for p in doc["products"]}
    by_price = [fragment(i) for i in sorts["harga"]]
    prices = [price[f["url"]] for f in by_price]
    assert prices == sorted(prices)
    assert {f["filters"]["provinsi"][0] for f in by_price} == {"Kalimantan Selatan", "Jawa Timur"}
    assert all(f["url"].startswith(("https://opop.example/katalog/produk/", "https://opop-jatim.example/katalog/produk/")) for f in by_price)
    first = next(f for f in by_price if f["url"].endswith("/abon-ikan-haruan-amuntai/"))
    assert "Amuntai Snakehead Fish Floss" in first["content"]  # English names are searchable too


def test_hostile_values_are_escaped_or_rejected(tmp_path):
    evil = [
        record("evil", name='<script>alert("x")</script> & <img src=x onerror=alert(1)>'),
        record("evil-url", url="javascript:alert(1)"),
        record("evil-photo", photos=[{"url": "https://kalsel.example/a.webp\" onerror=\"alert(1)", "alt": {"id": "x"}}]),
        record("evil-alt", photos=[{"url": "https://kalsel.example/a.webp", "alt": {"id": '"><script>alert(2)</script>'}}]),
    ]
    write_json(tmp_path / "p.json", catalogue_doc(evil))
    sources, _ = read_sources(write_sources(tmp_path, [("63", "p.json")]))
    lines = []
    assert build_national(sources, tmp_path / "site", tmp_path / "cache", say=lines.append).built
    out = "\n".join(lines)
    assert 'products[1] evil-url: url: diharapkan alamat http(s), ditemukan "javascript:alert(1)"' in out
    assert "products[2] evil-photo: photos[0].url: diharapkan alamat http(s)" in out
    html = "".join(p.read_text("utf-8") for p in (tmp_path / "site").rglob("*.html"))
    assert "<script>alert" not in html and "<img src=x" not in html and "javascript:" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;" in html
    assert 'alt="&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"' in html


def test_two_builds_are_byte_identical(tmp_path, kalsel_json):
    write_json(tmp_path / "kalsel.json", kalsel_json)
    write_json(tmp_path / "jatim.json", jatim_from(kalsel_json))
    sources = write_sources(tmp_path, SAMPLES)
    assert run_command(sources, tmp_path / "a") == 0
    assert run_command(sources, tmp_path / "b") == 0
    a, b = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert a.keys() == b.keys() and a == b


def test_long_listings_are_paginated(tmp_path, monkeypatch):
    monkeypatch.setattr(pages, "PAGE_SIZE", 2)
    write_json(tmp_path / "p.json", catalogue_doc([record(s, price=p) for s, p in (("a", 3), ("b", 1), ("c", 2))]))
    sources, _ = read_sources(write_sources(tmp_path, [("63", "p.json")]))
    build_national(sources, tmp_path / "site", tmp_path / "cache", say=lambda text: None)
    first = (tmp_path / "site" / "provinsi" / "63" / "index.html").read_text("utf-8")
    second = (tmp_path / "site" / "provinsi" / "63" / "2" / "index.html").read_text("utf-8")
    assert first.count('class="card"') == 2 and second.count('class="card"') == 1
    assert '<a rel="next" href="../../provinsi/63/2/">' in first and '<a rel="prev" href="../../../provinsi/63/">' in second
    assert "Halaman 2 dari 2" in second


def national_site(folder: Path) -> Path:
    """A folder an earlier national build made (its marker file) with one other file in it."""
    from catalogue.national.build import MARKER

    folder.mkdir()
    (folder / MARKER).write_text("")
    (folder / "keep.txt").write_text("old")
    return folder


@pytest.mark.parametrize("doc, first", [
    (catalogue_doc([record("a")], version=3),
     "format_version 3 lebih baru dari yang dikenal pembangun ini (1) (perbaiki: perbarui paket katalog-opop-kalsel pembangun nasional)"),
    (catalogue_doc([]), "products: diharapkan paling sedikit satu produk, ditemukan daftar kosong "
                        "(perbaiki: periksa bahwa situs provinsi dibangun dari folder products/ yang benar)"),
    (catalogue_doc([record("a", price=0.5)]), "tidak ada satu pun produk yang sah dari 1 (masalah pertama: price.min: "
     "diharapkan bilangan bulat Rupiah 0…1000000000000, ditemukan 0.5 (perbaiki: perbaiki produk ini di situs provinsi; produk ini dilewati))"),
], ids=["newer-format", "no-products", "every-record-skipped"])
def test_nothing_to_show_fails_and_leaves_the_site(tmp_path, capsys, doc, first):
    site = national_site(tmp_path / "site")
    write_json(tmp_path / "p.json", doc)
    sources = write_sources(tmp_path, [("63", "p.json")])
    assert run_command(sources, site) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"Provinsi 63 Kalimantan Selatan: GAGAL — {first}; belum pernah berhasil diambil, tidak ditampilkan"
    assert f"Situs nasional TIDAK dibangun: tidak ada provinsi yang datanya dapat ditampilkan; {site} tidak diubah." in out
    assert (site / "keep.txt").read_text() == "old"
    assert not (tmp_path / ".national-cache" / "provinces").exists()  # nothing stored as a last good file


def test_an_emptied_catalogue_keeps_the_last_good_snapshot(tmp_path, capsys):
    path = write_json(tmp_path / "p.json", catalogue_doc([record("a"), record("b")]))
    sources = write_sources(tmp_path, [("63", "p.json")])
    assert run_command(sources, tmp_path / "site") == 0
    write_json(path, catalogue_doc([]))
    capsys.readouterr()
    assert run_command(sources, tmp_path / "site") == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "Provinsi 63 Kalimantan Selatan: GAGAL — products: diharapkan paling sedikit satu produk, ditemukan daftar kosong "
        "(perbaiki: periksa bahwa situs provinsi dibangun dari folder products/ yang benar); memakai data terakhir yang baik, "
        "diambil 2026-11-28 (2 produk)")
    assert (tmp_path / "site" / "provinsi" / "63" / "index.html").read_text().count('class="card"') == 2
    assert len(list((tmp_path / ".national-cache" / "snapshots").iterdir())) == 1


@pytest.mark.parametrize("make", ["a-folder-of-other-files", "the-current-folder", "a-file"])
def test_a_folder_the_national_build_did_not_make_is_never_replaced(tmp_path, monkeypatch, capsys, make):
    write_json(tmp_path / "p.json", catalogue_doc([record("a")]))
    sources = write_sources(tmp_path, [("63", "p.json")])
    if make == "a-folder-of-other-files":
        site = tmp_path / "docs"
        site.mkdir()
        (site / "keep.txt").write_text("old")
    elif make == "the-current-folder":  # `--site .` in a repository
        monkeypatch.chdir(tmp_path)
        site = Path(".")
    else:
        site = tmp_path / "notes.txt"
        site.write_text("old")
    before = tree(tmp_path)
    assert run_command(sources, site) == 1
    where = site.resolve()
    assert capsys.readouterr().out == (
        f"{where}: diharapkan folder situs nasional, folder kosong atau folder baru, ditemukan folder lain "
        "(tanpa berkas .katalog-opop-nasional) (perbaiki: pilih folder lain untuk --site; folder ini tidak diubah)\n"
        f"  (en) {where}: expected a national site's folder, an empty folder or a new one, found another folder "
        "(without a .katalog-opop-nasional file) (fix: choose another folder for --site; this one is unchanged)\n")
    assert tree(tmp_path) == before


def test_an_empty_folder_or_an_earlier_national_site_is_replaced(tmp_path):
    write_json(tmp_path / "p.json", catalogue_doc([record("a")]))
    sources = write_sources(tmp_path, [("63", "p.json")])
    (tmp_path / "empty").mkdir()
    assert run_command(sources, tmp_path / "empty") == 0
    assert (tmp_path / "empty" / ".katalog-opop-nasional").is_file()
    site = national_site(tmp_path / "site")
    assert run_command(sources, site) == 0
    assert not (site / "keep.txt").exists() and (site / "provinsi" / "63" / "index.html").is_file()


def test_unchanged_data_rebuilds_into_the_same_bytes_on_another_day(tmp_path, monkeypatch, capsys):
    path = write_json(tmp_path / "p.json", catalogue_doc([record("a")]))
    sources = write_sources(tmp_path, [("63", "p.json")])
    assert run_command(sources, tmp_path / "a") == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(os.environ["SOURCE_DATE_EPOCH"]) + 3 * 86400))
    assert run_command(sources, tmp_path / "b") == 0
    a, b = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert a.keys() == b.keys() and a == b
    assert "Data per 28 November 2026." in (tmp_path / "b" / "provinsi" / "63" / "index.html").read_text()
    # Changed data shows the day it changed.
    write_json(path, catalogue_doc([record("a"), record("b")]))
    capsys.readouterr()
    assert run_command(sources, tmp_path / "b") == 0
    assert capsys.readouterr().out.splitlines()[0] == "Provinsi 63 Kalimantan Selatan: 2 produk (data per 2026-12-01)"
    assert "Data per 1 Desember 2026." in (tmp_path / "b" / "provinsi" / "63" / "index.html").read_text()


def test_a_search_index_failure_is_one_message_and_leaves_the_site(tmp_path, monkeypatch, capsys):
    import pagefind_bin

    def missing():
        raise FileNotFoundError("Could not find any of [pagefind]")

    monkeypatch.setattr(pagefind_bin, "get_executable", missing)
    site = national_site(tmp_path / "site")
    write_json(tmp_path / "p.json", catalogue_doc([record("a")]))
    assert run_command(write_sources(tmp_path, [("63", "p.json")]), site) == 1
    assert capsys.readouterr().out.splitlines()[-2:] == [
        f"{site}: indeks pencarian tidak dapat dibuat: pagefind cannot be started: Could not find any of [pagefind] "
        "(perbaiki: pasang ulang paket `pagefind[bin]` dengan `pip install -e .`, lalu bangun lagi); situs tidak diubah",
        f"  (en) {site}: the search index could not be made: pagefind cannot be started: Could not find any of [pagefind] "
        "(fix: reinstall the `pagefind[bin]` package with `pip install -e .`, then build again); the site is unchanged"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".national-cache", "SOURCES.yml", "p.json", "site"]  # no temporary folder left
    assert sorted(p.name for p in site.iterdir()) == [".katalog-opop-nasional", "keep.txt"]


def test_a_cache_that_cannot_be_written_is_one_message_and_leaves_the_site(tmp_path, capsys):
    site = national_site(tmp_path / "site")
    write_json(tmp_path / "p.json", catalogue_doc([record("a")]))
    (tmp_path / "cache").write_text("a file, not a folder")
    assert run_command(write_sources(tmp_path, [("63", "p.json")]), site, tmp_path / "cache") == 1
    where = tmp_path / "cache" / "snapshots"
    assert capsys.readouterr().out.splitlines() == [
        f"{where}: tidak dapat dibaca atau ditulis: Not a directory (perbaiki: periksa izin dan ruang disk folder ini, "
        "lalu bangun lagi); situs tidak diubah",
        f"  (en) {where}: cannot be read or written: Not a directory (fix: check this folder's permissions and free space, "
        "then build again); the site is unchanged"]
    assert sorted(p.name for p in site.iterdir()) == [".katalog-opop-nasional", "keep.txt"]


def test_a_newer_format_keeps_the_last_good_snapshot(tmp_path, capsys):
    path = write_json(tmp_path / "p.json", catalogue_doc([record("a")]))
    sources = write_sources(tmp_path, [("63", "p.json")])
    assert run_command(sources, tmp_path / "site") == 0
    write_json(path, catalogue_doc([record("a"), record("b")], version=2))
    capsys.readouterr()
    assert run_command(sources, tmp_path / "site") == 0
    assert "GAGAL — format_version 2 lebih baru" in capsys.readouterr().out
    assert (tmp_path / "site" / "provinsi" / "63" / "index.html").read_text().count('class="card"') == 1


def test_usage_and_sources_errors_have_exit_codes(tmp_path, capsys):
    assert run_command(tmp_path / "missing.yml", tmp_path / "site") == 2
    assert capsys.readouterr().out.startswith(f"{tmp_path / 'missing.yml'}: berkas tidak ada")
    bad = tmp_path / "S.yml"
    bad.write_text("provinces:\n  - code: \"99\"\n    catalogue: a.json\n    site: https://a.example/\n")
    assert run_command(bad, tmp_path / "site") == 1
    out = capsys.readouterr().out
    assert out.splitlines()[-2:] == [f"Situs nasional TIDAK dibangun: 1 masalah di {bad}.",
                                     f"  (en) The national site was NOT built: 1 problems in {bad}."]
    assert not (tmp_path / "site").exists()


class Scripts(HTMLParser):
    """Counts <script> elements, and those without a src (inline, whatever their type)."""

    def __init__(self):
        super().__init__()
        self.count = self.inline = 0

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.count += 1
            self.inline += not dict(attrs).get("src")


def test_pages_are_small_accessible_and_carry_a_strict_policy(tmp_path):
    write_json(tmp_path / "p.json", catalogue_doc([
        record("a"), record("b", category="minuman"),
        # Photos elsewhere are dropped: no record can add an origin to the policy.
        record("c", photos=[{"url": "http://127.0.0.1:9/c.webp"}]), record("d", photos=[{"url": "//evil.example/d.webp"}]),
    ]))
    sources, _ = read_sources(write_sources(tmp_path, [("63", "p.json")]))
    build_national(sources, tmp_path / "site", tmp_path / "cache", say=lambda text: None)
    for page in (tmp_path / "site").rglob("*.html"):
        html = page.read_text("utf-8")
        assert html.startswith('<!doctype html>\n<html lang="id" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
                               '<meta http-equiv="Content-Security-Policy" content="' + (
                                   "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
                                   "img-src 'self' https://kalsel.example; ").replace("'", "&#39;"))
        assert "style=" not in html  # nothing inline: no 'unsafe-inline' needed
        scripts = Scripts()
        scripts.feed(html)
        assert scripts.inline == 0 and scripts.count == (1 if page.parent == tmp_path / "site" else 0)
        assert "127.0.0.1" not in html and "evil.example" not in html
        assert len(html.encode()) < 20_000
    assert (tmp_path / "site" / "kategori" / "minuman" / "index.html").is_file()
    assert len((tmp_path / "site" / "assets" / "national.css").read_bytes()) < 8_000


def test_fetch_caps_the_size_and_reports_http_errors():
    from catalogue.national.fetch import FetchFailed, fetch

    with province_server({"/big.json": b"x" * 2048, "/gone.json": 410}) as (base, _):
        with pytest.raises(FetchFailed) as caught:
            fetch(source(location=f"{base}/big.json", is_url=True), max_bytes=1024)
        assert caught.value.en == "larger than 1 KiB (the safety cap)"
        with pytest.raises(FetchFailed) as caught:
            fetch(source(location=f"{base}/gone.json", is_url=True))
        assert caught.value.en.startswith("the server answered HTTP 410 Gone")
        assert fetch(source(location=f"{base}/big.json", is_url=True)) == b"x" * 2048


def test_fetch_caps_a_response_without_content_length():
    from catalogue.national.fetch import FetchFailed, fetch

    with province_server({"/big.json": ("no-length", b"x" * 2048)}) as (base, _):
        with pytest.raises(FetchFailed) as caught:
            fetch(source(location=f"{base}/big.json", is_url=True), max_bytes=1024)
        assert caught.value.en == "larger than 1 KiB (the safety cap)"
        assert fetch(source(location=f"{base}/big.json", is_url=True)) == b"x" * 2048


def test_fetch_gives_the_whole_download_a_deadline():
    from catalogue.national.fetch import FetchFailed, fetch

    with province_server({"/slow.json": ("trickle", b"x" * 100)}) as (base, _):  # 30 s at a byte per 0.3 s
        start = time.monotonic()
        with pytest.raises(FetchFailed) as caught:
            fetch(source(location=f"{base}/slow.json", is_url=True), timeout=1, deadline=1)
        assert time.monotonic() - start < 2.5  # the deadline plus at most one read's wait (1 s)
    assert (caught.value.id, caught.value.en) == (
        "unduhan tidak selesai dalam 1 detik (perbaiki: periksa bahwa situs provinsi menjawab dengan cepat, lalu bangun lagi)",
        "the download did not finish within 1 seconds (fix: check that the province site answers quickly, then build again)")


def test_fetch_follows_only_safe_redirects():
    from catalogue.national.fetch import FetchFailed, fetch

    files = {"/passwd.json": ("redirect", "file:///etc/passwd"), "/moved.json": ("redirect", "/new.json"), "/new.json": b"{}"}
    with province_server(files) as (base, _):
        with pytest.raises(FetchFailed) as caught:
            fetch(source(location=f"{base}/passwd.json", is_url=True))
        assert fetch(source(location=f"{base}/moved.json", is_url=True)) == b"{}"  # loopback to loopback: tests, local mirrors
    assert caught.value.en == ("the server redirected to an address that is not http(s): file:///etc/passwd (fix: publish "
                               "data/catalogue.json at the https address SOURCES.yml names, or write the final address there)")


@pytest.mark.parametrize("start, target, refusal", [
    ("https://kalsel.example/data/catalogue.json", "http://kalsel.example/data/catalogue.json", "from https to http"),
    ("https://kalsel.example/data/catalogue.json", "https://127.0.0.1:8080/admin", "to a local network address"),
    ("https://kalsel.example/data/catalogue.json", "https://[::1]/x", "to a local network address"),
    ("http://kalsel.example/data/catalogue.json", "ftp://kalsel.example/x", "to an address that is not http(s)"),
])
def test_a_redirect_is_refused_before_anything_is_fetched(start, target, refusal):
    import email.message
    import io
    import urllib.request

    from catalogue.national import fetch as fetching

    headers = email.message.Message()
    headers["Location"] = target
    request = urllib.request.Request(start)
    request.timeout = 1
    with pytest.raises(fetching.FetchFailed) as caught:
        fetching._SafeRedirects().http_error_302(request, io.BytesIO(), 302, "Found", headers)
    assert caught.value.en.startswith(f"the server redirected {refusal}: {target} (fix: ")

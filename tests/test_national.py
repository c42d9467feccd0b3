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
import threading
from pathlib import Path

import pytest

from catalogue.national import command, pages
from catalogue.national.build import build_national
from catalogue.national.records import Invalid, read_catalogue
from catalogue.national.sources import Source, read_sources
from catalogue.site.pagefind_stable import read_index_file

# --- tiny provinces --------------------------------------------------------------------------


def record(slug: str, *, province: str = "63", regency: str | None = None, price: float = 10000,
           name: str | None = None, **changes) -> dict:
    """One product as a province's data/catalogue.json carries it (exports.product_record)."""
    site = {"63": "https://kalsel.example/", "35": "https://jatim.example/"}.get(province, f"https://p{province}.example/")
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


def source(code="63", location="/nowhere/data/catalogue.json", is_url=False, site=None) -> Source:
    from catalogue.national.regions import regions

    return Source(code, regions().provinces[code], location, is_url, site)


class _Files(http.server.BaseHTTPRequestHandler):
    """Serves `self.server.files` ({path: bytes}); a path mapped to an int answers that status."""

    def do_GET(self):
        body = self.server.files.get(self.path.split("?")[0])
        if body is None or isinstance(body, int):
            self.send_response(body or 404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
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
    ("provinces:\n  - code: \"99\"\n    catalogue: a.json\n",
     'S.yml:2:11: provinces[0].code: diharapkan kode provinsi Kemendagri dua angka, ditemukan "99" '
     "(perbaiki: pakai kode dari daftar provinsi, mis. 11 Aceh, 12 Sumatera Utara, 13 Sumatera Barat, … 63 Kalimantan Selatan)\n"
     '  (en) expected a two-digit Kemendagri province code, found "99" '
     "(fix: use a code from the list of provinces, e.g. 11 Aceh, 12 Sumatera Utara, 13 Sumatera Barat, … 63 Kalimantan Selatan)"),
    ("provinces:\n  - code: 63\n    catalogue: a.json\n  - code: 63\n    catalogue: b.json\n",
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
     'S.yml:3:5: provinces[0].catalog: diharapkan salah satu kunci code, catalogue, site, ditemukan "catalog" '
     "(perbaiki: hapus kunci ini atau perbaiki ejaannya)\n"
     '  (en) expected one of the keys code, catalogue, site, found "catalog" (fix: remove this key or fix its spelling)'),
    ("provinces:\n  - code: \"63\"\n    catalogue: a.json\n    site: javascript:alert(1)\n",
     'S.yml:4:11: provinces[0].site: diharapkan alamat http(s):// situs provinsi, ditemukan "javascript:alert(1)" '
     "(perbaiki: tulis alamat situs, mis. https://opop-jatim.example/)\n"
     '  (en) expected the province site\'s http(s):// address, found "javascript:alert(1)" '
     "(fix: write the site's address, e.g. https://opop-jatim.example/)"),
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
], ids=["unknown-code", "duplicate", "no-catalogue", "ftp", "unknown-key", "site-javascript", "yaml-syntax", "empty"])
def test_sources_problems_point_at_their_line_and_say_the_fix(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    Path("S.yml").write_text(text, "utf-8")
    sources, problems = read_sources(Path("S.yml"))
    assert sources is None
    assert [p.format() for p in problems] == [message]


def test_sources_are_read_as_text_with_paths_relative_to_the_file(tmp_path):
    (tmp_path / "SOURCES.yml").write_text(
        "title: Katalog Uji\nprovinces:\n  - code: 63\n    catalogue: kalsel/data/catalogue.json\n"
        "  - code: \"35\"\n    catalogue: https://jatim.example/katalog/data/catalogue.json\n"
        "  - code: \"36\"\n    catalogue: banten.json\n    site: https://banten.example/katalog\n", "utf-8")
    sources, problems = read_sources(tmp_path / "SOURCES.yml")
    assert problems == []
    assert sources.title == "Katalog Uji"
    assert [(s.code, s.name, s.is_url, s.base) for s in sources.provinces] == [
        ("63", "Kalimantan Selatan", False, None),
        ("35", "Jawa Timur", True, "https://jatim.example/katalog/"),
        ("36", "Banten", False, "https://banten.example/katalog/"),
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
     "tidak ada satu pun produk yang sah dari 1 (masalah pertama: price.min: diharapkan angka 0…1000000000000, ditemukan \"murah\" "
     "(perbaiki: perbaiki produk ini di situs provinsi; produk ini dilewati))"),
], ids=["newer-version", "version-text", "format", "not-an-object", "products-object", "no-valid-record"])
def test_a_file_that_cannot_be_used_fails_the_whole_province(doc, message):
    with pytest.raises(Invalid) as caught:
        read_catalogue(json.dumps(doc).encode(), source())
    assert caught.value.id == message


def test_broken_json_fails_the_province():
    with pytest.raises(Invalid) as caught:
        read_catalogue(b'{"format": ', source())
    assert caught.value.id.startswith("bukan JSON yang sah (")


@pytest.mark.parametrize("bad, field, found", [
    (record("b", price="10000"), "price.min", '"10000"'),
    (record("b", price=True), "price.min", "true"),
    (record("b", price=-5), "price.min", "-5"),
    (record("b", price=float("nan")), "price.min", "nan"),
    (record("b", url="javascript:alert(1)"), "url", '"javascript:alert(1)"'),
    (record("b", url="data:text/html,<script>alert(1)</script>"), "url", '"data:text/html,<script>alert(1)</script>"'),
    (record("b", photos=[{"url": "javascript:alert(1)"}]), "photos[0].url", '"javascript:alert(1)"'),
    (record("b", regency="35.01"), "pesantren.regency", '"35.01"'),
    (record("b", regency="63.99"), "pesantren.regency", '"63.99"'),
    (record("b", name="Nama\u0007bunyi"), "name.id", "U+0007"),
    (record("b", name="x" * 201), "name.id", "201"),
    (record("B/../x"), "slug", '"B/../x"'),
    (record("b", category="<b>"), "category", '"<b>"'),
    (record("b", updated="2026-02-30"), "updated", '"2026-02-30"'),
    (record("a"), "slug", '"a"'),  # the same slug twice in one province
], ids=["price-text", "price-bool", "price-negative", "price-nan", "url-javascript", "url-data", "photo-javascript",
        "regency-other-province", "regency-unknown", "control-char", "name-too-long", "slug", "category", "date", "duplicate"])
def test_a_record_with_a_problem_is_skipped_and_reported_the_rest_kept(bad, field, found):
    data = json.dumps(catalogue_doc([record("a"), bad, record("c")])).encode()
    items, problems = read_catalogue(data, source())
    assert [item.slug for item in items] == ["a", "c"]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.where.startswith("provinsi 63 (Kalimantan Selatan) products[1]")
    assert (problem.field, problem.id.split(", ditemukan ")[1]) == (field, f"{found} (perbaiki: perbaiki produk ini di situs provinsi; produk ini dilewati)")
    assert problem.en.endswith("(fix: correct this product on the province site; it is skipped)")


def test_relative_addresses_resolve_against_the_province_site_root():
    doc = catalogue_doc([record("a", url="produk/a/", photos=[{"url": "media/a.webp", "alt": {"id": "A"}}])])
    url_source = source(location="https://kalsel.example/katalog/data/catalogue.json", is_url=True)
    (item,), _ = read_catalogue(json.dumps(doc).encode(), url_source)
    assert (item.url, item.photo) == ("https://kalsel.example/katalog/produk/a/", "https://kalsel.example/katalog/media/a.webp")
    # A file has no site root: the entry's `site:` gives it; without it the record is skipped
    # (here the only one, so the province fails).
    with pytest.raises(Invalid):
        read_catalogue(json.dumps(doc).encode(), source())


def test_a_relative_address_in_a_file_without_site_is_reported():
    doc = catalogue_doc([record("a"), record("b", url="produk/b/")])
    items, problems = read_catalogue(json.dumps(doc).encode(), source())
    assert [i.slug for i in items] == ["a"]
    assert problems[0].id == ('diharapkan alamat lengkap http(s)://… (alamat relatif perlu `site:` provinsi di SOURCES.yml), '
                              'ditemukan "produk/b/" (perbaiki: perbaiki produk ini di situs provinsi; produk ini dilewati)')
    items, problems = read_catalogue(json.dumps(doc).encode(), source(site="https://kalsel.example/k/"))
    assert [i.url for i in items] == ["https://kalsel.example/produk/a/", "https://kalsel.example/k/produk/b/"]


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


def write_sources(folder: Path, entries: list[tuple[str, str]]) -> Path:
    lines = ["title: Katalog OPOP Nasional (uji)", "provinces:"]
    for code, where in entries:
        lines += [f'  - code: "{code}"', f"    catalogue: {where}"]
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
            ("63", "kalsel/data/catalogue.json"),
            ("35", f"{base}/jatim/data/catalogue.json"),
            ("36", f"{base}/banten/data/catalogue.json"),
            ("11", f"{base}/aceh/data/catalogue.json"),  # never published: 404
        ])
        site = tmp_path / "site"
        assert run_command(sources, site) == 0
        first = capsys.readouterr().out
        n = len(kalsel_json["products"])
        assert "Provinsi 11 Aceh: GAGAL — server menjawab HTTP 404 Not Found (perbaiki: periksa alamatnya dan bahwa situs provinsi sudah terbit); " \
               "belum pernah berhasil diambil, tidak ditampilkan" in first
        assert f"Provinsi 35 Jawa Timur: {n} produk (diambil 2026-11-28)" in first
        assert "Provinsi 36 Banten: 1 produk (diambil 2026-11-28)" in first

        files["/banten/data/catalogue.json"] = 500  # the second run: Banten's server fails
        assert run_command(sources, site) == 0
        second = capsys.readouterr().out
    assert second.splitlines()[2:4] == [
        f"Provinsi 35 Jawa Timur: {n} produk (diambil 2026-11-28)",
        f"  (en) Province 35 Jawa Timur: {n} products (fetched 2026-11-28)",
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
    sources, _ = read_sources(write_sources(tmp_path, [("63", "kalsel.json"), ("35", "jatim.json")]))
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
    sources = write_sources(tmp_path, [("63", "kalsel.json"), ("35", "jatim.json")])
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


def test_nothing_to_show_fails_and_leaves_the_site(tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "keep.txt").write_text("old")
    write_json(tmp_path / "p.json", catalogue_doc([record("a")], version=3))
    sources = write_sources(tmp_path, [("63", "p.json")])
    assert run_command(sources, site) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ("Provinsi 63 Kalimantan Selatan: GAGAL — format_version 3 lebih baru dari yang dikenal pembangun ini (1) "
                                   "(perbaiki: perbarui paket katalog-opop-kalsel pembangun nasional); belum pernah berhasil diambil, tidak ditampilkan")
    assert f"Situs nasional TIDAK dibangun: tidak ada provinsi yang datanya dapat ditampilkan; {site} tidak diubah." in out
    assert (site / "keep.txt").read_text() == "old"


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
    bad.write_text("provinces:\n  - code: \"99\"\n    catalogue: a.json\n")
    assert run_command(bad, tmp_path / "site") == 1
    out = capsys.readouterr().out
    assert out.splitlines()[-2:] == [f"Situs nasional TIDAK dibangun: 1 masalah di {bad}.",
                                     f"  (en) The national site was NOT built: 1 problems in {bad}."]
    assert not (tmp_path / "site").exists()


def test_pages_are_small_accessible_and_carry_a_strict_policy(tmp_path):
    write_json(tmp_path / "p.json", catalogue_doc([record("a"), record("b", category="minuman")]))
    sources, _ = read_sources(write_sources(tmp_path, [("63", "p.json")]))
    build_national(sources, tmp_path / "site", tmp_path / "cache", say=lambda text: None)
    for page in (tmp_path / "site").rglob("*.html"):
        html = page.read_text("utf-8")
        assert html.startswith('<!doctype html>\n<html lang="id" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
                               '<meta http-equiv="Content-Security-Policy" content="' + (
                                   "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
                                   "img-src 'self' https://kalsel.example; ").replace("'", "&#39;"))
        assert "style=" not in html and "<script>" not in html  # nothing inline: no 'unsafe-inline' needed
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

"""PDF catalogues (issue 16; catalogue/site/pdf.py, pdf_files.py): what a buyer reads in them
(text extracted with pypdf), their QR codes (a page rasterised with PDFium, read by zxing-cpp),
embedded fonts, page counts, bytes, determinism, and the cache that rebuilds only the PDFs a
changed product is in."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from conftest import PUBLISHED_URL, REPO
from helpers import write_product

from catalogue.photos.renditions import all_renditions, plan_catalogue, render
from catalogue.products.taxonomy import REGENCY_SLUGS
from catalogue.products.validate import check_catalogue
from catalogue.site import buyer_view, pdf_files
from catalogue.site.pdf import toc_pages

SITE_URL = "https://opop.example/katalog/"


def flat(text: str) -> str:
    """Text with every run of white space (a wrapped line) as one space."""
    return " ".join(text.split())


def text_of(path: Path) -> str:
    return flat(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages))


def qr_codes(path: Path, page: int) -> list[str]:
    """The addresses of every QR code on one page, read from the page rasterised at 216 dpi."""
    import pypdfium2
    import zxingcpp

    image = pypdfium2.PdfDocument(path)[page].render(scale=3).to_pil()
    return sorted(r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode)


def small_catalogue(folder: Path, cache: Path, products: dict[str, tuple[str, str]]):
    """{slug: (regency, category)} → (catalogue, photo plan), renditions rendered into `cache`."""
    for slug, (regency, category) in products.items():
        write_product(folder, slug, category=category, name={"id": f"Produk {slug}", "en": f"Product {slug}"},
                      pesantren={"name": f"Pondok Pesantren {slug}", "regency": regency, "address": "Jl. Contoh No. 1"})
    result = check_catalogue(folder)
    assert result.catalogue is not None, [p.format() for p in result.problems]
    images = plan_catalogue(result.catalogue)
    assert render(all_renditions(images), cache, workers=1) == []
    return result.catalogue, images


# --- the published sample site -----------------------------------------------------------------


def test_the_site_offers_every_pdf(published_site, sample_catalogue):
    unduh = published_site / "unduh"
    assert (unduh / "katalog-kalsel.pdf").is_file() and (unduh / "katalog-kalsel-en.pdf").is_file()
    slugs = {REGENCY_SLUGS[code] for code in sample_catalogue.by_regency()}
    assert {p.name for p in (unduh / "kabupaten").iterdir()} == \
        {f"katalog-kalsel-{s}{x}.pdf" for s in slugs for x in ("", "-en")}
    assert {p.name for p in (unduh / "kategori").iterdir()} == \
        {f"katalog-kalsel-{c}{x}.pdf" for c in sample_catalogue.by_category() for x in ("", "-en")}


@pytest.mark.parametrize("lang, file, title, scope", [
    ("id", "katalog-kalsel.pdf", "Katalog Produk Pesantren OPOP", "Kalimantan Selatan"),
    ("en", "katalog-kalsel-en.pdf", "OPOP Pesantren Product Catalogue", "South Kalimantan"),
])
def test_text_holds_cover_names_prices_and_validity(published_site, sample_catalogue, lang, file, title, scope):
    from catalogue.site import formatting as fmt

    path = published_site / "unduh" / file
    reader = pypdf.PdfReader(path)
    cover = flat(reader.pages[0].extract_text())
    latest = max(p.updated for p in sample_catalogue.products)
    assert title in cover and scope in cover
    assert fmt.long_date(latest, lang) in cover
    assert f"{len(sample_catalogue.products)} " in cover
    text = text_of(path)
    for product in sample_catalogue.products:
        assert flat(product.name.get(lang)) in text
        assert flat(buyer_view.price_range(product, lang)) in text
        assert flat(fmt.phone(product.contact.whatsapp)) in text
        for row in buyer_view.certification_rows(product, sample_catalogue.today, lang):
            assert row.number in text and row.validity in text
    assert reader.metadata.title == f"{title}: {scope}"


def test_qr_codes_open_the_product_pages(published_site, sample_catalogue):
    path = published_site / "unduh" / "katalog-kalsel-en.pdf"
    assert qr_codes(path, 0) == [PUBLISHED_URL + "en/"]  # the cover: the site itself
    pages = pypdf.PdfReader(path).pages
    found = []
    for i in range(2, len(pages)):
        found += qr_codes(path, i)
    assert sorted(found) == sorted(f"{PUBLISHED_URL}en/{p.url}" for p in sample_catalogue.products)


def test_fonts_are_embedded_subsets(published_site):
    reader = pypdf.PdfReader(published_site / "unduh" / "katalog-kalsel.pdf")
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[font["/BaseFont"]] = "/FontFile2" in descriptor
    assert fonts == {"/MPDFAA+DejaVuSansBook": True, "/MPDFAA+DejaVuSansBold": True}


def test_page_count_is_cover_contents_and_two_products_a_page(published_site, sample_catalogue):
    for lang, booklet in ((lang, b) for lang in ("id", "en") for _, b in pdf_files.plan(sample_catalogue, lang, SITE_URL)):
        pages = len(pypdf.PdfReader(published_site / booklet.path).pages)
        assert pages == 1 + toc_pages(booklet) + sum(math.ceil(len(g.entries) / 2) for g in booklet.groups), booklet.path


def test_pdf_bytes_per_product(published_site, sample_catalogue):
    """The sample province PDF: fonts and cover once, then a few KB a product (photo ≤ 6 KB)."""
    size = (published_site / "unduh" / "katalog-kalsel.pdf").stat().st_size
    assert size < 60_000 + 10_000 * len(sample_catalogue.products)


# --- layout, determinism and cache on small catalogues ----------------------------------------


@pytest.fixture(scope="module")
def four(tmp_path_factory):
    """Four products: two kabupaten/kota × two categories."""
    root = tmp_path_factory.mktemp("pdf")
    cache = root / "cache"
    catalogue, images = small_catalogue(root / "products", cache, {
        "kopi-banjar": ("63.03", "minuman"), "teh-banjar": ("63.03", "minuman"),
        "abon-tapin": ("63.05", "makanan"), "kue-banjar": ("63.03", "makanan"),
    })
    return root, catalogue, images, cache


def test_files_links_and_sizes(four, tmp_path):
    root, catalogue, images, cache = four
    built = pdf_files.build_pdfs(catalogue, images, cache, site_url=SITE_URL)
    paths = sorted(path for path, _ in built.files)
    assert paths == sorted(f"unduh/{name}{x}.pdf" for x in ("", "-en") for name in (
        "katalog-kalsel", "kabupaten/katalog-kalsel-banjar", "kabupaten/katalog-kalsel-tapin",
        "kategori/katalog-kalsel-makanan", "kategori/katalog-kalsel-minuman"))
    assert built.links["id"][""] == ("unduh/katalog-kalsel.pdf", dict(built.files)["unduh/katalog-kalsel.pdf"].stat().st_size)
    assert set(built.links["en"]) == {"", "kabupaten/banjar/", "kabupaten/tapin/", "kategori/makanan/", "kategori/minuman/"}
    assert built.links["en"]["kategori/minuman/"][0] == "unduh/kategori/katalog-kalsel-minuman-en.pdf"
    assert built.links["ar"] == built.links["en"]  # no Arabic PDF: Arabic pages offer the English one
    for _, file in built.files:
        assert file.read_bytes().startswith(b"%PDF-") and file.stat().st_size < 150_000
    assert pdf_files.human_size(2_400_000, "id") == "2,4 MB" and pdf_files.human_size(850_400, "en") == "850 KB"


def test_one_change_rebuilds_only_the_pdfs_that_show_it(tmp_path):
    cache = tmp_path / "cache"
    catalogue, images = small_catalogue(tmp_path / "products", cache, {
        "kopi-banjar": ("63.03", "minuman"), "teh-banjar": ("63.03", "minuman"),
        "abon-tapin": ("63.05", "makanan"), "kue-banjar": ("63.03", "makanan"),
    })
    first = pdf_files.build_pdfs(catalogue, images, cache, site_url=SITE_URL)
    assert (first.made, first.reused) == (10, 0)
    again = pdf_files.build_pdfs(catalogue, images, cache, site_url=SITE_URL)
    assert (again.made, again.reused) == (0, 10) and again.files == first.files
    write_product(tmp_path / "products", "abon-tapin", category="makanan", price={"min": "99000", "unit": {"id": "toples"}},
                  name={"id": "Produk abon-tapin", "en": "Product abon-tapin"},
                  pesantren={"name": "Pondok Pesantren abon-tapin", "regency": "63.05", "address": "Jl. Contoh No. 1"})
    catalogue = check_catalogue(tmp_path / "products").catalogue
    images = plan_catalogue(catalogue)
    changed = pdf_files.build_pdfs(catalogue, images, cache, site_url=SITE_URL)
    assert changed.made == 6  # the province, Tapin and Makanan, in two languages
    before, after = dict(first.files), dict(changed.files)
    rebuilt = sorted(path for path in after if after[path] != before[path])
    assert rebuilt == sorted(f"unduh/{name}{x}.pdf" for x in ("", "-en") for name in (
        "katalog-kalsel", "kabupaten/katalog-kalsel-tapin", "kategori/katalog-kalsel-makanan"))
    assert "Rp99.000" in text_of(after["unduh/kabupaten/katalog-kalsel-tapin.pdf"])
    assert "Rp99.000" not in text_of(after["unduh/kabupaten/katalog-kalsel-banjar.pdf"])


def test_a_cut_short_cached_pdf_is_made_again(four, tmp_path):
    _, catalogue, images, cache = four
    built = pdf_files.build_pdfs(catalogue, images, cache, site_url=SITE_URL)
    file = dict(built.files)["unduh/katalog-kalsel.pdf"]
    data = file.read_bytes()
    file.write_bytes(data[: len(data) // 2])
    again = pdf_files.build_pdfs(catalogue, images, cache, site_url=SITE_URL)
    assert again.made == 1 and file.read_bytes() == data


def test_same_inputs_same_bytes_in_another_process(four, tmp_path):
    """Rendered here and in a fresh interpreter with another hash seed and time zone."""
    _, catalogue, images, cache = four
    built = pdf_files.build_pdfs(catalogue, images, cache, site_url=SITE_URL)
    here = {path: file.read_bytes() for path, file in built.files}
    code = (f"import sys; sys.path[:0] = [{str(REPO)!r}, {str(REPO / 'tests')!r}]\n"
            "from pathlib import Path\n"
            "from catalogue.products.validate import check_catalogue\n"
            "from catalogue.photos.renditions import plan_catalogue\n"
            "from catalogue.site import pdf_files\n"
            f"c = check_catalogue(Path({str(four[0] / 'products')!r})).catalogue\n"
            f"b = pdf_files.build_pdfs(c, plan_catalogue(c), Path({str(tmp_path / 'other')!r}), site_url={SITE_URL!r})\n")
    # The other cache needs the renditions (not the PDFs): link them in.
    (tmp_path / "other").mkdir()
    for entry in cache.iterdir():
        if entry.is_file():
            os.link(entry, tmp_path / "other" / entry.name)
    env = {**os.environ, "PYTHONHASHSEED": "4242", "TZ": "America/Los_Angeles"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=tmp_path)
    there = pdf_files.build_pdfs(catalogue, images, tmp_path / "other", site_url=SITE_URL)
    assert there.made == 0  # the other process made them all
    assert {path: file.read_bytes() for path, file in there.files} == here


def test_without_site_url_no_qr_codes_and_no_addresses(four, tmp_path):
    _, catalogue, images, cache = four
    built = pdf_files.build_pdfs(catalogue, images, cache)
    path = dict(built.files)["unduh/katalog-kalsel.pdf"]
    text = text_of(path)
    assert "Produk kopi-banjar" in text and "Halaman produk" not in text and "https://" not in text
    assert qr_codes(path, 2) == []


def test_arabic_script_is_shaped_and_extractable(tmp_path):
    folder, cache = tmp_path / "products", tmp_path / "cache"
    write_product(folder, "madu-barokah", name={"id": "Madu Al-Barokah (عسل البركة)", "en": "Al-Barokah Honey"},
                  pesantren={"name": "Pondok Pesantren Darul Ulum دار العلوم", "regency": "63.03", "address": "Jl. Contoh"})
    catalogue = check_catalogue(folder).catalogue
    images = plan_catalogue(catalogue)
    assert render(all_renditions(images), cache, workers=1) == []
    built = pdf_files.build_pdfs(catalogue, images, cache)
    text = text_of(dict(built.files)["unduh/katalog-kalsel.pdf"])
    for word in ("البركة", "عسل", "العلوم", "دار"):
        assert word in text
    assert "Darul Ulum" in text_of(dict(built.files)["unduh/katalog-kalsel-en.pdf"])


def test_a_product_too_long_for_half_a_page_takes_a_whole_one(tmp_path):
    folder, cache = tmp_path / "products", tmp_path / "cache"
    certifications = [{"type": "other", "number": f"Sertifikat mutu nomor {i:02d} dari dinas koperasi"} for i in range(16)]
    for slug in ("a-pendek", "b-panjang", "c-pendek"):
        write_product(folder, slug, name={"id": f"Produk {slug}"},
                      certifications=certifications if slug == "b-panjang" else None)
    catalogue = check_catalogue(folder).catalogue
    images = plan_catalogue(catalogue)
    assert render(all_renditions(images), cache, workers=1) == []
    built = pdf_files.build_pdfs(catalogue, images, cache, site_url=SITE_URL)
    pages = [flat(page.extract_text()) for page in pypdf.PdfReader(dict(built.files)["unduh/katalog-kalsel.pdf"]).pages]
    products = [[name for name in ("Produk a-pendek", "Produk b-panjang", "Produk c-pendek") if name in page]
                for page in pages[2:]]
    assert products == [["Produk a-pendek"], ["Produk b-panjang"], ["Produk c-pendek"]]
    assert "nomor 15 dari dinas koperasi" in pages[3]
    assert "Produk b-panjang 4" in pages[1]  # the contents give its page


def test_print_photos_stay_within_their_budget(four):
    _, _, images, cache = four
    names = pdf_files.prepare_print_photos(images, cache)
    for name in names.values():
        data = (cache / "print" / name).read_bytes()
        assert data.startswith(b"\xff\xd8") and len(data) <= pdf_files.PRINT_MAX_BYTES


def test_the_pdf_option_turns_them_off(tmp_path):
    from catalogue.site.build import build_site

    folder = tmp_path / "products"
    write_product(folder, "kopi-contoh")
    problems = build_site(folder, tmp_path / "site", config_file=_config_without_pdf(tmp_path),
                          cache_dir=tmp_path / "cache")
    assert not [p for p in problems if p.is_error]
    assert not (tmp_path / "site" / "unduh").exists()
    assert (tmp_path / "site" / "produk" / "kopi-contoh" / "index.html").is_file()


def _config_without_pdf(tmp_path: Path) -> Path:
    """The repository's mkdocs.yml in tmp_path, folders absolute, with `pdf: false`."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {REPO / 'docs'}")
    text = text.replace("custom_dir: catalogue/theme", f"custom_dir: {REPO / 'catalogue' / 'theme'}")
    text = text.replace("      products: products\n", "      products: products\n      pdf: false\n")
    assert "pdf: false" in text
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_home_regency_and_category_pages_offer_their_pdf_with_its_size(sample_site):
    import re

    for page in ("index.html", "kabupaten/banjar/index.html", "kategori/minuman/index.html",
                 "en/kategori/minuman/index.html", "ar/index.html"):
        html = (sample_site / page).read_text("utf-8")
        match = re.search(r'<p class="opop-pdf"><a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', html)
        assert match, page
        href, text = match.groups()
        pdf = (sample_site / page).parent / href
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), page
        size = pdf.stat().st_size
        shown = re.search(r"\(([\d.,]+) (KB|MB)\)", text)
        value = float(shown.group(1).replace(",", ".")) * (1000 if shown.group(2) == "KB" else 1_000_000)
        assert abs(value - size) <= max(1000, size * 0.06), (page, text, size)  # the size it says is the size it is
        assert ("-en.pdf" in href) == (page.startswith(("en/", "ar/"))), page  # English for en and ar

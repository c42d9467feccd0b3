"""Everything that depends on "today" judges against the reference day it is given.

Each test here runs under three reference days (conftest.REFERENCE_DAYS: the real today,
2027-06-01 and 2031-01-01) and computes what it expects from that day, so the suite passes on
any day and keeps passing as the samples' certificates expire.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import yaml

from catalogue.cli import main
from catalogue.network import trust
from catalogue.site.pages import build_pages
from catalogue.photos.renditions import plan_catalogue
from catalogue.network.stats import counts
from catalogue.products.validate import check_catalogue
from tests.helpers import write_product

REPO = Path(__file__).resolve().parents[1]
P = "products/kopi-contoh/product.yml"


def check(tmp_path: Path, day: date, **overrides) -> list[str]:
    write_product(tmp_path / "products", "kopi-contoh", **overrides)
    result = check_catalogue(tmp_path / "products", today=day)
    return [p.format().replace(f"{tmp_path}/", "") for p in result.problems]


def only(lines: list[str], field: str) -> list[str]:
    return [line for line in lines if f": {field}: " in line]


# --- validation -------------------------------------------------------------------------------


def test_updated_may_be_the_reference_day_but_not_after(tmp_path, reference_day):
    day = reference_day
    assert only(check(tmp_path, day, updated=day.isoformat()), "updated") == []
    tomorrow = (day + timedelta(days=1)).isoformat()
    assert only(check(tmp_path, day, updated=tomorrow), "updated") == [
        f"{P}:55:12: galat: updated: diharapkan tanggal paling lambat hari ini ({day.isoformat()}), ditemukan {tomorrow} "
        "(perbaiki: tulis tanggal data terakhir diperiksa)"]


def test_founded_year_may_be_this_year_but_not_next(tmp_path, reference_day):
    day = reference_day
    cooperative = {"name": "Kopontren Contoh", "legal_entity": "AHU-0001234.AH.01.26.TAHUN 2024"}
    assert only(check(tmp_path, day, cooperative={**cooperative, "founded": str(day.year)}), "cooperative.founded") == []
    lines = check(tmp_path, day, cooperative={**cooperative, "founded": str(day.year + 1)})
    assert only(lines, "cooperative.founded") == [
        f"{P}:23:14: galat: cooperative.founded: diharapkan tahun paling lambat {day.year}, ditemukan {day.year + 1}"]


def test_certificate_valid_until_the_reference_day(tmp_path, reference_day):
    day = reference_day
    halal = {"type": "halal", "number": "ID63110000123450824"}
    assert check(tmp_path, day, certifications=[{**halal, "valid_until": day.isoformat()}]) == []
    yesterday = (day - timedelta(days=1)).isoformat()
    assert check(tmp_path, day, certifications=[{**halal, "valid_until": yesterday}]) == [
        f"{P}:42:18: peringatan: certifications[0].valid_until: sertifikat berlaku sampai {yesterday}, tanggal itu "
        "sudah lewat; situs menampilkannya sebagai kedaluwarsa (perbaiki: perpanjang dan perbarui tanggalnya)"]


def test_pirt_year_passed(tmp_path, reference_day):
    day = reference_day
    this_year = f"2016303010123-{day.year % 100:02d}"
    last_year = f"2016303010123-{(day.year - 1) % 100:02d}"
    assert check(tmp_path, day, certifications=[{"type": "pirt", "number": this_year}]) == []
    assert check(tmp_path, day, certifications=[{"type": "pirt", "number": last_year}]) == [
        f"{P}:41:13: peringatan: certifications[0].number: dua angka terakhir P-IRT menunjukkan berlaku sampai "
        f"{day.year - 1}, tahun itu sudah lewat (perbaiki: perpanjang P-IRT dan tulis nomor barunya)"]


# --- the sample catalogue ---------------------------------------------------------------------


def dated_warnings(day: date) -> set[tuple[str, str]]:
    """(file, field) of every sample certificate that has expired on `day`, read from the YAML
    independently of the validator."""
    out = set()
    for file in sorted((REPO / "products").glob("*/product.yml")):
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # all text
        for index, cert in enumerate(data.get("certifications") or []):
            where = f"certifications[{index}]"
            if "valid_until" in cert and date.fromisoformat(cert["valid_until"]) < day:
                out.add((file.relative_to(REPO).as_posix(), f"{where}.valid_until"))
            if cert["type"] == "pirt" and 2000 + int(re.sub(r"\D", "", cert["number"])[-2:]) < day.year:
                out.add((file.relative_to(REPO).as_posix(), f"{where}.number"))
    return out


def sample_warnings(day: date, monkeypatch) -> set[tuple[str, str]]:
    monkeypatch.chdir(REPO)
    result = check_catalogue(Path("products"), today=day)
    assert result.catalogue is not None, [p.format() for p in result.errors]
    return {(p.path, p.field) for p in result.problems}


def test_samples_stay_valid_and_warn_exactly_about_what_expired(reference_day, monkeypatch):
    day = reference_day
    written = date(2026, 11, 28)  # the samples' own day: their standing warnings are known
    standing = sample_warnings(written, monkeypatch) - dated_warnings(written)
    assert ("products/dodol-kandangan/product.yml", "certifications[1].number") in dated_warnings(written)
    warnings = sample_warnings(day, monkeypatch)
    # Time passing adds expiry warnings (and "add a certificate" where none is left valid)
    # and never an error; nothing else changes.
    now_uncertified = {(path, "certifications") for path, field in dated_warnings(day) - dated_warnings(written)}
    assert warnings - standing - now_uncertified == dated_warnings(day)
    assert standing <= warnings


def test_validate_command_on_the_samples_exits_0(reference_day, monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch(reference_day)))
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("Katalog valid: 14 produk,")


def epoch(day: date) -> int:
    """Noon in Indonesia (WIB) of `day`, as SOURCE_DATE_EPOCH."""
    from datetime import datetime

    from catalogue.clock import WIB

    return int(datetime(day.year, day.month, day.day, 12, tzinfo=WIB).timestamp())


# --- what buyers see --------------------------------------------------------------------------


def test_stale_notice_and_valid_certificates_follow_the_day(reference_day):
    day = reference_day
    catalogue = check_catalogue(REPO / "products", today=day).catalogue
    pages = {p.url: str(p.body) for p in build_pages(catalogue, plan_catalogue(catalogue), "id")}
    for product in catalogue.products:
        body = pages[f"produk/{product.slug}/"]
        stale = (day - product.updated).days > 365
        assert ("opop-checked--stale" in body) == stale, product.slug
        assert trust.is_stale(product.updated, day) == stale
        halal_valid = any(c.type == "halal" and (c.valid_until is None or c.valid_until >= day)
                          for c in product.certifications)
        assert ("opop-badge--halal" in body) == halal_valid, product.slug
    # Statistics count a product under a certification only while one is valid on the day.
    expected: dict[str, int] = {}
    for product in catalogue.products:
        for kind in {c.type for c in product.certifications
                     if (c.valid_until is None or c.valid_until >= day)
                     and (c.expires_year is None or c.expires_year >= day.year)}:
            expected[kind] = expected.get(kind, 0) + 1
    assert {c.code: c.count for c in counts(catalogue)["certification"]} == expected

"""What the national build says about each province: in the terminal, as Markdown for the
GitHub job summary ($GITHUB_STEP_SUMMARY), and as JSON in the site (`data/provinsi.json`,
so anyone can see which provinces are current)."""

from __future__ import annotations

import json


def _province_line(p) -> tuple[str, str]:
    head_id = f"Provinsi {p.source.code} {p.source.name}"
    head_en = f"Province {p.source.code} {p.source.name}"
    if p.status == "ok":
        text = (f"{head_id}: {len(p.items)} produk (data per {p.fetched})",
                f"{head_en}: {len(p.items)} products (data as of {p.fetched})")
    elif p.status == "stale":
        text = (f"{head_id}: GAGAL — {p.failure.id}; memakai data terakhir yang baik, diambil {p.fetched} ({len(p.items)} produk)",
                f"{head_en}: FAILED — {p.failure.en}; using the last good snapshot, fetched {p.fetched} ({len(p.items)} products)")
    else:
        text = (f"{head_id}: GAGAL — {p.failure.id}; belum pernah berhasil diambil, tidak ditampilkan",
                f"{head_en}: FAILED — {p.failure.en}; never fetched successfully, left out")
    return text


def terminal(results, shown: int = 20) -> str:
    lines = []
    for p in results:
        id_text, en_text = _province_line(p)
        lines += [id_text, f"  (en) {en_text}"]
        for problem in p.problems[:shown]:
            lines.append("  " + problem.format().replace("\n", "\n  "))
        more = len(p.problems[shown:]) + p.more
        if more:
            lines.append(f"  … dan {more} masalah lain / and {more} more problems")
    return "\n".join(lines)


def markdown(results, title: str) -> str:
    rows = ["| provinsi / province | produk / products | status | data per / as of |", "|---|---:|---|---|"]
    for p in results:
        state = {"ok": "✅ baru / current", "stale": "⚠️ data lama / last good snapshot",
                 "missing": "❌ tidak ditampilkan / left out"}[p.status]
        rows.append(f"| {p.source.code} {_md(p.source.name)} | {len(p.items)} | {state} | {p.fetched or '—'} |")
    out = [f"### {_md(title)}", "", *rows]
    failures = [p for p in results if p.failure]
    if failures:
        out += ["", "**Masalah / problems**", ""]
        for p in failures:
            out.append(f"- {p.source.code} {_md(p.source.name)}: {_md(p.failure.id)} — {_md(p.failure.en)}")
    skipped = sum(p.skipped for p in results)
    if skipped:
        out += ["", f"{skipped} produk dilewati karena datanya bermasalah (lihat log) / products skipped for invalid data (see the log)."]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    """Text from a province, safe inside a Markdown table (no markup, no HTML)."""
    return "".join("\\" + ch if ch in "\\`*_[]<>|#!" else ch for ch in " ".join(str(text).split()))


def status_json(results) -> str:
    data = {"provinces": [{
        "code": p.source.code, "name": p.source.name, "status": p.status, "products": len(p.items),
        "fetched": p.fetched, "skipped": p.skipped,
        "problem": ({"id": p.failure.id, "en": p.failure.en} if p.failure else None),
    } for p in results]}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


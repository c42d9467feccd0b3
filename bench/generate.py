"""Generate N synthetic, valid products for benchmarks:
`python bench/generate.py N DIR [--photos 1-4|8]`.

Seeded and deterministic: the same N, seed and photo count give the same files. Every product
has varied text in id/en/ar, all fields of the format, and 1–4 photos (or exactly `--photos`)
of 12 megapixels (4000×3000 JPEG, with noise so they weigh and decode like phone photos,
about 1.5 MB).

Encoding thousands of 12 MP JPEGs would take longer than the benchmark itself, so a pool of
distinct photos is drawn once and each product gets copies with a unique JPEG comment
segment inserted: the pixels decode exactly as costly, but every file has different bytes,
so the content-addressed photo cache treats each as new (an honest cold build).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from catalogue.products.taxonomy import CATEGORIES, REGENCIES  # noqa: E402

POOL_SIZE = 12
PHOTO_SIZE = (4000, 3000)

WORDS_ID = ["madu", "kopi", "kain", "anyaman", "gula", "abon", "amplang", "dodol", "keripik", "sabun", "minyak", "beras", "ikan", "sambal", "teh", "jamu", "tas", "tikar", "sapu", "kerupuk"]
PLACES = ["Martapura", "Banjarbaru", "Kandangan", "Barabai", "Amuntai", "Tanjung", "Rantau", "Pelaihari", "Kotabaru", "Marabahan", "Paringin", "Batulicin", "Pengaron", "Aranio"]
ADJ_ID = ["asli", "premium", "khas", "organik", "segar", "tradisional", "pilihan", "murni"]
ADJ_EN = ["genuine", "premium", "local", "organic", "fresh", "traditional", "select", "pure"]
AR = ["منتج حلال من معهد", "عسل طبيعي", "قهوة محلية", "نسيج تقليدي", "منتج يدوي"]


def pool_photo(index: int, folder: Path) -> bytes:
    """One 12 MP JPEG of gradients and noise (noise makes the size and decode cost realistic)."""
    path = folder / f"pool-{index:02d}.jpg"
    if not path.exists():
        rng = random.Random(index)
        base = Image.linear_gradient("L").resize(PHOTO_SIZE)
        noise = Image.effect_noise(PHOTO_SIZE, 12 + index)
        colour = tuple(rng.randrange(60, 220) for _ in range(3))
        image = Image.merge("RGB", (base, noise, Image.new("L", PHOTO_SIZE, colour[2])))
        draw = ImageDraw.Draw(image)
        for _ in range(30):
            x, y = rng.randrange(PHOTO_SIZE[0]), rng.randrange(PHOTO_SIZE[1])
            r = rng.randrange(80, 600)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
        image.save(path, "JPEG", quality=85)
    return path.read_bytes()


def unique_copy(jpeg: bytes, tag: str) -> bytes:
    """The same JPEG with a comment segment (FF FE) after SOI: same pixels, new bytes."""
    payload = tag.encode()
    segment = b"\xff\xfe" + (len(payload) + 2).to_bytes(2, "big") + payload
    return jpeg[:2] + segment + jpeg[2:]


def product_yaml(i: int, rng: random.Random, photos: list[str]) -> str:
    word, place = rng.choice(WORDS_ID), rng.choice(PLACES)
    adj = rng.randrange(len(ADJ_ID))
    category = rng.choice(list(CATEGORIES))
    regency = rng.choice(list(REGENCIES))
    price = rng.randrange(5, 500) * 1000
    year = rng.randrange(2015, 2025)
    photo_lines = "".join(
        f"  - file: {name}\n    alt: {{id: Foto {word} {ADJ_ID[adj]} nomor {n + 1}, en: Photo of {ADJ_EN[adj]} {word} number {n + 1}}}\n"
        for n, name in enumerate(photos)
    )
    needs = f"needs:\n  - category: {rng.choice(list(CATEGORIES))}\n    text: {{id: Butuh {rng.choice(WORDS_ID)} untuk paket {word}}}\n" if i % 3 == 0 else ""
    return f"""\
# yaml-language-server: $schema=../../catalogue/schema/product.schema.json
name:
  id: {word.title()} {ADJ_ID[adj].title()} {place} {i}
  en: {ADJ_EN[adj].title()} {word.title()} from {place} {i}
  ar: {rng.choice(AR)} {i}
summary:
  id: {word.title()} {ADJ_ID[adj]} buatan santri pondok {place}, dikemas rapi untuk pembeli daerah dan nasional.
  en: {ADJ_EN[adj].title()} {word} made by students in {place}, neatly packed for regional and national buyers.
description:
  id: |
    {word.title()} ini dibuat oleh santri dan pengurus koperasi di {place} dengan bahan pilihan.

    - Dikemas rapi dan higienis
    - Bisa dipesan dalam jumlah **besar**
    - Lihat juga [situs koperasi](https://contoh.example.org/{i})
  en: |
    This {word} is made by students and cooperative staff in {place} from select ingredients.

    - Neat, hygienic packing
    - Available in *bulk*
tags: [{word}, {place.lower()}, sintetis]
category: {category}
pesantren:
  name: Pondok Pesantren Sintetis {i:05d} (contoh)
  nspp: "{510063000000 + i}"
  regency: "{regency}"
  address: Jl. Contoh No. {i}, {place}
  location: {{lat: -{rng.uniform(1.5, 4.0):.4f}, lon: {rng.uniform(114.5, 116.4):.4f}}}
  website: https://pesantren-{i}.example.org
cooperative:
  name: Kopontren Sintetis {i:05d} (contoh)
  legal_entity: AHU-{i:07d}.AH.01.26.TAHUN {year}
  nib: "{9120400000000 + i}"
  founded: {year - 3}
  members: {rng.randrange(10, 400)}
  opop_since: {year}
price:
  min: {price}
  max: {price * 2}
  unit: {{id: bungkus 250 g, en: 250 g pack, ar: عبوة 250 غ}}
min_order: {{quantity: {rng.randrange(5, 100)}, unit: {{id: bungkus, en: packs}}}}
capacity: {{quantity: {rng.randrange(100, 5000)}, unit: {{id: bungkus, en: packs}}, per: {rng.choice(['week', 'month', 'year'])}}}
shelf_life_months: {rng.randrange(1, 36)}
packaging: {{id: Plastik tebal dengan ziplock, en: Thick ziplock plastic}}
hs_code: "{rng.randrange(1000, 9999)}.{rng.randrange(10, 99)}"
certifications:
  - {{type: halal, number: "ID63{i:015d}", valid_until: 2029-01-01}}
  - {{type: pirt, number: "{rng.randrange(10**12, 10**13)}-{rng.randrange(27, 32)}"}}
markets: [regional, national]
export: {{ready: {"true" if i % 5 == 0 else "false"}, countries: [MY, SA]}}
photos:
{photo_lines}contact:
  name: Ustadz Sintetis {i} (contoh)
  role: Bendahara
  whatsapp: "0811-5{i % 1000:03d}-{i % 10000:04d}"
  email: koperasi{i}@example.org
{needs}updated: 2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}
"""


def generate(n: int, out: Path, seed: int = 3057, photos_per_product: tuple[int, int] = (1, 4)) -> Path:
    """Write N product folders into `out` (created); returns `out`."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    pool_dir = out.parent / (out.name + "-pool")
    pool_dir.mkdir(exist_ok=True)
    pool = [pool_photo(k, pool_dir) for k in range(POOL_SIZE)]
    for i in range(n):
        folder = out / f"produk-sintetis-{i:05d}"
        folder.mkdir(exist_ok=True)
        names = [f"foto-{k + 1}.jpg" for k in range(rng.randint(*photos_per_product))]
        for k, name in enumerate(names):
            (folder / name).write_bytes(unique_copy(pool[(i + k) % POOL_SIZE], f"{seed}-{i}-{k}"))
        (folder / "product.yml").write_text(product_yaml(i, rng, names), encoding="utf-8")
    return out


def photo_range(text: str) -> tuple[int, int]:
    """"8" → (8, 8); "1-4" → (1, 4): photos per product, drawn uniformly in the range."""
    low, _, high = text.partition("-")
    low, high = int(low), int(high or low)
    if not 1 <= low <= high:
        raise argparse.ArgumentTypeError(f"expected N or A-B with 1 ≤ A ≤ B, found {text!r}")
    return low, high


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=3057)
    parser.add_argument("--photos", type=photo_range, default=(1, 4), metavar="N|A-B",
                        help="photos per product: exactly N, or A to B (default: 1-4, 2.57 on average)")
    args = parser.parse_args()
    generate(args.n, args.out, args.seed, args.photos)


if __name__ == "__main__":
    main()

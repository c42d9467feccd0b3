"""Closed vocabularies shipped with the catalogue, with labels per language.

Codes are what product files contain; labels are what buyers read.
"""

from catalogue.products.model import Text

CATEGORIES: dict[str, Text] = {
    "makanan": Text("Makanan", "Food", "أطعمة"),
    "minuman": Text("Minuman", "Drinks", "مشروبات"),
    "kerajinan": Text("Kerajinan", "Crafts", "حرف يدوية"),
    "fesyen": Text("Fesyen & Kain", "Textiles & Fashion", "أزياء ومنسوجات"),
    "pertanian": Text("Pertanian & Perkebunan", "Crops & Plantation", "زراعة"),
    "perikanan": Text("Perikanan", "Fish & Seafood", "أسماك"),
    "peternakan": Text("Peternakan & Madu", "Livestock & Honey", "ثروة حيوانية وعسل"),
    "herbal": Text("Herbal & Kosmetik", "Herbal & Cosmetics", "أعشاب ومستحضرات تجميل"),
    "rumah-tangga": Text("Keperluan Rumah Tangga", "Household Goods", "أدوات منزلية"),
    "jasa": Text("Jasa", "Services", "خدمات"),
}

# Kemendagri codes for Kalimantan Selatan (province 63). Add other provinces here as the
# catalogue grows; codes are stable identifiers, labels may change.
REGENCIES: dict[str, Text] = {
    "63.01": Text("Kabupaten Tanah Laut", "Tanah Laut Regency", "محافظة تانه لاوت"),
    "63.02": Text("Kabupaten Kotabaru", "Kotabaru Regency", "محافظة كوتابارو"),
    "63.03": Text("Kabupaten Banjar", "Banjar Regency", "محافظة بنجر"),
    "63.04": Text("Kabupaten Barito Kuala", "Barito Kuala Regency", "محافظة باريتو كوالا"),
    "63.05": Text("Kabupaten Tapin", "Tapin Regency", "محافظة تابين"),
    "63.06": Text("Kabupaten Hulu Sungai Selatan", "Hulu Sungai Selatan Regency", "محافظة هولو سونغاي الجنوبية"),
    "63.07": Text("Kabupaten Hulu Sungai Tengah", "Hulu Sungai Tengah Regency", "محافظة هولو سونغاي الوسطى"),
    "63.08": Text("Kabupaten Hulu Sungai Utara", "Hulu Sungai Utara Regency", "محافظة هولو سونغاي الشمالية"),
    "63.09": Text("Kabupaten Tabalong", "Tabalong Regency", "محافظة تابالونغ"),
    "63.10": Text("Kabupaten Tanah Bumbu", "Tanah Bumbu Regency", "محافظة تانه بومبو"),
    "63.11": Text("Kabupaten Balangan", "Balangan Regency", "محافظة بالانغان"),
    "63.71": Text("Kota Banjarmasin", "Banjarmasin City", "مدينة بنجرماسين"),
    "63.72": Text("Kota Banjarbaru", "Banjarbaru City", "مدينة بنجربارو"),
}

REGENCY_SLUGS: dict[str, str] = {
    code: label.id.lower().replace("kabupaten ", "").replace("kota ", "kota-").replace(" ", "-")
    for code, label in REGENCIES.items()
}

CERTIFICATION_TYPES: dict[str, Text] = {
    "halal": Text("Halal", "Halal", "حلال"),
    "pirt": Text("P-IRT", "P-IRT (home industry food permit)", "تصريح صناعة غذائية منزلية"),
    "bpom-md": Text("BPOM MD", "BPOM MD (national food registration)", "تسجيل BPOM MD"),
    "bpom-ml": Text("BPOM ML", "BPOM ML (imported food registration)", "تسجيل BPOM ML"),
    "sni": Text("SNI", "SNI (Indonesian National Standard)", "المعيار الوطني الإندونيسي"),
    "other": Text("Lainnya", "Other", "أخرى"),
}

MARKETS: dict[str, Text] = {
    "regional": Text("Regional", "Regional", "إقليمي"),
    "national": Text("Nasional", "National", "وطني"),
    "international": Text("Internasional", "International", "دولي"),
}

CAPACITY_PERIODS: dict[str, Text] = {
    "week": Text("minggu", "week", "أسبوع"),
    "month": Text("bulan", "month", "شهر"),
    "year": Text("tahun", "year", "سنة"),
}

# Province bounding box (decimal degrees), generous by ~0.1° so points on the coast pass.
KALSEL_BBOX = {"lat_min": -4.3, "lat_max": -1.2, "lon_min": 114.3, "lon_max": 116.6}

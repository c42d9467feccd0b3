"""SOURCES.yml: which provinces the national catalogue gathers, and where each publishes its
`data/catalogue.json`.

    title: Katalog OPOP Nasional            # optional: the national site's name
    provinces:
      - code: "63"                          # Kemendagri province code (two digits)
        catalogue: https://opop-kalsel.example/katalog/data/catalogue.json
      - code: "35"
        catalogue: ../jatim/data/catalogue.json   # or a file, relative to SOURCES.yml
        site: https://opop-jatim.example/         # a file's site root (required for a file)
        photo_hosts: [https://foto.opop-jatim.example]  # optional: where else its photos may be

Read strictly as text (yaml BaseLoader: `code: 63` is the text "63", never a number), with
the line and column of every value, so each problem points at its place and says the fix.
Every entry is checked before anything is fetched; one bad entry stops the build (a typo in
SOURCES.yml should not silently drop a province).

A province's records may only link to its own site (`origin`: the origin of its site root)
and show photos from there or from its `photo_hosts` (`photo_origins`): a file has no address
of its own, so a file entry needs `site:`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import yaml

from catalogue.national.problems import Problem, shown
from catalogue.national.regions import regions

DEFAULT_TITLE = "Katalog OPOP Nasional"
HOST = re.compile(r"^[A-Za-z0-9.-]+(:[0-9]{1,5})?$")  # a plain host[:port]
TOP_KEYS = ("title", "provinces")
ENTRY_KEYS = ("code", "catalogue", "site", "photo_hosts")


class Source(NamedTuple):
    code: str  # "63"
    name: str  # "Kalimantan Selatan"
    location: str  # the URL, or the file's absolute path
    is_url: bool
    site: str | None  # the province site's root URL, to resolve relative addresses
    photo_hosts: tuple[str, ...] = ()  # origins besides the site's own its photos may come from

    @property
    def base(self) -> str | None:
        """What a relative address in the province's records is relative to: `site`, else
        the catalogue URL's site root (the URL minus `data/catalogue.json`)."""
        if self.site:
            return self.site
        if self.is_url:
            return self.location.rsplit("/", 2)[0] + "/" if self.location.endswith("/data/catalogue.json") \
                else self.location.rsplit("/", 1)[0] + "/"
        return None

    @property
    def origin(self) -> str | None:
        """The province's own origin: its product pages must be there."""
        return origin(self.base) if self.base else None

    @property
    def photo_origins(self) -> tuple[str, ...]:
        """Where its photos may come from: its own origin and its `photo_hosts`."""
        return ((self.origin,) if self.origin else ()) + self.photo_hosts


class Sources(NamedTuple):
    title: str
    provinces: tuple[Source, ...]


def is_web_url(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not re.search(r"\s", text)


def origin(url: str) -> str | None:
    """`https://host[:port]` of an http(s) address, host lowercased and the default port left
    out (so addresses compare as a browser compares origins); None if it has no plain host
    (no `user@`, no quotes: an origin goes into the pages' Content-Security-Policy)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not HOST.match(parts.netloc):
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname or ""
    if not host:
        return None
    default = {"http": 80, "https": 443}[parts.scheme]
    return f"{parts.scheme}://{host}" + (f":{port}" if port is not None and port != default else "")


def read_sources(path: Path) -> tuple[Sources | None, list[Problem]]:
    """The checked sources, or None and every problem found."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return None, [Problem(f"{name}:1:1", "", f"diharapkan teks UTF-8, ditemukan byte {error.object[error.start]:#x} "
                              "(perbaiki: simpan berkas sebagai UTF-8)",
                              f"expected UTF-8 text, found byte {error.object[error.start]:#x} (fix: save the file as UTF-8)")]
    try:
        root = yaml.compose(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else f"{name}:1:1"
        what = getattr(error, "problem", None) or str(error)
        return None, [Problem(where, "", f"diharapkan YAML yang sah, ditemukan kesalahan: {what} "
                              "(perbaiki: periksa indentasi dan tanda kutip di baris ini)",
                              f"expected valid YAML, found an error: {what} "
                              "(fix: check the indentation and quotes on this line)")]
    problems: list[Problem] = []

    def at(node) -> str:
        return f"{name}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"

    def wrong(node, field, id_expected, en_expected, found, id_fix, en_fix):
        problems.append(Problem(at(node), field, f"diharapkan {id_expected}, ditemukan {found} (perbaiki: {id_fix})",
                                f"expected {en_expected}, found {found} (fix: {en_fix})"))

    def found(node) -> str:
        if isinstance(node, yaml.ScalarNode):
            return shown(node.value)
        return "daftar/list" if isinstance(node, yaml.SequenceNode) else "peta/mapping"

    if root is None or not isinstance(root, yaml.MappingNode):
        node = root or yaml.ScalarNode("tag:yaml.org,2002:str", "", start_mark=yaml.Mark(name, 0, 0, 0, None, None))
        wrong(node, "", "peta dengan kunci `provinces`", "a mapping with a `provinces` key",
              "berkas kosong/empty file" if root is None else found(root),
              "tulis `provinces:` lalu satu entri per provinsi (lihat docs/national.md)",
              "write `provinces:` then one entry per province (see docs/national.md)")
        return None, problems

    top = {}
    for key, value in root.value:
        if key.value not in TOP_KEYS:
            wrong(key, key.value, "salah satu kunci " + ", ".join(TOP_KEYS), "one of the keys " + ", ".join(TOP_KEYS),
                  shown(key.value), "hapus kunci ini atau perbaiki ejaannya", "remove this key or fix its spelling")
        elif key.value in top:
            wrong(key, key.value, "kunci ini sekali saja", "this key once", "kunci kedua/a second one",
                  "gabungkan kedua bagian", "merge both parts")
        else:
            top[key.value] = value

    title = DEFAULT_TITLE
    if "title" in top:
        node = top["title"]
        if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
            wrong(node, "title", "nama situs berupa teks", "the site's name as text", found(node),
                  "tulis satu baris teks, mis. `title: Katalog OPOP Nasional`",
                  "write one line of text, e.g. `title: Katalog OPOP Nasional`")
        else:
            title = node.value.strip()

    provinces: list[Source] = []
    node = top.get("provinces")
    if node is None:
        wrong(root, "provinces", "daftar provinsi", "a list of provinces", "tidak ada/nothing",
              "tambahkan `provinces:` dengan `- code: \"63\"` dan `catalogue: …` per provinsi",
              "add `provinces:` with `- code: \"63\"` and `catalogue: …` per province")
    elif not isinstance(node, yaml.SequenceNode) or not node.value:
        wrong(node, "provinces", "daftar provinsi yang tidak kosong", "a non-empty list of provinces", found(node),
              "tulis satu entri `- code: …` per provinsi", "write one `- code: …` entry per province")
    else:
        seen: dict[str, str] = {}
        for i, entry in enumerate(node.value):
            source = _entry(entry, f"provinces[{i}]", path.parent, seen, wrong, found, at)
            if source is not None:
                provinces.append(source)
    if problems:
        return None, problems
    return Sources(title, tuple(provinces)), []


def _entry(entry, field, folder: Path, seen, wrong, found, at) -> Source | None:
    if not isinstance(entry, yaml.MappingNode):
        wrong(entry, field, "entri dengan `code` dan `catalogue`", "an entry with `code` and `catalogue`", found(entry),
              "tulis `- code: \"63\"` lalu `catalogue: …` di baris berikutnya",
              "write `- code: \"63\"` then `catalogue: …` on the next line")
        return None
    values = {}
    ok = True
    for key, value in entry.value:
        if key.value not in ENTRY_KEYS:
            wrong(key, f"{field}.{key.value}", "salah satu kunci " + ", ".join(ENTRY_KEYS),
                  "one of the keys " + ", ".join(ENTRY_KEYS), shown(key.value),
                  "hapus kunci ini atau perbaiki ejaannya", "remove this key or fix its spelling")
            ok = False
        elif key.value == "photo_hosts":
            if not isinstance(value, yaml.SequenceNode) or not all(isinstance(v, yaml.ScalarNode) for v in value.value):
                wrong(value, f"{field}.photo_hosts", "daftar alamat https://", "a list of https:// addresses", found(value),
                      "tulis `photo_hosts: [https://foto.contoh.example]`", "write `photo_hosts: [https://photos.example]`")
                ok = False
            else:
                values[key.value] = value
        elif not isinstance(value, yaml.ScalarNode):
            wrong(value, f"{field}.{key.value}", "teks satu baris", "one line of text", found(value),
                  "tulis nilainya di baris yang sama dengan kuncinya", "write the value on the key's line")
            ok = False
        else:
            values[key.value] = value
    for key in ("code", "catalogue"):
        if key not in values and ok:
            wrong(entry, f"{field}.{key}", f"kunci `{key}`", f"the key `{key}`", "tidak ada/nothing",
                  "tambahkan " + ('`code: "63"` (kode provinsi Kemendagri)' if key == "code" else
                                  "`catalogue:` dengan alamat atau berkas data/catalogue.json provinsi"),
                  "add " + ('`code: "63"` (the Kemendagri province code)' if key == "code" else
                            "`catalogue:` with the address or file of the province's data/catalogue.json"))
            ok = False
    if not ok:
        return None

    code_node = values["code"]
    code = code_node.value.strip()
    names = regions().provinces
    if code not in names:
        near = ", ".join(f"{c} {n}" for c, n in sorted(names.items())[:3])
        wrong(code_node, f"{field}.code", "kode provinsi Kemendagri dua angka", "a two-digit Kemendagri province code",
              shown(code_node.value), f"pakai kode dari daftar provinsi, mis. {near}, … 63 Kalimantan Selatan",
              f"use a code from the list of provinces, e.g. {near}, … 63 Kalimantan Selatan")
        ok = False
    elif code in seen:
        wrong(code_node, f"{field}.code", "setiap provinsi sekali saja", "each province once",
              f"{code} lagi (juga/also {seen[code]})", "hapus salah satu entri", "remove one of the entries")
        ok = False
    else:
        seen[code] = field

    where_node = values["catalogue"]
    where = where_node.value.strip()
    is_url = False
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", where):
        if not is_web_url(where):
            wrong(where_node, f"{field}.catalogue", "alamat http(s):// atau berkas", "an http(s):// address or a file",
                  shown(where), "tulis alamat https://…/data/catalogue.json atau jalur berkas",
                  "write an https://…/data/catalogue.json address or a file path")
            ok = False
        is_url = True
        location = where
    elif not where:
        wrong(where_node, f"{field}.catalogue", "alamat atau berkas", "an address or a file", '""',
              "tulis alamat https://…/data/catalogue.json provinsi", "write the province's https://…/data/catalogue.json address")
        ok = False
        location = ""
    else:
        location = str((folder / where).resolve())

    site = None
    if "site" in values:
        site = values["site"].value.strip()
        if not is_web_url(site) or origin(site) is None:
            wrong(values["site"], f"{field}.site", "alamat http(s):// situs provinsi", "the province site's http(s):// address",
                  shown(site), "tulis alamat situs, mis. https://opop-jatim.example/", "write the site's address, e.g. https://opop-jatim.example/")
            ok = False
        elif not site.endswith("/"):
            site += "/"
    elif not is_url and location:
        wrong(where_node, f"{field}.site", "kunci `site` untuk berkas", "the key `site` for a file", "tidak ada/nothing",
              "tambahkan `site:` dengan alamat situs provinsi, mis. https://opop-jatim.example/ "
              "(produk dan foto hanya boleh dari situs itu)",
              "add `site:` with the province site's address, e.g. https://opop-jatim.example/ "
              "(products and photos may only come from that site)")
        ok = False

    photo_hosts = []
    if "photo_hosts" in values:
        for node in values["photo_hosts"].value:
            host = origin(node.value.strip())
            if host is None or urlsplit(node.value.strip()).path not in ("", "/"):
                wrong(node, f"{field}.photo_hosts", "alamat http(s)://host situs foto, tanpa jalur",
                      "the photo site's http(s)://host address, without a path", shown(node.value),
                      "tulis mis. https://foto.opop-jatim.example", "write e.g. https://photos.opop-jatim.example")
                ok = False
            elif host not in photo_hosts:
                photo_hosts.append(host)
    if not ok:
        return None
    return Source(code, names[code], location, is_url, site, tuple(photo_hosts))

"""Command line: `validate`, `build`, `serve`, `new`, `schema`, `from-issue`, `form-pr`, `forms`,
`photos`, `template`, `import`, `init`, `national`.

Exit codes: 0 ok, 1 the catalogue has problems (or the build failed), 2 usage error.
A thin layer: every command calls the library and only formats what it returns.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from catalogue.products.problems import Problem

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

WORDS = {
    "id": {
        "ok": "Katalog valid: {products} produk, {warnings} peringatan.",
        "bad": "Ditemukan {errors} galat dan {warnings} peringatan di {files} file.",
        "built": "Situs dibangun di {site} ({products} produk).",
        "not_built": "Situs TIDAK dibangun; {site} tidak diubah.",
    },
    "en": {
        "ok": "Catalogue is valid: {products} products, {warnings} warnings.",
        "bad": "Found {errors} errors and {warnings} warnings in {files} files.",
        "built": "Site built in {site} ({products} products).",
        "not_built": "Site NOT built; {site} was left unchanged.",
    },
}


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 already; keep its message short
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="build.py", description="Katalog OPOP: validate product files and build the catalogue site of a province.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(p):
        p.add_argument("--products", type=Path, default=Path("products"), help="folder of product folders (default: products)")
        p.add_argument("--lang", choices=("id", "en"), default="id", help="language of messages (default: id)")

    v = sub.add_parser("validate", help="check every product file and report all problems")
    common(v)
    v.add_argument("--strict", action="store_true", help="treat warnings as errors; export-ready products need English text")
    v.add_argument("--coverage", action="store_true", help="also print translation coverage per language and product")
    v.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs configuration naming the region file (default: mkdocs.yml)")

    b = sub.add_parser("build", help="validate, then build the site into --site (replaced only on success)")
    common(b)
    b.add_argument("--site", type=Path, default=Path("site"), help="output folder (default: site)")
    b.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs configuration (default: mkdocs.yml)")

    s = sub.add_parser("serve", help="live preview that rebuilds when a file under products/ changes")
    common(s)
    s.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    s.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")

    n = sub.add_parser("new", help="create products/<slug>/product.yml from a commented template")
    common(n)
    for flag, text in (
        ("--slug", "folder name, e.g. kopi-liberika-pengaron"),
        ("--pesantren", "name of the pondok pesantren"),
        ("--regency", "Kemendagri code, e.g. 63.03"),
        ("--name", "product name (Indonesian)"),
        ("--category", "category id, e.g. minuman"),
        ("--whatsapp", "WhatsApp number, e.g. 0811-5000-123"),
    ):
        n.add_argument(flag, help=text)
    n.add_argument("--photo", type=Path, help="copy this photo into the new folder as foto-1.<ext> (checked before anything is written)")
    n.add_argument("--yes", action="store_true", help="never ask: fail if a value is missing")

    sub.add_parser("schema", help="write catalogue/schema/product.schema.json from the schema declaration")

    # Issue forms → pull requests (.github/workflows/formulir.yml runs these two).
    f = sub.add_parser("from-issue", help="turn an issue form (GitHub `issues` event) into products/<slug>/, checked")
    common(f)
    f.add_argument("--event", type=Path, required=True, help="the event payload ($GITHUB_EVENT_PATH)")
    f.add_argument("--allow-host", action="append", default=[], metavar="HOST", help="also fetch photos from HOST (tests)")
    f.add_argument("--comment", type=Path, help="write the Indonesian comment for the issue here (Markdown)")
    f.add_argument("--result", type=Path, help="write the outcome for the next step here (JSON)")
    r = sub.add_parser("form-pr", help="push the checked product to a branch, open or update its pull request, comment")
    r.add_argument("--event", type=Path, required=True, help="the event payload ($GITHUB_EVENT_PATH)")
    r.add_argument("--result", type=Path, required=True, help="from-issue's --result file")
    r.add_argument("--comment", type=Path, required=True, help="from-issue's --comment file")
    sub.add_parser("forms", help="write .github/ISSUE_TEMPLATE/produk-baru.yml and koreksi.yml from the form declaration")

    # Photo renditions on several machines (catalogue/photos/shards.py; .github/workflows/pages.yml).
    ph = sub.add_parser("photos", help="render the missing photo renditions (of one share) into the cache, then exit")
    common(ph)
    ph.add_argument("--shard", metavar="I/N", help="only the I-th of N shares of the photos (by content hash), e.g. 2/4")
    ph.add_argument("--export", type=Path, metavar="DIR", help="also put the renditions made now into DIR (a CI artifact)")
    ph.add_argument("--count", action="store_true", help="render nothing: count the missing photos and suggest a number of shares")

    # The office spreadsheet (catalogue/products/spreadsheet*.py): template out, rows in.
    t = sub.add_parser("template", help="write the Excel template (one row per product, dropdowns, a sheet of codes)")
    t.add_argument("file", metavar="FILE.xlsx", help="where to write it (never overwritten)")
    i = sub.add_parser("import", help="create or update product folders from FILE.xlsx or FILE.csv, every row checked first")
    common(i)
    i.add_argument("file", metavar="FILE", help="the filled-in template, or a catalogue.csv")
    i.add_argument("--photos", type=Path, help="folder holding the photos the rows name")
    i.add_argument("--dry-run", action="store_true", help="print what would happen; write nothing")
    i.add_argument("--update", action="store_true", help="change existing products where the row differs (keeps comments)")
    it = sub.add_parser("init", help="write a new catalogue repository for a province (region file, mkdocs.yml, forms, workflows)")
    it.add_argument("dir", type=Path, help="the new repository's folder (missing or empty)")
    it.add_argument("--province", required=True, help="Kemendagri province code, e.g. 35 (Jawa Timur)")
    it.add_argument("--package", help="requirement line for this package in requirements.txt (default: katalog-opop-kalsel==VERSION)")
    from catalogue.national import command as national  # cheap: the build is imported when run

    national.add_arguments(sub.add_parser("national", help=national.HELP))
    return parser


def print_problems(problems: list[Problem], lang: str, out=None) -> None:
    out = out or sys.stdout
    for problem in problems:
        print(problem.format(lang), file=out)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        from catalogue.github import write_annotations, write_step_summary

        write_annotations(problems, lang, out)
        write_step_summary(problems, lang)


def cmd_validate(args) -> int:
    from catalogue.products.validate import check_catalogue

    result = check_catalogue(args.products, strict=args.strict)
    print_problems(result.problems, args.lang)
    words = WORDS[args.lang]
    warnings = sum(not p.is_error for p in result.problems)
    if args.coverage and result.catalogue is not None:
        from catalogue.products.coverage import format_coverage

        print(format_coverage(result.catalogue, args.lang))
    if result.catalogue is None:
        files = len({p.path for p in result.errors})
        print(words["bad"].format(errors=len(result.errors), warnings=warnings, files=files))
        return EXIT_INVALID
    print(words["ok"].format(products=len(result.catalogue.products), warnings=warnings))
    return EXIT_OK


def cmd_build(args) -> int:
    from catalogue.site.build import SiteTooLarge, build_site
    from catalogue.site.size import write_step_summary

    def on_size(report):  # the site's size by part, measured before it replaces --site (site/size.py)
        sizes.append(report)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            write_step_summary(report, args.lang)

    words, sizes = WORDS[args.lang], []
    try:
        problems = build_site(args.products, args.site, config_file=args.config, on_size=on_size)
    except SiteTooLarge as e:
        print("\n".join(e.report.lines(args.lang)))
        print(e.report.error(args.lang), file=sys.stderr)
        print(words["not_built"].format(site=args.site))
        return EXIT_INVALID
    print_problems(problems, args.lang)
    for report in sizes:
        print("\n".join(report.lines(args.lang)))
    if any(p.is_error for p in problems):
        print(words["not_built"].format(site=args.site))
        return EXIT_INVALID
    count = sum(1 for p in args.products.iterdir() if p.is_dir() and not p.name.startswith("."))
    print(words["built"].format(site=args.site, products=count))
    return EXIT_OK


def cmd_serve(args) -> int:
    from catalogue.site.build import serve_site

    return serve_site(args.products, config_file=args.config, addr=args.addr) or EXIT_OK


def cmd_new(args) -> int:
    from catalogue.products.scaffold import run_new

    return run_new(args)


def cmd_schema(args) -> int:
    from catalogue.products.schema_file import write_schema

    path = write_schema()
    print(f"wrote {path}")
    return EXIT_OK


def cmd_from_issue(args) -> int:
    from catalogue.clock import today
    from catalogue.products.from_issue import UsageError, run

    try:
        return run(args.event, args.products, args.allow_host, args.comment, args.result, today(), args.lang)
    except UsageError as exc:
        print(f"build.py from-issue: {exc}", file=sys.stderr)
        return EXIT_USAGE


def cmd_form_pr(args) -> int:
    import urllib.error

    from catalogue.form_pull_request import publish

    try:
        return publish(args.event, args.result, args.comment)
    except (urllib.error.URLError, RuntimeError) as exc:  # the API or git said no: say what
        print(f"build.py form-pr: {exc}", file=sys.stderr)
        return EXIT_INVALID


def cmd_forms(args) -> int:
    from catalogue.products.issue_form_file import write_forms

    for path in write_forms(Path(".github") / "ISSUE_TEMPLATE"):
        print(f"wrote {path}")
    return EXIT_OK


COMMANDS = {"from-issue": cmd_from_issue, "form-pr": cmd_form_pr, "forms": cmd_forms, "validate": cmd_validate, "build": cmd_build, "serve": cmd_serve, "new": cmd_new, "schema": cmd_schema}



def cmd_spreadsheet(args) -> int:
    """`template` and `import`."""
    if args.command == "template":
        from catalogue.products.spreadsheet_template import run_template

        return run_template(args)
    from catalogue.products.spreadsheet_import import run_import

    return run_import(args)


COMMANDS.update({"template": cmd_spreadsheet, "import": cmd_spreadsheet})


def cmd_photos(args) -> int:
    from catalogue.photos.run import run_photos

    return run_photos(args.products, args.shard, args.export, args.count, args.lang)


COMMANDS["photos"] = cmd_photos


def cmd_init(args) -> int:
    from catalogue.init import run_init

    return run_init(args)


COMMANDS["init"] = cmd_init


def cmd_national(args) -> int:
    from catalogue.national import command

    return command.run(args)


COMMANDS["national"] = cmd_national

def main(argv: list[str] | None = None) -> int:
    from catalogue import region

    args = make_parser().parse_args(argv)
    try:
        # Every command works for the province whose region file mkdocs.yml names (the
        # regencies a product may name, the map, the texts); without one, Kalimantan Selatan.
        with region.use(region.for_config(getattr(args, "config", None) or Path("mkdocs.yml"))):
            return COMMANDS[args.command](args)
    except region.RegionError as exc:  # a broken region file: say where, never a traceback
        print(f"build.py {args.command}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the edge: never show a traceback to a secretary
        if os.environ.get("OPOP_DEBUG"):
            raise
        print(f"build.py {args.command}: internal error: {type(exc).__name__}: {exc} (set OPOP_DEBUG=1 for details; please report it)", file=sys.stderr)
        return EXIT_INVALID

"""The national catalogue: the provinces' published open data → one national site.

Takes a SOURCES.yml (which province publishes its `data/catalogue.json` where), fetches and
checks every province's file (keeping the last good snapshot of a province that fails), and
gives a static site with one Pagefind index over every product of every province: search with
province, category and regency filters and a price order across provinces, a page per province
and per category, every product linking to its province's own page. Photos stay at the
provinces' addresses.

Entry points: `catalogue.national.build.build_national` (the library) and
`catalogue.national.command` (`build.py national`). Nothing is imported here, so the command
line can import `command` without loading Jinja2, Babel or Pagefind for other commands.
"""

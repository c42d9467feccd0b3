"""One generated page, as every page builder returns it and the MkDocs adapter reads it.

Its own module so that the builders of product pages (pages.py) and of network pages
(network_pages.py) share it without importing each other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from markupsafe import Markup

from catalogue.site import urls


@dataclass(frozen=True)
class Page:
    """One generated page. `url` is site-relative ("produk/kopi/"); `meta` is its front matter."""

    url: str
    title: str
    body: Markup
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)

    @property
    def markdown(self) -> str:
        """Front matter + body: what MkDocs (or any Markdown site generator) reads."""
        return front_matter({"title": self.title, **self.meta}) + "\n" + str(self.body) + "\n"


# libyaml's emitter when PyYAML has it (the wheels do): 5x faster than the pure-Python one,
# which spent 6 % of a build on these few lines per page.
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _QuotingDumper(_SafeDumper):
    """Writes every string double-quoted on one line, so no product text (a colon, "---",
    a newline, "yes") can end the front matter early or change its type."""


_QuotingDumper.add_representer(
    str, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"'))


def front_matter(meta: Mapping[str, Any]) -> str:
    text = yaml.dump(dict(meta), Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False,
                     width=2**31 - 1)
    return f"---\n{text}---\n"


@dataclass(frozen=True)
class Tile:
    url: str
    label: str
    count: str
    icon: Markup = Markup("")

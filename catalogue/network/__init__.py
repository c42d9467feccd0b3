"""Stage 2: the checked catalogue → what it says about the pesantren together.

Takes a `Catalogue`; gives plain data (no HTML, no I/O): the exchange board's needs and the
products that can meet them (exchange), the secondary cooperative's members and combined
monthly capacity (secondary_cooperative), counts for the statistics page (stats), trust
signals and the export-readiness checklist (trust), and inline SVG bar charts (charts).
The site stage lays these out.
"""

from catalogue.network import charts, exchange, secondary_cooperative, stats, trust

__all__ = ["charts", "exchange", "secondary_cooperative", "stats", "trust"]

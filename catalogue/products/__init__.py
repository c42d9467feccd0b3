"""Stage 1: a folder of product files → a checked `Catalogue`, or every problem.

Takes `products/<slug>/product.yml` and the photos beside it (YAML read strictly, as text, and
converted field by field along the one schema declaration); gives a frozen `Catalogue` when no
file has an error, and every `Problem` (file:line:col field: expected, found, fix) in
Indonesian or English. Also here: the JSON Schema for editors, the `new` scaffold, and the
photo header checks validation needs. Imports no later stage.
"""

from catalogue.products.model import Catalogue, Product
from catalogue.products.problems import Problem
from catalogue.products.validate import CheckResult, check_catalogue

__all__ = ["Catalogue", "CheckResult", "Problem", "Product", "check_catalogue"]

"""magcli: compare magnesium supplement forms, with the evidence behind every claim.

>>> import magcli
>>> [item.form.id for item in magcli.rank("sleep")]
['l-threonate', 'glycinate']
"""

from __future__ import annotations

__version__ = "1.0.0"

from magcli.api import compare, dose, filter_forms, rank, resolve
from magcli.catalog import load_catalog
from magcli.errors import CatalogError, MagcliError, UsageError

__all__ = [
    "CatalogError",
    "MagcliError",
    "UsageError",
    "__version__",
    "compare",
    "dose",
    "filter_forms",
    "load_catalog",
    "rank",
    "resolve",
]

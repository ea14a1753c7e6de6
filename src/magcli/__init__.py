"""magcli: compare magnesium supplement forms, with the evidence behind every claim."""

from __future__ import annotations

__version__ = "1.0.0"

from magcli.catalog import load_catalog, resolve
from magcli.query import compare, filter_forms, rank

__all__ = ["__version__", "compare", "filter_forms", "load_catalog", "rank", "resolve"]

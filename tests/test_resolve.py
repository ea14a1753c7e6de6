"""Finding forms by the names people actually type."""

from __future__ import annotations

import pytest

from magcli.catalog import Resolver, resolve
from magcli.errors import EXIT_USAGE, UnknownFormError, UsageError
from magcli.models import Catalog
from magcli.names import normalize_name


@pytest.mark.parametrize(
    ("typed", "form_id"),
    [
        ("glycinate", "glycinate"),
        ("GLYCINATE", "glycinate"),
        ("Bisglycinate", "glycinate"),
        ("magnesium bisglycinate", "glycinate"),
        ("Magnesium Glycinate", "glycinate"),
        ("mg glycinate", "glycinate"),
        ("magtein", "l-threonate"),
        ("L-Threonate", "l-threonate"),
        ("l threonate", "l-threonate"),
        ("l_threonate", "l-threonate"),
        ("magnesium-l-threonate", "l-threonate"),
        ("  citrate  ", "citrate"),
        ("Epsom Salt", "sulfate"),
        ("milk of magnesia", "hydroxide"),
        ("MgO", "oxide"),
    ],
)
def test_resolves(catalog: Catalog, typed: str, form_id: str) -> None:
    assert resolve(catalog, typed).id == form_id


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Magnesium  L_Threonate", "l-threonate"),
        ("mg-citrate", "citrate"),
        ("magnesium", "magnesium"),  # nothing left to strip: keep the word
        ("MG", "mg"),
        ("a - b _ c", "a-b-c"),
    ],
)
def test_normalize_name(name: str, folded: str) -> None:
    assert normalize_name(name) == folded


def test_unknown_name_suggests_the_closest(catalog: Catalog) -> None:
    with pytest.raises(UnknownFormError) as caught:
        resolve(catalog, "citrat")
    assert caught.value.suggestions == ["citrate"]
    assert str(caught.value) == "unknown form 'citrat'; did you mean citrate?"
    assert caught.value.exit_code == EXIT_USAGE


def test_misspelt_alias_suggests_its_form(catalog: Catalog) -> None:
    assert Resolver(catalog).suggest("magtien") == ["l-threonate"]
    assert Resolver(catalog).suggest("glycinat") == ["glycinate"]


def test_nothing_close(catalog: Catalog) -> None:
    with pytest.raises(UnknownFormError, match="run 'magcli list' to see every form"):
        resolve(catalog, "zzzzqqq")


@pytest.mark.parametrize("blank", ["", "   ", "\t"])
def test_empty_name(catalog: Catalog, blank: str) -> None:
    with pytest.raises(UsageError, match="cannot be empty"):
        resolve(catalog, blank)

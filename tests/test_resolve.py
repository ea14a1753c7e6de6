"""Finding forms by the names people actually type."""

from __future__ import annotations

import pytest

from conftest import Run
from magcli.domain.catalog import Resolver, resolve
from magcli.domain.models import Catalog
from magcli.domain.names import normalize_name
from magcli.errors import EXIT_USAGE, UnknownFormError, UsageError


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


# One "did you mean" for every vocabulary a person types into.
@pytest.mark.parametrize(
    ("args", "meant"),
    [
        ("list -f jsn", "json"),
        ("schema --command rnk", "rank"),
        ("rank sleap", "sleep"),
        ("show glycinat", "glycinate"),
        ("intake --age 30 --sex femal", "female"),
        ("stack --add 100mg --region eurpe", "eu"),
        ("plan --medicine 'alendronate 07:00 sundy' --magnesium 200mg", "sunday"),
        ("plan --medicine 'alendronate 07:00 weekley' --magnesium 200mg", "weekly"),
        ("interactions levothyroxin", "levothyroxine"),
    ],
)
def test_every_misspelling_is_answered_the_same_way(run: Run, args: str, meant: str) -> None:
    result = run(args)
    said = " ".join((result.stdout + result.stderr).split())
    assert f"did you mean {meant}?" in said.lower(), said


def test_suggestions_fold_names_and_show_each_once() -> None:
    from magcli.domain.names import did_you_mean, suggestions

    shown = {"eu": "eu", "europe": "eu", "european-union": "eu", "uk": "uk"}
    assert suggestions("Eurpe", shown) == ["eu"]
    assert suggestions("GLYCINATE ", ["glycinate", "glycerophosphate"]) == ["glycinate"]
    assert did_you_mean("zzzz", ["glycinate"]) == ""
    assert did_you_mean("tsb", ["tsv", "tab"]) == "; did you mean tab or tsv?"

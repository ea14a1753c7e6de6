"""Real label records read as the label means them: the five DSLD records in
examples/dsld (real, unchanged; what each teaches is in its README.md), then
records written here for each class of trap (the amount for its own units, a serving
measured in grams, the daily use, nested salts as weights or as shares, a botanical among
the forms, excipients and headings, an amount not stated, swapped rows)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import magcli

REAL = Path(__file__).parent.parent / "examples" / "dsld"


def product(path: Path, **options: Any) -> Any:
    (found,) = magcli.products(path, **options).products
    return found


def record(tmp_path: Path, label: dict[str, Any], name: str = "label.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(label), encoding="utf-8")
    return path


# The five real records -------------------------------------------------------------------


def test_an_old_multi_per_tablet_with_its_percent_on_the_old_basis() -> None:
    multi = product(REAL / "49495.json")
    assert (multi.magnesium_mg_per_serving, multi.unit, multi.serving_units) == (50, "tablet", 1)
    assert multi.forms == ["oxide"] and multi.magnesium_mg_per_unit == 50
    assert (multi.percent_dv, multi.dv_basis_mg) == (13, 400)  # 50 of 400 mg: the old basis
    assert multi.days_per_container == 90 and multi.magnesium_mg_per_serving_estimate is None


def test_a_serving_in_grams_is_one_packet_and_a_botanical_is_no_salt() -> None:
    packet = product(REAL / "15823.json")
    assert (packet.unit, packet.serving_units) == ("packet", 1)  # 8.3 g: one packet, not 8.3
    assert packet.magnesium_mg_per_serving == 60 and packet.magnesium_mg_per_unit == 60
    assert (packet.servings_per_day_least, packet.servings_per_day_most) == (1, 2)
    assert (packet.magnesium_mg_per_day, packet.magnesium_mg_per_day_most) == (60, 120)
    assert sorted(packet.forms) == ["carbonate", "hydroxide"]
    assert not packet.unknown_forms  # the cranberry powder is left out, with a note
    assert any("Cranberry powder" in note and "no magnesium salt" in note for note in packet.notes)
    assert (packet.percent_dv, packet.dv_basis_mg) == (15, 400)


def test_an_amount_for_nine_tablets_on_a_label_whose_serving_is_three() -> None:
    mix = product(REAL / "47815.json")
    assert mix.magnesium_mg_per_unit == 44.4  # 400 mg per 9 tablets
    assert mix.magnesium_mg_per_serving == 133.3 and mix.serving_units == 3
    assert mix.magnesium_mg_per_day == 400 and mix.units_per_day == 9  # 3 tablets, 3 times
    assert mix.days_per_container == 35 and mix.servings_per_container == 35
    assert any("count its amount's own 9 tablets" in note for note in mix.notes)
    assert set(mix.forms) == {"oxide", "citrate", "glycinate", "taurate"}  # taurinate: taurate
    assert set(mix.unknown_forms) == {"Magnesium Arginate", "Magnesium Ascorbate"}  # named
    assert mix.over_limit is True  # 400 mg a day, above the US 350 mg


def test_a_nested_salt_weight_and_two_servings_a_day() -> None:
    best = product(REAL / "322515.json")
    assert (best.magnesium_mg_per_serving, best.compound_mg_per_serving) == (200, 2000)
    assert best.nested_reading == "compound-weight"
    assert best.magnesium_mg_per_day == 400 and best.days_per_container == 30  # 120 tablets
    assert best.over_limit is True
    assert best.forms == ["lysinate-glycinate"] and not best.unknown_forms
    assert best.label_check.verdict == "consistent"  # 200 of 2,000 mg: 10%, as the formula
    assert (best.percent_dv, best.dv_basis_mg) == (48, 420)


def test_nested_shares_of_the_magnesium_are_no_weights_and_the_most_use_counts() -> None:
    thorne = product(REAL / "328832.json")
    assert thorne.nested_reading == "share-of-magnesium"
    assert thorne.compound_mg_per_serving is None  # 55 + 80 mg are shares of the 135 mg
    assert thorne.label_check.verdict != "impossible"
    assert thorne.forms == ["citrate"]
    # Dimagnesium malate (two magnesiums a malate) is no salt of a formula magcli knows:
    # named as the label names it, never taken for the catalogue's malate.
    assert thorne.unknown_forms == ["Albion Dimagnesium Malate"]
    assert (thorne.magnesium_mg_per_day, thorne.magnesium_mg_per_day_most) == (135, 405)
    assert (thorne.days_per_container, thorne.days_per_container_at_most_use) == (90, 30)
    assert thorne.over_limit is True  # at the most use: 405 mg


def test_no_real_record_is_called_impossible_or_misread() -> None:
    result = magcli.products(REAL)
    assert len(result.products) == 5 and not result.skipped
    assert all(item.label_check.verdict != "impossible" for item in result.products)
    assert all("form not named" not in " ".join(item.notes) for item in result.products)


@pytest.mark.parametrize(
    ("options", "limit", "over"),
    [
        ({}, 350, True),
        ({"region": "eu"}, 250, True),
        ({"region": "uk"}, None, None),  # no limit for supplements: no verdict
        ({"age": 6}, 110, True),  # a child's limit
    ],
)
def test_the_limit_is_the_persons_where_they_live(
    options: dict[str, Any], limit: int | None, over: bool | None
) -> None:
    result = magcli.products(REAL / "49495.json", **options)
    assert result.upper_limit_mg == limit
    assert result.products[0].over_limit is (None if limit is None else limit < 50)
    thorne = magcli.products(REAL / "328832.json", **options)
    assert thorne.products[0].over_limit is over


# Each trap, in records of our own --------------------------------------------------------


def base() -> dict[str, Any]:
    """A plain label: 100 mg of magnesium (as glycinate) a capsule, one a day, 60 capsules."""
    return {
        "id": 1,
        "fullName": "Plain Glycinate",
        "entryDate": "2023-05-01",
        "servingSizes": [
            {
                "minQuantity": 1,
                "maxQuantity": 1,
                "minDailyServings": 1,
                "maxDailyServings": 1,
                "unit": "Capsule(s)",
            }
        ],
        "netContents": [{"quantity": 60, "unit": "Capsule(s)"}],
        "servingsPerContainer": "60",
        "ingredientRows": [
            {
                "name": "Magnesium",
                "ingredientGroup": "Magnesium",
                "quantity": [
                    {
                        "servingSizeQuantity": 1,
                        "quantity": 100,
                        "unit": "mg",
                        "dailyValueTargetGroup": [{"percent": 24}],
                    }
                ],
                "forms": [{"prefix": "as", "name": "Magnesium Glycinate"}],
                "nestedRows": [],
            }
        ],
    }


def test_the_plain_label(tmp_path: Path) -> None:
    plain = product(record(tmp_path, base()))
    assert (plain.magnesium_mg_per_serving, plain.days_per_container) == (100, 60)
    assert plain.forms == ["glycinate"] and plain.over_limit is False


def test_an_amount_not_stated_is_unknown_and_its_percent_gives_an_estimate(
    tmp_path: Path,
) -> None:
    label = base()
    row = label["ingredientRows"][0]["quantity"][0]
    row.update(quantity=0, unit="NP")
    unstated = product(record(tmp_path, label))
    assert unstated.magnesium_mg_per_serving is None  # never zero
    assert unstated.magnesium_mg_per_serving_estimate == pytest.approx(100.8)  # 24% of 420 mg
    assert unstated.over_limit is None and unstated.magnesium_mg_per_day is None
    old = copy.deepcopy(label)
    old["entryDate"] = "2015-01-01"
    assert product(record(tmp_path, old, "old.json")).magnesium_mg_per_serving_estimate == 96.0


def test_a_range_of_servings_and_a_most_not_given(tmp_path: Path) -> None:
    label = base()
    label["servingSizes"][0].update(minDailyServings=2, maxDailyServings=4)
    ranged = product(record(tmp_path, label))
    assert (ranged.magnesium_mg_per_day, ranged.magnesium_mg_per_day_most) == (200, 400)
    assert (ranged.days_per_container_at_most_use, ranged.days_per_container) == (15, 30)
    assert ranged.over_limit is True  # 400 mg at the most use
    label["servingSizes"][0]["maxDailyServings"] = None
    open_ended = product(record(tmp_path, label, "open.json"))
    assert open_ended.servings_per_day_most is None
    assert open_ended.magnesium_mg_per_day_most == 200  # the least, with a note that says so
    assert any("no most servings a day" in note for note in open_ended.notes)


def test_a_serving_measured_in_grams_without_a_packet_is_no_count(tmp_path: Path) -> None:
    label = base()
    label["servingSizes"][0].update(minQuantity=5, maxQuantity=5, unit="Gram(s)")
    label["netContents"] = [{"quantity": 300, "unit": "Gram(s)"}]
    label["servingsPerContainer"] = "60"
    label["ingredientRows"][0]["quantity"][0]["servingSizeQuantity"] = 5
    powder = product(record(tmp_path, label))
    assert powder.unit == "gram" and powder.magnesium_mg_per_unit is None  # no 'per unit'
    assert powder.magnesium_mg_per_serving == 100 and powder.days_per_container == 60


@pytest.mark.parametrize(
    ("nested", "reading", "compound"),
    [
        ([("Magnesium Glycinate", 1000)], "compound-weight", 1000),  # 100 of 1,000 mg
        ([("Magnesium Citrate", 60), ("Magnesium Oxide", 40)], "share-of-magnesium", None),
        ([("Magnesium Citrate", 30)], "unclear", None),
        ([("Magnesium Citrate", 60), ("Magnesium Oxide", 0)], "unclear", None),  # one unknown
    ],
)
def test_nested_salts_read_by_their_sum(
    tmp_path: Path, nested: list[tuple[str, float]], reading: str, compound: float | None
) -> None:
    label = base()
    row = label["ingredientRows"][0]
    row["forms"] = []
    row["nestedRows"] = [
        {"name": name, "quantity": [{"servingSizeQuantity": 1, "quantity": mg, "unit": "mg"}]}
        for name, mg in nested
    ]
    read = product(record(tmp_path, label))
    assert read.nested_reading == reading
    assert read.compound_mg_per_serving == compound
    assert read.label_check.verdict != "impossible"


def test_salts_named_in_nested_rows_without_amounts_are_no_reading(tmp_path: Path) -> None:
    label = base()
    row = label["ingredientRows"][0]
    row["forms"] = []
    row["nestedRows"] = [{"name": "Magnesium Citrate", "quantity": [{"quantity": 0, "unit": "NP"}]}]
    named = product(record(tmp_path, label))
    assert named.forms == ["citrate"] and named.nested_reading is None
    assert not any("nested amounts" in note for note in named.notes)
    label["ingredientRows"][0]["quantity"][0].update(quantity=0, unit="NP")
    row["nestedRows"] = [
        {"name": "Magnesium Citrate", "quantity": [{"quantity": 500, "unit": "mg"}]}
    ]
    unknown = product(record(tmp_path, label, "np.json"))  # no magnesium amount: no sum
    assert unknown.nested_reading == "unclear" and unknown.magnesium_mg_per_serving is None


@pytest.mark.parametrize(
    ("unit", "counted"),
    [
        ("Tablet(s)", "tablet"),
        ("Veggie Capsule(s)", "capsule"),
        ("Liquid Softgel(s)", "softgel"),
        ("Gram(s)", "gram"),
        ("Scoop(s)", "scoop"),
    ],
)
def test_the_unit_a_serving_counts(tmp_path: Path, unit: str, counted: str) -> None:
    label = base()
    label["servingSizes"][0]["unit"] = unit
    assert product(record(tmp_path, label)).unit == counted


def test_the_rows_under_a_heading_are_ingredients(tmp_path: Path) -> None:
    label = base()
    magnesium = label["ingredientRows"].pop()
    label["ingredientRows"] = [
        {"name": "Contains <2% of:", "ingredientGroup": "Header", "nestedRows": [magnesium]}
    ]
    under = product(record(tmp_path, label))
    assert under.magnesium_mg_per_serving == 100 and under.forms == ["glycinate"]


def test_excipients_and_headings_are_never_a_dose(tmp_path: Path) -> None:
    label = base()
    label["ingredientRows"].insert(0, {"name": "Contains <2% of:", "ingredientGroup": "Header"})
    label["ingredientRows"].append(
        {
            "name": "Magnesium Stearate",
            "ingredientGroup": "Magnesium",
            "quantity": [{"quantity": 0, "unit": "NP"}],
        }
    )
    with_excipient = product(record(tmp_path, label))
    assert with_excipient.magnesium_mg_per_serving == 100 and with_excipient.forms == ["glycinate"]
    only = base()
    only["ingredientRows"] = [
        {"name": "Vitamin C", "quantity": [{"quantity": 60, "unit": "mg"}]},
        {"name": "Magnesium Stearate", "ingredientGroup": "Magnesium", "quantity": []},
    ]
    with pytest.raises(magcli.MagcliError, match="no magnesium in this label"):
        magcli.products(record(tmp_path, only, "only.json"))  # not a magnesium product


def test_swapped_rows_trust_the_one_with_the_percent(tmp_path: Path) -> None:
    label = base()
    row = label["ingredientRows"][0]
    row["quantity"] = [{"servingSizeQuantity": 1, "quantity": 700, "unit": "mg"}]  # no %DV
    row["forms"] = []
    row["nestedRows"] = [
        {
            "name": "Magnesium Glycinate",
            "quantity": [
                {
                    "servingSizeQuantity": 1,
                    "quantity": 100,
                    "unit": "mg",
                    "dailyValueTargetGroup": [{"percent": 24}],
                }
            ],
        }
    ]
    swapped = product(record(tmp_path, label))
    assert swapped.nested_reading == "swapped"
    assert swapped.magnesium_mg_per_serving == 100 and swapped.percent_dv == 24
    assert any("look swapped" in note for note in swapped.notes)


def test_every_real_percent_fits_its_amount_on_the_labels_basis() -> None:
    checks = {item.dsld_id: item.dv_check for item in magcli.products(REAL).products}
    assert {key: check.verdict for key, check in checks.items()} == {
        "49495": "consistent",  # 13%: 50 of 400 mg, a label before the 2016 rule
        "15823": "consistent",  # 15%: 60 of 400 mg
        "322515": "consistent",  # 48%: 200 of 420 mg
        "328832": "consistent",  # 32%: 135 of 420 mg
        "47815": "unchecked",  # no %DV printed
    }
    assert "400 mg" in checks["49495"].note and "420 mg" in checks["322515"].note


@pytest.mark.parametrize(
    ("percent", "groups", "verdict", "basis"),
    [
        (24, [], "consistent", 420),  # 100 of 420 mg
        (25, [], "consistent", 400),  # 100 of 400 mg: a label still on the old basis
        (
            25,
            [{"dailyValueTargetGroupName": "Pregnant and Lactating Women"}],
            "consistent",
            400,
        ),
        (50, [], "mismatch", 420),  # neither basis gives 50%
    ],
)
def test_a_printed_percent_is_checked_against_its_amount(
    tmp_path: Path, percent: float, groups: list[dict[str, str]], verdict: str, basis: int
) -> None:
    label = base()
    label["ingredientRows"][0]["quantity"][0]["dailyValueTargetGroup"] = [{"percent": percent}]
    label["userGroups"] = groups
    checked = product(record(tmp_path, label))
    assert (checked.dv_check.verdict, checked.dv_basis_mg) == (verdict, basis)
    if verdict == "mismatch":
        assert "one of the two figures is wrong" in checked.dv_check.note


# Archives and progress -------------------------------------------------------------------


def test_a_zip_of_label_files_reads_as_the_folder(tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "labels.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(REAL.glob("*.json")):
            zipped.write(path, f"inside/{path.name}")  # a folder inside the archive
        zipped.writestr("inside/README.md", "not a label")
    folder = magcli.products(REAL).model_dump(mode="json")["products"]
    zipped_products = magcli.products(archive).model_dump(mode="json")["products"]
    assert [p["dsld_id"] for p in zipped_products] == [p["dsld_id"] for p in folder]
    for one, other in zip(folder, zipped_products, strict=True):
        assert {**one, "source": ""} == {**other, "source": ""}
    assert zipped_products[0]["source"].startswith(f"{archive}!inside/")


@pytest.mark.parametrize(
    ("members", "said"),
    [
        (None, "not a zip archive"),
        ({"notes.txt": "x"}, "an archive with no .json or .toml files"),
        ({"a.json": "not json"}, "not a label record"),
    ],
)
def test_a_bad_archive_is_one_line(
    tmp_path: Path, members: dict[str, str] | None, said: str
) -> None:
    import zipfile

    archive = tmp_path / "bad.zip"
    if members is None:
        archive.write_bytes(b"PK\x03\x04 but no archive")
    else:
        with zipfile.ZipFile(archive, "w") as zipped:
            for name, text in members.items():
                zipped.writestr(name, text)
    with pytest.raises(magcli.MagcliError, match=said):
        magcli.products(archive)


def test_an_archive_member_is_never_unpacked_past_its_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    from magcli.domain import shelf

    archive = tmp_path / "big.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("big.json", "[" + " " * 100_000 + "]")  # compresses to little
    monkeypatch.setattr(shelf, "MAX_MEMBER_BYTES", 50_000)
    with pytest.raises(magcli.MagcliError, match="over the limit"):
        magcli.products(archive)


def test_progress_is_shown_on_a_terminal_and_gone_at_the_end() -> None:
    import io

    from magcli.options import progress_bar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    import sys

    saved, sys.stderr = sys.stderr, terminal
    try:
        with progress_bar("Reading labels", after=0) as tell:
            assert tell is not None
            for done in range(1, 101):
                tell(done, 200)
    finally:
        sys.stderr = saved
    drawn = terminal.getvalue()
    assert "Reading labels" in drawn and "/200" in drawn
    # Never a hidden cursor while the bar is up: a signal may end magcli at any moment.
    show = "\x1b[?25h"
    assert -1 < drawn.find(show) < drawn.find("Reading labels")
    with progress_bar("Reading labels") as tell:  # not a terminal: nothing at all
        assert tell is None

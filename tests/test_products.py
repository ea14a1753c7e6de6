"""Your bottles: a shelf file or DSLD label records, read, checked against the chemistry,
and costed."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest

from conftest import TESTS, Run
from magcli.results import DISCLAIMER

SHELF = TESTS.parent / "examples" / "shelf.toml"
LABELS = TESTS.parent / "examples" / "labels.json"

# The four bottles: (name, verdict, magnesium per serving, per unit, implied %), worked
# out by hand: 200/1000 = 20% is more than bisglycinate's 14.1%; 100/710 = 14.08%;
# 144/2000 = 7.2% against threonate's 7.78% (within 10%); oxide gives no compound weight.
EXPECTED = [
    ("Buffered Glycinate", "likely-blend", 200.0, 100.0, 20.0),
    ("Pure Bisglycinate", "consistent", 100.0, 100.0, 14.08),
    ("Threonate 144", "consistent", 144.0, 48.0, 7.2),
    ("Oxide 400", "unchecked", 400.0, 400.0, None),
]
# Price / (units x magnesium per unit) x 100: 24.99 / 12,000 mg, 18.50 / 9,000 mg,
# 39.95 / 4,320 mg, 8.99 / 40,000 mg.
COST_PER_100MG = [0.20825, 0.20556, 0.92477, 0.022475]


def products(run: Run, *args: str) -> dict[str, Any]:
    result = run(["products", *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return dict(json.loads(result.stdout))


def summary(doc: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            item["name"],
            item["label_check"]["verdict"],
            item["magnesium_mg_per_serving"],
            item["magnesium_mg_per_unit"],
            item["label_check"]["implied_percent"],
        )
        for item in doc["products"]
    ]


def test_the_four_bottles(run: Run) -> None:
    doc = products(run, str(SHELF))
    assert summary(doc) == EXPECTED
    costs = [item["cost_per_100mg_magnesium"] for item in doc["products"]]
    assert costs == pytest.approx(COST_PER_100MG, abs=1e-4)
    assert [item["forms"] for item in doc["products"]] == [
        ["glycinate"],
        ["glycinate"],
        ["l-threonate"],
        ["oxide"],
    ]
    blend = doc["products"][0]["label_check"]["note"]
    assert "20.0% magnesium by weight is more than pure glycinate (14.1%) can hold" in blend
    assert doc["disclaimer"] == DISCLAIMER


def test_the_same_bottles_as_label_records(run: Run) -> None:
    doc = products(run, str(LABELS))
    assert summary(doc) == EXPECTED
    assert [item["dsld_id"] for item in doc["products"]] == [
        "900101",
        "900102",
        "900103",
        "900104",
    ]
    assert all(item["brand"] == "Example Brand" for item in doc["products"])
    # Label records carry no price: no cost, never a made-up one.
    assert all(item["cost_per_100mg_magnesium"] is None for item in doc["products"])
    shelf = products(run, str(SHELF))
    for field in ("forms", "units_per_container", "units_per_day", "days_per_container"):
        assert [p[field] for p in doc["products"]] == [p[field] for p in shelf["products"]]


def test_a_folder_of_label_records(run: Run, tmp_path: Path) -> None:
    for record in json.loads(LABELS.read_text()):
        (tmp_path / f"{record['id']}.json").write_text(json.dumps(record))
    (tmp_path / "notes.txt").write_text("not read")
    doc = products(run, str(tmp_path))
    assert summary(doc) == EXPECTED
    # A record added to the folder is read on the next run: the listing is an input.
    extra = json.loads(LABELS.read_text())[3] | {"id": 900199, "fullName": "Another Oxide"}
    (tmp_path / "900199.json").write_text(json.dumps(extra))
    assert [item["name"] for item in products(run, str(tmp_path))["products"]][-1] == (
        "Another Oxide"
    )


def test_daily_dose_units_days_and_monthly_cost(run: Run) -> None:
    doc = products(run, str(SHELF), "--daily", "300mg")
    plan = [
        (p["units_per_day"], p["magnesium_mg_per_day"], p["days_per_container"])
        for p in doc["products"]
    ]
    # 300 mg: 3 capsules of 100 mg; 3 of 100; 7 of 48 (336 mg); 1 tablet of 400 mg.
    assert plan == [(3, 300.0, 40.0), (3, 300.0, 30.0), (7, 336.0, 12.9), (1, 400.0, 100.0)]
    assert [p["cost_per_30_days"] for p in doc["products"]] == [18.74, 18.5, 93.22, 2.7]
    assert all(p["daily_basis"] == "daily" for p in doc["products"])
    threonate = products(run, str(SHELF))["products"][2]
    assert threonate["daily_basis"] == "servings_per_day"


@pytest.mark.parametrize(
    ("region", "limit", "over"),
    [
        ("us", 350, [False, False, False, True]),
        ("eu", 250, [True, True, True, True]),
        ("who", 350, [False, False, False, True]),
    ],
)
def test_a_day_is_set_against_the_regions_limit(
    run: Run, region: str, limit: int, over: list[bool]
) -> None:
    doc = products(run, str(SHELF), "--daily", "300mg", "--region", region)
    assert (doc["region"]["id"], doc["upper_limit_mg"]) == (region, limit)
    assert [p["over_limit"] for p in doc["products"]] == over
    noted = [
        any(f"above the {limit} mg upper limit" in n for n in p["notes"]) for p in doc["products"]
    ]
    assert noted == over
    cited = {"us": "iom1997", "eu": "scf2001", "who": "fao2001"}[region]
    assert cited in {source["key"] for source in doc["sources"]}
    for fmt in ("table", "markdown", "html"):
        shown = " ".join(
            run(
                ["products", str(SHELF), "--daily", "300mg", "--region", region, "-f", fmt]
            ).stdout.split()
        )
        assert f"Above the {limit} mg a day upper limit for adults" in shown, fmt


def test_sort_by_cost_and_by_magnesium(run: Run) -> None:
    by_cost = products(run, str(SHELF), "--sort", "cost")
    costs = [p["cost_per_100mg_magnesium"] for p in by_cost["products"]]
    assert costs == pytest.approx(sorted(COST_PER_100MG), abs=1e-4)
    by_mg = products(run, str(SHELF), "--sort", "magnesium")
    assert [p["magnesium_mg_per_serving"] for p in by_mg["products"]] == [400, 200, 144, 100]


def test_currencies_are_never_ranked_against_each_other(run: Run, tmp_path: Path) -> None:
    text = SHELF.read_text().replace(
        'price = 8.99\ncurrency = "USD"', 'price = 8.99\ncurrency = "EUR"'
    )
    shelf = tmp_path / "shelf.toml"
    shelf.write_text(text)
    result = run(["products", str(shelf), "--sort", "cost", "--json"])
    doc = json.loads(result.stdout)
    assert [p["currency"] for p in doc["products"]] == ["EUR", "USD", "USD", "USD"]
    assert any("costs are compared only within one currency" in w for w in doc["warnings"])
    assert "Warning: prices are in EUR, USD" in result.stderr


def test_for_a_goal_brings_in_each_forms_evidence(run: Run) -> None:
    doc = products(run, str(SHELF), "--for", "sleep", "--sort", "evidence")
    assert doc["general_evidence"]["grade"] == "rct"
    first = doc["products"][0]
    assert first["evidence"][0]["grade"] == "rct"  # a trial of their own
    grades = {p["name"]: [e["grade"] for e in p["evidence"]] for p in doc["products"]}
    assert grades["Buffered Glycinate"] == ["rct"]  # glycinate's own trial
    assert grades["Threonate 144"] == ["rct"]
    assert doc["sources"], "the evidence cites its sources"


def test_sort_by_evidence_needs_a_goal(run: Run) -> None:
    result = run(["products", str(SHELF), "--sort", "evidence"])
    assert result.exit_code == 2 and "--sort evidence needs a goal" in result.stderr


# Bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (("magnesium_mg = 100\n", ""), "magnesium_mg: Field required"),
        (("price = 18.50", "price = -1"), "price: Input should be greater than or equal to 0"),
        (('form = "bisglycinate"', 'form = "unobtainium"'), "'unobtainium' is not a form"),
        (
            (
                'currency = "USD"\n\n[[products]]\nname = "Threonate',
                '\n[[products]]\nname = "Threonate',
            ),
            "a price needs its currency",
        ),
        (
            (
                "serving_units = 1\nunits_per_container = 90",
                "serving_units = 0\nunits_per_container = 90",
            ),
            "serving_units: Input should be greater than or equal to 0.01",
        ),
    ],
)
def test_a_bad_product_names_file_product_and_field(
    run: Run, tmp_path: Path, change: tuple[str, str], said: str
) -> None:
    text = SHELF.read_text()
    assert change[0] in text
    shelf = tmp_path / "shelf.toml"
    shelf.write_text(text.replace(change[0], change[1], 1))
    result = run(["products", str(shelf), "--json"])
    assert result.exit_code == 1 and result.stdout == ""
    assert f"{shelf}: product 2 ('Pure Bisglycinate')" in result.stderr
    assert said in result.stderr
    skipped = run(["products", str(shelf), "--json", "--skip-bad"])
    assert skipped.exit_code == 0
    doc = json.loads(skipped.stdout)
    assert [p["name"] for p in doc["products"]] == [
        "Buffered Glycinate",
        "Threonate 144",
        "Oxide 400",
    ]
    assert len(doc["skipped"]) == 1 and said in doc["skipped"][0]
    assert "Warning: skipped" in skipped.stderr


def labels_with(change: dict[str, Any], tmp_path: Path, place: int = 0) -> Path:
    records = json.loads(LABELS.read_text())
    records[place] = records[place] | change
    path = tmp_path / "labels.json"
    path.write_text(json.dumps(records))
    return path


def magnesium_row(amount: Any, unit: str, forms: list[str] | None = None) -> list[dict[str, Any]]:
    return [
        {
            "name": "Magnesium",
            "quantity": [{"quantity": amount, "unit": unit}],
            "nestedRows": [],
            "forms": [{"prefix": "as", "name": name} for name in forms or []],
        }
    ]


@pytest.mark.parametrize(
    ("amount", "unit", "milligrams"),
    [
        (0.4, "g", 400.0),
        (400000, "mcg", 400.0),
        (400, "Milligram(s)", 400.0),
        (0.4, "Gram(s)", 400.0),
    ],
)
def test_label_units_are_converted(
    run: Run, tmp_path: Path, amount: float, unit: str, milligrams: float
) -> None:
    path = labels_with(
        {"ingredientRows": magnesium_row(amount, unit, ["Magnesium Oxide"])}, tmp_path, 3
    )
    assert products(run, str(path))["products"][3]["magnesium_mg_per_serving"] == milligrams


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"ingredientRows": magnesium_row(400, "IU")}, "the unit 'iu' is not a weight"),
        ({"servingSizes": []}, "servingSizes: no serving size"),
        ({"servingSizes": [{"minQuantity": 0, "unit": "Tablet(s)"}]}, "no serving size"),
        ({"fullName": ""}, "fullName: the label record has no product name"),
        (
            {"ingredientRows": [{"name": "Zinc", "quantity": [{"quantity": 5, "unit": "mg"}]}]},
            "no magnesium in this label",
        ),
    ],
)
def test_a_label_record_that_cannot_be_read_correctly_is_refused(
    run: Run, tmp_path: Path, change: dict[str, Any], said: str
) -> None:
    path = labels_with(change, tmp_path, 3)
    result = run(["products", str(path)])
    assert result.exit_code == 1 and result.stdout == ""
    assert f"{path}: label 900104" in result.stderr and said in result.stderr
    doc = json.loads(run(["products", str(path), "--skip-bad", "--json"]).stdout)
    assert len(doc["products"]) == 3 and said in doc["skipped"][0]


def test_an_unknown_salt_is_named_not_guessed(run: Run, tmp_path: Path) -> None:
    rows = magnesium_row(200, "mg", ["Magnesium Amino Acid Chelate"])
    doc = products(run, str(labels_with({"ingredientRows": rows}, tmp_path, 3)))
    item = doc["products"][3]
    assert item["forms"] == [] and item["unknown_forms"] == ["Magnesium Amino Acid Chelate"]
    assert item["label_check"]["verdict"] == "unchecked"
    assert any(
        "Magnesium Amino Acid Chelate, a form magcli does not know" in n for n in item["notes"]
    )


def test_several_salts_make_a_blend(run: Run, tmp_path: Path) -> None:
    rows = magnesium_row(200, "mg", ["Magnesium Glycinate", "Magnesium Oxide"])
    item = products(run, str(labels_with({"ingredientRows": rows}, tmp_path, 3)))["products"][3]
    assert item["forms"] == ["glycinate", "oxide"]


def test_a_label_with_no_amount_says_so(run: Run, tmp_path: Path) -> None:
    rows = magnesium_row(0, "NP", ["Magnesium Oxide"])
    item = products(run, str(labels_with({"ingredientRows": rows}, tmp_path, 3)))["products"][3]
    assert item["magnesium_mg_per_serving"] is None
    assert item["cost_per_100mg_magnesium"] is None and item["units_per_day"] is None
    assert "the label gives no amount of magnesium" in item["notes"]


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b'{"id": 1, "fullName": "x"}', "not a DSLD label record"),
        (b"[1, 2, 3]", "not a shelf file"),  # no .json name, and TOML may start with [1]
        (b"{not json", "not a label record: JSON error"),
        (b"\xff\xfe\x00garbage", "not UTF-8 text"),
        (b"title = 'x'\n", "not a shelf file"),
        (b"[[products]]\nname = \n", "TOML syntax error"),
    ],
)
def test_what_is_no_shelf_is_refused(run: Run, tmp_path: Path, content: bytes, said: str) -> None:
    path = tmp_path / "thing"
    path.write_bytes(content)
    result = run(["products", str(path), "--json"])
    assert result.exit_code == 1 and result.stdout == ""
    assert said in result.stderr and "Traceback" not in result.stderr


def test_files_over_their_limit_are_refused_before_reading(run: Run, tmp_path: Path) -> None:
    from magcli.domain.shelf import MAX_SHELF_BYTES

    big = tmp_path / "big.toml"
    with big.open("wb") as handle:
        handle.truncate(MAX_SHELF_BYTES + 1)  # sparse: no disk used
    result = run(["products", str(big)])
    assert result.exit_code == 1
    assert f"over the {MAX_SHELF_BYTES:,}-byte limit" in result.stderr


def test_an_empty_folder_and_a_missing_file(run: Run, tmp_path: Path) -> None:
    assert "a folder with no .json or .toml files" in run(["products", str(tmp_path)]).stderr
    missing = run(["products", str(tmp_path / "nope.toml")])
    assert missing.exit_code == 1 and "no such file" in missing.stderr


def test_the_shelf_schema_describes_the_shelf_file(run: Run) -> None:
    import jsonschema

    schema = json.loads(run("schema --products").stdout)
    assert schema["title"] == "magcli shelf"
    jsonschema.validate(tomllib.loads(SHELF.read_text()), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"products": [{"name": "x", "colour": "red"}]}, schema)


def test_the_library_gives_the_same_answer(run: Run) -> None:
    import magcli

    result = magcli.products(SHELF, daily="300mg")
    assert result.model_dump(mode="json") == products(run, str(SHELF), "--daily", "300mg")


def test_table_is_compact_and_long_gives_the_reasons(run: Run) -> None:
    short = run(["products", str(SHELF)], env={"COLUMNS": "100"}).stdout
    assert "likely-blend" in short and "0.21 USD" in short
    assert "more than pure glycinate (14.1%) can hold" not in short
    long = run(["products", str(SHELF), "--long"], env={"COLUMNS": "100"}).stdout
    assert "more than pure glycinate (14.1%) can hold" in " ".join(long.split())


# Attacked: every kind of number, nesting and file a record can hold --------------------

HUGE = 10**400


@pytest.mark.parametrize(
    "change",
    [
        {"ingredientRows": magnesium_row(HUGE, "mg", ["Magnesium Oxide"])},
        {"servingSizes": [{"minQuantity": HUGE, "unit": "Tablet(s)"}]},
        {"netContents": [{"quantity": HUGE, "unit": "Tablet(s)"}]},
        {"netContents": [{"quantity": 1e308, "unit": "Tablet(s)"}]},
        {"ingredientRows": magnesium_row(1e-300, "mg", ["Magnesium Oxide"])},
        {"ingredientRows": magnesium_row(-5, "mg", ["Magnesium Oxide"])},
    ],
)
def test_numbers_no_label_can_hold_are_refused(
    run: Run, tmp_path: Path, change: dict[str, Any]
) -> None:
    path = labels_with(change, tmp_path, 3)
    result = run(["products", str(path)])
    assert result.exit_code == 1 and "internal error" not in result.stderr
    assert "label 900104" in result.stderr
    skipped = run(["products", str(path), "--skip-bad", "--json"])
    assert skipped.exit_code == 0 and len(json.loads(skipped.stdout)["products"]) == 3


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("digits.json", '{"x": ' + "1" * 5000 + ', "ingredientRows": []}'),
        ("digits.toml", "[[products]]\nmagnesium_mg = " + "1" * 5000 + "\n"),
    ],
)
def test_a_number_of_thousands_of_digits_is_no_file(
    run: Run, tmp_path: Path, name: str, content: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    result = run(["products", str(path)])
    assert result.exit_code == 1 and "internal error" not in result.stderr
    assert "not a" in result.stderr


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("magnesium_mg = 100", "magnesium_mg = 0.0001"),
        ("magnesium_mg = 100", "magnesium_mg = true"),
        ("magnesium_mg = 100", 'magnesium_mg = "100"'),
        (
            "serving_units = 1\nunits_per_container = 90",
            'serving_units = "1"\nunits_per_container = 90',
        ),
        ('name = "Pure Bisglycinate"', 'name = "   "'),
    ],
)
def test_shelf_values_of_the_wrong_kind_are_refused(
    run: Run, tmp_path: Path, line: str, value: str
) -> None:
    text = SHELF.read_text()
    assert line in text
    shelf = tmp_path / "shelf.toml"
    shelf.write_text(text.replace(line, value, 1))
    result = run(["products", str(shelf)])
    assert result.exit_code == 1 and "product 2" in result.stderr


def test_nested_salts_add_up_and_a_blend_is_checked_against_its_range(
    run: Run, tmp_path: Path
) -> None:
    row = magnesium_row(200, "mg")
    row[0]["nestedRows"] = [
        {"name": "Magnesium Glycinate", "quantity": [{"quantity": 500, "unit": "mg"}]},
        {"name": "Magnesium Oxide", "quantity": [{"quantity": 200, "unit": "mg"}]},
    ]
    item = products(run, str(labels_with({"ingredientRows": row}, tmp_path, 3)))["products"][3]
    assert item["compound_mg_per_serving"] == 700.0 and item["forms"] == ["glycinate", "oxide"]
    check = item["label_check"]
    assert (check["verdict"], check["implied_percent"]) == ("consistent", 28.57)
    assert "within what a mix of glycinate and oxide (14.1-60.3%) holds" in check["note"]


def test_a_magnesium_row_without_an_amount_leaves_the_share_unchecked(
    run: Run, tmp_path: Path
) -> None:
    rows = [
        {
            "name": "Magnesium Glycinate",
            "quantity": [{"quantity": 1000, "unit": "mg"}],
            "nestedRows": magnesium_row(141, "mg"),
        },
        {
            "name": "Magnesium Oxide",
            "quantity": [{"quantity": 500, "unit": "mg"}],
            "nestedRows": magnesium_row(0, "NP"),
        },
    ]
    item = products(run, str(labels_with({"ingredientRows": rows}, tmp_path, 3)))["products"][3]
    assert item["label_check"]["verdict"] == "unchecked"
    assert "a magnesium row gives no amount, so the magnesium may be more" in item["notes"]


def test_a_salt_named_with_its_weight_only(run: Run, tmp_path: Path) -> None:
    rows = [{"name": "Magnesium Oxide", "quantity": [{"quantity": 500, "unit": "mg"}]}]
    item = products(run, str(labels_with({"ingredientRows": rows}, tmp_path, 3)))["products"][3]
    assert item["forms"] == ["oxide"] and item["magnesium_mg_per_serving"] is None
    assert item["compound_mg_per_serving"] == 500.0
    assert "the label gives the weight of the salt, not the magnesium in it" in item["notes"]


@pytest.mark.parametrize(
    ("form", "magnesium", "compound", "verdict"),
    [
        ('form = "oxide"', 400, 500, "impossible"),  # 80%: no salt holds that much
        ('form = "citrate"', 1500, 1000, "impossible"),
        ('forms = ["glycinate", "oxide"]', 700, 1000, "impossible"),
        ('form = "citrate"', 50, 1000, "below-formula"),  # 5% against 16.2%
        ('form = "citrate"', 104, 1000, "consistent"),  # the 14-hydrate, 10.4%
    ],
)
def test_label_verdicts(
    run: Run, tmp_path: Path, form: str, magnesium: int, compound: int, verdict: str
) -> None:
    shelf = tmp_path / "shelf.toml"
    shelf.write_text(
        f'[[products]]\nname = "x"\n{form}\nmagnesium_mg = {magnesium}\ncompound_mg = {compound}\n'
    )
    check = products(run, str(shelf))["products"][0]["label_check"]
    assert check["verdict"] == verdict
    assert "such as oxide" not in check["note"] or "oxide" not in form


def test_half_a_unit_a_serving(run: Run, tmp_path: Path) -> None:
    shelf = tmp_path / "shelf.toml"
    shelf.write_text(
        '[[products]]\nname = "half"\nform = "citrate"\nmagnesium_mg = 150\n'
        "serving_units = 0.5\nunits_per_container = 30.5\n"
    )
    item = products(run, str(shelf))["products"][0]
    assert (item["units_per_day"], item["magnesium_mg_per_day"], item["days_per_container"]) == (
        0.5,
        150.0,
        61.0,
    )


def test_days_are_whole_days(run: Run, tmp_path: Path) -> None:
    shelf = tmp_path / "shelf.toml"
    shelf.write_text(
        '[[products]]\nname = "seven"\nform = "citrate"\nmagnesium_mg = 50\n'
        "serving_units = 1\nunits_per_container = 90\n"
    )
    table = run(["products", str(shelf), "--daily", "350mg"], env={"COLUMNS": "100"}).stdout
    assert products(run, str(shelf), "--daily", "350mg")["products"][0]["units_per_day"] == 7
    assert " 12 " in table.splitlines()[4]  # 90 units at 7 a day: 12 whole days, not 13


def test_csv_keeps_every_value_as_json_has_it(run: Run) -> None:
    import csv
    import io

    rows = list(
        csv.DictReader(
            io.StringIO(run(["products", str(SHELF), "--daily", "300mg", "-f", "csv"]).stdout)
        )
    )
    assert {row["daily_basis"] for row in rows} == {"daily"}


def test_a_folder_with_bad_files_and_shelves(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(LABELS.read_text())
    (tmp_path / "b.toml").write_text(SHELF.read_text())
    (tmp_path / "bad.json").write_text("garbage")
    (tmp_path / "sub.json").mkdir()
    os.mkfifo(tmp_path / "pipe.json")
    result = run(["products", str(tmp_path)])
    assert result.exit_code == 1 and result.stdout == ""
    skipped = run(["products", str(tmp_path), "--skip-bad", "--json"])
    assert skipped.exit_code == 0
    doc = json.loads(skipped.stdout)
    assert len(doc["products"]) == 8  # four records and four shelf products
    assert len(doc["skipped"]) == 3
    assert skipped.stderr.count("Warning: skipped") == 3


def test_skipped_products_are_said_on_stderr_in_every_format(run: Run, tmp_path: Path) -> None:
    shelf = tmp_path / "shelf.toml"
    shelf.write_text(SHELF.read_text().replace("magnesium_mg = 100\n", "", 1))
    for fmt in ("table", "markdown", "json", "csv"):
        result = run(["products", str(shelf), "--skip-bad", "-f", fmt])
        assert "Warning: skipped" in result.stderr and "Warning: skipped" not in result.stdout


def test_nothing_readable_is_an_error(run: Run, tmp_path: Path) -> None:
    shelf = tmp_path / "shelf.toml"
    shelf.write_text('[[products]]\nname = "x"\nform = "oxide"\n')
    result = run(["products", str(shelf), "--skip-bad"])
    assert result.exit_code == 1 and "no product could be read" in result.stderr


def test_an_empty_file_name_is_a_usage_error(run: Run) -> None:
    assert run(["products", ""]).exit_code == 2


def test_the_table_says_which_days_are_over_the_limit(run: Run) -> None:
    out = " ".join(run(["products", str(SHELF)]).stdout.split())
    assert "Above the 350 mg a day upper limit for adults (US, IOM 1997): Oxide 400 (400 mg)" in out

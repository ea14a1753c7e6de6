"""magcli products: your bottles, what each holds, lasts and costs, and whether its
label adds up."""

from __future__ import annotations

import math
import os
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

import magcli.results as out
from magcli.commands.common import (
    catalogue_of,
    evidence_out,
    life_stage_of,
    read_amount,
    region_out,
    region_sources,
    sources_out,
)
from magcli.domain.candidates import goal_names
from magcli.domain.catalog import Resolver, load_reference, resolve_goal
from magcli.domain.grammar import MAX_DAY_MG
from magcli.domain.labels import COUNTED_UNITS
from magcli.domain.nutrition import Sex, above_limit, adult_limit, needs_for, resolve_region
from magcli.domain.vocab import Grade
from magcli.errors import UsageError
from magcli.options import (
    AgeOption,
    Answer,
    Argument,
    DataOption,
    RegionOption,
    SexOption,
    SkipBadOption,
    option,
    progress_bar,
    say_skipped,
)
from magcli.render.blocks import (
    Block,
    Column,
    Entry,
    Facts,
    GradeLegend,
    Grid,
    Heading,
    Items,
    Layout,
    Lead,
    Para,
    Sources,
    Tone,
    text,
)
from magcli.results import (
    DISCLAIMER,
    EvidenceOut,
    Out,
    RegionOut,
    Result,
    SourceOut,
)
from magcli.text import mg_text, readable, shorten, unnested

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from magcli.domain.models import Catalog, Use
    from magcli.domain.shelf import Product
    from magcli.render import View


class ProductCheckOut(Out):
    """The label's magnesium against the formula of its form(s)."""

    verdict: Literal["consistent", "likely-blend", "below-formula", "impossible", "unchecked"]
    implied_percent: float | None = Field(
        description="magnesium as a percentage of the compound weight the label gives"
    )
    formula_percent: float | None = Field(
        description="what the formula of its form holds (a blend: the highest of its forms)"
    )
    note: str


class DvCheckOut(Out):
    """The label's printed %DV against the amount it is printed beside."""

    verdict: Literal["consistent", "mismatch", "unchecked"]
    note: str


class ProductEvidenceOut(Out):
    """A form's own evidence for the goal asked about (--for)."""

    form: str
    grade: Grade | None = Field(description="null: no evidence of its own")


class ProductOut(Out):
    """One product of a shelf, worked out."""

    name: str
    brand: str | None
    dsld_id: str | None
    source: str = Field(description="the file, and the product's place or label id in it")
    forms: list[str] = Field(description="the catalogue's form ids")
    unknown_forms: list[str] = Field(description="salts named on the label that magcli lacks")
    magnesium_mg_per_serving: float | None
    magnesium_mg_per_serving_estimate: float | None = Field(
        description="where the label gives no amount but prints a %DV: the amount that %DV "
        "implies on the label's Daily Value basis, an estimate, never the amount"
    )
    compound_mg_per_serving: float | None
    nested_reading: (
        Literal["compound-weight", "share-of-magnesium", "swapped", "unclear"] | None
    ) = Field(
        description="how the label's nested salt rows were read: the salts' weight, each "
        "salt's share of the magnesium, the magnesium and its source's rows swapped on "
        "the label, or neither; null without nested amounts"
    )
    percent_dv: float | None = Field(description="the %DV the label prints for its magnesium")
    dv_basis_mg: int | None = Field(
        description="the Daily Value that %DV is of (400 mg before the 2016 rule and for "
        "pregnancy and lactation, 420 mg after it)"
    )
    serving_units: float
    unit: str = Field(
        description="what serving_units counts: tablet, capsule, packet, scoop, or a measure "
        "(gram, ml), where magnesium_mg_per_unit is null"
    )
    magnesium_mg_per_unit: float | None
    units_per_container: float | None
    servings_per_container: float | None = Field(description="as the label states it")
    servings_per_day_least: float | None = Field(
        description="the label's least servings a day (a shelf file's servings_per_day)"
    )
    servings_per_day_most: float | None = Field(
        description="the label's most servings a day; null where it gives none"
    )
    daily_mg: float | None = Field(description="the daily amount of magnesium planned for")
    daily_basis: Literal["daily", "servings_per_day", "one serving", "none"]
    units_per_day: float | None = Field(
        description="units a day: whole ones for --daily, else the servings as labelled"
    )
    magnesium_mg_per_day: float | None = Field(description="what units_per_day hold")
    magnesium_mg_per_day_most: float | None = Field(
        description="at the label's most servings a day (magnesium_mg_per_day where it "
        "gives one use, or with --daily)"
    )
    over_limit: bool | None = Field(
        description="whether magnesium_mg_per_day_most is above upper_limit_mg; null where "
        "either is null"
    )
    days_per_container: float | None = Field(description="at the least use")
    days_per_container_at_most_use: float | None
    price: float | None
    currency: str | None
    cost_per_100mg_magnesium: float | None
    cost_per_30_days: float | None
    label_check: ProductCheckOut
    dv_check: DvCheckOut = Field(
        description="the printed %DV against the amount on the label's Daily Value basis "
        "(400 mg before the 2016 rule and for pregnancy and lactation, 420 mg after it)"
    )
    evidence: list[ProductEvidenceOut] | None = Field(description="with --for; else null")
    notes: list[str]


class ProductFilters(Out):
    daily_mg: float | None
    goal: str | None
    sort: str


class ProductsResult(Result):
    """magcli products --json"""

    command: Literal["products"]
    files: list[str]
    filters: ProductFilters
    general_evidence: EvidenceOut | None = Field(
        description="with --for: what trials of magnesium in any form found for the goal"
    )
    region: RegionOut = Field(description="the region whose upper limit the days are set against")
    upper_limit_mg: int | None = Field(
        description="the region's supplement upper limit, mg a day, for the person (--age, "
        "--sex) or an adult; null where it sets none"
    )
    upper_limit_for: str = Field(
        description="whose limit upper_limit_mg is: 'adults', or the intake table's stage for "
        "--age ('4-8 years')"
    )
    products: list[ProductOut]
    skipped: list[str] = Field(description="products that could not be read (--skip-bad)")
    sources: list[SourceOut]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


RESULT = ProductsResult
# The flat formats (csv, tsv, jsonl): which list holds the rows, and one row's model.
ROWS = ("products", ProductOut)


PRODUCT_SORTS = ("file", "cost", "magnesium", "evidence")


def products(
    *files: str | os.PathLike[str],
    daily: float | str | None = None,
    goal: str | None = None,
    sort: str = "file",
    region: str = "us",
    age: float | str | None = None,
    sex: Sex | str | None = None,
    skip_bad: bool = False,
    catalog: Catalog | str | os.PathLike[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ProductsResult:
    """A shelf of products (shelf files, DSLD label records, or folders of them): per
    product the forms, magnesium per serving and per unit, the units for a daily amount,
    how long a container lasts, the cost per 100 mg of magnesium and per 30 days,
    whether the label's magnesium fits the formula, and whether its day at the label's
    most use is above the region's supplement upper limit for the person (--age, --sex)
    or an adult."""
    envelope, made = _shelf(files, daily, goal, sort, region, age, sex, skip_bad, catalog, progress)
    return envelope.model_copy(update={"products": list(made)})


def _shelf(
    files: tuple[str | os.PathLike[str], ...],
    daily: float | str | None,
    goal: str | None,
    sort: str,
    region: str,
    age: float | str | None,
    sex: Sex | str | None,
    skip_bad: bool,
    catalog: Catalog | str | os.PathLike[str] | None,
    progress: Callable[[int, int], None] | None,
) -> tuple[ProductsResult, Iterator[ProductOut]]:
    """The result of `products` without its products, and its products, made one at a
    time as they are read (in the order asked: sorted, they are made all at once)."""
    from magcli.domain.costing import costs, label_check, notes, plan
    from magcli.domain.shelf import read_shelves

    if not files:
        raise UsageError("products needs a shelf file, a label record or a folder of them")
    order = sort.strip().lower()
    if order not in PRODUCT_SORTS:
        raise UsageError(f"--sort must be one of {', '.join(PRODUCT_SORTS)}, not {shorten(sort)}")
    if order == "evidence" and goal is None:
        raise UsageError("--sort evidence needs a goal: add --for GOAL")
    daily_mg = read_amount(daily, "--daily", MAX_DAY_MG)
    chosen = catalogue_of(catalog)
    reference = load_reference()
    where = resolve_region(reference, region)
    if age is None and sex is not None:
        raise UsageError("--sex needs --age: the upper limit is an adult's without it")
    person = life_stage_of(age, sex, False, False) if age is not None else None
    needs = needs_for(reference, person, where) if person else None
    limit = needs.ul_mg if needs else adult_limit(reference, where)
    limit_for = needs.stage.label if needs else "adults"
    found_goal = resolve_goal(chosen, goal) if goal is not None else None
    paths = [os.fspath(file) for file in files]
    shelf, skipped = read_shelves(paths, Resolver(chosen), skip_bad=skip_bad, progress=progress)
    by_id = {form.id: form for form in chosen.forms}
    richest = max(form.elemental_mg_percent for form in chosen.forms)

    def uses(product: Product) -> list[tuple[str, Use | None]]:
        """Each form of the product, with its evidence for the goal asked."""
        assert found_goal is not None
        return [
            (
                form_id,
                next((use for use in by_id[form_id].uses if use.goal == found_goal.id), None),
            )
            for form_id in product.forms
        ]

    def row(product: Product) -> ProductOut:
        forms = [by_id[form_id] for form_id in product.forms]
        check = label_check(product, forms, richest)
        planned = plan(product, daily_mg)
        money = costs(product, planned)
        most = _round(planned.mg_per_day_most, 1)
        counted = product.unit in COUNTED_UNITS
        evidence = None
        if found_goal is not None:
            evidence = [
                ProductEvidenceOut(form=form_id, grade=use.grade if use else None)
                for form_id, use in uses(product)
            ]
        return ProductOut(
            name=product.name,
            brand=product.brand,
            dsld_id=product.dsld_id,
            source=product.source,
            forms=list(product.forms),
            unknown_forms=list(product.unknown_forms),
            magnesium_mg_per_serving=_round(product.magnesium_mg, 1),
            magnesium_mg_per_serving_estimate=product.magnesium_estimate_mg,
            compound_mg_per_serving=_round(product.compound_mg, 1),
            nested_reading=product.nested_reading,  # type: ignore[arg-type]
            percent_dv=product.percent_dv,
            dv_basis_mg=product.dv_basis_mg,
            serving_units=product.serving_units,
            unit=product.unit,
            magnesium_mg_per_unit=_round(planned.mg_per_unit, 1) if counted else None,
            units_per_container=product.units_per_container,
            servings_per_container=product.servings_per_container,
            servings_per_day_least=product.servings_per_day,
            servings_per_day_most=product.servings_per_day_max,
            daily_mg=_round(planned.daily_mg, 1),
            daily_basis=planned.basis,
            units_per_day=planned.units_per_day,
            magnesium_mg_per_day=_round(planned.mg_per_day, 1),
            magnesium_mg_per_day_most=most,
            over_limit=None if most is None else above_limit(most, limit),
            days_per_container=_round(planned.days, 1),
            days_per_container_at_most_use=_round(planned.days_at_most, 1),
            price=product.price,
            currency=product.currency,
            cost_per_100mg_magnesium=_round(money.per_100mg, 4),
            cost_per_30_days=_round(money.per_30_days, 2),
            label_check=ProductCheckOut(
                verdict=check.verdict,
                implied_percent=check.implied_percent,
                formula_percent=check.formula_percent,
                note=check.note,
            ),
            dv_check=DvCheckOut(
                verdict=product.dv_verdict,  # type: ignore[arg-type]
                note=product.dv_note,
            ),
            evidence=evidence,
            notes=notes(product, planned, limit),
        )

    cited: list[str] = list(found_goal.general_evidence.sources) if found_goal else []
    if found_goal is not None:
        for product in shelf:
            cited += [source for _, use in uses(product) if use for source in use.sources]
    warnings = []  # the skipped products are said on stderr by the command line
    currencies = sorted({product.currency for product in shelf if product.currency})
    if len(currencies) > 1:
        warnings.append(
            f"prices are in {', '.join(currencies)}: costs are compared only within one "
            "currency, never converted"
        )
    envelope = ProductsResult(
        data_version=chosen.data_version,
        command="products",
        files=[readable(path) for path in paths],
        filters=ProductFilters(
            daily_mg=daily_mg, goal=found_goal.id if found_goal else None, sort=order
        ),
        general_evidence=evidence_out(found_goal.general_evidence) if found_goal else None,
        region=region_out(reference, where),
        upper_limit_mg=limit,
        upper_limit_for=limit_for,
        products=[],
        skipped=skipped,
        sources=_merged(
            sources_out(cited, chosen.sources), region_sources(reference, where) if limit else []
        ),
        warnings=warnings,
    )
    made = map(row, shelf)
    return envelope, made if order == "file" else iter(_sort_products(list(made), order))


def _merged(*lists: list[out.SourceOut]) -> list[out.SourceOut]:
    """Sources from the catalogue and the reference together, each key once."""
    merged: dict[str, out.SourceOut] = {}
    for sources in lists:
        for source in sources:
            merged.setdefault(source.key, source)
    return list(merged.values())


def _round(value: float | None, places: int) -> float | None:
    return None if value is None else round(value, places)


def _sort_products(rows: list[ProductOut], order: str) -> list[ProductOut]:
    """Products in the order asked; costs are sorted within each currency."""
    if order == "cost":
        return sorted(
            rows,
            key=lambda row: (
                row.cost_per_100mg_magnesium is None,
                row.currency or "",
                row.cost_per_100mg_magnesium or 0.0,
            ),
        )
    if order == "magnesium":
        return sorted(rows, key=lambda row: -(row.magnesium_mg_per_serving or 0.0))
    if order == "evidence":
        return sorted(
            rows,
            key=lambda row: (
                -max(
                    (item.grade.strength if item.grade else 0 for item in row.evidence or []),
                    default=0,
                )
            ),
        )
    return rows


# What a person sees ---------------------------------------------------------------------

CHECK_MEANING = {
    "consistent": "the label's magnesium fits the formula of its form(s)",
    "likely-blend": "more magnesium than the named form can hold: likely mixed with a richer "
    "salt such as oxide",
    "below-formula": "far less magnesium than the form holds, more than a hydrate explains",
    "impossible": "more magnesium than any magnesium salt holds: the label's figures cannot "
    "both be right",
    "unchecked": "the label gives no compound weight (or no amount, or no known form)",
}
CHECK_TONE: dict[str, Tone] = {
    "consistent": "",
    "likely-blend": "alarm",
    "below-formula": "caution",
    "impossible": "alarm",
    "unchecked": "quiet",
}


def layout(result: ProductsResult, view: View) -> Layout:
    """The bottles as a table (with --for, each form's own evidence under its name), the
    days above the region's upper limit, then each product's reasons, what 'A day' plans
    for, what the label checks mean, and the sources."""
    count = len(result.products)
    priced = any(product.cost_per_100mg_magnesium is not None for product in result.products)
    cost = " the cost per 100 mg of magnesium," if priced else ""
    lead = Lead(
        f"{count} product{'s' if count != 1 else ''}: the magnesium in each, what a day takes, "
        f"how long a container lasts,{cost} and whether each label adds up.",
        when="document",
    )
    answer: list[Block] = [lead]
    goal = result.filters.goal
    if result.general_evidence is not None and goal is not None:
        evidence = result.general_evidence
        answer.append(
            Para(
                f"Magnesium in general (any form) for {goal}: [{evidence.grade.value}] "
                f"{evidence.note}",
                tone="strong",
            )
        )
    columns = [
        Column("Product"),
        Column("Mg a serving", "number"),
        Column("A day", "number"),
        Column("Days", "number"),
        *([Column("Per 100 mg", "number")] if priced else []),  # label records carry none
        Column("Label", "word"),
    ]
    rows = [_row(product, priced) for product in result.products]
    if rows:
        answer.append(Grid(columns, rows, title=f"Your products ({count})"))
    else:
        answer.append(Para("No product to show."))
    over = _over_limit(result)
    if over:
        answer.append(Para(over, tone="caution"))
    detail: list[Block] = [
        Items(_details(product), title=product.name, when="detail") for product in result.products
    ]
    detail.append(Para(_daily_said(result), tone="quiet"))
    detail.append(
        Para(
            "Label: the magnesium share of the weight against the formula; --long gives "
            "each reason, the magnesium a unit and the cost of 30 days.",
            tone="quiet",
            when="compact",
        )
    )
    detail.append(Heading("What the label checks mean", when="document"))
    detail.append(
        Para(
            "Label: the magnesium share of the weight against the formula of the form(s).",
            tone="quiet",
            when="document",
        )
    )
    detail.append(
        Facts([(word, text(said)) for word, said in CHECK_MEANING.items()], when="document")
    )
    seen = dict.fromkeys(product.label_check.verdict for product in result.products)
    meanings = "; ".join(f"{word}: {CHECK_MEANING[word]}" for word in seen)
    detail.append(
        Para(
            f"Label: the magnesium share of the weight against the formula; {meanings}.",
            tone="quiet",
            when="long",
        )
    )
    if result.sources:
        detail.append(Sources(result.sources))
    if goal is not None:
        detail.append(GradeLegend())
    return Layout("Your products", answer, detail)


def _row(product: ProductOut, priced: bool) -> list[list[Entry]]:
    """A product's name with its forms (with --for, each with its own evidence), its
    magnesium a serving, the whole units a day, the days a container lasts, the cost per
    100 mg of magnesium and the label check."""
    name = [Entry(product.name, tone="strong")]
    if product.evidence is not None:
        name += [
            Entry(item.form, item.grade) if item.grade is not None else Entry(f"{item.form} [none]")
            for item in product.evidence
        ] or [Entry("form not named", tone="quiet")]
    else:
        forms = " + ".join([*product.forms, *product.unknown_forms]) or "form not named"
        name.append(Entry(forms, tone="quiet"))
    serving = product.magnesium_mg_per_serving
    said = "not given" if serving is None else mg_text(serving)
    if serving is None and product.magnesium_mg_per_serving_estimate is not None:
        said = f"~{mg_text(product.magnesium_mg_per_serving_estimate)} (from %DV)"
    verdict = product.label_check.verdict
    return [
        name,
        text(said),
        text(_span(product.magnesium_mg_per_day, product.magnesium_mg_per_day_most, mg_text)),
        text(_span(product.days_per_container_at_most_use, product.days_per_container, _days)),
        *([text(_money(product.cost_per_100mg_magnesium, product.currency))] if priced else []),
        [Entry(verdict, tone=CHECK_TONE[verdict])],
    ]


def _span(least: float | None, most: float | None, said: Callable[[float], str]) -> str:
    """'400 mg', or '135-405 mg' from the least to the most; '-' for none."""
    if least is None:
        return "-"
    low, high = said(least), "" if most is None else said(most)
    if not high or high == low:
        return low
    return f"{low.removesuffix(' mg')}-{high}"


def _days(value: float) -> str:
    """Whole days: the last part-day is no day; under one day, its tenths (0.5)."""
    return f"{value:.1f}" if value < 1 else f"{math.floor(value + 1e-9):,}"


def _details(product: ProductOut) -> list[str]:
    """What the row leaves out: per unit and per day, the cost of 30 days, the reason of
    the label check, and any note."""
    found = []
    unit = product.unit
    if product.magnesium_mg_per_unit is not None and product.magnesium_mg_per_day is not None:
        found.append(
            f"{mg_text(product.magnesium_mg_per_unit)} a {unit}; "
            f"{product.units_per_day:g} a day {'gives' if product.units_per_day == 1 else 'give'} "
            f"{mg_text(product.magnesium_mg_per_day)}"
        )
    least, most = product.servings_per_day_least, product.servings_per_day_most
    if least is not None and most is not None and most != least:
        span = _span(product.magnesium_mg_per_day, product.magnesium_mg_per_day_most, mg_text)
        found.append(f"the label's use: {least:g} to {most:g} servings a day, {span}")
    if product.magnesium_mg_per_serving_estimate is not None and product.dv_basis_mg:
        found.append(
            f"no amount is given; its {product.percent_dv:g}% DV of {product.dv_basis_mg} mg "
            f"implies about {mg_text(product.magnesium_mg_per_serving_estimate)} a serving (an "
            "estimate)"
        )
    if product.cost_per_30_days is not None:
        found.append(f"30 days cost {_money(product.cost_per_30_days, product.currency)}")
    found.append(f"label {product.label_check.verdict}: {product.label_check.note}")
    if product.dv_check.verdict != "unchecked":
        found.append(f"%DV {product.dv_check.verdict}: {product.dv_check.note}")
    return found + list(product.notes)


def _money(value: float | None, currency: str | None) -> str:
    """A cost in the product's own currency, never converted."""
    if value is None or currency is None:
        return "-"
    places = 3 if value < 0.1 else 2
    return f"{value:,.{places}f} {currency}"


def _over_limit(result: ProductsResult) -> str:
    """The products whose day is above the region's adult supplement upper limit, said
    once."""
    names = []
    for product in result.products:
        most = product.magnesium_mg_per_day_most
        if product.over_limit and most is not None:
            use = " at its most use" if most != product.magnesium_mg_per_day else ""
            names.append(f"{product.name} ({mg_text(most)}{use})")
    if not names:
        return ""
    return (
        f"Above the {result.upper_limit_mg} mg a day upper limit for {result.upper_limit_for} "
        f"({unnested(result.region.name)}): " + "; ".join(names) + "."
    )


def _daily_said(result: ProductsResult) -> str:
    """What 'A day' plans for."""
    if result.filters.daily_mg is not None:
        return f"A day: the whole units that give at least {mg_text(result.filters.daily_mg)}."
    return (
        "A day: the servings a day of the label or shelf file, from the least to the most "
        "(else one serving; --daily sets an amount); Days: a container at the most use and "
        "at the least."
    )


def cli(
    files: Annotated[
        list[str],
        Argument(
            metavar="FILE",
            help="Shelf files (TOML), DSLD label records (JSON), or folders of them.",
            show_default=False,
        ),
    ],
    daily: Annotated[
        str | None,
        option(
            "--daily",
            metavar="AMOUNT",
            help="Plan for this much magnesium a day (300mg); else each product's own "
            "servings_per_day, else one serving.",
        ),
    ] = None,
    goal: Annotated[
        str | None,
        option(
            "--for",
            metavar="GOAL",
            help="Show the evidence of each product's forms for this goal.",
            complete=goal_names,
        ),
    ] = None,
    sort: Annotated[
        str,
        option(
            "--sort",
            metavar="ORDER",
            help="file (as given, the default), cost (per 100 mg of magnesium, within each "
            "currency), magnesium (per serving) or evidence (with --for).",
            complete=["file", "cost", "magnesium", "evidence"],
        ),
    ] = "file",
    region: RegionOption = "us",
    age: AgeOption = None,
    sex: SexOption = None,
    skip_bad: SkipBadOption = False,
    data: DataOption = None,
) -> Answer:
    """Your bottles: what each holds, lasts and costs, and whether its label adds up.

    Reads a shelf file you write (one [[products]] table per product: 'magcli schema
    --products' describes it) or DSLD label records (the JSON of the NIH label
    database). Per product: magnesium per serving and per unit, the units a day for
    --daily, the days a container lasts, the cost per 100 mg of magnesium, and a label
    check: the magnesium share of the compound weight against the formula.

    Example: magcli products examples/shelf.toml --daily 300mg --sort cost
    """

    with progress_bar("Reading labels") as tell:
        envelope, made = _shelf(
            tuple(files), daily, goal, sort, region, age, sex, skip_bad, data, tell
        )
    say_skipped(envelope.skipped)
    return Answer(envelope, made=made)

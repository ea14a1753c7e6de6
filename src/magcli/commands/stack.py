"""magcli stack: a day's supplemental magnesium against the upper limit."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from magcli.commands.common import (
    catalogue_of,
    life_stage_of,
    life_stage_out,
    medicines_taken,
    need_name,
    planned_out,
    read_amount,
    region_out,
    region_sources,
)
from magcli.domain.catalog import Resolver, load_reference
from magcli.domain.grammar import MAX_DAY_MG, check_milligrams, split_amount
from magcli.domain.nutrition import (
    ADULT_AGE,
    Sex,
    above_limit,
    limit_warnings,
    needs_for,
    percent_of,
    resolve_region,
)
from magcli.domain.planning import split_advice
from magcli.domain.vocab import IntakeName
from magcli.errors import EXIT_OK, EXIT_OVER_LIMIT, UsageError
from magcli.options import (
    AgeOption,
    Answer,
    Argument,
    DataOption,
    LactatingOption,
    MedicineOption,
    PregnantOption,
    RegionOption,
    SexOption,
    SkipBadOption,
    WeightOption,
    option,
    person_of,
    say_skipped,
    shell_word,
)
from magcli.render.blocks import (
    Bar,
    Bars,
    Block,
    Column,
    Entry,
    Grid,
    Items,
    Layout,
    Lead,
    Para,
    Sources,
    text,
)
from magcli.render.facts import a_person, limit_said, medicine_rules
from magcli.results import (
    DISCLAIMER,
    LifeStageOut,
    Out,
    PlannedMedicineOut,
    RegionOut,
    Result,
    SourceOut,
)
from magcli.text import mg_text, readable, unnested

if TYPE_CHECKING:
    from magcli.domain.models import Catalog
    from magcli.render import View


class StackRowOut(Out):
    """One source of supplemental magnesium in a day."""

    source: str = Field(description="the product's name, or what --add named")
    kind: Literal["product", "added"]
    magnesium_mg_per_day: float
    servings_per_day: float | None = Field(description="products: as the shelf file says")
    note: str


class StackResult(Result):
    """magcli stack --json"""

    command: Literal["stack"]
    region: RegionOut
    life_stage: LifeStageOut | None
    assumed_adult: bool = Field(description="no --age given: an adult's values are used")
    rows: list[StackRowOut]
    total_magnesium_mg_per_day: float = Field(
        description="the rows' supplemental magnesium together"
    )
    upper_limit_mg: int | None = Field(description="null where none is set (or per kg, no weight)")
    upper_limit_mg_per_kg: float | None
    guidance_level_mg: int | None = Field(
        default=None,
        description="where no upper limit is set but a guidance level is (the UK's, for "
        "adults): that level, the amount up to which harm is unlikely; it is not a limit",
    )
    over_limit: bool | None = Field(description="null where no upper limit applies")
    need_mg: int | None = Field(description="the intake value for the person (RDA, AI, ...)")
    need_name: IntakeName | None
    diet_mg: float | None = Field(description="--diet: an estimate of magnesium from food")
    total_intake_mg: float | None = Field(description="food and supplements, with --diet")
    percent_of_need: float | None
    skipped: list[str]
    medicines: list[PlannedMedicineOut] = Field(
        description="the medicines of the day (--medicine, a day file's [[medicines]]), "
        "each with its spacing rule"
    )
    sources: list[SourceOut]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


RESULT = StackResult
# The flat formats (csv, tsv, jsonl): which list holds the rows, and one row's model.
ROWS = ("rows", StackRowOut)
# Fields of the document repeated at the start of every row, so no row is read without them.
CARRIED = [
    ("region", "id"),
    ("total_magnesium_mg_per_day",),
    ("upper_limit_mg",),
    ("over_limit",),
]


def stack(
    *files: str | os.PathLike[str],
    add: Sequence[str | float] = (),
    medicines: Sequence[str] = (),
    diet: float | str | None = None,
    age: float | str | None = None,
    sex: Sex | str | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    region: str = "us",
    weight_kg: float | str | None = None,
    skip_bad: bool = False,
    catalog: Catalog | str | os.PathLike[str] | None = None,
) -> StackResult:
    """A day's supplemental magnesium: each product of the shelf files at its
    servings_per_day (one serving where none is given), plus amounts added by hand (an
    antacid, a laxative), against the upper limit for the person and region, and with
    --diet, the intake need; with the spacing rule of each medicine of the day (a
    --medicine, or a day file's [[medicines]])."""
    from magcli.domain.shelf import Shelf, read_day

    if not files and not add:
        raise UsageError("stack needs a shelf file or an amount (--add 250mg)")
    reference = load_reference()
    where = resolve_region(reference, region)
    assumed = age is None
    if assumed and (pregnant or lactating):
        raise UsageError("--pregnant and --lactating need --age")
    person = life_stage_of(ADULT_AGE if assumed else age, sex, pregnant, lactating)
    assert person is not None
    needs = needs_for(reference, person, where, weight_kg)
    rows: list[StackRowOut] = []
    chosen = catalogue_of(catalog)
    day = Shelf()
    if files:
        day = read_day(
            [os.fspath(file) for file in files],
            Resolver(chosen),
            skip_bad=skip_bad,
            need_products=False,
        )
    skipped = day.skipped
    taken = medicines_taken(reference, chosen, medicines, day.medicines)
    for product in day.products:
        if product.magnesium_mg is None:
            skipped.append(f"{product.source}: the label gives no amount of magnesium")
            continue
        servings = product.servings_per_day
        rows.append(
            StackRowOut(
                source=product.name,
                kind="product",
                magnesium_mg_per_day=round(product.magnesium_mg * (servings or 1), 1),
                servings_per_day=servings,
                note="" if servings else "no servings_per_day: one serving a day",
            )
        )
    for item in add:
        milligrams, named = _added(item)
        _magnesium_meant(chosen, milligrams, named)
        rows.append(
            StackRowOut(
                source=named or "added",
                kind="added",
                magnesium_mg_per_day=round(milligrams, 1),
                servings_per_day=None,
                note="",
            )
        )
    total = round(sum(row.magnesium_mg_per_day for row in rows), 1)
    if total > MAX_DAY_MG:  # the same limit for a day as every command's
        check_milligrams(total, f"{total:,.1f} mg", "the day's total of", MAX_DAY_MG)
    limit = needs.ul_mg
    over = above_limit(total, limit)
    diet_mg = read_amount(diet, "--diet", MAX_DAY_MG) if diet is not None else None
    need = needs.rda_mg
    intake_total = None if diet_mg is None else round(diet_mg + total, 1)
    percent = None if need is None or intake_total is None else round(intake_total / need * 100, 1)
    chosen_region = reference.region(where)
    share = None if need is None else percent_of(total, need)  # the supplements' own share
    warnings = limit_warnings(total, needs, unnested(chosen_region.name), share)
    if chosen_region.split_doses_by and total > 0:
        warnings.append(split_advice(chosen_region.split_doses_by) + ".")
    if assumed:
        warnings.append(
            "No --age given: the values are an adult's; give --age (and --sex) for anyone else."
        )
    return StackResult(
        data_version=reference.data_version,
        command="stack",
        region=region_out(reference, where),
        life_stage=life_stage_out(person, needs),
        assumed_adult=assumed,
        rows=rows,
        total_magnesium_mg_per_day=total,
        upper_limit_mg=limit,
        upper_limit_mg_per_kg=needs.ul_mg_per_kg,
        guidance_level_mg=needs.guidance_mg if needs.ul_mg is None else None,
        over_limit=over,
        need_mg=need,
        need_name=need_name(needs),
        diet_mg=diet_mg,
        total_intake_mg=intake_total,
        percent_of_need=percent,
        skipped=skipped,
        medicines=planned_out(taken),
        sources=region_sources(
            reference, where, [key for dose in taken for key in dose.rule.sources]
        ),
        warnings=warnings,
    )


def _added(item: str | float) -> tuple[float, str]:
    """'250mg', '250 mg antacid', '0.5 g laxative', '250mcg' or 250: the milligrams and
    what they are."""
    if not isinstance(item, str):
        return float(read_amount(item, "--add", MAX_DAY_MG) or 0), ""
    milligrams, named = split_amount(item, "--add", MAX_DAY_MG)
    return milligrams, readable(named)[:60] if named else ""


_AS_MAGNESIUM = ("(as ", "as ", "elemental")  # '500mg (as glycinate)': the magnesium itself


def _magnesium_meant(catalog: Catalog, milligrams: float, named: str) -> None:
    """--add counts magnesium: an amount named by a form's salt ('500mg glycinate') may be
    the weight of the compound, as labels give it, so it is asked about, with what each
    reading would add; '500mg (as glycinate)' is the magnesium, as labels say it."""
    from magcli.commands.common import is_form, resolve
    from magcli.domain.names import MAGNESIUM_WORDS

    words = named.strip().casefold()
    if not words or words.startswith(_AS_MAGNESIUM) or not is_form(catalog, named):
        return
    form = resolve(named, catalog)
    salt = " ".join(
        word for word in named.split() if word.casefold() not in MAGNESIUM_WORDS
    )  # 'magnesium citrate': as a label names the salt, 'citrate'
    held = round(milligrams * form.elemental_mg_percent / 100, 1)
    compound, itself = (shell_word(f"{mg:g}mg (as {salt})") for mg in (held, milligrams))
    raise UsageError(
        f"is {mg_text(milligrams)} the weight of the {form.compound} or of the magnesium in "
        "it? --add counts magnesium. One of:\n"
        f"  --add {compound}   (what {mg_text(milligrams)} of the compound holds)\n"
        f"  --add {itself}   (the magnesium itself, as a label's "
        f"'magnesium (as {salt}) {milligrams:g}mg')"
    )


# What a person sees ---------------------------------------------------------------------


def layout(result: StackResult, view: View) -> Layout:
    """The day's total against the limit first, then where it comes from, as a table
    and as bars; with --diet the share of the need; each medicine of the day with its
    spacing rule; what the limit counts, and the sources."""
    over = bool(result.over_limit)
    answer: list[Block] = [Lead(_verdict(result), tone="alarm" if over else "strong")]
    rows = [
        [text(row.source), text(mg_text(row.magnesium_mg_per_day)), [Entry(row.note, tone="quiet")]]
        for row in result.rows
    ]
    total = mg_text(result.total_magnesium_mg_per_day)
    rows.append([[Entry("Total", tone="strong")], [Entry(total, tone="strong")], text("")])
    columns = [Column("Source"), Column("mg a day", "number"), Column("Note")]
    answer.append(Grid(columns, rows, title="Supplemental magnesium in a day"))
    answer.append(Bars("The day against the limit", _marks(result)))
    if result.total_intake_mg is not None and result.percent_of_need is not None:
        answer.append(
            Para(
                f"With {mg_text(result.diet_mg or 0)} from food: {mg_text(result.total_intake_mg)} "
                f"a day, {result.percent_of_need:.0f}% of the {result.need_mg} mg "
                f"{result.need_name}."
            )
        )
    if result.medicines:
        title = "With your medicines ('magcli plan' times the magnesium around them)"
        answer.append(Items(medicine_rules(result.medicines, brief=True), title, when="compact"))
        answer.append(Items(medicine_rules(result.medicines), title, when="detail"))
    # What the limit counts, less what the warnings above it say already.
    note = " ".join(
        sentence
        for sentence in sentences(result.region.upper_limit_note)
        if not any(sentence in warning for warning in result.warnings)
    )
    detail: list[Block] = [Para("* " + note, tone="quiet", when="detail")] if note else []
    detail.append(Sources(result.sources, more="what the limit counts" if note else ""))
    return Layout("Supplemental magnesium in a day", answer, detail)


def _verdict(result: StackResult) -> str:
    """The answer: the day's total against the upper limit, whose it is."""
    total = mg_text(result.total_magnesium_mg_per_day)
    who = "an adult"
    if result.life_stage is not None and not result.assumed_adult:
        who = a_person(result.life_stage.description)
    whose = f"for {who}, {unnested(result.region.name)}"
    if result.upper_limit_mg is None and result.guidance_level_mg is not None:
        level = result.guidance_level_mg
        where = "ABOVE" if round(result.total_magnesium_mg_per_day, 1) > level else "within"
        return (
            f"{total} of supplemental magnesium a day is {where} the {level} mg guidance level, "
            f"which is not a limit ({whose})."
        )
    if result.upper_limit_mg is None:
        said = limit_said(None, result.upper_limit_mg_per_kg)
        return f"{total} of supplemental magnesium a day; {said} ({whose})."
    where = "ABOVE" if result.over_limit else "within"
    return (
        f"{total} of supplemental magnesium a day is {where} the {result.upper_limit_mg} mg "
        f"upper limit ({whose})."
    )


def _marks(result: StackResult) -> list[Bar]:
    """What the day's total is set against: the upper limit, and with --diet, the
    need set against food and supplements together."""
    total = result.total_magnesium_mg_per_day
    marks = [Bar("Supplements", total, mg_text(total), "over" if result.over_limit else "taken")]
    if result.upper_limit_mg is not None:
        limit = result.upper_limit_mg
        marks.append(Bar("Upper limit", limit, mg_text(limit), "limit"))
    elif result.guidance_level_mg is not None:
        level = result.guidance_level_mg
        marks.append(Bar("Guidance, no limit", level, mg_text(level), "limit"))
    if result.total_intake_mg is not None and result.need_mg is not None:
        intake, need = result.total_intake_mg, result.need_mg
        marks.append(Bar("Food + supplements", intake, mg_text(intake), "taken"))
        marks.append(Bar(f"{result.need_name}, all sources", need, mg_text(need), "need"))
    return marks


def cli(
    files: Annotated[
        list[str] | None,
        Argument(
            metavar="FILE",
            help="Shelf files: each product at its servings_per_day (one serving if none).",
            show_default=False,
        ),
    ] = None,
    add: Annotated[
        list[str] | None,
        option(
            "--add",
            metavar="AMOUNT",
            help="Magnesium from something else, a day: 250mg, or '250mg antacid'. Repeat it.",
        ),
    ] = None,
    diet: Annotated[
        str | None,
        option(
            "--diet", metavar="AMOUNT", help="An estimate of magnesium from food a day (250mg)."
        ),
    ] = None,
    age: AgeOption = None,
    sex: SexOption = None,
    pregnant: PregnantOption = False,
    lactating: LactatingOption = False,
    region: RegionOption = "us",
    weight: WeightOption = None,
    medicine: MedicineOption = None,
    strict: Annotated[
        bool,
        option("--strict", help="Exit 3 when the day is above the upper limit."),
    ] = False,
    skip_bad: SkipBadOption = False,
    data: DataOption = None,
) -> Answer:
    """Your day: every source of supplemental magnesium against the upper limit.

    The upper limit counts magnesium from supplements and medicines together, and it
    differs by region (--region). Products come from shelf files at their
    servings_per_day; --add adds an antacid or a laxative; --diet sets food against the
    intake need. The medicines of the day (--medicine, or a day file's [[medicines]])
    are listed with how far apart to take them from magnesium.

    Example: magcli stack examples/day.toml --add 250mg --age 35 --sex female --region eu
    """

    # The person among the words that name no file ('day.toml 35 female').
    named = [word for word in files or [] if not os.path.lexists(word)]
    who, left = person_of(named, age, sex, pregnant, lactating)
    kept = set(left)
    result = stack(
        *[word for word in files or [] if word not in named or word in kept],
        add=add or [],
        medicines=medicine or [],
        diet=diet,
        age=who.age,
        sex=who.sex,
        pregnant=who.pregnant,
        lactating=who.lactating,
        region=region,
        weight_kg=weight,
        skip_bad=skip_bad,
        catalog=data,
    )
    say_skipped(result.skipped)
    return Answer(result, code=EXIT_OVER_LIMIT if strict and result.over_limit else EXIT_OK)


def sentences(text: str) -> list[str]:
    """A text's sentences, each with its full stop."""
    import re

    return [part for part in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text.strip()) if part]

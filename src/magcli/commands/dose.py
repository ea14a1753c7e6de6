"""magcli dose: a dose as compound and as magnesium, against the intake table."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, Literal, NoReturn

from pydantic import Field

from magcli.commands.common import (
    catalogue_of,
    life_stage_of,
    life_stage_out,
    need_name,
    read_amount,
    region_out,
)
from magcli.domain.catalog import load_reference
from magcli.domain.catalog import resolve as _resolve_form
from magcli.domain.nutrition import Sex, adult_needs, needs_for, resolve_region
from magcli.domain.vocab import IntakeName
from magcli.errors import EXIT_OK, EXIT_OVER_LIMIT
from magcli.errors import UsageError as MagcliUsageError
from magcli.options import (
    AgeOption,
    Answer,
    Argument,
    DataOption,
    FormArgument,
    LactatingOption,
    PregnantOption,
    RegionOption,
    SexOption,
    WeightOption,
    carry,
    option,
    person_of,
    shell_word,
    shorten_plain,
    suggest,
)
from magcli.render.blocks import Bar, Bars, Block, Commands, Items, Layout, Lead, Para
from magcli.render.facts import INTERACTIONS_HINT, a_person, limit_said
from magcli.results import (
    DISCLAIMER,
    LifeStageOut,
    Out,
    RegionOut,
    Result,
)
from magcli.text import escape_unsafe, mg_text, unnested
from magcli.text import figure as written

if TYPE_CHECKING:
    from magcli.domain.models import Catalog
    from magcli.render import View


class LabelCheckOut(Out):
    """What a label's figures imply."""

    label_mg: float
    implied_percent: float
    verdict: Literal["consistent", "higher", "lower"]


class DoseResult(Result):
    """magcli dose --json"""

    command: Literal["dose"]
    form: str
    name: str
    compound: str
    formula: str
    input: Literal["compound", "elemental"]
    compound_mg: float
    magnesium_mg: float = Field(description="the elemental magnesium in compound_mg")
    elemental_mg_percent: float
    life_stage: LifeStageOut | None
    need_mg: int | None = Field(description="the intake value for the person (RDA, AI, ...)")
    need_name: IntakeName | None
    upper_limit_mg: int | None = Field(description="null where none is set (or per kg, no weight)")
    upper_limit_mg_per_kg: float | None = Field(
        description="where the limit is set per kg of weight"
    )
    guidance_level_mg: int | None = Field(
        default=None,
        description="where no upper limit is set but a guidance level is (the UK's, for "
        "adults): that level, the amount up to which harm is unlikely; it is not a limit",
    )
    percent_of_need: float | None
    over_limit: bool | None = Field(
        description="null where no life stage is given, or no limit in mg applies to it "
        "(none set, or set per kg and no --weight)"
    )
    label_check: LabelCheckOut | None
    region: RegionOut
    label_notes: list[str]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


RESULT = DoseResult
# The flat formats (csv, tsv, jsonl): which list holds the rows, and one row's model.
ROWS = (None, DoseResult)  # the document is the one row


def dose(
    form: str,
    *,
    compound: float | str | None = None,
    elemental: float | str | None = None,
    label_mg: float | str | None = None,
    age: float | str | None = None,
    sex: Sex | str | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    region: str = "us",
    weight_kg: float | str | None = None,
    catalog: Catalog | str | os.PathLike[str] | None = None,
) -> DoseResult:
    """A dose as compound weight and as magnesium (give one, in mg or as '1.5g'), and with
    an age, against the RDA and the supplement upper limit; `label_mg` checks a label's
    magnesium figure for that compound weight against the formula."""
    from magcli.domain.dosing import MAX_ELEMENTAL_MG, label_notes_for, warnings_for
    from magcli.domain.dosing import dose as convert
    from magcli.domain.grammar import MAX_COMPOUND_MG

    person = life_stage_of(age, sex, pregnant, lactating)
    compound_mg = read_amount(compound, "compound", MAX_COMPOUND_MG)
    elemental_mg = read_amount(elemental, "elemental", MAX_ELEMENTAL_MG)
    label = read_amount(label_mg, "label_mg", MAX_ELEMENTAL_MG)
    chosen = catalogue_of(catalog)
    reference = load_reference()
    where = resolve_region(reference, region)
    needs = needs_for(reference, person, where, weight_kg) if person else None
    result = convert(
        _resolve_form(chosen, form),
        compound_mg=compound_mg,
        elemental_mg=elemental_mg,
        requirement=needs,
        label_mg=label,
    )
    check = result.label
    share = result.percent_of_need
    return DoseResult(
        data_version=chosen.data_version,
        command="dose",
        form=result.form.id,
        name=result.form.name,
        compound=result.form.compound,
        formula=result.form.formula,
        input=result.asked,
        compound_mg=round(result.compound_mg, 1),
        magnesium_mg=round(result.elemental_mg, 1),
        elemental_mg_percent=result.form.elemental_mg_percent,
        life_stage=life_stage_out(person, needs),
        need_mg=needs.rda_mg if needs else None,
        need_name=need_name(needs),
        upper_limit_mg=needs.ul_mg if needs else None,
        upper_limit_mg_per_kg=needs.ul_mg_per_kg if needs else None,
        guidance_level_mg=needs.guidance_mg if needs and needs.ul_mg is None else None,
        percent_of_need=None if share is None else round(share, 1),
        over_limit=result.over_limit,
        label_check=None
        if check is None
        else LabelCheckOut(
            label_mg=check.label_mg,
            implied_percent=round(check.implied_percent, 2),
            verdict=check.verdict,
        ),
        region=region_out(reference, where),
        label_notes=label_notes_for(result),
        warnings=warnings_for(
            result, unnested(reference.region(where).name), adult_needs(reference, where)
        ),
    )


# What a person sees ---------------------------------------------------------------------


def layout(result: DoseResult, view: View) -> Layout:
    """Both figures of the dose in a sentence, then with a life stage the verdict against
    the intake value and the upper limit, as words and as bars; without one, the command
    that gives a verdict. Then the label check and how to read this form's labels."""
    compound = f"{mg_text(result.compound_mg)} of {result.compound}"
    magnesium = f"{mg_text(result.magnesium_mg)} of magnesium"
    share = f"{result.elemental_mg_percent:.2f}% by weight of {result.formula}"
    if result.input == "compound":
        said = f"{compound} holds {magnesium} ({share})."
    else:
        said = f"{magnesium} comes in {compound} ({share})."
    answer: list[Block] = [Lead(said)]
    person = result.life_stage
    detail: list[Block] = []
    if person is not None:
        answer.append(Lead(_verdict(result, person), tone="alarm" if result.over_limit else ""))
        marks = _marks(result, person)
        if marks:
            answer.append(Bars("This dose against the intake table", marks))
    else:
        given = "--compound" if result.input == "compound" else "--elemental"
        amount = result.compound_mg if result.input == "compound" else result.magnesium_mg
        answer += [
            Para(
                "Is it too much? Add an age and sex to set it against the RDA and the upper "
                "limit, for example:"
            ),
            Commands([f"dose {result.form} {given} {amount:g}mg --age 35 --sex female"]),
        ]
    if result.label_check is not None:
        detail.append(Para("Label check: " + _label_said(result, result.label_check)))
    notes = result.label_notes
    if notes:
        detail.append(Items(notes[:1], title="Reading labels", when="compact"))
        if len(notes) > 1:
            detail.append(
                Para("(--long: more on reading this form's labels)", tone="quiet", when="compact")
            )
        detail.append(Items(notes, title="Reading labels", when="detail"))
    detail.append(Para(INTERACTIONS_HINT, tone="quiet"))
    name = (
        result.name[:1].lower() + result.name[1:]
        if result.name.startswith("Magnesium")
        else result.name
    )
    return Layout(f"A dose of {name}", answer, detail)


def _verdict(result: DoseResult, person: LifeStageOut) -> str:
    """The dose against the person's intake value and upper limit, in words."""
    said = f"For {a_person(person.description)} ({unnested(result.region.name)}, {person.stage}): "
    if result.need_mg is None:
        reason = (
            "no intake value is set at this age"
            if person.sex is not None
            else "differs by sex at this age: add --sex for a percentage"
        )
        said += f"The {person.reference} {reason}. " if "differs" in reason else f"{reason}. "
    else:
        said += (
            f"{person.reference} {result.need_mg} mg a day from all sources; this dose is "
            f"{result.percent_of_need:.0f}% of it. "
        )
    if result.upper_limit_mg is None:
        limit = limit_said(None, result.upper_limit_mg_per_kg)
        said += limit[0].upper() + limit[1:] + "."
        if result.guidance_level_mg is not None:
            where = "ABOVE" if result.magnesium_mg > result.guidance_level_mg else "within"
            said += f" It is {where} the {result.guidance_level_mg} mg guidance level (no limit)."
        return said
    if result.over_limit:
        return (
            said + f"It is ABOVE the {result.upper_limit_mg} mg a day upper limit for supplements."
        )
    return said + f"It is within the {result.upper_limit_mg} mg a day upper limit for supplements."


def _marks(result: DoseResult, person: LifeStageOut) -> list[Bar]:
    """The dose, the intake value and the upper limit on one scale: those the life stage
    has; none when there is nothing to set the dose against."""
    marks = [
        Bar(
            "This dose",
            result.magnesium_mg,
            mg_text(result.magnesium_mg),
            "over" if result.over_limit else "taken",
        )
    ]
    if result.need_mg is not None:
        marks.append(
            Bar(f"{person.reference}, all sources", result.need_mg, mg_text(result.need_mg), "need")
        )
    if result.upper_limit_mg is not None:
        limit = result.upper_limit_mg
        marks.append(Bar("Limit, supplements", limit, mg_text(limit), "limit"))
    elif result.guidance_level_mg is not None:
        level = result.guidance_level_mg
        marks.append(Bar("Guidance, no limit", level, mg_text(level), "limit"))
    return marks if len(marks) > 1 else []


def _label_said(result: DoseResult, check: LabelCheckOut) -> str:
    """What a label's magnesium figure implies, against the formula."""
    said = (
        f"the label says {mg_text(check.label_mg)} of magnesium in "
        f"{mg_text(result.compound_mg)}: {check.implied_percent:.1f}%"
    )
    if check.verdict == "consistent":
        return f"{said}, as the formula allows."
    return f"{said}, {check.verdict} than the formula's {result.elemental_mg_percent:.2f}%."


def cli(
    form: FormArgument,
    amount: Annotated[
        list[str] | None,
        Argument(
            metavar="AMOUNT",
            help="An amount with no option: magcli says which of --compound and "
            "--elemental you may mean.",
            show_default=False,
        ),
    ] = None,
    compound: Annotated[
        str | None,
        option(
            "--compound",
            metavar="AMOUNT",
            help="Weight of the compound, e.g. 1000, 1000mg or 1.5g: how much magnesium is in it?",
        ),
    ] = None,
    elemental: Annotated[
        str | None,
        option(
            "--elemental",
            metavar="AMOUNT",
            help="Magnesium wanted, e.g. 200mg: how much compound holds it?",
        ),
    ] = None,
    label_mg: Annotated[
        str | None,
        option(
            "--label-mg",
            metavar="AMOUNT",
            help="With --compound: the magnesium the label claims for that weight; magcli "
            "checks whether the two figures fit the formula.",
        ),
    ] = None,
    age: AgeOption = None,
    sex: SexOption = None,
    pregnant: PregnantOption = False,
    lactating: LactatingOption = False,
    region: RegionOption = "us",
    weight: WeightOption = None,
    strict: Annotated[
        bool,
        option("--strict", help="Exit 3 when the dose is above the supplement upper limit."),
    ] = False,
    data: DataOption = None,
) -> Answer:
    """Convert a dose and check it against intake limits.

    Converts compound weight to elemental magnesium or back; with a life stage, sets the
    dose against the RDA and the upper limit for supplements.

    Example: magcli dose oxide --elemental 400 --age 35 --sex female
    """
    from magcli.domain.dosing import MAX_ELEMENTAL_MG
    from magcli.domain.grammar import MAX_COMPOUND_MG
    from magcli.domain.names import MAGNESIUM_WORDS, normalize_name

    if amount and normalize_name(form) in MAGNESIUM_WORDS:  # 'mag oxide': one form's name
        form, amount = f"{form} {amount[0]}", amount[1:]
    if amount:  # 'epsom salt', 'milk of magnesia' unquoted: one form's name
        from magcli.commands.common import catalogue, is_form
        from magcli.domain.names import phrases

        chosen = catalogue(data)
        first = phrases([form, *amount], lambda name: is_form(chosen, name))[0]
        form, amount = first, amount[len(first.split()) - 1 :]
    # The person among the words ('70 female', '70yo'), as intake reads them; a bare
    # figure is the age only once the amount is given by its option.
    given = compound is not None or elemental is not None
    who, amount = person_of(
        amount or [], age, sex, pregnant, lactating, bare=given, aged_later=True
    )
    # The commands it suggests say the person as read, words and options alike.
    carry(age=who.age, sex=who.sex, pregnant=who.pregnant, lactating=who.lactating)
    if amount:  # the amount asked about first, then the person
        _which_amount(form, amount, given=given)
    if who.age is None and (who.sex is not None or who.pregnant or who.lactating):
        raise MagcliUsageError("--age is needed with a sex or a state, as in: --age 35 female")
    compound_mg = read_amount(compound, "--compound", MAX_COMPOUND_MG)
    elemental_mg = read_amount(elemental, "--elemental", MAX_ELEMENTAL_MG)
    _plausible(form, compound, compound_mg, elemental, elemental_mg)
    result = dose(
        form,
        compound=compound_mg,
        elemental=elemental_mg,
        label_mg=read_amount(label_mg, "--label-mg", MAX_ELEMENTAL_MG),
        age=who.age,
        sex=who.sex,
        pregnant=who.pregnant,
        lactating=who.lactating,
        region=region,
        weight_kg=weight,
        catalog=data,
    )
    return Answer(result, code=EXIT_OVER_LIMIT if strict and result.over_limit else EXIT_OK)


def _which_amount(form: str, words: list[str], given: bool) -> NoReturn:
    """`dose glycinate 500mg`: the amount can be either figure of a label; say both. The
    amount and the form the other way round, or the unit apart ('500 mg'), are read as
    meant; what is no amount at all is said to be none."""
    from magcli.domain.grammar import is_amount, is_unit
    from magcli.domain.names import MAGNESIUM_WORDS

    amount = " ".join(words)
    if not form.strip():
        raise MagcliUsageError("the form name is empty; 'magcli list' shows every form")
    if is_amount(form) and not is_amount(amount):  # dose 500mg glycinate
        form, amount = amount, form
    if given:
        if is_unit(amount):
            raise MagcliUsageError(
                f"{shell_word(amount)} is a unit on its own: write it next to the number, "
                "as in --compound 500mg or --elemental 1.5g"
            )
        raise MagcliUsageError(
            f"{shell_word(amount)} is one amount too many: give it with an option"
        )
    if not is_amount(amount):
        raise MagcliUsageError(
            f"{shell_word(amount)} is not an amount: give one such as 500mg or 1.5g, with "
            "--compound (the weight of the compound) or --elemental (the magnesium in it)"
        )
    name, weight = shell_word(form), shell_word(amount.replace(" ", ""))
    words = form.split()  # the salt's own name, after any 'magnesium' before it
    bare = (
        " ".join(words[1:]) if len(words) > 1 and words[0].casefold() in MAGNESIUM_WORDS else form
    )
    shown = escape_unsafe(shorten_plain(bare))
    suggest(
        f"is {weight} the weight of the compound or of the magnesium in it? One of:",
        [
            f"dose {name} --compound {weight}    (the weight of the compound, as a label's "
            f"'magnesium {shown} {weight}')",
            f"dose {name} --elemental {weight}   (the magnesium it holds, as a label's "
            f"'magnesium (as {shown}) {weight}')",
        ],
    )


# Bare figures (no unit, read as mg) that are unlikely to mean what they say: a salt
# weighs tens to thousands of milligrams a tablet, and a day's magnesium is well under
# a gram. Written with a unit, the figure is taken as written.
LEAST_COMPOUND_MG = 10.0
MOST_ELEMENTAL_MG = 3000.0


def _plausible(
    form: str,
    compound: str | None,
    compound_mg: float | None,
    elemental: str | None,
    elemental_mg: float | None,
) -> None:
    """Question a bare figure that is unlikely as mg, with the commands it may mean."""
    from magcli.domain.grammar import is_bare_figure

    name = shell_word(form)
    bare_compound = compound is not None and is_bare_figure(compound)
    if bare_compound and compound_mg is not None and compound_mg < LEAST_COMPOUND_MG:
        figure = written(compound_mg)
        suggest(
            f"--compound {figure} is read as {figure} mg of the salt, far less than a "
            "tablet holds; if you mean grams, or mean it, one of:",
            [f"dose {name} --compound {figure}g", f"dose {name} --compound {figure}mg"],
        )
    bare_elemental = elemental is not None and is_bare_figure(elemental)
    if bare_elemental and elemental_mg is not None and elemental_mg > MOST_ELEMENTAL_MG:
        figure = written(elemental_mg)
        suggest(
            f"--elemental {figure} is read as {elemental_mg:,.0f} mg of magnesium, many "
            "times a day's upper limit; if it is the weight of the salt, or you mean it, "
            "one of:",
            [f"dose {name} --compound {figure}mg", f"dose {name} --elemental {figure}mg"],
        )

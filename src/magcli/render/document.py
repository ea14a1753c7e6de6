"""Each result as a document for people (markdown, html): the answer first, then the
detail, as blocks that both formats draw. Which blocks a command's document has, and in
what order, is decided here once; markdown.py and html.py only know how to draw a block.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from magcli import results as out
from magcli.query import score_rule
from magcli.render.facts import (
    CHECK_MEANING,
    INTERACTIONS_HINT,
    PRODUCT_COLUMNS,
    Entry,
    a_person,
    daily_said,
    dose_marks,
    food_name,
    food_notes,
    form_facts,
    graded,
    intake_line,
    label_check_text,
    limit_cell,
    limit_said,
    medicine_rules,
    names_said,
    no_value_said,
    over_limit,
    plan_lead,
    product_cells,
    product_details,
    servings_note,
    short_name,
    stack_marks,
    stack_verdict,
    summary_facts,
    timeline,
    unique_sources,
    usual_name,
)
from magcli.text import mg_text

# Blocks ----------------------------------------------------------------------------------

if TYPE_CHECKING:
    from magcli.commands.compare import CompareResult
    from magcli.commands.dose import DoseResult
    from magcli.commands.foods import FoodsResult
    from magcli.commands.goals import GoalsResult
    from magcli.commands.intake import IntakeResult
    from magcli.commands.interactions import InteractionsResult, RiskGroupOut
    from magcli.commands.list_forms import ListFilters, ListResult
    from magcli.commands.plan import PlanResult
    from magcli.commands.products import ProductsResult
    from magcli.commands.rank import RankResult
    from magcli.commands.show import ShowResult
    from magcli.commands.stack import StackResult


@dataclass(frozen=True)
class Lead:
    """The answer, said first."""

    text: str


@dataclass(frozen=True)
class Warning:
    text: str


@dataclass(frozen=True)
class Para:
    """A plain paragraph."""

    text: str


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Grid:
    """A table: column headings, then rows of cells, each cell a list of entries. With
    `labels`, the first column heads the rows."""

    columns: list[str]
    rows: list[list[list[Entry]]]
    labels: bool = False
    numeric: frozenset[int] = frozenset()  # columns of figures, aligned right
    names: frozenset[int] = frozenset()  # columns of names, never broken across lines


@dataclass(frozen=True)
class Facts:
    """Labelled facts about one thing (a definition list)."""

    pairs: list[tuple[str, list[Entry]]]


@dataclass(frozen=True)
class Bars:
    """Figures to compare at a glance: (label, value, shown as, kind) on one scale."""

    title: str
    rows: list[tuple[str, float, str, str]]
    caption: str = ""


@dataclass(frozen=True)
class Commands:
    """Command lines to copy."""

    lines: list[str]


@dataclass(frozen=True)
class RiskGroups:
    """Who should ask a clinician before taking magnesium, and why."""

    groups: list[RiskGroupOut]


@dataclass(frozen=True)
class Sources:
    sources: list[out.SourceOut]


@dataclass(frozen=True)
class GradeLegend:
    pass


@dataclass(frozen=True)
class VerdictLegend:
    pass


Block = (
    Lead
    | Warning
    | Para
    | Heading
    | Grid
    | Facts
    | Bars
    | Commands
    | RiskGroups
    | Sources
    | GradeLegend
    | VerdictLegend
)


@dataclass(frozen=True)
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)


def document(result: out.Result) -> Document:
    """The document for `result`: its title, its warnings after the answer, then the
    rest, as the command's builder lays it out."""
    title, answer, rest = BUILDERS[result.command](result)
    warnings: list[Block] = [Warning(text) for text in result.warnings]
    return Document(title, [*answer, *warnings, *rest])


Parts = tuple[str, list[Block], list[Block]]  # title, the answer, the detail


def _text(value: str) -> list[Entry]:
    return [Entry(value)]


# Forms -----------------------------------------------------------------------------------


def _compare(result: CompareResult) -> Parts:
    forms = result.forms
    summary = Grid(
        ["", *(short_name(form) for form in forms)],
        _side_by_side([summary_facts(form, more="below") for form in forms]),
        labels=True,
    )
    detail: list[Block] = [
        _share_bars(forms),
        Heading("Every claim, with its note"),
        Grid(
            ["", *(short_name(form) for form in forms)],
            _side_by_side([form_facts(form) for form in forms]),
            labels=True,
        ),
        Para(INTERACTIONS_HINT),
        Sources(unique_sources(forms)),
        GradeLegend(),
        VerdictLegend(),
    ]
    lead = Lead(
        f"{len(forms)} forms side by side: the magnesium each holds, how well it is "
        "absorbed, what it is taken for and how strong the evidence is, with the popular "
        "claims set against it."
    )
    return "Magnesium forms compared", [lead, summary], detail


def _side_by_side(facts: list[list[tuple[str, list[Entry]]]]) -> list[list[list[Entry]]]:
    """Rows of (label, one cell per form), leaving out rows empty for every form."""
    rows = []
    for index, (label, _) in enumerate(facts[0]):
        cells = [each[index][1] for each in facts]
        if any(cells):
            rows.append([_text(label), *cells])
    return rows


def _share_bars(forms: list[out.FormOut]) -> Bars:
    return Bars(
        "Magnesium by weight of the compound",
        [
            (form.id, form.elemental_mg_percent, f"{form.elemental_mg_percent:.1f}%", "share")
            for form in forms
        ],
        "The rest of the weight is what the magnesium is bound to.",
    )


def _show(result: ShowResult) -> Parts:
    (form,) = result.forms
    lead = Lead(
        f"{form.name} ({form.compound}, {form.formula}) is {form.elemental_mg_percent:.1f}% "
        f"magnesium by weight; its absorption is {form.bioavailability.level.value} "
        f"[{form.bioavailability.grade.value}]."
    )
    answer: list[Block] = [lead, Facts(summary_facts(form, more="below"))]
    detail: list[Block] = [
        Heading("Everything magcli holds on it"),
        Facts(form_facts(form, full=True)[:-1]),  # the sources: in full below
        Para(INTERACTIONS_HINT),
        Sources(form.sources),
        GradeLegend(),
        VerdictLegend(),
    ]
    return form.name, answer, detail


def _list(result: ListResult) -> Parts:
    forms = result.forms
    if not forms:
        hint = ""
        if result.filters.goals:
            hint = (
                f" --for keeps forms with a claim of their own for the goal; 'magcli rank "
                f"{result.filters.goals[0]}' shows the evidence for magnesium in general."
            )
        return "Magnesium forms", [Lead("No form matches these filters." + hint)], [GradeLegend()]
    grid = Grid(
        ["Form", "Mg %", "Absorption", "Gut", "Uses [evidence]"],
        [
            [
                _text(form.id),
                _text(f"{form.elemental_mg_percent:.1f}"),
                [Entry(form.bioavailability.level.value, form.bioavailability.grade)],
                _text(form.side_effects.gi_tolerance.value),
                [Entry(use.goal, use.grade) for use in form.uses] or _text("none claimed"),
            ]
            for form in forms
        ],
        numeric=frozenset({1}),
        names=frozenset({0}),
    )
    lead = Lead(f"{len(forms)} forms" + _filters_said(result.filters) + ".")
    return "Magnesium forms", [lead, grid], [_share_bars(forms), GradeLegend()]


def _filters_said(filters: ListFilters) -> str:
    said = []
    if filters.goals:
        said.append("with evidence of their own for " + " and ".join(filters.goals))
    if filters.min_bioavailability:
        said.append(f"absorbed at least '{filters.min_bioavailability}'")
    if filters.gentle:
        said.append("not laxative")
    if filters.min_evidence:
        said.append(f"with evidence of at least '{filters.min_evidence}'")
    return (": " + ", ".join(said)) if said else ""


def _rank(result: RankResult) -> Parts:
    evidence = result.general_evidence
    size = f"({evidence.size}) " if evidence.size else ""
    lead = Lead(
        f"Magnesium in general (any form) for {result.goal_name.lower()}: "
        f"[{evidence.grade.value}] {size}{evidence.note}"
    )
    answer: list[Block] = [lead, Para(result.comparison)]
    if result.forms:
        answer.append(
            Grid(
                ["#", "Form", "Score", "This form's own evidence", "Absorption", "Gut"],
                [
                    [
                        _text(f"={item.rank}" if item.tied else str(item.rank)),
                        _text(item.id),
                        _text(str(item.score)),
                        [graded("", item.form_evidence)]
                        if item.form_evidence is not None
                        else _text("none"),
                        _text(item.bioavailability.level.value),
                        _text(item.side_effects.gi_tolerance.value),
                    ]
                    for item in result.forms
                ],
                numeric=frozenset({0, 2}),
                names=frozenset({1}),
            )
        )
    else:
        answer.append(Para(f"No form has evidence of its own for {result.goal_name.lower()}."))
    detail: list[Block] = [Para(score_rule())] if result.forms else []
    if any(item.tied for item in result.forms):
        detail.append(Para("=: the same score as another form, a tie."))
    if result.unranked:
        detail.append(Para("Not ranked (no evidence of their own): " + ", ".join(result.unranked)))
    cited = list(result.sources)
    for item in result.forms:
        if item.form_evidence is not None:
            cited += [s for s in item.sources if s.key in set(item.form_evidence.sources)]
    detail += [Sources(list({s.key: s for s in cited}.values())), GradeLegend()]
    return f"Forms ranked for {result.goal_name.lower()}", answer, detail


def _goals(result: GoalsResult) -> Parts:
    grid = Grid(
        ["Goal", "Magnesium in general (any form)", "Forms with their own evidence"],
        [
            [
                _text(goal.name),
                [
                    graded("", goal.general_evidence),
                    Entry(goal.comparison),
                ],
                [Entry(form.id, form.grade) for form in goal.forms_with_evidence] or _text("none"),
            ]
            for goal in result.goals
        ],
    )
    lead = Lead(
        "What people take magnesium for, what trials of magnesium in any form found, and "
        "which forms have evidence of their own. 'magcli rank GOAL' ranks the forms."
    )
    return "Goals", [lead, grid], [Sources(result.sources), GradeLegend()]


# Dose, intake, interactions, foods -------------------------------------------------------


def _dose(result: DoseResult) -> Parts:
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
        verdict = f"For {a_person(person.description)} ({person.reference} table, {person.stage}): "
        if result.need_mg is None:
            said = no_value_said(result)
            verdict += f"The {person.reference} {said}. " if "differs" in said else f"{said}. "
        else:
            verdict += (
                f"{person.reference} {result.need_mg} mg a day from all sources; this dose is "
                f"{result.percent_of_need:.0f}% of it. "
            )
        if result.upper_limit_mg is None:
            said = limit_said(None, result.upper_limit_mg_per_kg)
            verdict += said[0].upper() + said[1:] + "."
        elif result.over_limit:
            verdict += (
                f"It is ABOVE the {result.upper_limit_mg} mg a day upper limit for supplements."
            )
        else:
            verdict += (
                f"It is within the {result.upper_limit_mg} mg a day upper limit for supplements."
            )
        answer.append(Lead(verdict))
        marks = dose_marks(result)
        if marks:
            rows = [(label, value, mg_text(value), kind) for label, value, kind in marks]
            detail.append(Bars("This dose against the intake table", rows))
    else:
        given = "--compound" if result.input == "compound" else "--elemental"
        amount = result.compound_mg if result.input == "compound" else result.magnesium_mg
        detail += [
            Para(
                "Is it too much? Add an age and sex to set it against the RDA and the upper "
                "limit, for example:"
            ),
            Commands([f"magcli dose {result.form} {given} {amount:g}mg --age 35 --sex female"]),
        ]
    if result.label_check is not None:
        detail.append(Facts([("Label check", _text(label_check_text(result, result.label_check)))]))
    if result.label_notes:
        detail.append(Heading("Reading labels"))
        detail += [Para(note) for note in result.label_notes]
    detail.append(Para(INTERACTIONS_HINT))
    return f"Dose of {result.name}", answer, detail


def _intake(result: IntakeResult) -> Parts:
    answer: list[Block] = []
    if result.life_stage is not None:
        answer.append(Lead(intake_line(result)))
    else:
        answer.append(Lead(f"How much magnesium a day, by life stage: {result.region.name}."))
    usual = usual_name(result)

    def figure(value: int | None, reference: str) -> list[Entry]:
        if value is None:
            return _text("-")
        return _text(f"{value}" + (f" ({reference})" if reference != usual else ""))

    answer.append(
        Grid(
            ["Life stage", "Male", "Female", "Pregnancy", "Lactation", "Upper limit*"],
            [
                [
                    _text(stage.label),
                    figure(stage.male_mg, stage.reference),
                    figure(stage.female_mg, stage.reference),
                    figure(stage.pregnancy_mg, stage.reference),
                    figure(stage.lactation_mg, stage.reference),
                    _text(limit_cell(stage.upper_limit_mg, stage.upper_limit_mg_per_kg)),
                ]
                for stage in result.stages
            ],
            numeric=frozenset({1, 2, 3, 4, 5}),
        )
    )
    detail: list[Block] = [Para("* " + result.upper_limit_note)]
    detail.append(Para(names_said([stage.reference for stage in result.stages])))
    if result.region.unconfirmed:
        detail.append(
            Para(f"Not confirmed in the authority's document: {result.region.unconfirmed}.")
        )
    detail.append(Sources(result.sources))
    return "Magnesium intake, mg a day", answer, detail


def _interactions(result: InteractionsResult) -> Parts:
    title = "Medicines and magnesium"
    if result.query is not None:
        title += f": {result.query}"
    found = result.interactions
    if not found:
        lead = f"No entry in magcli's interaction table for {result.query or ''}."
    elif result.query is None:
        lead = (
            f"{len(found)} kinds of medicine that interact with magnesium, and what to do "
            "about each; ask a clinician first if one of the risk groups below applies to you."
        )
    elif len(found) == 1:
        lead = f"{found[0].drug_class}: {found[0].advice}"
    else:
        lead = f"{len(found)} entries match; what to do about each is below."
    answer: list[Block] = [Lead(lead)]
    for item in found:
        answer.append(Heading(item.drug_class))
        named = [name for name in item.medicines if name.lower() not in item.drug_class.lower()]
        pairs = [("What to do", [Entry(item.advice)]), ("What happens", _text(item.effect))]
        if item.brands:
            pairs.insert(0, ("Brands", _text(", ".join(item.brands))))
        if named:
            pairs.insert(0, ("Medicines", _text(", ".join(named))))
        if item.note:
            pairs.append(("Note", _text(item.note)))
        pairs.append(("Sources", [Entry(key, cite=True) for key in item.sources]))
        answer.append(Facts(pairs))
    return title, answer, [RiskGroups(result.risk_groups), Sources(result.sources)]


def _foods(result: FoodsResult) -> Parts:
    servings = any(food.servings_for_need is not None for food in result.foods)
    columns = ["Food", "Serving", "mg", "% DV"] + (["Servings for RDA"] if servings else [])
    rows = []
    for food in result.foods:
        row = [
            _text(food_name(food)),
            _text(food.serving),
            _text(str(food.magnesium_mg)),
            _text(f"{food.percent_dv}%"),
        ]
        if servings:
            count = food.servings_for_need
            row.append(_text("" if count is None else f"{count:.1f}"))
        rows.append(row)
    answer: list[Block] = [
        Lead("Foods richest in magnesium, per serving." if result.foods else "No food matches.")
    ]
    if result.foods:
        answer.append(Grid(columns, rows, numeric=frozenset({2, 3, 4})))
    detail: list[Block] = [Para(note) for note in food_notes(result)]
    if result.foods:
        detail.append(
            Bars(
                "Magnesium per serving",
                [
                    (food.food, float(food.magnesium_mg), f"{food.magnesium_mg} mg", "share")
                    for food in result.foods
                ],
            )
        )
    detail.append(
        Para(
            f"% DV: share of the {result.daily_value_mg} mg Daily Value on US labels "
            "(adults and children 4 and up)."
        )
    )
    if servings_note(result):
        detail.append(Para(servings_note(result)))
    detail.append(Sources(result.sources))
    return "Food sources of magnesium", answer, detail


def _products(result: ProductsResult) -> Parts:
    count = len(result.products)
    lead = Lead(
        f"{count} product{'s' if count != 1 else ''}: the magnesium in each, what a day takes, "
        "how long a container lasts, the cost per 100 mg of magnesium, and whether each "
        "label's magnesium fits its formula."
    )
    answer: list[Block] = [lead]
    if result.general_evidence is not None and result.filters.goal is not None:
        evidence = result.general_evidence
        answer.append(
            Para(
                f"Magnesium in general (any form) for {result.filters.goal}: "
                f"[{evidence.grade.value}] {evidence.note}"
            )
        )
    columns = list(PRODUCT_COLUMNS)
    if result.filters.goal is not None:
        columns.append(f"For {result.filters.goal}")
    rows = []
    for product in result.products:
        cells = product_cells(product)
        name, forms = cells[0].split("\n", 1)
        row = [[Entry(name), Entry(forms)], *(_text(cell) for cell in cells[1:])]
        if result.filters.goal is not None:
            row.append(
                [Entry(item.form, item.grade) for item in product.evidence or []]
                if any(item.grade for item in product.evidence or [])
                else _text("none")
            )
        rows.append(row)
    if rows:
        answer.append(Grid(columns, rows, numeric=frozenset({1, 2, 3, 4})))
    else:
        answer.append(Para("No product to show."))
    if over_limit(result):
        answer.append(Para(over_limit(result)))
    detail: list[Block] = [Para(daily_said(result)), Heading("Each product")]
    detail.append(
        Facts(
            [
                (product.name, [Entry(line) for line in product_details(product)])
                for product in result.products
            ]
        )
    )
    detail.append(Heading("What the label checks mean"))
    detail.append(Facts([(word, _text(meaning)) for word, meaning in CHECK_MEANING.items()]))
    detail += [Sources(result.sources), GradeLegend()] if result.sources else []
    return "Your products", answer, detail


def _stack(result: StackResult) -> Parts:
    answer: list[Block] = [Lead(stack_verdict(result))]
    rows = [
        [_text(row.source), _text(mg_text(row.magnesium_mg_per_day)), _text(row.note)]
        for row in result.rows
    ]
    rows.append([_text("Total"), _text(mg_text(result.total_magnesium_mg_per_day)), _text("")])
    answer.append(Grid(["Source", "mg a day", "Note"], rows, numeric=frozenset({1})))
    marks = stack_marks(result)
    answer.append(
        Bars(
            "The day against the limit",
            [(label, value, mg_text(value), kind) for label, value, kind in marks],
        )
    )
    detail: list[Block] = []
    if result.total_intake_mg is not None and result.percent_of_need is not None:
        detail.append(
            Para(
                f"With {mg_text(result.diet_mg or 0)} from food: {mg_text(result.total_intake_mg)} "
                f"a day, {result.percent_of_need:.0f}% of the {result.need_mg} mg "
                f"{result.need_name}."
            )
        )
    if result.medicines:
        answer.append(Heading("With your medicines"))
        answer += [Para(line) for line in medicine_rules(result.medicines)]
        answer.append(Para("'magcli plan' times the magnesium around them."))
    detail += [Para("* " + result.region.upper_limit_note), Sources(result.sources)]
    return "Supplemental magnesium in a day", answer, detail


def _plan(result: PlanResult) -> Parts:
    answer: list[Block] = [Lead(plan_lead(result))]
    answer.append(
        Grid(
            ["Time", "What", "Why"],
            [[_text(time), _text(what), _text(why)] for time, what, why in timeline(result)],
        )
    )
    detail: list[Block] = [Para(note) for note in result.notes]
    detail += [Para(f"Region: {result.region.name}."), Sources(result.sources)]
    return "Your day", answer, detail


BUILDERS: dict[str, Callable[[Any], Parts]] = {
    "compare": _compare,
    "show": _show,
    "list": _list,
    "rank": _rank,
    "goals": _goals,
    "dose": _dose,
    "intake": _intake,
    "interactions": _interactions,
    "foods": _foods,
    "products": _products,
    "stack": _stack,
    "plan": _plan,
}

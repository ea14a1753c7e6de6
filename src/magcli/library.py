"""The library: one function per command, each returning that command's result model.

The command line and `import magcli` call these same functions. Each takes plain values
(names, numbers, or strings such as "1.5g"), forgives case and separators as the command
line does, raises a MagcliError for a mistake, and returns a model from
`magcli.results`: the JSON document, the schema and what every renderer draws.

`catalog` is a loaded catalogue, a path to one, or None for the bundled catalogue (or
the file named by $MAGCLI_DATA).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from magcli import results as out
from magcli.catalog import (
    Resolver,
    load_catalog,
    load_reference,
    resolve_goal,
)
from magcli.catalog import resolve as _resolve_form
from magcli.errors import UsageError
from magcli.names import repeat_warnings
from magcli.nutrition import FoodSort, Sex, food_rows, life_stage, requirement, resolve_region
from magcli.query import filter_forms as _filter
from magcli.query import forms_with_evidence, rank_forms, sort_forms
from magcli.text import mg_text, readable
from magcli.units import MAX_DAY_MG, MAX_MILLIGRAMS, check_milligrams, parse_amount, split_amount
from magcli.vocab import Grade, IntakeName, Level, SortField, choose

if TYPE_CHECKING:
    from magcli.models import Catalog, Claim, Form, GeneralEvidence, Reference, Source
    from magcli.nutrition import LifeStage, Requirement
    from magcli.planning import Schedule, Taken
    from magcli.shelf import DayMedicine


def _catalog(catalog: Catalog | str | os.PathLike[str] | None) -> Catalog:
    if catalog is None or isinstance(catalog, str | os.PathLike):
        return load_catalog(catalog)
    return catalog


def catalogue(catalog: Catalog | str | os.PathLike[str] | None = None) -> Catalog:
    """The catalogue: a path (or the bundled one) loaded, or a Catalog as it is."""
    return _catalog(catalog)


def is_goal(catalog: Catalog, word: str) -> bool:
    """Whether `word` names a goal of the catalogue (by id or alias)."""
    from magcli.catalog import goal_names
    from magcli.names import normalize_name

    return normalize_name(word) in goal_names(catalog)


def is_form(catalog: Catalog, word: str) -> bool:
    """Whether `word` names a form of the catalogue (by id, alias or name)."""
    try:
        return Resolver(catalog).index.identify(word) is not None
    except UsageError:
        return False


# Commands about forms ----------------------------------------------------------------


def compare(
    *names: str, catalog: Catalog | str | os.PathLike[str] | None = None
) -> out.CompareResult:
    """Forms side by side, in the order named, each once (a repeat is a warning)."""
    if len(names) < 2:
        raise UsageError("compare needs at least two forms; use 'magcli show FORM' for one")
    chosen = _catalog(catalog)
    forms, repeats = Resolver(chosen).select(names)
    return out.CompareResult(
        data_version=chosen.data_version,
        command="compare",
        forms=[form_out(form, chosen) for form in forms],
        warnings=repeat_warnings(repeats),
    )


def list_forms(
    *,
    goals: Iterable[str] = (),
    min_bioavailability: Level | str | None = None,
    gentle: bool = False,
    min_evidence: Grade | str | None = None,
    sort: SortField | str = SortField.CATALOG,
    catalog: Catalog | str | os.PathLike[str] | None = None,
) -> out.ListResult:
    """Forms that pass every filter given: a claim of their own for each goal, absorbed at
    least as well as asked, not laxative when gentle, evidence at least min_evidence."""
    level = choose(Level, min_bioavailability, "level") if min_bioavailability else None
    grade = choose(Grade, min_evidence, "grade") if min_evidence else None
    order = choose(SortField, sort, "sort field")
    chosen = _catalog(catalog)
    wanted = list(dict.fromkeys(resolve_goal(chosen, goal).id for goal in goals))
    kept = _filter(
        chosen.forms, goals=wanted, min_bioavailability=level, gentle=gentle, min_evidence=grade
    )
    return out.ListResult(
        data_version=chosen.data_version,
        command="list",
        filters=out.ListFilters(
            goals=wanted,
            min_bioavailability=level,
            gentle=gentle,
            min_evidence=grade,
            sort=order.value,
        ),
        forms=[form_out(form, chosen) for form in sort_forms(kept, order, wanted)],
    )


def resolve(name: str, catalog: Catalog | str | os.PathLike[str] | None = None) -> Form:
    """The catalogue form a name or alias refers to ('bisglycinate', 'Magtein', 'mg
    citrate'); a UsageError with the closest names otherwise."""
    return _resolve_form(_catalog(catalog), name)


def filter_forms(
    *,
    goals: Iterable[str] = (),
    min_bioavailability: Level | str | None = None,
    gentle: bool = False,
    min_evidence: Grade | str | None = None,
    sort: SortField | str = SortField.CATALOG,
    catalog: Catalog | str | os.PathLike[str] | None = None,
) -> list[Form]:
    """The catalogue forms `list_forms` lists, in its order, for the same filters."""
    chosen = _catalog(catalog)
    listed = list_forms(
        goals=goals,
        min_bioavailability=min_bioavailability,
        gentle=gentle,
        min_evidence=min_evidence,
        sort=sort,
        catalog=chosen,
    )
    by_id = {form.id: form for form in chosen.forms}
    return [by_id[form.id] for form in listed.forms]


def show(name: str, *, catalog: Catalog | str | os.PathLike[str] | None = None) -> out.ShowResult:
    """Everything about one form, with full citations."""
    chosen = _catalog(catalog)
    return out.ShowResult(
        data_version=chosen.data_version,
        command="show",
        forms=[form_out(_resolve_form(chosen, name), chosen)],
    )


def rank(goal: str, *, catalog: Catalog | str | os.PathLike[str] | None = None) -> out.RankResult:
    """The evidence for magnesium in general for a goal, whether any form was shown
    better, then the forms by score (every form when the general evidence is human)."""
    chosen = _catalog(catalog)
    found = resolve_goal(chosen, goal)
    ranking = rank_forms(chosen, found)
    return out.RankResult(
        data_version=chosen.data_version,
        command="rank",
        goal=found.id,
        goal_name=found.name,
        general_evidence=_evidence(found.general_evidence),
        form_shown_better=found.form_shown_better,
        comparison=found.comparison,
        forms=[
            out.RankedFormOut(
                **form_out(item.form, chosen).model_dump(),
                rank=1 + sum(other.score > item.score for other in ranking.ranked),
                tied=sum(other.score == item.score for other in ranking.ranked) > 1,
                score=item.score,
                score_parts=[
                    out.ScorePartOut(name=part.name, points=part.points, reason=part.reason)
                    for part in item.parts
                ],
                form_evidence=None if item.use is None else _evidence(item.use),
            )
            for item in ranking.ranked
        ],
        unranked=[form.id for form in ranking.unranked],
        sources=sources_out(found.general_evidence.sources, chosen.sources),
    )


def goals(*, catalog: Catalog | str | os.PathLike[str] | None = None) -> out.GoalsResult:
    """Every goal with the evidence for magnesium in general, and the forms with their own."""
    chosen = _catalog(catalog)
    keys = [key for goal in chosen.goals for key in goal.general_evidence.sources]
    return out.GoalsResult(
        data_version=chosen.data_version,
        command="goals",
        goals=[
            out.GoalOut(
                id=goal.id,
                name=goal.name,
                aliases=goal.aliases,
                general_evidence=_evidence(goal.general_evidence),
                form_shown_better=goal.form_shown_better,
                comparison=goal.comparison,
                forms_with_evidence=[
                    out.FormGradeOut(id=form.id, grade=use.grade)
                    for form, use in forms_with_evidence(chosen, goal)
                ],
            )
            for goal in chosen.goals
        ],
        sources=sources_out(keys, chosen.sources),
    )


# Dose, intake, interactions and food ------------------------------------------------


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
    weight_kg: float | None = None,
    catalog: Catalog | str | os.PathLike[str] | None = None,
) -> out.DoseResult:
    """A dose as compound weight and as magnesium (give one, in mg or as '1.5g'), and with
    an age, against the RDA and the supplement upper limit; `label_mg` checks a label's
    magnesium figure for that compound weight against the formula."""
    from magcli.dosing import MAX_COMPOUND_MG, MAX_ELEMENTAL_MG, label_notes_for, warnings_for
    from magcli.dosing import dose as convert

    person = _person(age, sex, pregnant, lactating)
    compound_mg = amount(compound, "compound", MAX_COMPOUND_MG)
    elemental_mg = amount(elemental, "elemental", MAX_ELEMENTAL_MG)
    label = amount(label_mg, "label_mg")
    chosen = _catalog(catalog)
    reference = load_reference()
    where = resolve_region(reference, region)
    needs = _needs(reference, person, where, weight_kg) if person else None
    result = convert(
        _resolve_form(chosen, form),
        compound_mg=compound_mg,
        elemental_mg=elemental_mg,
        requirement=needs,
        label_mg=label,
    )
    check = result.label
    share = result.percent_of_need
    return out.DoseResult(
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
        life_stage=_life_stage_out(person, needs),
        need_mg=needs.rda_mg if needs else None,
        need_name=_need_name(needs),
        upper_limit_mg=needs.ul_mg if needs else None,
        upper_limit_mg_per_kg=needs.ul_mg_per_kg if needs else None,
        percent_of_need=None if share is None else round(share, 1),
        over_limit=result.over_limit,
        label_check=None
        if check is None
        else out.LabelCheckOut(
            label_mg=check.label_mg,
            implied_percent=round(check.implied_percent, 2),
            verdict=check.verdict,
        ),
        region=region_out(reference, where),
        label_notes=label_notes_for(result),
        warnings=warnings_for(result),
    )


def intake(
    *,
    age: float | str | None = None,
    sex: Sex | str | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    region: str = "us",
) -> out.IntakeResult:
    """A region's intake table (the US one, IOM 1997, unless said), or the row and
    values for one person."""
    person = _person(age, sex, pregnant, lactating)
    reference = load_reference()
    where = resolve_region(reference, region)
    needs = requirement(reference, person, where) if person else None
    table = reference.table(where)
    stages = table.stages if needs is None else [needs.stage]
    chosen = reference.region(where)
    return out.IntakeResult(
        data_version=reference.data_version,
        command="intake",
        region=region_out(reference, where),
        life_stage=_life_stage_out(person, needs),
        need_mg=needs.rda_mg if needs else None,
        need_name=_need_name(needs),
        upper_limit_mg=needs.ul_mg if needs else None,
        stages=[
            out.StageOut(
                label=stage.label,
                from_years=stage.from_years,
                to_years=stage.to_years,
                reference=stage.reference,
                male_mg=stage.male_mg,
                female_mg=stage.female_mg,
                pregnancy_mg=stage.pregnancy_mg,
                lactation_mg=stage.lactation_mg,
                upper_limit_mg=stage.ul_mg,
                upper_limit_mg_per_kg=stage.ul_mg_per_kg,
            )
            for stage in stages
        ],
        upper_limit_note=chosen.ul_note,
        sources=region_sources(reference, where),
    )


def region_sources(
    reference: Reference, region_id: str, more: Sequence[str] = ()
) -> list[out.SourceOut]:
    """Everything a region's values cite (the region's sources and its table's), then
    the `more` keys, each once."""
    keys = [*reference.region(region_id).sources, *reference.table(region_id).sources, *more]
    return sources_out(keys, reference.sources)


def adult_limit(reference: Reference, region_id: str) -> int | None:
    """The region's supplement upper limit for an adult (None where it sets none)."""
    adult = life_stage(ADULT_AGE)
    assert adult is not None
    return requirement(reference, adult, region_id).ul_mg


def region_out(reference: Reference, region_id: str) -> out.RegionOut:
    region = reference.region(region_id)
    return out.RegionOut(
        id=region.id,
        name=region.name,
        upper_limit_note=region.ul_note,
        unconfirmed=region.unconfirmed,
        split_doses=region.split_doses,
    )


def interactions(
    medicine: str | None = None, *, catalog: Catalog | str | os.PathLike[str] | None = None
) -> out.InteractionsResult:
    """The interaction entries for a medicine (a generic name, brand, class, or a form's
    name for every entry), or all of them; who should ask a clinician first always."""
    from magcli.medicines import lookup

    reference = load_reference()
    found = lookup(reference, medicine, _catalog(catalog))
    keys = [key for item in [*found.interactions, *reference.risk_groups] for key in item.sources]
    notice = found.not_listed
    return out.InteractionsResult(
        data_version=reference.data_version,
        command="interactions",
        query=None if found.query is None else readable(found.query),
        form=found.form.id if found.form else None,
        interactions=[
            out.InteractionOut(
                id=item.id,
                drug_class=item.drug_class,
                class_names=item.class_names,
                medicines=item.medicines,
                brands=item.brands,
                effect=item.effect,
                spacing=out.SpacingOut.model_validate(item.spacing.model_dump()),
                advice=item.full_advice,
                note=item.note,
                sources=item.sources,
            )
            for item in found.interactions
        ],
        not_listed=notice,
        suggestions=list(found.suggestions),
        risk_groups=[
            out.RiskGroupOut.model_validate(item.model_dump()) for item in reference.risk_groups
        ],
        sources=sources_out(keys, reference.sources),
        warnings=found.warnings,
    )


def foods(
    *names: str,
    top: int | None = None,
    min_mg: float = 0,
    sort: FoodSort | str = FoodSort.MG,
    age: float | str | None = None,
    sex: Sex | str | None = None,
    pregnant: bool = False,
    lactating: bool = False,
) -> out.FoodsResult:
    """Food sources of magnesium per serving, with the share of the Daily Value, and with
    an age and sex, the servings of each that reach the RDA."""
    order = choose(FoodSort, sort, "sort")
    person = _person(age, sex, pregnant, lactating)
    reference = load_reference()
    needs = requirement(reference, person) if person else None
    rows = food_rows(
        reference,
        names=names,
        top=top,
        min_mg=min_mg,
        sort=order,
        # An infant's AI is set from breast milk: servings of these foods mean nothing.
        rda_mg=needs.rda_mg if needs and needs.reference == "RDA" else None,
    )
    return out.FoodsResult(
        data_version=reference.data_version,
        command="foods",
        filters=out.FoodFilters(names=list(names), top=top, min_mg=min_mg, sort=order.value),
        daily_value_mg=reference.daily_value_mg,
        life_stage=_life_stage_out(person, needs),
        need_mg=needs.rda_mg if needs else None,
        need_name=_need_name(needs),
        foods=[
            out.FoodOut(
                food=row.food.food,
                serving=row.food.serving,
                magnesium_mg=row.food.mg,
                note=row.food.note,
                percent_dv=row.percent_dv,
                servings_for_need=None
                if row.servings_for_rda is None
                else round(row.servings_for_rda, 1),
            )
            for row in rows
        ],
        sources=sources_out(reference.foods.sources, reference.sources),
    )


# Products --------------------------------------------------------------------------------

PRODUCT_SORTS = ("file", "cost", "magnesium", "evidence")


def products(
    *files: str | os.PathLike[str],
    daily: float | str | None = None,
    goal: str | None = None,
    sort: str = "file",
    region: str = "us",
    skip_bad: bool = False,
    catalog: Catalog | str | os.PathLike[str] | None = None,
) -> out.ProductsResult:
    """A shelf of products (shelf files, DSLD label records, or folders of them): per
    product the forms, magnesium per serving and per unit, the units for a daily amount,
    how long a container lasts, the cost per 100 mg of magnesium and per 30 days,
    whether the label's magnesium fits the formula, and whether its day is above the
    region's supplement upper limit for an adult."""
    from magcli.costing import costs, label_check, notes, plan
    from magcli.shelf import read_shelves

    if not files:
        raise UsageError("products needs a shelf file, a label record or a folder of them")
    order = sort.strip().lower()
    if order not in PRODUCT_SORTS:
        raise UsageError(f"--sort must be one of {', '.join(PRODUCT_SORTS)}, not {readable(sort)}")
    if order == "evidence" and goal is None:
        raise UsageError("--sort evidence needs a goal: add --for GOAL")
    daily_mg = amount(daily, "--daily", MAX_DAY_MG)
    chosen = _catalog(catalog)
    reference = load_reference()
    where = resolve_region(reference, region)
    limit = adult_limit(reference, where)
    found_goal = resolve_goal(chosen, goal) if goal is not None else None
    paths = [os.fspath(file) for file in files]
    shelf, skipped = read_shelves(paths, Resolver(chosen), skip_bad=skip_bad)
    by_id = {form.id: form for form in chosen.forms}
    richest = max(form.elemental_mg_percent for form in chosen.forms)
    rows = []
    cited: list[str] = list(found_goal.general_evidence.sources) if found_goal else []
    for product in shelf:
        forms = [by_id[form_id] for form_id in product.forms]
        check = label_check(product, forms, richest)
        planned = plan(product, daily_mg)
        money = costs(product, planned)
        day = _round(planned.mg_per_day, 1)
        evidence = None
        if found_goal is not None:
            evidence = []
            for form in forms:
                own = next((use for use in form.uses if use.goal == found_goal.id), None)
                evidence.append(
                    out.ProductEvidenceOut(form=form.id, grade=own.grade if own else None)
                )
                cited += list(own.sources) if own else []
        rows.append(
            out.ProductOut(
                name=product.name,
                brand=product.brand,
                dsld_id=product.dsld_id,
                source=product.source,
                forms=list(product.forms),
                unknown_forms=list(product.unknown_forms),
                magnesium_mg_per_serving=_round(product.magnesium_mg, 1),
                compound_mg_per_serving=_round(product.compound_mg, 1),
                serving_units=product.serving_units,
                magnesium_mg_per_unit=_round(planned.mg_per_unit, 1),
                units_per_container=product.units_per_container,
                daily_mg=_round(planned.daily_mg, 1),
                daily_basis=planned.basis,
                units_per_day=planned.units_per_day,
                magnesium_mg_per_day=day,
                over_limit=None if limit is None or day is None else day > limit,
                days_per_container=_round(planned.days, 1),
                price=product.price,
                currency=product.currency,
                cost_per_100mg_magnesium=_round(money.per_100mg, 4),
                cost_per_30_days=_round(money.per_30_days, 2),
                label_check=out.ProductCheckOut(
                    verdict=check.verdict,
                    implied_percent=check.implied_percent,
                    formula_percent=check.formula_percent,
                    note=check.note,
                ),
                evidence=evidence,
                notes=notes(product, planned, limit),
            )
        )
    rows = _sort_products(rows, order)
    warnings = []  # the skipped products are said on stderr by the command line
    currencies = sorted({row.currency for row in rows if row.currency})
    if len(currencies) > 1:
        warnings.append(
            f"prices are in {', '.join(currencies)}: costs are compared only within one "
            "currency, never converted"
        )
    return out.ProductsResult(
        data_version=chosen.data_version,
        command="products",
        files=[readable(path) for path in paths],
        filters=out.ProductFilters(
            daily_mg=daily_mg, goal=found_goal.id if found_goal else None, sort=order
        ),
        general_evidence=_evidence(found_goal.general_evidence) if found_goal else None,
        region=region_out(reference, where),
        upper_limit_mg=limit,
        products=rows,
        skipped=skipped,
        sources=_merged(
            sources_out(cited, chosen.sources), region_sources(reference, where) if limit else []
        ),
        warnings=warnings,
    )


ADULT_AGE = 30.0  # the age whose values stand for 'an adult' when no --age is given


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
    weight_kg: float | None = None,
    skip_bad: bool = False,
    catalog: Catalog | str | os.PathLike[str] | None = None,
) -> out.StackResult:
    """A day's supplemental magnesium: each product of the shelf files at its
    servings_per_day (one serving where none is given), plus amounts added by hand (an
    antacid, a laxative), against the upper limit for the person and region, and with
    --diet, the intake need; with the spacing rule of each medicine of the day (a
    --medicine, or a day file's [[medicines]])."""
    from magcli.shelf import Shelf, read_day

    if not files and not add:
        raise UsageError("stack needs a shelf file or an amount (--add 250mg)")
    reference = load_reference()
    where = resolve_region(reference, region)
    assumed = age is None
    if assumed and (pregnant or lactating):
        raise UsageError("--pregnant and --lactating need --age")
    person = _person(ADULT_AGE if assumed else age, sex, pregnant, lactating)
    assert person is not None
    needs = _needs(reference, person, where, weight_kg)
    rows: list[out.StackRowOut] = []
    chosen = _catalog(catalog)
    day = Shelf()
    if files:
        day = read_day(
            [os.fspath(file) for file in files],
            Resolver(chosen),
            skip_bad=skip_bad,
            need_products=False,
        )
    skipped = day.skipped
    taken = _taken(reference, chosen, medicines, day.medicines)
    for product in day.products:
        if product.magnesium_mg is None:
            skipped.append(f"{product.source}: the label gives no amount of magnesium")
            continue
        servings = product.servings_per_day
        rows.append(
            out.StackRowOut(
                source=product.name,
                kind="product",
                magnesium_mg_per_day=round(product.magnesium_mg * (servings or 1), 1),
                servings_per_day=servings,
                note="" if servings else "no servings_per_day: one serving a day",
            )
        )
    for item in add:
        milligrams, named = _added(item)
        rows.append(
            out.StackRowOut(
                source=named or "added",
                kind="added",
                magnesium_mg_per_day=round(milligrams, 1),
                servings_per_day=None,
                note="",
            )
        )
    total = round(sum(row.magnesium_mg_per_day for row in rows), 1)
    limit = needs.ul_mg
    over = None if limit is None else round(total, 1) > limit
    diet_mg = amount(diet, "--diet", MAX_DAY_MG) if diet is not None else None
    need = needs.rda_mg
    intake_total = None if diet_mg is None else round(diet_mg + total, 1)
    percent = None if need is None or intake_total is None else round(intake_total / need * 100, 1)
    chosen_region = reference.region(where)
    warnings = []
    if over:
        warnings.append(
            f"{mg_text(total)} of supplemental magnesium a day is above the {limit} mg upper "
            f"limit ({chosen_region.name}, {needs.stage.label}). Above it, diarrhoea and cramps "
            "become likely; take less, or ask a clinician."
        )
    if chosen_region.split_doses and total > 0:
        warnings.append(
            "The advice in this region is to divide the day's supplement into at least two intakes."
        )
    if limit is None and needs.ul_mg_per_kg is not None:
        warnings.append(
            f"The upper limit at this age is {needs.ul_mg_per_kg:g} mg per kg of body weight a "
            "day: give --weight for a verdict."
        )
    if assumed:
        warnings.append(
            "No --age given: the values are an adult's; give --age (and --sex) for anyone else."
        )
    return out.StackResult(
        data_version=reference.data_version,
        command="stack",
        region=region_out(reference, where),
        life_stage=_life_stage_out(person, needs),
        assumed_adult=assumed,
        rows=rows,
        total_magnesium_mg_per_day=total,
        upper_limit_mg=limit,
        upper_limit_mg_per_kg=needs.ul_mg_per_kg,
        over_limit=over,
        need_mg=need,
        need_name=_need_name(needs),
        diet_mg=diet_mg,
        total_intake_mg=intake_total,
        percent_of_need=percent,
        skipped=skipped,
        medicines=_medicines_out(taken),
        sources=region_sources(
            reference, where, [key for dose in taken for key in dose.rule.sources]
        ),
        warnings=warnings,
    )


SPLIT_ABOVE_MG = 360  # the dose at which the US limit's diarrhoea was seen (IOM 1997)


def plan(
    *files: str | os.PathLike[str],
    medicines: Sequence[str] = (),
    magnesium: float | str | None = None,
    region: str = "us",
    catalog: Catalog | str | os.PathLike[str] | None = None,
) -> out.PlanResult:
    """A daily timetable: the day's magnesium (a shelf file's products at their servings a
    day, or an amount) placed outside every medicine's spacing window, in two doses where
    the region advises it or the dose is large, in the evening where nothing decides."""
    from magcli.planning import clock, plan_day
    from magcli.shelf import Shelf, read_day

    reference = load_reference()
    where = resolve_region(reference, region)
    chosen = _catalog(catalog)
    paths = [os.fspath(file) for file in files]
    day = read_day(paths, Resolver(chosen), need_products=False) if paths else Shelf()
    taken = _taken(reference, chosen, medicines, day.medicines)
    if not taken:
        raise UsageError(
            "plan needs the medicines and their times: --medicine 'doxycycline 08:00', or "
            "[[medicines]] in a day file"
        )
    if magnesium is not None and day.products:
        raise UsageError("give the magnesium to take once: a shelf file's products, or --magnesium")
    if magnesium is not None:
        day_mg = amount(magnesium, "--magnesium", MAX_DAY_MG)
        assert day_mg is not None
    elif day.products:
        day_mg = sum((p.magnesium_mg or 0) * (p.servings_per_day or 1) for p in day.products)
        if not day_mg:
            raise UsageError("the shelf gives no amount of magnesium to place")
    else:
        raise UsageError("give the magnesium to take: a shelf file, or --magnesium 300mg")
    region_data = reference.region(where)
    limit = adult_limit(reference, where)
    split = day_mg > SPLIT_ABOVE_MG or (
        region_data.split_doses and limit is not None and day_mg > limit
    )
    timetable = plan_day(taken, day_mg, split=split)
    medicines_out = _medicines_out(taken)
    notes = list(timetable.notes)
    if len(timetable.doses) == 2:
        why = (
            f"{region_data.name} advises dividing the day's supplement into two intakes"
            if region_data.split_doses
            else f"more than {SPLIT_ABOVE_MG} mg a day, the amount at which diarrhoea set the "
            "US upper limit"
        )
        notes.append(f"Split in two: {why}.")
    keys = [key for dose in taken for key in dose.rule.sources]
    over = []
    if limit is not None and day_mg > limit:
        over.append(
            f"{mg_text(day_mg)} of supplemental magnesium a day is above the {limit} mg "
            f"upper limit for adults ({region_data.name}); 'magcli stack' checks a whole day."
        )
    return out.PlanResult(
        data_version=reference.data_version,
        command="plan",
        region=region_out(reference, where),
        magnesium_mg_per_day=round(day_mg, 1),
        medicines=medicines_out,
        doses=[
            out.PlannedDoseOut(
                time=clock(dose.minutes),
                magnesium_mg=dose.magnesium_mg,
                why=dose.why,
                sources=list(dose.sources),
            )
            for dose in timetable.doses
        ],
        conflicts=timetable.conflicts,
        cautions=timetable.cautions,
        notes=notes,
        sources=sources_out(keys, reference.sources),
        warnings=[*timetable.conflicts, *timetable.cautions, *timetable.warnings, *over],
    )


def _taken(
    reference: Reference,
    catalog: Catalog,
    given: Sequence[str],
    written: Sequence[DayMedicine] = (),
) -> list[Taken]:
    """Each medicine dose (a --medicine, or a day file's [[medicines]]) with the entry
    that rules it; a name the table does not list is refused, alone or beside a listed
    one: unlisted is not safe."""
    from magcli.medicines import lookup
    from magcli.planning import (
        Taken,
        check_medicine_name,
        read_schedule,
        read_time,
        split_medicine,
    )

    read: list[tuple[str, tuple[str, int, Schedule]]] = [
        (f"--medicine {readable(text)[:80]!r}", split_medicine(text)) for text in given
    ]
    for entry in written:
        what = entry.where
        read.append(
            (
                what,
                (
                    check_medicine_name(entry.name, what),
                    read_time(entry.time, what),
                    read_schedule(entry.days.split(), what),
                ),
            )
        )
    taken: list[Taken] = []
    for what, (name, minutes, schedule) in read:
        found = lookup(reference, name, catalog)
        if found.form is not None:
            raise UsageError(f"{what}: {readable(name)} is a magnesium form, not a medicine")
        if not found.interactions:
            raise UsageError(found.not_listed or f"{readable(name)} is not in magcli's table")
        if found.unread:  # 'warfarin and zinc': a medicine the table does not list
            raise UsageError(
                f"{what}: {readable(' '.join(found.unread))} is not in magcli's table of "
                "medicines that interact with magnesium. That does not mean it is safe with "
                "magnesium: ask a pharmacist. Give one medicine per entry."
            )
        for rule in found.interactions:
            taken.append(Taken(readable(name), minutes, rule, schedule))
    return taken


def _medicines_out(taken: Sequence[Taken]) -> list[out.PlannedMedicineOut]:
    """The medicine doses as the results show them, in the order of the day."""
    from magcli.planning import WEEKDAYS, clock

    return [
        out.PlannedMedicineOut(
            name=dose.name,
            time=clock(dose.minutes),
            days=dose.schedule.said,
            repeat=dose.schedule.repeat,
            weekdays=[WEEKDAYS[day] for day in dose.schedule.weekdays],
            day_of_month=dose.schedule.month_day,
            interaction=dose.rule.id,
            order=dose.rule.spacing.order,
            hours_after_medicine=dose.after_medicine,
            hours_before_medicine=dose.before_medicine,
            fasting_minutes=dose.rule.spacing.fasting_minutes,
            rule=dose.rule.full_advice,
            sources=list(dose.rule.sources),
        )
        for dose in sorted(taken, key=lambda dose: dose.minutes)
    ]


def _needs(
    reference: Reference, person: LifeStage, region: str, weight_kg: float | None
) -> Requirement:
    """The person's values in the region; a limit set per kg of body weight is worked
    out from the weight and never set above an adult's."""
    if weight_kg is not None and not 1 <= weight_kg <= 500:
        raise UsageError(f"--weight must be between 1 and 500 kg, not {weight_kg:g}")
    needs = requirement(reference, person, region, weight_kg)
    adult_ul = adult_limit(reference, region)
    if needs.ul_mg_per_kg is not None and needs.ul_mg is not None and adult_ul is not None:
        needs = dataclasses.replace(needs, ul_mg=min(needs.ul_mg, adult_ul))
    return needs


def _added(item: str | float) -> tuple[float, str]:
    """'250mg', '250 mg antacid', '0.5 g laxative', '250mcg' or 250: the milligrams and
    what they are."""
    if not isinstance(item, str):
        return float(amount(item, "--add", MAX_DAY_MG) or 0), ""
    milligrams, named = split_amount(item, "--add", MAX_DAY_MG)
    return milligrams, readable(named)[:60] if named else ""


def _merged(*lists: list[out.SourceOut]) -> list[out.SourceOut]:
    """Sources from the catalogue and the reference together, each key once."""
    merged: dict[str, out.SourceOut] = {}
    for sources in lists:
        for source in sources:
            merged.setdefault(source.key, source)
    return list(merged.values())


def _need_name(needs: Requirement | None) -> IntakeName | None:
    """What the authority calls the person's intake value (RDA, AI, ...); None without one."""
    return needs.stage.reference if needs is not None and needs.rda_mg is not None else None


def _round(value: float | None, places: int) -> float | None:
    return None if value is None else round(value, places)


def _sort_products(rows: list[out.ProductOut], order: str) -> list[out.ProductOut]:
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


# Building blocks of the results ------------------------------------------------------


def form_out(form: Form, catalog: Catalog) -> out.FormOut:
    """One form, with the full citation of every source it names."""
    return out.FormOut(
        id=form.id,
        name=form.name,
        aliases=list(form.aliases),
        compound=form.compound,
        formula=form.formula,
        elemental_mg_percent=form.elemental_mg_percent,
        bioavailability=out.BioavailabilityOut(
            level=form.bioavailability.level, **_evidence(form.bioavailability).model_dump()
        ),
        uses=[out.UseOut(goal=use.goal, **_evidence(use).model_dump()) for use in form.uses],
        side_effects=out.SideEffectsOut(
            gi_tolerance=form.side_effects.gi_tolerance,
            **_evidence(form.side_effects).model_dump(),
        ),
        notes=form.notes,
        label_note=form.label_note,
        popular_claims=[
            out.PopularClaimOut(
                claim=claim.claim,
                verdict=claim.verdict,
                note=claim.note,
                sources=claim.sources,
                about=claim.about,
            )
            for claim in form.popular_claims
        ],
        sources=sources_out(form.source_keys(), catalog.sources),
    )


def sources_out(keys: Sequence[str], sources: dict[str, Source]) -> list[out.SourceOut]:
    """Full citations for source keys, each once, in the order given."""
    return [
        out.SourceOut(
            key=key,
            citation=source.citation,
            kind=source.kind,
            forms=list(source.forms),
            pmid=source.pmid,
            doi=source.doi,
            url=source.url,
            link=source.link,
            unconfirmed=source.unconfirmed,
        )
        for key, source in ((key, sources[key]) for key in dict.fromkeys(keys))
    ]


def _evidence(claim: Claim | GeneralEvidence) -> out.EvidenceOut:
    return out.EvidenceOut(
        grade=claim.grade,
        note=claim.note,
        sources=list(claim.sources),
        trials=claim.trials,
        participants=claim.participants,
        participants_at_least=claim.participants_at_least,
        flags=claim.all_flags,
        certainty=list(claim.certainty),
        size=claim.size_words(claim.grade),
        size_unconfirmed=claim.size_unconfirmed,
    )


def amount(value: float | str | None, name: str, limit: float | None = None) -> float | None:
    """An amount in mg: a number, or a string such as '500', '500mg', '1.5g' or
    '0.5 grams', at most `limit` mg (by default, the most magcli takes of anything)."""
    if value is None:
        return None
    most = MAX_MILLIGRAMS if limit is None else limit
    if isinstance(value, str):
        return parse_amount(value, name, most)
    return check_milligrams(float(value), value, name, most)


def _person(
    age: float | str | None, sex: Sex | str | None, pregnant: bool, lactating: bool
) -> LifeStage | None:
    return life_stage(age, choose(Sex, sex, "--sex") if sex else None, pregnant, lactating)


def _life_stage_out(person: LifeStage | None, needs: Requirement | None) -> out.LifeStageOut | None:
    if person is None or needs is None:
        return None
    return out.LifeStageOut(
        age=person.age,
        sex=person.sex.value if person.sex else None,
        pregnant=person.pregnant,
        lactating=person.lactating,
        stage=needs.stage.label,
        reference=needs.stage.reference,
        description=person.describe(),
    )

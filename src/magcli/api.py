"""The library: what the command line does, as typed functions returning Pydantic models.

Every function takes an optional `catalog` (from `load_catalog`); without one it uses the
bundled catalogue, or the file named by $MAGCLI_DATA. Vocabulary arguments take plain
strings ("sleep", "small-human") as well as the enums.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from magcli.catalog import load_catalog, load_reference, resolve_goal
from magcli.catalog import resolve as _resolve
from magcli.dosing import dose as _dose
from magcli.dosing import parse_quantity, warnings_for
from magcli.errors import UsageError
from magcli.intake import Sex, life_stage, requirement
from magcli.query import filter_forms as _filter_forms
from magcli.query import rank as _rank
from magcli.query import select_forms, sort_forms
from magcli.vocab import Grade, Level, SortField, choose

if TYPE_CHECKING:
    from magcli.models import Catalog, DoseResult, Form, Goal, RankedForm


def _catalog(catalog: Catalog | None) -> Catalog:
    return catalog if catalog is not None else load_catalog()


def resolve(name: str, catalog: Catalog | None = None) -> Form:
    """The form a name or alias refers to ('bisglycinate', 'Magtein', 'mg citrate')."""
    return _resolve(_catalog(catalog), name)


def compare(*names: str, catalog: Catalog | None = None) -> list[Form]:
    """The forms named, in order, each once."""
    return select_forms(_catalog(catalog), names).forms


def filter_forms(
    *,
    goals: Iterable[str] = (),
    min_bioavailability: Level | str | None = None,
    gentle: bool = False,
    min_evidence: Grade | str | None = None,
    sort: SortField | str = SortField.CATALOG,
    catalog: Catalog | None = None,
) -> list[Form]:
    """Forms that pass every filter given, as `magcli list` shows them."""
    chosen = _catalog(catalog)
    wanted = [resolve_goal(chosen, goal).id for goal in goals]
    kept = _filter_forms(
        chosen.forms,
        goals=wanted,
        min_bioavailability=choose(Level, min_bioavailability, "level")
        if min_bioavailability
        else None,
        gentle=gentle,
        min_evidence=choose(Grade, min_evidence, "grade") if min_evidence else None,
    )
    return sort_forms(kept, choose(SortField, sort, "sort field"), wanted)


def goal(name: str, catalog: Catalog | None = None) -> Goal:
    """A goal ('sleep', 'insomnia'), with the evidence for magnesium in general for it."""
    return resolve_goal(_catalog(catalog), name)


def rank(goal: str, catalog: Catalog | None = None) -> list[RankedForm]:
    """Forms for `goal`, best first, with their scores explained: those with evidence of
    their own, and (when the evidence for magnesium in general is from people) the rest
    too, with `form_evidence` None. `magcli.goal(name)` gives that general evidence."""
    from magcli.models import RankedForm, ScorePartResult

    chosen = _catalog(catalog)
    ranking = _rank(chosen, resolve_goal(chosen, goal))
    return [
        RankedForm(
            rank=position,
            form=item.form,
            score=item.score,
            score_parts=[
                ScorePartResult(name=part.name, points=part.points, reason=part.reason)
                for part in item.parts
            ],
            form_evidence=item.use,
        )
        for position, item in enumerate(ranking.ranked, start=1)
    ]


def dose(
    form: Form | str,
    *,
    compound_mg: float | str | None = None,
    elemental_mg: float | str | None = None,
    age: float | None = None,
    sex: Sex | str | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    catalog: Catalog | None = None,
) -> DoseResult:
    """Convert a dose either way (amounts in mg, or strings like '1.5g'), and with an age
    set it against the RDA and the supplement upper limit."""
    from magcli.models import DoseResult

    chosen = form if not isinstance(form, str) else resolve(form, catalog)
    person = life_stage(age, choose(Sex, sex, "sex") if sex else None, pregnant, lactating)
    needs = requirement(load_reference(), person) if person else None
    result = _dose(
        chosen,
        compound_mg=_amount(compound_mg, "compound_mg"),
        elemental_mg=_amount(elemental_mg, "elemental_mg"),
        requirement=needs,
    )
    return DoseResult(
        form=chosen,
        compound_mg=result.compound_mg,
        elemental_mg=result.elemental_mg,
        stage=needs.stage.label if needs else None,
        rda_mg=needs.rda_mg if needs else None,
        ul_mg=needs.ul_mg if needs else None,
        percent_rda=result.percent_rda,
        exceeds_ul=result.exceeds_ul,
        warnings=warnings_for(result),
    )


def _amount(value: float | str | None, name: str) -> float | None:
    if value is None or isinstance(value, str):
        return None if value is None else parse_quantity(value, name)
    amount = float(value)
    if not math.isfinite(amount) or amount <= 0:
        raise UsageError(f"{name} must be a number more than 0, not {value!r}")
    return amount

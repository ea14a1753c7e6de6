"""Filtering, sorting, comparing and ranking."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from magcli.errors import UsageError
from magcli.models import Catalog
from magcli.query import (
    compare,
    evidence_for,
    filter_forms,
    rank,
    score_form,
    select_forms,
    sort_forms,
)
from magcli.vocab import Goal, Grade, Level, SortField, Tolerance


def ids(forms: list) -> list[str]:  # type: ignore[type-arg]
    return [form.id for form in forms]


def test_filter_by_goal_and_gentle(catalog: Catalog) -> None:
    kept = filter_forms(catalog.forms, goals=[Goal.SLEEP], gentle=True)
    assert ids(kept) == ["glycinate", "l-threonate"]


def test_goals_are_all_required(catalog: Catalog) -> None:
    kept = filter_forms(catalog.forms, goals=[Goal.SLEEP, Goal.ANXIETY])
    assert ids(kept) == ["glycinate"]


def test_gentle_drops_every_laxative(catalog: Catalog) -> None:
    kept = filter_forms(catalog.forms, gentle=True)
    assert all(form.side_effects.gi_tolerance is not Tolerance.LAXATIVE for form in kept)
    assert "oxide" not in ids(kept) and "glycinate" in ids(kept)


def test_min_bioavailability_never_passes_unknown(catalog: Catalog) -> None:
    assert ids(filter_forms(catalog.forms, min_bioavailability=Level.HIGH)) == ["citrate"]
    moderate = ids(filter_forms(catalog.forms, min_bioavailability=Level.MODERATE))
    assert moderate == ["glycinate", "citrate", "chloride", "lactate", "aspartate"]
    low = filter_forms(catalog.forms, min_bioavailability=Level.LOW)
    assert all(form.bioavailability.level is not Level.UNKNOWN for form in low)
    assert "oxide" in ids(low)


def test_min_evidence_for_a_goal(catalog: Catalog) -> None:
    kept = filter_forms(catalog.forms, goals=[Goal.SLEEP], min_evidence=Grade.RCT)
    assert ids(kept) == ["l-threonate"]


def test_min_evidence_without_goal_uses_strongest_claim(catalog: Catalog) -> None:
    kept = ids(filter_forms(catalog.forms, min_evidence=Grade.RCT))
    assert kept == ["l-threonate", "citrate", "oxide", "orotate"]


def test_evidence_for_is_the_weakest_goal(catalog: Catalog) -> None:
    glycinate = catalog.forms[0]
    assert evidence_for(glycinate, [Goal.SLEEP, Goal.ANXIETY]) is Grade.MECHANISTIC
    assert evidence_for(glycinate, [Goal.CONSTIPATION]) is None


def test_sort_orders(catalog: Catalog) -> None:
    by_mg = sort_forms(catalog.forms, SortField.ELEMENTAL)
    assert ids(by_mg)[:3] == ["oxide", "hydroxide", "carbonate"]
    assert ids(by_mg)[-1] == "gluconate"
    assert ids(sort_forms(catalog.forms, SortField.ID)) == sorted(ids(catalog.forms))
    assert ids(sort_forms(catalog.forms, SortField.CATALOG)) == ids(catalog.forms)
    assert ids(sort_forms(catalog.forms, SortField.BIOAVAILABILITY))[0] == "citrate"


def test_compare_keeps_order_and_drops_repeats(catalog: Catalog) -> None:
    selection = compare(catalog, ["citrate", "Bisglycinate", "glycinate", "oxide"])
    assert ids(selection.forms) == ["citrate", "glycinate", "oxide"]
    assert selection.duplicates == [("glycinate", "glycinate")]


def test_compare_needs_two_names(catalog: Catalog) -> None:
    with pytest.raises(UsageError, match="at least two forms"):
        compare(catalog, ["citrate"])


def test_rank_sleep(catalog: Catalog) -> None:
    ranking = rank(catalog, Goal.SLEEP)
    assert [(item.form.id, item.score) for item in ranking.ranked] == [
        ("l-threonate", 12),
        ("glycinate", 8),
    ]
    assert len(ranking.unranked) == len(catalog.forms) - 2


def test_score_parts_add_up_and_explain(catalog: Catalog) -> None:
    scored = score_form(catalog.forms[0], Goal.SLEEP)
    assert scored is not None
    assert [(part.name, part.points) for part in scored.parts] == [
        ("evidence", 4),
        ("bioavailability", 2),
        ("gi", 2),
    ]
    assert scored.parts[0].reason == "mechanistic: 2 x 2"


def test_constipation_rewards_laxatives(catalog: Catalog) -> None:
    ranking = rank(catalog, Goal.CONSTIPATION)
    top = ranking.ranked[0]
    assert top.form.side_effects.gi_tolerance is Tolerance.LAXATIVE
    assert top.parts[1].points == 0 and top.parts[1].reason == "not counted"
    # Equal scores fall back to the id, so the order never depends on chance.
    assert ids([item.form for item in ranking.ranked]) == [
        "citrate",
        "hydroxide",
        "oxide",
        "sulfate",
    ]


def test_contradicted_claim_ranks_last_for_its_goal(catalog: Catalog) -> None:
    ranking = rank(catalog, Goal.FATIGUE)
    assert [item.form.id for item in ranking.ranked] == ["malate"]
    assert ranking.ranked[0].parts[0].points == 0


goals = st.lists(st.sampled_from(list(Goal)), max_size=3, unique=True)
levels = st.none() | st.sampled_from(list(Level))
grades = st.none() | st.sampled_from(list(Grade))


@given(goals=goals, level=levels, gentle=st.booleans(), grade=grades)
def test_filters_return_an_ordered_subset(
    catalog: Catalog, goals: list[Goal], level: Level | None, gentle: bool, grade: Grade | None
) -> None:
    kept = filter_forms(
        catalog.forms, goals=goals, min_bioavailability=level, gentle=gentle, min_evidence=grade
    )
    all_ids = ids(catalog.forms)
    positions = [all_ids.index(form.id) for form in kept]
    assert positions == sorted(positions)
    # Loosening a filter never loses a form.
    looser = filter_forms(catalog.forms, goals=goals, min_bioavailability=level, gentle=False)
    assert set(ids(kept)) <= set(ids(looser))


@given(goal=st.sampled_from(list(Goal)))
def test_ranking_is_a_strict_total_order(catalog: Catalog, goal: Goal) -> None:
    ranking = rank(catalog, goal)
    keys = [
        (-item.score, -item.parts[0].points, -item.parts[1].points, item.form.id)
        for item in ranking.ranked
    ]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    assert {item.form.id for item in ranking.ranked}.isdisjoint(f.id for f in ranking.unranked)
    assert len(ranking.ranked) + len(ranking.unranked) == len(catalog.forms)
    for item in ranking.ranked:
        assert item.score == sum(part.points for part in item.parts)


@given(
    st.lists(st.sampled_from(["oxide", "citrate", "MgO", "bisglycinate", "glycinate"]), min_size=1)
)
def test_selection_has_no_repeats(catalog: Catalog, names: list[str]) -> None:
    selection = select_forms(catalog, names)
    assert len(ids(selection.forms)) == len(set(ids(selection.forms)))
    assert len(selection.forms) + len(selection.duplicates) == len(names)

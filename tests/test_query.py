"""Filtering, sorting, comparing and ranking."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from magcli.domain.catalog import Resolver, resolve_goal
from magcli.domain.models import Catalog, Goal
from magcli.domain.query import (
    evidence_for,
    filter_forms,
    score_form,
    sort_forms,
)
from magcli.domain.query import rank_forms as rank
from magcli.domain.vocab import Grade, Level, SortField, Tolerance


def ids(forms: list) -> list[str]:  # type: ignore[type-arg]
    return [form.id for form in forms]


def goal(catalog: Catalog, name: str) -> Goal:
    return resolve_goal(catalog, name)


def test_filter_by_goal_and_gentle(catalog: Catalog) -> None:
    kept = filter_forms(catalog.forms, goals=["sleep"], gentle=True)
    assert ids(kept) == ["glycinate", "l-threonate"]


def test_goals_are_all_required(catalog: Catalog) -> None:
    kept = filter_forms(catalog.forms, goals=["sleep", "cognition"])
    assert ids(kept) == ["l-threonate"]


def test_gentle_drops_every_laxative(catalog: Catalog) -> None:
    kept = filter_forms(catalog.forms, gentle=True)
    assert all(form.side_effects.gi_tolerance is not Tolerance.LAXATIVE for form in kept)
    assert "oxide" not in ids(kept) and "glycinate" in ids(kept)


def test_min_bioavailability_never_passes_unknown(catalog: Catalog) -> None:
    # No form is graded high: citrate was never compared with the other soluble salts.
    assert ids(filter_forms(catalog.forms, min_bioavailability=Level.HIGH)) == []
    moderate = ids(filter_forms(catalog.forms, min_bioavailability=Level.MODERATE))
    assert moderate == ["citrate", "chloride", "lactate", "aspartate"]
    low = filter_forms(catalog.forms, min_bioavailability=Level.LOW)
    assert all(form.bioavailability.level is not Level.UNKNOWN for form in low)
    assert "oxide" in ids(low)


def test_min_evidence_for_a_goal(catalog: Catalog) -> None:
    kept = filter_forms(catalog.forms, goals=["sleep"], min_evidence=Grade.RCT)
    assert ids(kept) == ["glycinate", "l-threonate", "oxide"]


def test_min_evidence_without_goal_uses_strongest_claim(catalog: Catalog) -> None:
    kept = ids(filter_forms(catalog.forms, min_evidence=Grade.RCT))
    assert kept == [
        "glycinate",
        "l-threonate",
        "citrate",
        "oxide",
        "chloride",
        "hydroxide",
        "orotate",
    ]


def test_evidence_for_is_the_weakest_goal(catalog: Catalog) -> None:
    glycinate = catalog.forms[0]
    assert evidence_for(glycinate, ["sleep", "anxiety"]) is Grade.UNVERIFIED
    assert evidence_for(glycinate, ["sleep"]) is Grade.RCT
    assert evidence_for(glycinate, ["constipation"]) is None


def test_sort_orders(catalog: Catalog) -> None:
    by_mg = sort_forms(catalog.forms, SortField.ELEMENTAL)
    assert ids(by_mg)[:3] == ["oxide", "hydroxide", "carbonate"]
    assert ids(by_mg)[-1] == "gluconate"
    assert ids(sort_forms(catalog.forms, SortField.ID)) == sorted(ids(catalog.forms))
    assert ids(sort_forms(catalog.forms, SortField.CATALOG)) == ids(catalog.forms)
    assert ids(sort_forms(catalog.forms, SortField.BIOAVAILABILITY))[0] == "citrate"


def test_selection_keeps_order_and_drops_repeats(catalog: Catalog) -> None:
    forms, repeats = Resolver(catalog).select(["citrate", "Bisglycinate", "glycinate", "oxide"])
    assert ids(forms) == ["citrate", "glycinate", "oxide"]
    assert repeats == [("glycinate", "glycinate")]


def test_rank_sleep_lists_every_form_after_the_ones_with_evidence(catalog: Catalog) -> None:
    ranking = rank(catalog, goal(catalog, "sleep"))
    ranked = [(item.form.id, item.score) for item in ranking.ranked]
    # Each of the three has a trial of its own; glycinate's gut tolerance was measured
    # (gentle), oxide's absorption was measured (low), threonate's was not (unknown, 0).
    assert ranked[:3] == [("glycinate", 12), ("oxide", 11), ("l-threonate", 11)]
    # Magnesium in general has human evidence for sleep: no form is left out, and the
    # forms with no evidence of their own say so.
    assert ranking.lists_every_form and ranking.unranked == []
    assert len(ranked) == len(catalog.forms)
    assert all(item.use is None for item in ranking.ranked[3:])
    assert ranking.ranked[3].parts[0].reason == (
        "no form-specific evidence, counted as unverified: 1 x 2"
    )


def test_without_human_general_evidence_forms_without_claims_are_left_out(
    catalog: Catalog,
) -> None:
    cognition = goal(catalog, "memory")  # an alias
    assert cognition.id == "cognition" and not cognition.general_evidence.grade.is_human
    ranking = rank(catalog, cognition)
    assert ids([item.form for item in ranking.ranked]) == ["l-threonate"]
    assert len(ranking.unranked) == len(catalog.forms) - 1


def test_an_unverified_claim_alone_ranks_no_form(catalog: Catalog) -> None:
    # Glycinate claims stress, malate fatigue, but no study supports either claim, and
    # none supports magnesium in general for them: no form is ranked first on nothing.
    for name, form_id in (("stress", "glycinate"), ("fatigue", "malate")):
        ranking = rank(catalog, goal(catalog, name))
        assert ranking.ranked == [], name
        assert form_id in ids(ranking.unranked)


def test_cramps_evidence_against_lists_no_form(catalog: Catalog) -> None:
    cramps = goal(catalog, "cramps")
    assert cramps.general_evidence.grade is Grade.CONTRADICTED
    ranking = rank(catalog, cramps)
    assert ranking.ranked == [] and len(ranking.unranked) == len(catalog.forms)


@pytest.mark.parametrize("name", ["migraine", "blood-pressure", "hypertension"])
def test_new_goals_rank_every_form(catalog: Catalog, name: str) -> None:
    ranking = rank(catalog, goal(catalog, name))
    assert len(ranking.ranked) == len(catalog.forms)
    assert not ranking.goal.form_shown_better


def test_score_parts_add_up_and_explain(catalog: Catalog) -> None:
    scored = score_form(catalog.forms[0], goal(catalog, "sleep"))
    assert scored is not None
    assert [(part.name, part.points) for part in scored.parts] == [
        ("evidence", 10),
        ("bioavailability", 0),
        ("gi", 2),
    ]
    assert scored.parts[0].reason == "rct: 5 x 2"


@pytest.mark.parametrize("goal_name", ["sleep", "constipation"])
def test_not_knowing_never_outscores_a_measurement(catalog: Catalog, goal_name: str) -> None:
    # An unknown absorption, or a gut tolerance no study of the form supports, earns no
    # more than the lowest measured value on the goal's own scale.
    chosen = goal(catalog, goal_name)
    form = catalog.forms[0]

    def points(level: Level, tolerance: Tolerance, grade: Grade) -> tuple[int, int]:
        changed = form.model_copy(
            update={
                "bioavailability": form.bioavailability.model_copy(update={"level": level}),
                "side_effects": form.side_effects.model_copy(
                    update={"gi_tolerance": tolerance, "grade": grade}
                ),
            }
        )
        scored = score_form(changed, chosen, unclaimed=True)
        assert scored is not None
        return scored.parts[1].points, scored.parts[2].points

    unknown_absorption = points(Level.UNKNOWN, Tolerance.TYPICAL, Grade.SMALL_HUMAN)[0]
    for level in (Level.HIGH, Level.MODERATE, Level.LOW):
        assert unknown_absorption <= points(level, Tolerance.TYPICAL, Grade.SMALL_HUMAN)[0]
    for unknown in Tolerance:
        guessed = points(Level.LOW, unknown, Grade.UNVERIFIED)[1]
        for measured in Tolerance:
            for grade in (Grade.RCT, Grade.SMALL_HUMAN, Grade.MECHANISTIC):
                assert guessed <= points(Level.LOW, measured, grade)[1], (unknown, measured)


def test_constipation_rewards_laxatives(catalog: Catalog) -> None:
    ranking = rank(catalog, goal(catalog, "constipation"))
    top = ranking.ranked[0]
    assert top.form.side_effects.gi_tolerance is Tolerance.LAXATIVE
    assert top.parts[1].points == 0 and top.parts[1].reason == "not counted"
    # Oxide and hydroxide have trials of their own; then the other laxatives.
    assert ids([item.form for item in ranking.ranked])[:4] == [
        "hydroxide",
        "oxide",
        "sulfate",
        "citrate",
    ]


goals = st.lists(
    st.sampled_from(["sleep", "anxiety", "constipation", "cognition", "deficiency"]),
    max_size=3,
    unique=True,
)
levels = st.none() | st.sampled_from(list(Level))
grades = st.none() | st.sampled_from(list(Grade))


@given(goals=goals, level=levels, gentle=st.booleans(), grade=grades)
def test_filters_return_an_ordered_subset(
    catalog: Catalog, goals: list[str], level: Level | None, gentle: bool, grade: Grade | None
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


@given(index=st.integers(min_value=0, max_value=100))
def test_ranking_is_a_strict_total_order(catalog: Catalog, index: int) -> None:
    ranking = rank(catalog, catalog.goals[index % len(catalog.goals)])
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
    forms, repeats = Resolver(catalog).select(names)
    assert len(ids(forms)) == len(set(ids(forms)))
    assert len(forms) + len(repeats) == len(names)

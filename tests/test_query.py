"""Filtering, ranking and scoring (magcli.domain.query) and selecting forms by name.

The rules are checked on two tiny invented catalogues, so that an edit to the bundled data
cannot break them: tests/catalogs/small.toml (forms alpha, beta, gamma, delta; goals rest
and focus) and tests/catalogs/rules.toml (forms sigma, kappa, omega, rho, iota; goals
regularity, which acts in the gut, cramping, whose evidence is contradicted, and vigour,
claimed without a study). Each file's header tables the forms; every expected value
below follows from them, with the arithmetic beside it. The rules seen through the
public API (list filters and sorts, rank, compare) are in tests/test_logic_small.py and
are not repeated here. A test on the bundled catalogue says in its docstring that it is
a data check.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from formula import elemental_mg_percent
from magcli.domain.catalog import Resolver, load_catalog, resolve_goal
from magcli.domain.models import Catalog, Form, Goal
from magcli.domain.query import evidence_for, filter_forms, rank_forms, score_form
from magcli.domain.vocab import Grade, Level, Tolerance

CATALOGS = Path(__file__).parent / "catalogs"
SMALL = CATALOGS / "small.toml"
RULES = CATALOGS / "rules.toml"

# A score is 2 x evidence + absorption + gut tolerance, where
#   evidence:   rct 5, small-human 4; animal, mechanistic, unverified or no claim 1
#               (no study in people); contradicted 0
#   absorption: high 3, moderate 2, low 1, unknown 0; not counted (0) for a goal that
#               acts in the gut
#   gut:        gentle 2, typical 1, laxative 0, turned round (laxative 2, typical 1,
#               gentle 0) for a goal that acts in the gut; 0 where no study of the form
#               measured it
# Goal "regularity" (rules.toml) acts in the gut and has rct general evidence, so every
# form is ranked. (id, evidence, absorption, gut), best first:
REGULARITY = [
    ("kappa", 2 * 5, 0, 2),  # rct claim, laxative (measured): 12
    ("sigma", 2 * 5, 0, 2),  # rct claim, laxative (measured): 12, after kappa by id
    ("omega", 2 * 1, 0, 2),  # no claim, laxative (measured): 4
    ("iota", 2 * 1, 0, 0),  # animal claim, laxative (unmeasured): 2
    ("rho", 2 * 1, 0, 0),  # no claim, gentle (measured) turned round: 2, after iota by id
]


@pytest.fixture(scope="module")
def small() -> Catalog:
    """tests/catalogs/small.toml, loaded once (after conftest has moved the cache aside)."""
    return load_catalog(SMALL)


@pytest.fixture(scope="module")
def rules() -> Catalog:
    """tests/catalogs/rules.toml, loaded once."""
    return load_catalog(RULES)


@pytest.fixture(scope="module")
def catalogues(small: Catalog, rules: Catalog) -> dict[str, Catalog]:
    return {"small": small, "rules": rules}


def ids(forms: list[Form]) -> list[str]:
    return [form.id for form in forms]


def form(catalog: Catalog, form_id: str) -> Form:
    return next(each for each in catalog.forms if each.id == form_id)


def goal(catalog: Catalog, name: str) -> Goal:
    return resolve_goal(catalog, name)


def test_the_rules_catalogue_is_as_its_header_says(rules: Catalog) -> None:
    # Sound as a fixture: each share agrees with its formula.
    for each in rules.forms:
        assert elemental_mg_percent(each.formula) == pytest.approx(
            each.elemental_mg_percent, abs=0.01
        )
    assert ids(rules.forms) == ["sigma", "kappa", "omega", "rho", "iota"]
    assert ids(rules.forms) != sorted(ids(rules.forms))  # so that a tie by id shows
    assert [(g.id, g.general_evidence.grade, g.acts_in_gut) for g in rules.goals] == [
        ("regularity", Grade.RCT, True),
        ("cramping", Grade.CONTRADICTED, False),
        ("vigour", Grade.UNVERIFIED, False),
    ]


# Filtering ----------------------------------------------------------------------------


def test_evidence_for_is_the_weakest_goal(small: Catalog, rules: Catalog) -> None:
    delta = form(small, "delta")  # rest: animal; focus: mechanistic; absorption small-human
    assert evidence_for(delta, ["rest"]) is Grade.ANIMAL
    assert evidence_for(delta, ["focus"]) is Grade.MECHANISTIC
    # The weaker of the two, whichever is named first or last.
    assert evidence_for(delta, ["rest", "focus"]) is Grade.MECHANISTIC
    assert evidence_for(delta, ["focus", "rest"]) is Grade.MECHANISTIC
    # Without a goal, the strongest claim, absorption included.
    assert evidence_for(delta, []) is Grade.SMALL_HUMAN
    # A goal the form makes no claim for: no evidence at all, whatever the other goal has.
    alpha = form(small, "alpha")  # rest: rct; no claim for focus
    assert evidence_for(alpha, ["focus"]) is None
    assert evidence_for(alpha, ["rest", "focus"]) is None
    # Contradicted is weaker than rct (and than unverified): kappa's two claims give it.
    kappa = form(rules, "kappa")  # regularity: rct; cramping: contradicted
    assert evidence_for(kappa, ["regularity", "cramping"]) is Grade.CONTRADICTED
    assert evidence_for(kappa, []) is Grade.RCT
    # So a contradicted claim is a claim for the goal, but below any minimum evidence.
    assert ids(filter_forms(rules.forms, goals=["cramping"])) == ["kappa", "rho"]
    kept = filter_forms(rules.forms, goals=["cramping"], min_evidence=Grade.UNVERIFIED)
    assert ids(kept) == ["rho"]


# Ranking ------------------------------------------------------------------------------


def test_rank_with_human_general_evidence_scores_forms_without_a_claim(small: Catalog) -> None:
    ranking = rank_forms(small, goal(small, "rest"))  # general evidence rct
    assert ranking.lists_every_form and ranking.unranked == []
    assert sorted(ids([item.form for item in ranking.ranked])) == sorted(ids(small.forms))
    # beta and gamma make no claim for rest: ranked, as 'no form-specific evidence'.
    unclaimed = [item for item in ranking.ranked if item.use is None]
    assert ids([item.form for item in unclaimed]) == ["beta", "gamma"]
    for item in unclaimed:
        assert item.parts[0] == (
            "evidence",
            2 * 1,
            "no form-specific evidence, counted as unverified: 1 x 2",
        )


def test_without_human_general_evidence_forms_without_claims_are_left_out(
    small: Catalog,
) -> None:
    focus = goal(small, "concentration")  # an alias
    assert focus.id == "focus" and not focus.general_evidence.grade.is_human
    ranking = rank_forms(small, focus)
    assert not ranking.lists_every_form
    # gamma (small-human) and delta (mechanistic) have claims some study supports; alpha
    # has no claim and beta an unverified one: left out, in catalogue order.
    assert ids([item.form for item in ranking.ranked]) == ["gamma", "delta"]
    assert ids(ranking.unranked) == ["alpha", "beta"]
    # alpha could be scored, but only when asked for forms without a claim.
    alpha = form(small, "alpha")
    assert score_form(alpha, focus) is None
    assert score_form(alpha, focus, unclaimed=True) is not None


def test_an_unverified_claim_alone_ranks_no_form(rules: Catalog) -> None:
    # omega and rho claim vigour, but no study supports either claim, and none supports
    # magnesium in general for it: no form is ranked first on nothing.
    vigour = goal(rules, "vigour")
    assert vigour.general_evidence.grade is Grade.UNVERIFIED
    claims = {each.id: each.use_for(vigour) for each in rules.forms}
    claimed = {form_id: use.grade for form_id, use in claims.items() if use is not None}
    assert claimed == {"omega": Grade.UNVERIFIED, "rho": Grade.UNVERIFIED}
    ranking = rank_forms(rules, vigour)
    assert ranking.ranked == []
    assert ids(ranking.unranked) == ids(rules.forms)


def test_contradicted_evidence_lists_no_form(rules: Catalog) -> None:
    # Trials of magnesium in general found no effect on cramping; kappa's own trial found
    # none (contradicted) and rho's claim is unverified: neither is a reason to rank.
    cramping = goal(rules, "spasms")  # an alias
    assert cramping.general_evidence.grade is Grade.CONTRADICTED
    ranking = rank_forms(rules, cramping)
    assert not ranking.lists_every_form
    assert ranking.ranked == [] and ids(ranking.unranked) == ids(rules.forms)
    # A contradicted claim of the form's own earns no evidence points at all.
    scored = score_form(form(rules, "kappa"), cramping)
    assert scored is not None
    assert scored.parts[0] == ("evidence", 0, "contradicted: 0 x 2")


@pytest.mark.parametrize("name", ["migraine", "blood-pressure", "hypertension"])
def test_new_goals_rank_every_form(catalog: Catalog, name: str) -> None:
    """Data check: the bundled catalogue has goals migraine and blood pressure (alias
    hypertension), each with evidence in people for magnesium in general and no form
    shown better than another, so every bundled form is ranked for them."""
    ranking = rank_forms(catalog, goal(catalog, name))
    assert len(ranking.ranked) == len(catalog.forms)
    assert not ranking.goal.form_shown_better


def test_score_parts_add_up_and_explain(small: Catalog) -> None:
    # alpha for rest: an rct claim (5 x 2), low absorption (1), typical gut (1, measured).
    scored = score_form(form(small, "alpha"), goal(small, "rest"))
    assert scored is not None
    assert [tuple(part) for part in scored.parts] == [
        ("evidence", 10, "rct: 5 x 2"),
        ("bioavailability", 1, "low"),
        ("gi", 1, "typical"),
    ]
    assert scored.score == 10 + 1 + 1
    assert scored.use is form(small, "alpha").use_for("rest")
    # gamma has no claim for rest: nothing to score unless asked for such forms; then its
    # gentle gut, which no study of gamma measured, earns nothing.
    gamma = form(small, "gamma")
    assert score_form(gamma, goal(small, "rest")) is None
    unclaimed = score_form(gamma, goal(small, "rest"), unclaimed=True)
    assert unclaimed is not None and unclaimed.use is None
    assert [tuple(part) for part in unclaimed.parts] == [
        ("evidence", 2, "no form-specific evidence, counted as unverified: 1 x 2"),
        ("bioavailability", 0, "unknown"),
        ("gi", 0, "unknown (no study of this form)"),
    ]
    assert unclaimed.score == 2 + 0 + 0


@pytest.mark.parametrize(
    ("which", "goal_id", "form_id"), [("small", "rest", "alpha"), ("rules", "regularity", "kappa")]
)
def test_not_knowing_never_outscores_a_measurement(
    catalogues: dict[str, Catalog], which: str, goal_id: str, form_id: str
) -> None:
    # An unknown absorption, or a gut tolerance no study of the form supports, earns no
    # more than the lowest measured value on the goal's own scale (rest's, and regularity's,
    # which is turned round).
    catalog = catalogues[which]
    chosen = goal(catalog, goal_id)
    base = form(catalog, form_id)

    def points(level: Level, tolerance: Tolerance, grade: Grade) -> tuple[int, int]:
        changed = base.model_copy(
            update={
                "bioavailability": base.bioavailability.model_copy(update={"level": level}),
                "side_effects": base.side_effects.model_copy(
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


def test_a_gut_goal_rewards_laxatives_and_ignores_absorption(rules: Catalog) -> None:
    regularity = goal(rules, "bowels")  # an alias
    assert regularity.acts_in_gut
    ranking = rank_forms(rules, regularity)
    got = [(item.form.id, *(part.points for part in item.parts)) for item in ranking.ranked]
    assert got == REGULARITY
    assert [item.score for item in ranking.ranked] == [12, 12, 4, 2, 2]
    top = ranking.ranked[0]
    assert top.form.side_effects.gi_tolerance is Tolerance.LAXATIVE
    assert top.parts[1] == ("bioavailability", 0, "not counted")
    assert top.parts[2] == ("gi", 2, "laxative, reversed")
    # rho's measured gentleness counts against it; iota's laxative, unmeasured, earns
    # nothing either, and less than omega's measured one.
    by_id = {item.form.id: item for item in ranking.ranked}
    assert by_id["rho"].parts[2] == ("gi", 0, "gentle, reversed")
    assert by_id["iota"].parts[2] == ("gi", 0, "unknown (no study of this form)")
    assert by_id["iota"].parts[2].points < by_id["omega"].parts[2].points
    # Both ties go to the id, against the file's order (sigma before kappa, rho before
    # iota) and against absorption, which would put sigma (moderate) above kappa (low) and
    # rho (moderate) above iota (unknown) if it counted.
    order = ids(rules.forms)
    assert order.index("sigma") < order.index("kappa") and order.index("rho") < order.index("iota")
    levels = {each.id: each.bioavailability.level for each in rules.forms}
    assert (levels["sigma"], levels["kappa"]) == (Level.MODERATE, Level.LOW)
    assert (levels["rho"], levels["iota"]) == (Level.MODERATE, Level.UNKNOWN)


# Properties ---------------------------------------------------------------------------

GOAL_IDS = {"small": ["rest", "focus"], "rules": ["regularity", "cramping", "vigour"]}
levels = st.none() | st.sampled_from(list(Level))
grades = st.none() | st.sampled_from(list(Grade))


@pytest.mark.parametrize("which", list(GOAL_IDS))
@given(data=st.data(), level=levels, gentle=st.booleans(), grade=grades)
def test_filters_return_an_ordered_subset(
    catalogues: dict[str, Catalog],
    which: str,
    data: st.DataObject,
    level: Level | None,
    gentle: bool,
    grade: Grade | None,
) -> None:
    catalog = catalogues[which]
    goals = data.draw(st.lists(st.sampled_from(GOAL_IDS[which]), max_size=3, unique=True))
    kept = filter_forms(
        catalog.forms, goals=goals, min_bioavailability=level, gentle=gentle, min_evidence=grade
    )
    all_ids = ids(catalog.forms)
    positions = [all_ids.index(form.id) for form in kept]
    assert positions == sorted(positions)
    # Loosening a filter never loses a form.
    looser = filter_forms(catalog.forms, goals=goals, min_bioavailability=level, gentle=False)
    assert set(ids(kept)) <= set(ids(looser))


@pytest.mark.parametrize(
    ("which", "goal_id"),
    [(which, goal_id) for which, names in GOAL_IDS.items() for goal_id in names],
)
def test_ranking_is_a_strict_total_order(
    catalogues: dict[str, Catalog], which: str, goal_id: str
) -> None:
    catalog = catalogues[which]
    ranking = rank_forms(catalog, goal(catalog, goal_id))
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


# Selecting forms by name --------------------------------------------------------------

# Names of small.toml's forms, each with the form it names: ids, aliases, display names.
NAMES = {
    "alpha": "alpha",
    "ALPHA": "alpha",
    "alphamag": "alpha",
    "Magnesium alpha": "alpha",
    "gamma": "gamma",
    "gammalite": "gamma",
    "delta": "delta",
}


@given(st.lists(st.sampled_from(list(NAMES)), min_size=1))
def test_selection_keeps_order_and_has_no_repeats(small: Catalog, names: list[str]) -> None:
    forms, repeats = Resolver(small).select(names)
    # Each form once, in the order first named; every later name for it is a repeat.
    assert ids(forms) == list(dict.fromkeys(NAMES[name] for name in names))
    seen: set[str] = set()
    expected = []
    for name in names:
        if NAMES[name] in seen:
            expected.append((name, NAMES[name]))
        seen.add(NAMES[name])
    assert repeats == expected
    assert len(forms) + len(repeats) == len(names)

"""The rules of ranking, listing, comparing, resolving, showing and dosing, checked on a
tiny invented catalogue (tests/catalogs/small.toml) rather than the bundled one, so that
an edit to the bundled data cannot break them and a broken rule cannot hide behind it.

Only the public API (`import magcli`) and the command line are used. Every expected
value below follows from the small catalogue: its table of forms is at the top of the
TOML file, and the arithmetic is written out beside each expectation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import magcli
from conftest import Run
from formula import elemental_mg_percent

SMALL = Path(__file__).parent / "catalogs" / "small.toml"

# The forms in catalogue order, with their formulas and elemental shares (% magnesium).
FORMULA = {"alpha": "MgO", "beta": "MgCl2", "gamma": "Mg(OH)2", "delta": "Mg3(C6H5O7)2"}
PERCENT = {"alpha": 60.30, "beta": 25.53, "gamma": 41.68, "delta": 16.16}
CATALOGUE_ORDER = list(FORMULA)

# A score is 2 x evidence + absorption + gut tolerance, where
#   evidence:   rct 5, small-human 4; animal, mechanistic, unverified or no claim 1
#               (no study in people); contradicted 0
#   absorption: high 3, moderate 2, low 1, unknown 0
#   gut:        gentle 2, typical 1, laxative 0; 0 where no study of the form measured it
# Goal "rest" has rct evidence for magnesium in general, so every form is ranked.
REST = [  # (id, evidence, absorption, gut), best first
    ("alpha", 2 * 5, 1, 1),  # rct claim, low, typical: 12
    ("delta", 2 * 1, 2, 0),  # animal claim, moderate, laxative: 4
    ("beta", 2 * 1, 0, 2),  # no claim, unknown, gentle (measured): 4
    ("gamma", 2 * 1, 0, 0),  # no claim, unknown, gentle (unmeasured): 2
]
# Goal "focus" has no study of magnesium in general: only forms with a claim of their own
# that some study supports are ranked (beta's claim is unverified, alpha has none).
FOCUS = [
    ("gamma", 2 * 4, 0, 0),  # small-human claim, unknown, gentle (unmeasured): 8
    ("delta", 2 * 1, 2, 0),  # mechanistic claim, moderate, laxative: 4
]
FOCUS_UNRANKED = ["alpha", "beta"]


@pytest.fixture(scope="module")
def small() -> Any:
    """The small catalogue, loaded once (after conftest has moved the cache aside)."""
    return magcli.load_catalog(SMALL)


def ids(items: Any) -> list[str]:
    return [item.id for item in items]


def test_the_small_catalogue_is_chemically_right(small: Any) -> None:
    # The fixture must itself be sound: each share agrees with its formula.
    assert ids(small.forms) == CATALOGUE_ORDER
    for form in small.forms:
        assert form.formula == FORMULA[form.id]
        assert form.elemental_mg_percent == PERCENT[form.id]
        assert elemental_mg_percent(form.formula) == pytest.approx(PERCENT[form.id], abs=0.01)


# Ranking ------------------------------------------------------------------------------


@pytest.mark.parametrize(("goal", "expected"), [("rest", REST), ("focus", FOCUS)])
def test_rank_scores_are_the_sum_of_their_parts(
    small: Any, goal: str, expected: list[tuple[str, int, int, int]]
) -> None:
    result = magcli.rank(goal, catalog=small)
    got = [(item.id, *(part.points for part in item.score_parts)) for item in result.forms]
    assert got == expected
    for item in result.forms:
        assert [part.name for part in item.score_parts] == ["evidence", "bioavailability", "gi"]
        assert item.score == sum(part.points for part in item.score_parts)


def test_rct_evidence_ranks_above_animal_evidence_despite_poorer_absorption(small: Any) -> None:
    forms = {item.id: item for item in magcli.rank("rest", catalog=small).forms}
    alpha, delta = forms["alpha"], forms["delta"]
    assert alpha.form_evidence is not None and alpha.form_evidence.grade == "rct"
    assert delta.form_evidence is not None and delta.form_evidence.grade == "animal"
    # delta is absorbed better (moderate against low), yet alpha's trial puts it first.
    assert delta.score_parts[1].points > alpha.score_parts[1].points
    assert (alpha.rank, delta.rank) == (1, 2)
    assert alpha.score > delta.score


def test_animal_or_mechanistic_evidence_counts_as_no_study_in_people(small: Any) -> None:
    rest = {item.id: item for item in magcli.rank("rest", catalog=small).forms}
    # delta's rat study earns what beta earns with no claim at all.
    assert rest["beta"].form_evidence is None
    assert rest["delta"].score_parts[0].points == rest["beta"].score_parts[0].points == 2
    assert rest["delta"].score_parts[0].reason.startswith("animal, no study in people")
    focus = {item.id: item for item in magcli.rank("focus", catalog=small).forms}
    assert focus["delta"].form_evidence is not None
    assert focus["delta"].form_evidence.grade == "mechanistic"
    assert focus["delta"].score_parts[0].points == 2


def test_not_knowing_never_scores_above_a_measured_value(small: Any) -> None:
    rest = {item.id: item for item in magcli.rank("rest", catalog=small).forms}
    absorption = {form_id: item.score_parts[1].points for form_id, item in rest.items()}
    gut = {form_id: item.score_parts[2].points for form_id, item in rest.items()}
    # Unknown absorption (beta, gamma) earns less than the lowest measured level (alpha).
    assert rest["alpha"].bioavailability.level == "low"
    assert absorption["gamma"] == absorption["beta"] == 0 < absorption["alpha"]
    # beta and gamma are both called gentle, but only beta's was measured: gamma's earns
    # no more than the worst measured tolerance (delta, laxative).
    assert rest["beta"].side_effects.gi_tolerance == rest["gamma"].side_effects.gi_tolerance
    assert rest["gamma"].side_effects.grade == "unverified"
    assert gut["gamma"] <= min(gut["alpha"], gut["beta"], gut["delta"])
    assert gut["gamma"] < gut["beta"]


def test_equal_scores_share_a_rank_and_are_ordered_by_absorption(small: Any) -> None:
    forms = magcli.rank("rest", catalog=small).forms
    places = [(item.id, item.rank, item.tied) for item in forms]
    # delta and beta both score 4 with the same evidence points; delta's moderate
    # absorption puts it first, although 'beta' would come first by id. gamma has three
    # forms above it, so it is fourth, not third.
    assert places == [
        ("alpha", 1, False),
        ("delta", 2, True),
        ("beta", 2, True),
        ("gamma", 4, False),
    ]


def test_human_general_evidence_ranks_every_form(small: Any) -> None:
    result = magcli.rank("rest", catalog=small)
    assert result.general_evidence.grade == "rct"
    assert sorted(ids(result.forms)) == sorted(CATALOGUE_ORDER)
    assert result.unranked == []
    # beta and gamma have no claim of their own for rest: shown as such.
    assert [item.id for item in result.forms if item.form_evidence is None] == ["beta", "gamma"]


def test_without_general_evidence_an_unsupported_claim_ranks_nothing(small: Any) -> None:
    result = magcli.rank("focus", catalog=small)
    assert result.general_evidence.grade == "unverified"
    assert ids(result.forms) == [form_id for form_id, *_ in FOCUS]
    # beta claims focus but no study supports it; alpha makes no claim: both left out, in
    # catalogue order.
    assert result.unranked == FOCUS_UNRANKED
    assert magcli.resolve("beta", small).use_for("focus").grade == "unverified"


def test_rank_takes_a_goal_alias_and_suggests_a_near_miss(small: Any) -> None:
    result = magcli.rank("calm", catalog=small)
    assert (result.goal, result.goal_name) == ("rest", "Rest")
    assert not result.form_shown_better
    assert result.comparison.startswith("No form has been shown better than another for rest.")
    with pytest.raises(magcli.UsageError, match=r"unknown goal 'focs'; did you mean focus\?"):
        magcli.rank("focs", catalog=small)


def test_goals_list_the_forms_with_supported_claims_strongest_first(small: Any) -> None:
    result = magcli.goals(catalog=small)
    found = {
        goal.id: [(form.id, form.grade) for form in goal.forms_with_evidence]
        for goal in result.goals
    }
    # beta's unverified claim for focus is no evidence; animal and mechanistic are.
    assert found == {
        "rest": [("alpha", "rct"), ("delta", "animal")],
        "focus": [("gamma", "small-human"), ("delta", "mechanistic")],
    }
    grades = {goal.id: goal.general_evidence.grade for goal in result.goals}
    assert grades == {"rest": "rct", "focus": "unverified"}


# Listing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("goals", "goal_ids", "expected"),
    [
        ([], [], CATALOGUE_ORDER),
        (["rest"], ["rest"], ["alpha", "delta"]),
        (["calm"], ["rest"], ["alpha", "delta"]),  # an alias
        (["focus"], ["focus"], ["beta", "gamma", "delta"]),  # even an unverified claim
        (["rest", "focus"], ["rest", "focus"], ["delta"]),  # every goal is required
        (["focus", "concentration"], ["focus"], ["beta", "gamma", "delta"]),  # named twice
    ],
)
def test_list_by_goal_keeps_forms_claiming_each_goal(
    small: Any, goals: list[str], goal_ids: list[str], expected: list[str]
) -> None:
    result = magcli.list_forms(goals=goals, catalog=small)
    assert ids(result.forms) == expected
    assert result.filters.goals == goal_ids


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"gentle": True}, ["alpha", "beta", "gamma"]),  # delta is laxative
        ({"min_bioavailability": "low"}, ["alpha", "delta"]),  # unknown never passes
        ({"min_bioavailability": "moderate"}, ["delta"]),
        ({"min_bioavailability": "high"}, []),
        ({"goals": ["rest"], "min_evidence": "rct"}, ["alpha"]),
        ({"goals": ["focus"], "min_evidence": "small-human"}, ["gamma"]),
        ({"goals": ["focus"], "min_evidence": "mechanistic"}, ["gamma", "delta"]),
        # Without a goal, a form's strongest claim counts, absorption included: delta's
        # absorption study is small-human, beta has nothing above unverified.
        ({"min_evidence": "small-human"}, ["alpha", "gamma", "delta"]),
        ({"min_evidence": "rct"}, ["alpha"]),
    ],
)
def test_list_filters(small: Any, filters: dict[str, Any], expected: list[str]) -> None:
    assert ids(magcli.list_forms(**filters, catalog=small).forms) == expected


@pytest.mark.parametrize(
    ("sort", "goals", "expected"),
    [
        ("catalog", [], CATALOGUE_ORDER),
        ("id", [], sorted(CATALOGUE_ORDER)),
        # By share, highest first: 60.30, 41.68, 25.53, 16.16.
        ("elemental-mg", [], sorted(PERCENT, key=lambda form_id: -PERCENT[form_id])),
        # moderate, low, then the two unknowns in catalogue order.
        ("bioavailability", [], ["delta", "alpha", "beta", "gamma"]),
        # gentle (beta, gamma), typical (alpha), laxative (delta).
        ("tolerance", [], ["beta", "gamma", "alpha", "delta"]),
        # For focus: small-human (gamma), mechanistic (delta), unverified (beta).
        ("evidence", ["focus"], ["gamma", "delta", "beta"]),
    ],
)
def test_list_sorts(small: Any, sort: str, goals: list[str], expected: list[str]) -> None:
    result = magcli.list_forms(goals=goals, sort=sort, catalog=small)
    assert ids(result.forms) == expected
    assert result.filters.sort == sort


def test_filter_forms_returns_the_catalogue_forms_list_shows(small: Any) -> None:
    kept = magcli.filter_forms(goals=["focus"], gentle=True, catalog=small)
    assert ids(kept) == ["beta", "gamma"]  # delta, the laxative, is dropped
    assert all(form in small.forms for form in kept)
    listed = magcli.list_forms(goals=["focus"], gentle=True, catalog=small)
    assert ids(listed.forms) == ids(kept)


# Comparing and resolving ----------------------------------------------------------------


def test_compare_keeps_the_order_named(small: Any) -> None:
    result = magcli.compare("delta", "alpha", "beta", catalog=small)
    assert ids(result.forms) == ["delta", "alpha", "beta"]  # not catalogue order
    assert result.warnings == []
    assert result.data_version == "small-1"


def test_compare_shows_a_repeated_form_once_and_warns(small: Any) -> None:
    result = magcli.compare("gamma", "alpha", "gammalite", "Magnesium Gamma", catalog=small)
    assert ids(result.forms) == ["gamma", "alpha"]
    assert len(result.warnings) == 2
    for typed, warning in zip(["gammalite", "Magnesium Gamma"], result.warnings, strict=True):
        assert typed in warning and "is gamma" in warning
        assert "already in the comparison" in warning


def test_compare_refuses_one_form_and_an_unknown_name(small: Any) -> None:
    with pytest.raises(magcli.UsageError, match="at least two forms"):
        magcli.compare("alpha", catalog=small)
    with pytest.raises(magcli.UsageError, match=r"did you mean gamma\?"):
        magcli.compare("alpha", "gama", catalog=small)


@pytest.mark.parametrize(
    ("typed", "form_id"),
    [
        ("alpha", "alpha"),
        ("ALPHA", "alpha"),
        ("alphamag", "alpha"),  # an alias
        ("Magnesium alpha", "alpha"),  # the display name
        ("mg alpha", "alpha"),  # a leading 'mg' is dropped
        ("  Gammalite ", "gamma"),
        ("magnesium-gammalite", "gamma"),
        ("delta", "delta"),
    ],
)
def test_resolve_by_id_alias_and_name(small: Any, typed: str, form_id: str) -> None:
    assert magcli.resolve(typed, small).id == form_id


def test_resolve_takes_a_path_as_well_as_a_catalogue() -> None:
    assert magcli.resolve("alphamag", SMALL).id == "alpha"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("gamm", "gamma"),
        ("alphamg", "alpha"),  # near the alias alphamag: the form is named, once
    ],
)
def test_resolve_near_miss_says_did_you_mean(small: Any, typed: str, meant: str) -> None:
    with pytest.raises(magcli.UsageError) as caught:
        magcli.resolve(typed, small)
    assert str(caught.value) == f"unknown form '{typed}'; did you mean {meant}?"


def test_resolve_nothing_close_points_to_the_list(small: Any) -> None:
    with pytest.raises(magcli.UsageError, match="run 'magcli list' to see every form"):
        magcli.resolve("zzzzqqq", small)


# Showing ------------------------------------------------------------------------------


def test_show_gives_every_field_of_the_form(small: Any) -> None:
    result = magcli.show("alphamag", catalog=small)
    assert result.data_version == "small-1" and result.command == "show"
    (form,) = result.forms
    assert (form.id, form.name, form.aliases) == ("alpha", "Magnesium alpha", ["alphamag"])
    assert (form.compound, form.formula) == ("magnesium alpha oxide", "MgO")
    assert form.elemental_mg_percent == PERCENT["alpha"]
    assert (form.bioavailability.level, form.bioavailability.grade) == ("low", "small-human")
    assert (form.side_effects.gi_tolerance, form.side_effects.grade) == ("typical", "small-human")
    (use,) = form.uses
    assert (use.goal, use.grade, use.sources) == ("rest", "rct", ["trial-alpha"])
    # One trial: the size says so, and single-trial is added to the flags.
    assert use.size == "1 trial, 100 people"
    assert "single-trial" in use.flags
    assert form.notes == "Invented form for the tests."
    # Sources in the order first cited: absorption, then the use (side effects repeat one).
    assert [source.key for source in form.sources] == ["crossover", "trial-alpha"]
    trial = form.sources[1]
    assert trial.kind == "rct" and trial.forms == ["alpha"]
    assert trial.link == "https://doi.org/10.5555/magcli-test.trial-alpha"  # DOI before url
    assert form.sources[0].link == "https://example.org/crossover"


# Dosing -------------------------------------------------------------------------------


@pytest.mark.parametrize("form_id", CATALOGUE_ORDER)
def test_dose_compound_times_share_is_magnesium(small: Any, form_id: str) -> None:
    result = magcli.dose(form_id, compound=500, catalog=small)
    assert result.input == "compound"
    assert result.elemental_mg_percent == PERCENT[form_id]
    assert result.compound_mg == 500.0
    assert result.magnesium_mg == pytest.approx(round(500 * PERCENT[form_id] / 100, 1))
    # Without a life stage there is no verdict.
    assert result.over_limit is None and result.need_mg is None


@pytest.mark.parametrize("form_id", CATALOGUE_ORDER)
def test_dose_magnesium_over_share_is_compound(small: Any, form_id: str) -> None:
    result = magcli.dose(form_id, elemental="100mg", catalog=small)
    assert result.input == "elemental"
    assert result.magnesium_mg == 100.0
    assert result.compound_mg == pytest.approx(round(100 * 100 / PERCENT[form_id], 1))


def test_dose_against_the_upper_limit(small: Any) -> None:
    # The limit itself comes from the bundled reference tables; the rule checked here is
    # only how a dose is set against it, whatever its value.
    person = {"age": 35, "sex": "female", "catalog": small}
    probe = magcli.dose("alpha", elemental=100, **person)
    limit, need = probe.upper_limit_mg, probe.need_mg
    assert limit is not None and need is not None
    assert probe.percent_of_need == pytest.approx(round(100 / need * 100, 1))
    at = magcli.dose("alpha", elemental=limit, **person)
    assert at.over_limit is False and at.warnings == []  # at the limit is not over it
    over = magcli.dose("alpha", elemental=limit + 0.1, **person)
    assert over.over_limit is True
    assert over.warnings and f"{limit} mg a day upper limit" in over.warnings[0]
    # The same through a compound weight: delta's 16.16% of it is just over the limit.
    compound = (limit + 1) * 100 / PERCENT["delta"]
    through = magcli.dose("delta", compound=compound, **person)
    assert through.magnesium_mg == pytest.approx(limit + 1, abs=0.05)
    assert through.over_limit is True


@pytest.mark.parametrize(
    ("label_mg", "verdict"),
    [
        (603, "consistent"),  # 1,000 mg of alpha at 60.30% holds 603 mg
        (900, "higher"),  # more than the formula allows: a blend, or a wrong label
        (300, "lower"),  # less: a hydrate or a filler
    ],
)
def test_dose_label_check(small: Any, label_mg: float, verdict: str) -> None:
    result = magcli.dose("alpha", compound=1000, label_mg=label_mg, catalog=small)
    assert result.label_check is not None
    assert result.label_check.verdict == verdict
    assert result.label_check.implied_percent == pytest.approx(label_mg / 1000 * 100)


# Through the command line ---------------------------------------------------------------


def test_cli_rank_reads_the_catalogue_given_with_data(run: Run) -> None:
    result = run(["rank", "rest", "--data", str(SMALL), "--json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["data_version"] == "small-1"
    expected = [(form_id, sum(parts)) for form_id, *parts in REST]
    assert [(item["id"], item["score"]) for item in doc["forms"]] == expected


def test_cli_list_reads_the_catalogue_named_by_magcli_data(run: Run) -> None:
    result = run("list --for calm --json", env={"MAGCLI_DATA": str(SMALL)})
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [item["id"] for item in doc["forms"]] == ["alpha", "delta"]
    assert doc["filters"]["goals"] == ["rest"]


def test_cli_compare_warns_of_a_repeat_on_stderr(run: Run) -> None:
    result = run(["compare", "delta", "beta", "delta", "--data", str(SMALL), "--json"])
    assert result.exit_code == 0, result.stderr
    assert [item["id"] for item in json.loads(result.stdout)["forms"]] == ["delta", "beta"]
    assert "already in the comparison" in result.stderr


def test_cli_show_near_miss_is_a_usage_error(run: Run) -> None:
    result = run(["show", "gamm", "--data", str(SMALL)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "did you mean gamma?" in result.stderr

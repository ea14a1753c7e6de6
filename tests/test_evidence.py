"""Safe and honest answers: the spacing of medicines as numbers with the words made from
them, medicines looked up by the names people use, the audit of every evidence grade
against its sources, the two levels of evidence and the popular claims."""

from __future__ import annotations

import copy
import json
import re
import tomllib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from conftest import Run
from magcli.domain.catalog import bundled_path, load_reference
from magcli.domain.medicines import find_medicine
from magcli.domain.models import Catalog
from magcli.domain.reference import Interaction, Reference, Spacing
from magcli.domain.vocab import Grade, SourceKind, Verdict


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference()


def spacing_of(reference: Reference, medicine: str) -> list[tuple[str, float | None, float | None]]:
    return [
        (item.id, item.spacing.wait_after_medicine_hours, item.spacing.wait_after_magnesium_hours)
        for item in find_medicine(reference, medicine)
    ]


# 1. The spacing rules, by which comes first ---------------------------------------------


def test_antibiotics_go_first_or_long_after_magnesium(reference: Reference) -> None:
    # The old table said "magnesium 2 hours before or 4 hours after the antibiotic": the
    # reverse of the rule. Medicine first, then magnesium after 2 h; magnesium first,
    # then the antibiotic only after 4-6 h.
    ((entry, after_medicine, after_magnesium),) = spacing_of(reference, "doxycycline")
    assert entry == "tetracyclines"
    assert after_medicine == 2
    assert after_magnesium is not None and after_magnesium >= 4
    for name in ("ciprofloxacin", "Cipro", "levofloxacin"):
        assert spacing_of(reference, name) == [("fluoroquinolones", 2, 6)]
    assert spacing_of(reference, "moxifloxacin") == [("moxifloxacin", 4, 8)]


@pytest.mark.parametrize(
    ("medicine", "expected"),
    [
        ("levothyroxine", [("levothyroxine", 4, 4)]),
        ("Synthroid", [("levothyroxine", 4, 4)]),
        ("dolutegravir", [("integrase-inhibitors", 2, 6)]),
        ("Biktarvy", [("integrase-inhibitors", 2, 6)]),
        ("raltegravir", [("raltegravir", None, None)]),  # not with Mg antacids at all
        ("gabapentin", [("gabapentin", None, 2)]),  # gabapentin 2 h after the antacid
        ("penicillamine", [("penicillamine", 2, 2)]),  # the longer of the label's 1 h and 2 h
        ("alendronate", [("alendronate", 2, None)]),  # one order only: see below
        ("Boniva", [("ibandronate", 2, None)]),
        ("Atelvia", [("risedronate-delayed-release", 2, 2)]),  # taken with breakfast
        ("risedronate delayed-release", [("risedronate-delayed-release", 2, 2)]),
        ("risedronate", [("risedronate", 2, None)]),
        ("zinc", [("zinc", None, None)]),
    ],
)
def test_medicine_rules(
    reference: Reference, medicine: str, expected: list[tuple[str, float | None, float | None]]
) -> None:
    assert spacing_of(reference, medicine) == expected


def test_every_timing_rule_is_in_numbers_only(reference: Reference) -> None:
    for item in reference.interactions:
        assert not re.search(r"\d\s*(h|hours?|min|minutes?)\b", item.advice), item.id
        assert item.full_advice.startswith(item.spacing.sentence), item.id


hours = st.none() | st.sampled_from([0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 24, 48])


def read_back(sentence: str) -> tuple[float | None, float | None]:
    """The two waits a reader takes from the sentence, by its own words alone."""
    both = re.fullmatch(
        r"Keep at least ([\d.]+) hours? between the medicine and magnesium, in either order\.",
        sentence,
    )
    if both:
        return float(both[1]), float(both[1])
    medicine = re.search(
        r"Medicine first: wait at least ([\d.]+) hours? before magnesium\.", sentence
    )
    magnesium = re.search(
        r"Magnesium first: wait at least ([\d.]+) hours? before the medicine\.", sentence
    )
    return (
        float(medicine[1]) if medicine else None,
        float(magnesium[1]) if magnesium else None,
    )


@given(after_medicine=hours, after_magnesium=hours)
def test_the_words_say_what_the_numbers_say(
    after_medicine: float | None, after_magnesium: float | None
) -> None:
    spacing = Spacing(
        wait_after_medicine_hours=after_medicine, wait_after_magnesium_hours=after_magnesium
    )
    sentence = spacing.sentence
    if after_medicine is None and after_magnesium is None:
        assert sentence == ""
        return
    assert read_back(sentence) == (after_medicine, after_magnesium)
    if (after_medicine is None) != (after_magnesium is None):
        # A missing rule is never read as "no wait needed".
        assert sentence.endswith("rather than assume no wait is needed.")
        assert "does not say how long to wait" in sentence


@pytest.mark.parametrize(
    "advice",
    [
        "Take magnesium 2 hours before the drug.",
        "Wait 30 min after it.",
        "Space them 4h apart.",
        "Take them two hours apart.",
        "Leave a 2-hour gap.",
        "Take magnesium first.",
    ],
)
def test_a_timing_written_in_words_is_refused(advice: str) -> None:
    with pytest.raises(ValidationError, match="put it in spacing"):
        Interaction(id="x", drug_class="X", effect="Something.", advice=advice, sources=["ods"])


# 2. Medicines by the names people use ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        ("doxycycline", ["tetracyclines"]),
        ("Doxycycline Hyclate", ["tetracyclines"]),  # a salt after the name
        ("tetracyclines", ["tetracyclines"]),  # the class
        ("cipro", ["fluoroquinolones"]),  # a brand, any case
        ("quinolones", ["fluoroquinolones", "moxifloxacin"]),
        ("zinc and doxycycline", ["zinc", "tetracyclines"]),  # two at once
        ("Synthroid 100mcg tablets", ["levothyroxine"]),
        ("esomeprazole magnesium", ["proton-pump-inhibitors"]),
        ("levothyroxine sodium", ["levothyroxine"]),
        ("integrase inhibitors", ["integrase-inhibitors", "raltegravir"]),
        ("water pills", ["loop-thiazide-diuretics", "potassium-sparing-diuretics"]),
        ("ibuprofen", []),
    ],
)
def test_find_medicine(reference: Reference, name: str, ids: list[str]) -> None:
    assert [item.id for item in find_medicine(reference, name)] == ids


def test_interactions_doxycycline_json(run: Run) -> None:
    result = run("interactions doxycycline --json")
    assert result.exit_code == 0 and result.stderr == ""
    doc = json.loads(result.stdout)
    assert doc["query"] == "doxycycline" and doc["not_listed"] is None
    (entry,) = doc["interactions"]
    assert entry["id"] == "tetracyclines"
    assert entry["spacing"]["wait_after_medicine_hours"] == 2
    assert entry["spacing"]["wait_after_magnesium_hours"] >= 4
    assert entry["advice"].startswith(
        "Medicine first: wait at least 2 hours before magnesium. "
        "Magnesium first: wait at least 6 hours before the medicine."
    )
    assert doc["risk_groups"][0]["id"] == "kidney-disease"


def test_an_unlisted_medicine_is_not_called_safe(run: Run) -> None:
    warning = (
        "Warning: 'ibuprofen' is not in magcli's table of medicines that interact with "
        "magnesium. That does not mean it is safe to take with magnesium: ask a pharmacist "
        "or doctor."
    )
    table = run("interactions ibuprofen", env={"COLUMNS": "100"})
    assert table.exit_code == 0 and table.stderr == ""
    assert warning in " ".join(table.stdout.split())  # right under the answer
    assert "Chronic kidney disease" in table.stdout  # the risk groups still apply
    result = run("interactions ibuprofen --json")
    doc = json.loads(result.stdout)
    assert doc["interactions"] == [] and doc["suggestions"] == []
    assert "does not mean it is safe" in doc["not_listed"]
    assert doc["warnings"] == [doc["not_listed"]]
    assert " ".join(result.stderr.split()) == warning  # the person at the terminal sees it


def test_a_near_miss_gets_a_suggestion(run: Run) -> None:
    doc = json.loads(run("interactions levothyroxin --json").stdout)
    assert doc["interactions"] == []
    assert doc["suggestions"] == ["levothyroxine"]
    assert doc["not_listed"].endswith("(Did you mean levothyroxine?)")


def test_no_name_lists_every_entry(run: Run, reference: Reference) -> None:
    doc = json.loads(run("interactions --json").stdout)
    assert [item["id"] for item in doc["interactions"]] == [
        item.id for item in reference.interactions
    ]
    assert doc["query"] is None and doc["not_listed"] is None


# 3. The grade audit ----------------------------------------------------------------------


def raw_catalog() -> dict[str, Any]:
    return tomllib.loads(bundled_path().read_text(encoding="utf-8"))


def human_claims(raw: dict[str, Any]) -> list[tuple[int, str]]:
    """(form index, path) of every claim graded rct, small-human or contradicted."""
    found = []
    for index, form in enumerate(raw["forms"]):
        claims = [("bioavailability", form["bioavailability"])]
        claims += [(f"uses.{n}", use) for n, use in enumerate(form.get("uses", []))]
        claims.append(("side_effects", form["side_effects"]))
        for path, claim in claims:
            if claim["grade"] in ("rct", "small-human", "contradicted"):
                found.append((index, path))
    return found


def claim_at(raw: dict[str, Any], index: int, path: str) -> dict[str, Any]:
    form = raw["forms"][index]
    if path.startswith("uses."):
        return form["uses"][int(path.split(".")[1])]  # type: ignore[no-any-return]
    return form[path]  # type: ignore[no-any-return]


HUMAN_CLAIMS = human_claims(raw_catalog())


def test_the_bundled_catalogue_passes_the_audit(catalog: Catalog) -> None:
    # Checked here independently of the loader: every human grade cites a study in
    # people of that very form; rct and contradicted cite a trial or a review.
    for form in catalog.forms:
        for claim in form.claims():
            if claim.grade not in (Grade.RCT, Grade.SMALL_HUMAN, Grade.CONTRADICTED):
                continue
            kinds = (
                {SourceKind.RCT, SourceKind.REVIEW}
                if claim.grade is not Grade.SMALL_HUMAN
                else {SourceKind.RCT, SourceKind.REVIEW, SourceKind.HUMAN}
            )
            assert any(
                catalog.sources[key].kind in kinds and form.id in catalog.sources[key].forms
                for key in claim.sources
            ), (form.id, claim)
    for goal in catalog.goals:
        evidence = goal.general_evidence
        if evidence.grade.is_human:
            assert any(catalog.sources[key].kind.is_human_study for key in evidence.sources)
    assert len(HUMAN_CLAIMS) >= 15


def graded_findings(catalog: Catalog) -> list[tuple[str, Any, list[str]]]:
    """Every graded finding: where it is, the finding, and the forms its studies must give."""
    found: list[tuple[str, Any, list[str]]] = [
        (f"goal {goal.id}", goal.general_evidence, []) for goal in catalog.goals
    ]
    for form in catalog.forms:
        found.append((f"{form.id} bioavailability", form.bioavailability, [form.id]))
        found += [(f"{form.id} uses {use.goal}", use, [form.id]) for use in form.uses]
        found.append((f"{form.id} side_effects", form.side_effects, [form.id]))
    return found


def test_every_graded_finding_says_its_size(catalog: Catalog) -> None:
    # A grade from trials says how many trials and people it rests on (or what of that
    # could not be confirmed), so that a person can tell strong from thin; a grade from
    # other studies in people says how many studies.
    checked = 0
    for where, finding, forms in graded_findings(catalog):
        if finding.grade in (Grade.RCT, Grade.CONTRADICTED):
            assert finding.trials is not None, where
            assert finding.participants is not None or finding.size_unconfirmed, where
            checked += 1
        if finding.grade is Grade.SMALL_HUMAN:
            assert finding.trials is not None, where
        if finding.participants_at_least:
            assert finding.size_unconfirmed, f"{where}: which sizes are unknown?"
        if finding.trials is None:
            continue
        # No more studies cited than it counts: each cited study in people of the form.
        studies = [
            key
            for key in finding.sources
            if catalog.sources[key].kind in (SourceKind.RCT, SourceKind.HUMAN)
            and (not forms or set(forms) & set(catalog.sources[key].forms))
        ]
        assert len(studies) <= finding.trials, where
        words = finding.size_words(finding.grade)
        assert words.startswith(f"{finding.trials:,} "), where
        if finding.participants is not None:
            assert f"{finding.participants:,} people" in words, where
    assert checked >= 20


CONTROLLED_CLAIMS = [
    (index, path)
    for index, path in HUMAN_CLAIMS
    if claim_at(raw_catalog(), index, path)["grade"] in ("rct", "contradicted")
]


@pytest.mark.parametrize(("index", "path"), CONTROLLED_CLAIMS, ids=lambda value: str(value))
def test_a_controlled_grade_without_its_size_fails_the_audit(index: int, path: str) -> None:
    raw = copy.deepcopy(raw_catalog())
    claim = claim_at(raw, index, path)
    for key in ("trials", "participants", "participants_at_least", "size_unconfirmed"):
        claim.pop(key, None)
    with pytest.raises(AssertionError):
        test_every_graded_finding_says_its_size(Catalog.model_validate(raw))


@pytest.mark.parametrize(("index", "path"), HUMAN_CLAIMS, ids=lambda value: str(value))
def test_a_human_grade_on_reference_works_alone_is_refused(index: int, path: str) -> None:
    raw = copy.deepcopy(raw_catalog())
    claim = claim_at(raw, index, path)
    claim["sources"] = ["iom1997"]  # a reference work, not a study
    with pytest.raises(ValidationError, match=f"grade '{claim['grade']}' needs"):
        Catalog.model_validate(raw)


@pytest.mark.parametrize(("index", "path"), HUMAN_CLAIMS, ids=lambda value: str(value))
def test_a_human_study_of_another_form_is_not_enough(index: int, path: str) -> None:
    raw = copy.deepcopy(raw_catalog())
    claim = claim_at(raw, index, path)
    for key in claim["sources"]:
        raw["sources"][key]["forms"] = ["some-other-salt"]
    with pytest.raises(ValidationError, match="that gave"):
        Catalog.model_validate(raw)


def test_general_evidence_needs_a_study_in_people() -> None:
    raw = copy.deepcopy(raw_catalog())
    sleep = next(goal for goal in raw["goals"] if goal["id"] == "sleep")
    sleep["general_evidence"]["sources"] = ["iom1997"]
    with pytest.raises(ValidationError, match=r"goals\[0\] \(sleep\) general_evidence"):
        Catalog.model_validate(raw)


# 4. The audit's findings, pinned --------------------------------------------------------


def test_findings_of_the_audit(catalog: Catalog) -> None:
    forms = {form.id: form for form in catalog.forms}
    sources = catalog.sources
    assert sources["hausenblas2024"].citation.startswith(
        "Hausenblas HA, Lynch T, Hooper S, Shrestha A, Rosendale D, Gu J. "
        "Magnesium-L-threonate improves sleep quality and daytime functioning in adults "
        "with self-reported sleep problems: a randomized controlled trial. "
        "Sleep Med X. 2024;8:100121."
    )
    # Fine 1991's dose series used acetate; its chloride was an enteric-coated tablet.
    chloride = forms["chloride"]
    assert "enteric-coated" in chloride.bioavailability.note
    deficiency = chloride.use_for("deficiency")
    assert deficiency is not None and "fine1991" not in deficiency.sources
    # Russell 1995 measured pain and tenderness after malic acid with magnesium.
    fatigue = forms["malate"].use_for("fatigue")
    assert fatigue is not None and fatigue.grade is Grade.UNVERIFIED
    assert "pain and tenderness" in fatigue.note
    # Schuette 1994 measured one dose's absorption, not magnesium status.
    glycinate_deficiency = forms["glycinate"].use_for("deficiency")
    assert glycinate_deficiency is not None
    assert "single dose" in glycinate_deficiency.note
    assert "raises magnesium status" not in glycinate_deficiency.note.lower()
    # Grades no kinder than the evidence.
    anxiety = forms["glycinate"].use_for("anxiety")
    assert anxiety is not None and anxiety.grade is Grade.UNVERIFIED
    citrate_deficiency = forms["citrate"].use_for("deficiency")
    assert citrate_deficiency is not None and citrate_deficiency.grade is Grade.SMALL_HUMAN
    # Carbonate: 28.8% rounds to 29%, which is possible; far above it is not.
    assert "Figures of 29" not in forms["carbonate"].notes
    assert "24-26%" in forms["carbonate"].notes
    # Dimalate is its own compound, not an alias of malate.
    assert "magnesium dimalate" not in forms["malate"].aliases
    assert forms["dimalate"].elemental_mg_percent == pytest.approx(8.37)
    # L-threonate: what exists (EFSA 2024), not just what does not.
    assert "efsa2024" in forms["l-threonate"].bioavailability.sources
    assert "two rat studies and one human trial" in forms["l-threonate"].bioavailability.note


def test_findings_of_round_three(catalog: Catalog, reference: Reference) -> None:
    forms = {form.id: form for form in catalog.forms}
    # The 2025 trial of bisglycinate for sleep: the salt itself, a small effect.
    sleep = forms["glycinate"].use_for("sleep")
    assert sleep is not None and sleep.grade is Grade.RCT and "schuster2025" in sleep.sources
    assert (sleep.trials, sleep.participants) == (1, 155)
    assert "1.6 points" in sleep.note and "small effect" in sleep.note
    source = catalog.sources["schuster2025"]
    assert (source.pmid, source.doi) == ("40918053", "10.2147/NSS.S524348")
    assert source.forms == ["glycinate"] and source.unconfirmed
    verdicts = {claim.claim: claim for claim in forms["glycinate"].popular_claims}
    assert verdicts["Best for sleep, and the glycine is relaxing too"].verdict is (
        Verdict.PARTLY_SUPPORTED
    )
    # Claims about people that rest on rats alone are not shown.
    for form_id, claim in (
        ("taurate", "Best for the heart and blood pressure"),
        ("malate", "Good bioavailability"),
        ("l-threonate", "Crosses the blood-brain barrier"),
    ):
        found = next(c for c in forms[form_id].popular_claims if c.claim == claim)
        assert found.verdict is Verdict.NOT_SHOWN, (form_id, claim)
    # No study compared citrate with chloride, lactate or aspartate: one level for all.
    levels = {
        forms[f].bioavailability.level for f in ("citrate", "chloride", "lactate", "aspartate")
    }
    assert len(levels) == 1 and "never been compared" in forms["citrate"].bioavailability.note
    # Fine 1991: the dose curve was acetate's; its chloride was a coated tablet.
    assert "fine1991" in forms["chloride"].bioavailability.sources
    assert "acetate" in forms["chloride"].bioavailability.note
    # The one trial of bisglycinate measured anxiety and stress too: no "no study" left.
    for goal in ("anxiety", "stress"):
        use = forms["glycinate"].use_for(goal)
        assert use is not None and "no change" in use.note and "schuster2025" in use.sources
    # Japan's 2025 edition, its infants' intakes, and the WHO report's quoted limits.
    japan = reference.region("jp")
    assert "2025" in japan.name
    infants = [stage for stage in reference.table("jp").stages if stage.from_years < 1]
    assert [(stage.label, stage.male_mg) for stage in infants] == [
        ("0-5 months", 20),
        ("6-11 months", 60),
    ]
    who = reference.table("who")
    limits = {stage.label: stage.ul_mg for stage in who.stages}
    assert (limits["1-3 years"], limits["7-9 years"], limits["19-65 years"]) == (65, 110, 350)
    assert "citing the US report (IOM 1997)" in reference.region("who").ul_note
    # Foods whose ODS figure differs from FoodData Central's entry say which is used.
    notes = {food.food: food.note for food in reference.foods.items}
    assert "170554" in notes["Chia seeds"] and "170093" in notes["Potato, baked with skin"]


def test_cipro_study_names_its_authors_and_antacid(reference: Reference) -> None:
    citation = reference.sources["cipro1989"].citation
    assert citation.startswith("Nix DE") and "Maalox" in citation


def test_unconfirmed_details_are_said(catalog: Catalog) -> None:
    for key in ("walker2003", "coudray2005", "russell1995", "pfaffenrath1996"):
        source = catalog.sources[key]
        assert source.pmid is None and "PMID" in source.unconfirmed, key


# 5. Two levels of evidence, and the popular claims -------------------------------------


def test_goals_carry_general_evidence(catalog: Catalog) -> None:
    goals = {goal.id: goal for goal in catalog.goals}
    assert {"migraine", "blood-pressure", "sleep", "anxiety", "muscle-cramps"} <= set(goals)
    assert goals["muscle-cramps"].general_evidence.grade is Grade.CONTRADICTED
    assert goals["migraine"].general_evidence.grade is Grade.RCT
    assert goals["constipation"].acts_in_gut
    assert not goals["sleep"].form_shown_better
    assert goals["sleep"].comparison.startswith("No form has been shown better than another")


POPULAR = ["glycinate", "l-threonate", "citrate", "taurate", "malate", "oxide"]


@pytest.mark.parametrize("form_id", POPULAR)
def test_the_six_popular_forms_carry_their_popular_claims(catalog: Catalog, form_id: str) -> None:
    form = next(form for form in catalog.forms if form.id == form_id)
    assert len(form.popular_claims) >= 3
    assert any("bioavailability" in claim.claim.lower() for claim in form.popular_claims)
    for claim in form.popular_claims:
        assert catalog.sources[claim.sources[0]].kind is SourceKind.POPULAR
        if claim.verdict is not Verdict.NOT_SHOWN:
            assert any(catalog.sources[key].kind is not SourceKind.POPULAR for key in claim.sources)


def test_the_popular_source_names_no_invented_page(catalog: Catalog) -> None:
    popular = [source for source in catalog.sources.values() if source.kind is SourceKind.POPULAR]
    assert len(popular) == 1
    assert popular[0].url is None and popular[0].link is None
    assert "2024-2025" in popular[0].citation


def test_compare_carries_the_verdicts(run: Run) -> None:
    doc = json.loads(run("compare glycinate l-threonate --json").stdout)
    glycinate, threonate = doc["forms"]
    verdicts = {claim["claim"]: claim["verdict"] for claim in glycinate["popular_claims"]}
    assert verdicts["High bioavailability"] == "not-shown"
    assert verdicts["Gentle on the stomach"] == "partly-supported"
    assert all(
        set(claim) == {"claim", "verdict", "note", "sources", "about"}
        for claim in threonate["popular_claims"]
    )
    table = " ".join(run("compare glycinate l-threonate", env={"COLUMNS": "250"}).stdout.split())
    assert '"High bioavailability": not-shown' in table
    assert '"Crosses the blood-brain barrier": not-shown' in table
    long = " ".join(
        run("compare glycinate l-threonate --long", env={"COLUMNS": "250"}).stdout.split()
    )
    assert '"High bioavailability": not-shown' in long


def test_list_items_hold_no_separator(catalog: Catalog, reference: Reference) -> None:
    # Flat formats join lists with ';': an item with one could not be split back.
    items = [name for form in catalog.forms for name in form.aliases]
    items += [claim.claim for form in catalog.forms for claim in form.popular_claims]
    items += [name for goal in catalog.goals for name in goal.aliases]
    items += [name for item in reference.interactions for name in item.names()]
    assert [item for item in items if ";" in item] == []

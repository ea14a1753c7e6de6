"""Catalogues of any size, built from one template form, for stress and speed tests."""

from __future__ import annotations

from pathlib import Path

HEADER = """schema_version = "2.0"
data_version = "generated-{count}"

[sources.ref]
citation = "A generated reference work."
kind = "reference"
url = "https://example.org/ref"

[[goals]]
id = "sleep"
name = "Sleep"
aliases = ["insomnia"]
form_shown_better = false

[goals.general_evidence]
grade = "rct"
sources = ["trial"]
note = "Generated general evidence."

[sources.trial]
citation = "A generated trial of magnesium in general."
kind = "rct"
url = "https://example.org/trial"
"""

FORM = """
[sources.s-{n}]
citation = "A generated trial of form {n}."
kind = "rct"
forms = ["form-{n}"]
url = "https://example.org/{n}"

[[forms]]
id = "form-{n}"
name = "Magnesium form {n}"
aliases = ["alias-{n}", "other name {n}"]
compound = "magnesium compound {n}"
formula = "MgO"
elemental_mg_percent = 60.3
notes = "Generated form number {n}, with a note long enough to wrap in a table cell."

[forms.bioavailability]
level = "{level}"
grade = "{grade}"
sources = ["s-{n}"]
note = "Generated."

[[forms.uses]]
goal = "sleep"
grade = "{use_grade}"
sources = ["s-{n}"]

[forms.side_effects]
gi_tolerance = "{tolerance}"
grade = "unverified"
sources = ["ref"]
"""

_LEVELS = [("high", "rct"), ("moderate", "small-human"), ("low", "rct"), ("unknown", "animal")]
_USE_GRADES = ["rct", "small-human", "animal", "mechanistic", "unverified", "contradicted"]
_TOLERANCE = ["gentle", "typical", "laxative"]


def catalog_text(count: int) -> str:
    """A valid catalogue of `count` forms, varied enough to sort and rank."""
    parts = [HEADER.format(count=count)]
    for n in range(count):
        level, grade = _LEVELS[n % len(_LEVELS)]
        parts.append(
            FORM.format(
                n=f"{n:05d}",
                level=level,
                grade=grade,
                use_grade=_USE_GRADES[n % len(_USE_GRADES)],
                tolerance=_TOLERANCE[n % len(_TOLERANCE)],
            )
        )
    return "".join(parts)


def write_catalog(path: Path, count: int) -> Path:
    """Write a catalogue of `count` forms to `path` and return the path."""
    path.write_text(catalog_text(count), encoding="utf-8")
    return path

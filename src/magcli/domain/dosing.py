"""Compound and elemental magnesium, both ways, set against intake limits. No I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple

from magcli.domain.grammar import MAX_COMPOUND_MG, MAX_DAY_MG
from magcli.domain.nutrition import above_limit, limit_warning, limit_warnings, percent_of
from magcli.errors import UsageError

if TYPE_CHECKING:
    from magcli.domain.models import Form
    from magcli.domain.nutrition import Requirement

MAX_ELEMENTAL_MG = MAX_DAY_MG  # 10 g of magnesium would be dangerous, not a question of dosing
LABEL_TOLERANCE = 0.10  # a label's implied share may differ this much from the formula's
Asked = Literal["compound", "elemental"]
Verdict = Literal["consistent", "higher", "lower"]


class LabelCheck(NamedTuple):
    """What a label's two figures imply about the product."""

    label_mg: float
    implied_percent: float
    verdict: Verdict


class Dose(NamedTuple):
    """A dose of one form in compound and elemental terms, and against a requirement."""

    form: Form
    compound_mg: float
    elemental_mg: float
    asked: Asked  # which figure the user gave
    requirement: Requirement | None = None
    label: LabelCheck | None = None

    @property
    def percent_of_need(self) -> float | None:
        """The elemental dose as a percentage of the RDA (or AI), when one applies."""
        if self.requirement is None or self.requirement.rda_mg is None:
            return None
        return percent_of(self.elemental_mg, self.requirement.rda_mg)

    @property
    def over_limit(self) -> bool | None:
        """True when the dose, as shown to 0.1 mg, is above the supplement upper limit;
        None without a person, or where no limit in mg applies to them."""
        if self.requirement is None:
            return None
        return above_limit(self.elemental_mg, self.requirement.ul_mg)


def elemental_from_compound(compound_mg: float, percent: float) -> float:
    """Magnesium in `compound_mg` of a compound that is `percent` % magnesium."""
    return compound_mg * percent / 100


def compound_for_elemental(elemental_mg: float, percent: float) -> float:
    """Compound needed for `elemental_mg` of magnesium."""
    return elemental_mg * 100 / percent


def dose(
    form: Form,
    *,
    compound_mg: float | None = None,
    elemental_mg: float | None = None,
    requirement: Requirement | None = None,
    label_mg: float | None = None,
) -> Dose:
    """Convert one figure to the other; exactly one of compound_mg and elemental_mg."""
    if (compound_mg is None) == (elemental_mg is None):
        raise UsageError("give exactly one of --compound and --elemental")
    percent = form.elemental_mg_percent
    asked: Asked
    if compound_mg is not None:
        asked, elemental_mg = "compound", elemental_from_compound(compound_mg, percent)
    else:
        assert elemental_mg is not None
        asked, compound_mg = "elemental", compound_for_elemental(elemental_mg, percent)
    # Both sides must be plausible, whichever the user gave, so every accepted dose
    # converts back the other way. Compared as shown (to 0.1 mg), so that float noise in
    # a conversion cannot push a dose at a limit over it.
    if round(compound_mg, 1) > MAX_COMPOUND_MG:
        raise UsageError(
            f"that is {compound_mg:,.0f} mg of {form.compound}, over {MAX_COMPOUND_MG / 1000:g} g; "
            "not a supplement dose"
        )
    if round(elemental_mg, 1) > MAX_ELEMENTAL_MG:
        raise UsageError(
            f"that is {elemental_mg:,.0f} mg of magnesium, over {MAX_ELEMENTAL_MG / 1000:g} g; "
            "not a supplement dose"
        )
    check = None
    if label_mg is not None:
        if asked != "compound":
            raise UsageError("--label-mg goes with --compound (the label's compound weight)")
        check = check_label(compound_mg, label_mg, percent)
    return Dose(form, compound_mg, elemental_mg, asked, requirement, check)


def check_label(compound_mg: float, label_mg: float, formula_percent: float) -> LabelCheck:
    """Compare the magnesium share a label implies with what the formula allows."""
    implied = percent_of(label_mg, compound_mg)
    verdict: Verdict
    if implied > formula_percent * (1 + LABEL_TOLERANCE):
        verdict = "higher"
    elif implied < formula_percent * (1 - LABEL_TOLERANCE):
        verdict = "lower"
    else:
        verdict = "consistent"
    return LabelCheck(label_mg, implied, verdict)


# An 'elemental' figure above this is more likely a compound weight read from a label: it
# is the highest adult supplement upper limit of any region (US, IOM 1997).
LIKELY_COMPOUND_ABOVE_MG = 350


def warnings_for(result: Dose, region_name: str, adult: Requirement | None = None) -> list[str]:
    """Plain warnings about a dose for its person (see nutrition.limit_warnings); with no
    person, a dose above an adult's limit (`adult`: the region's values for one) is still
    said to be, so that no amount passes unwarned for want of an age."""
    if result.requirement is None:
        if adult is None or not above_limit(result.elemental_mg, adult.ul_mg):
            return []
        assert adult.ul_mg is not None
        return [
            limit_warning(
                result.elemental_mg,
                adult.ul_mg,
                f"adults, {region_name}",
                then="Above it, diarrhoea and cramps become likely; for anyone but an adult "
                "the limit is lower: give --age.",
                daily=False,
            )
        ]
    return limit_warnings(
        result.elemental_mg, result.requirement, region_name, result.percent_of_need, daily=False
    )


def label_notes_for(result: Dose) -> list[str]:
    """Help with reading labels: compound versus elemental weight, and the form's own note."""
    form = result.form
    notes = []
    if result.asked == "compound":
        notes.append(
            f"You gave the weight of the compound ({form.compound}). A label line such as "
            "'magnesium (as ...) 200 mg' already states elemental magnesium: for that, use "
            "--elemental."
        )
    elif result.elemental_mg > LIKELY_COMPOUND_ABOVE_MG:
        hint = elemental_from_compound(result.elemental_mg, form.elemental_mg_percent)
        notes.append(
            f"{result.elemental_mg:,.0f} mg is a lot of elemental magnesium. If that figure "
            f"is from a label, it is more likely the compound weight: {result.elemental_mg:,.0f} "
            f"mg of {form.compound} holds {hint:,.1f} mg of magnesium (--compound)."
        )
    if result.label is not None:
        implied = result.label.implied_percent
        share = f"{implied:.1f}% magnesium by weight"
        if result.label.verdict == "higher":
            notes.append(
                f"The label implies {share}, more than pure {form.compound} can hold "
                f"({form.elemental_mg_percent:.2f}%): the product is likely a blend with a "
                "richer salt, or the figures are not what they seem."
            )
        elif result.label.verdict == "lower":
            notes.append(
                f"The label implies {share}, less than pure {form.compound} "
                f"({form.elemental_mg_percent:.2f}%): a hydrate, a filler, or a weight that "
                "includes the capsule."
            )
        else:
            notes.append(
                f"The label implies {share}, in line with {form.compound} "
                f"({form.elemental_mg_percent:.2f}%)."
            )
    if form.label_note:
        notes.append(form.label_note)
    return notes

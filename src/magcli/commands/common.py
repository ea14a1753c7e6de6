"""What the commands share: the catalogue and reference as the library takes them, a
person's values, amounts, and the pieces of every result (forms, sources, regions)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import magcli.results as out
from magcli.domain.catalog import Resolver, load_catalog
from magcli.domain.catalog import resolve as _resolve_form
from magcli.domain.grammar import MAX_MILLIGRAMS, check_milligrams, parse_amount
from magcli.domain.nutrition import Sex, life_stage
from magcli.domain.vocab import IntakeName, choose
from magcli.errors import UsageError
from magcli.text import readable

if TYPE_CHECKING:
    from magcli.domain.grammar import Schedule
    from magcli.domain.models import Catalog, Claim, Form, GeneralEvidence, Source
    from magcli.domain.nutrition import LifeStage, Requirement
    from magcli.domain.planning import Taken
    from magcli.domain.reference import Reference
    from magcli.domain.shelf import DayMedicine


def catalogue_of(catalog: Catalog | str | os.PathLike[str] | None) -> Catalog:
    if catalog is None or isinstance(catalog, str | os.PathLike):
        return load_catalog(catalog)
    return catalog


def catalogue(catalog: Catalog | str | os.PathLike[str] | None = None) -> Catalog:
    """The catalogue: a path (or the bundled one) loaded, or a Catalog as it is."""
    return catalogue_of(catalog)


def is_goal(catalog: Catalog, word: str) -> bool:
    """Whether `word` names a goal of the catalogue (by id or alias)."""
    from magcli.domain.catalog import goal_names
    from magcli.domain.names import normalize_name

    return normalize_name(word) in goal_names(catalog)


def is_form(catalog: Catalog, word: str) -> bool:
    """Whether `word` names a form of the catalogue (by id, alias or name)."""
    try:
        return Resolver(catalog).index.identify(word) is not None
    except UsageError:
        return False


def resolve(name: str, catalog: Catalog | str | os.PathLike[str] | None = None) -> Form:
    """The catalogue form a name or alias refers to ('bisglycinate', 'Magtein', 'mg
    citrate'); a UsageError with the closest names otherwise."""
    return _resolve_form(catalogue_of(catalog), name)


def region_sources(
    reference: Reference, region_id: str, more: Sequence[str] = ()
) -> list[out.SourceOut]:
    """Everything a region's values cite (the region's sources and its table's), then
    the `more` keys, each once."""
    keys = [*reference.region(region_id).sources, *reference.table(region_id).sources, *more]
    return sources_out(keys, reference.sources)


def region_out(reference: Reference, region_id: str) -> out.RegionOut:
    region = reference.region(region_id)
    return out.RegionOut(
        id=region.id,
        name=region.name,
        upper_limit_note=region.ul_note,
        unconfirmed=region.unconfirmed,
        split_doses=region.split_doses,
        split_doses_by=region.split_doses_by,
    )


class Unlisted(NamedTuple):
    """A medicine dose the interaction table does not list: its name, time and days."""

    name: str
    minutes: int
    schedule: Schedule


UNLISTED_SAID = (
    "not in magcli's table: that is not a sign it is safe together with magnesium; ask a pharmacist"
)


def medicines_taken(
    reference: Reference,
    catalog: Catalog,
    given: Sequence[str],
    written: Sequence[DayMedicine] = (),
    unlisted: list[Unlisted] | None = None,
) -> list[Taken]:
    """Each medicine dose (a --medicine, or a day file's [[medicines]]) with the entry
    that rules it. A name the table does not list is refused, alone or beside a listed
    one (unlisted is not safe), unless `unlisted` collects it: then the rest are read."""
    from magcli.domain.grammar import read_schedule, read_time
    from magcli.domain.medicines import lookup
    from magcli.domain.planning import Taken, check_medicine_name, doses_in, split_medicine

    read: list[tuple[str, tuple[str, int, Schedule]]] = [
        (f"--medicine {readable(dose)[:80]!r}", split_medicine(dose))
        for text in given
        for dose in doses_in(text)
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
        # A name a typo from a listed one ('doxycyclin') is asked about, never planned
        # around as unlisted: the medicine it means needs its spacing.
        if not found.interactions and unlisted is not None and not found.suggestions:
            unlisted.append(Unlisted(readable(name), minutes, schedule))
            continue
        if not found.interactions and found.suggestions:
            # Never planned around: it may be the listed medicine spelt wrong, or another
            # of its kind with spacing of its own (ofloxacin beside levofloxacin).
            raise UsageError(
                f"{what}: {found.not_listed} magcli will not take it for one of them: if it "
                "is one of them, give that name; if not, ask a pharmacist how far apart to "
                "take it."
            )
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


def dose_fields(name: str, minutes: int, schedule: Schedule) -> dict[str, Any]:
    """A medicine dose's name, time and days, as the results give them."""
    from magcli.domain.grammar import WEEKDAYS, clock

    return {
        "name": name,
        "time": clock(minutes),
        "days": schedule.said,
        "repeat": schedule.repeat,
        "weekdays": [WEEKDAYS[day] for day in schedule.weekdays],
        "day_of_month": schedule.month_day,
    }


def planned_out(taken: Sequence[Taken]) -> list[out.PlannedMedicineOut]:
    """The medicine doses as the results show them, in the order of the day."""
    return [
        out.PlannedMedicineOut(
            **dose_fields(dose.name, dose.minutes, dose.schedule),
            interaction=dose.rule.id,
            order=dose.rule.spacing.order,
            hours_after_medicine=dose.after_medicine,
            hours_before_medicine=dose.before_medicine,
            fasting_minutes=dose.rule.spacing.fasting_minutes,
            rule=dose.rule.full_advice,
            rule_brief=dose.rule.spacing.brief,
            sources=list(dose.rule.sources),
        )
        for dose in sorted(taken, key=lambda dose: dose.minutes)
    ]


def need_name(needs: Requirement | None) -> IntakeName | None:
    """What the authority calls the person's intake value (RDA, AI, ...); None without one."""
    return needs.stage.reference if needs is not None and needs.rda_mg is not None else None


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
            level=form.bioavailability.level, **evidence_out(form.bioavailability).model_dump()
        ),
        uses=[out.UseOut(goal=use.goal, **evidence_out(use).model_dump()) for use in form.uses],
        side_effects=out.SideEffectsOut(
            gi_tolerance=form.side_effects.gi_tolerance,
            **evidence_out(form.side_effects).model_dump(),
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


def evidence_out(claim: Claim | GeneralEvidence) -> out.EvidenceOut:
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


def read_amount(value: float | str | None, name: str, limit: float | None = None) -> float | None:
    """An amount in mg: a number, or a string such as '500', '500mg', '1.5g' or
    '0.5 grams', at most `limit` mg (by default, the most magcli takes of anything)."""
    if value is None:
        return None
    most = MAX_MILLIGRAMS if limit is None else limit
    if isinstance(value, str):
        return parse_amount(value, name, most)
    return check_milligrams(float(value), value, name, most)


def life_stage_of(
    age: float | str | None, sex: Sex | str | None, pregnant: bool, lactating: bool
) -> LifeStage | None:
    return life_stage(age, choose(Sex, sex, "--sex") if sex else None, pregnant, lactating)


def life_stage_out(person: LifeStage | None, needs: Requirement | None) -> out.LifeStageOut | None:
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

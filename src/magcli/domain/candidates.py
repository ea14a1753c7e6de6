"""The names a person may type for each kind of argument, as a shell's TAB offers them:
forms, goals, medicines and regions, each with its aliases, spaces written as hyphens
(which resolve the same). Read from the data files each time; no I/O besides that."""

from __future__ import annotations


def form_names() -> list[str]:
    """Form ids and aliases, spaces as hyphens (which resolve the same)."""
    from magcli.domain.catalog import load_catalog

    catalog = load_catalog()
    return list(
        dict.fromkeys(
            "-".join(name.split()) for form in catalog.forms for name in (form.id, *form.aliases)
        )
    )


def goal_names() -> list[str]:
    """Goal ids and aliases."""
    from magcli.domain.catalog import load_catalog

    catalog = load_catalog()
    return ["-".join(name.split()) for goal in catalog.goals for name in (goal.id, *goal.aliases)]


def medicine_names() -> list[str]:
    """Medicines, their classes and brands, then form names (which list every entry)."""
    from magcli.domain.catalog import load_reference
    from magcli.domain.medicines import display_names

    return [*display_names(load_reference()), *form_names()]


def region_names() -> list[str]:
    """Region ids and aliases."""
    from magcli.domain.catalog import load_reference

    reference = load_reference()
    return [
        "-".join(name.split())
        for region in reference.regions
        for name in (region.id, *region.aliases)
    ]

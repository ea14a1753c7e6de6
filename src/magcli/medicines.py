"""Finding the interaction entries for a medicine as people name it: a generic name, a
brand, the class, or a salt of one ('levothyroxine sodium'). No I/O."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from magcli.names import MAX_NAME_LENGTH, normalize_name

if TYPE_CHECKING:
    from magcli.models import Catalog, Form, Interaction, Reference


@dataclass(frozen=True)
class Lookup:
    """What `magcli interactions [NAME]` found."""

    query: str | None  # the name asked about; None lists every entry
    interactions: list[Interaction]
    form: Form | None = None  # the query named a supplement form: every entry applies
    suggestions: tuple[str, ...] = ()  # close medicine names, when nothing matched

    @property
    def not_listed(self) -> str | None:
        """The plain warning for a medicine the table does not list, else None."""
        if self.query is None or self.interactions:
            return None
        from magcli.text import shorten

        hint = f" (Did you mean {' or '.join(self.suggestions)}?)" if self.suggestions else ""
        return (
            f"{shorten(self.query)} is not in magcli's table of medicines that interact with "
            "magnesium. That does not mean it is safe to take with magnesium: ask a "
            f"pharmacist or doctor.{hint}"
        )


def medicine_names(reference: Reference) -> dict[str, list[str]]:
    """Every folded name (class, generic, brand) and the ids of the entries it finds."""
    index: dict[str, list[str]] = {}
    for item in reference.interactions:
        for name in item.names():
            ids = index.setdefault(normalize_name(name), [])
            if item.id not in ids:
                ids.append(item.id)
    return index


def display_names(reference: Reference) -> list[str]:
    """The names to offer (completion, suggestions): classes, generics and brands."""
    shown: dict[str, None] = {}
    for item in reference.interactions:
        for name in (*item.class_names, *item.medicines, *item.brands):
            shown["-".join(name.split())] = None
    return list(shown)


def find_medicine(reference: Reference, name: str) -> list[Interaction]:
    """The entries a medicine name refers to; a salt or strength after a known name
    ('levothyroxine sodium', 'doxycycline 100mg') still finds it. Empty when none."""
    index = medicine_names(reference)
    folded = normalize_name(name[:MAX_NAME_LENGTH])
    ids = index.get(folded)
    if ids is None:
        # The longest known name the query starts with, as a whole word.
        starts = [known for known in index if folded.startswith(known + "-")]
        ids = index[max(starts, key=len)] if starts else []
    by_id = {item.id: item for item in reference.interactions}
    return [by_id[entry] for entry in ids]


def suggest_medicines(reference: Reference, name: str) -> list[str]:
    """Medicine names close to `name`, for a did-you-mean."""
    from magcli.names import closest

    shown = {normalize_name(display): display for display in display_names(reference)}
    return [shown[key] for key in closest(normalize_name(name), shown, limit=3)]


def lookup(reference: Reference, name: str | None, catalog: Callable[[], Catalog]) -> Lookup:
    """The entries for `name`: every entry without one; a medicine's own entries; every
    entry for a supplement form (they apply to all forms, so `catalog` is read only then);
    else none, with close medicine names."""
    from magcli.errors import UsageError

    if name is None:
        return Lookup(None, list(reference.interactions))
    if not name.strip():
        raise UsageError("the medicine name is empty; leave it out to list every entry")
    found = find_medicine(reference, name)
    if found:
        return Lookup(name, found)
    from magcli.catalog import name_index

    catalog_now = catalog()
    form_id = name_index(catalog_now).lookup(name)
    if form_id is not None:
        form = next(form for form in catalog_now.forms if form.id == form_id)
        return Lookup(name, list(reference.interactions), form=form)
    return Lookup(name, [], suggestions=tuple(suggest_medicines(reference, name)))

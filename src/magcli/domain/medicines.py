"""Finding the interaction entries for medicines as people name them: a generic name, a
brand, the class, a salt or strength after the name ('levothyroxine sodium 50 mcg'), or
several at once ('zinc and doxycycline'). No I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from magcli.domain.grammar import is_strength, is_strength_unit
from magcli.domain.names import MAX_NAME_LENGTH, normalize_name
from magcli.errors import UsageError

if TYPE_CHECKING:
    from magcli.domain.models import Catalog, Form
    from magcli.domain.reference import Interaction, Reference

# Words in a medicine's name as written on a box or a prescription that say nothing about
# which medicine it is: salts, dosage forms, strengths, and the words between two names.
_PASSING = """sodium potassium calcium magnesium hydrochloride hcl hyclate monohydrate
anhydrous mesylate tablet tablets tab tabs capsule capsules caps oral solution suspension
xr er sr dr la cr extended delayed release and with or plus"""
PASSING_WORDS = frozenset(_PASSING.split())
# Words that tell one release form from another: they pass where no entry names them,
# but where one does ('risedronate delayed-release') they are part of the name, so they
# are kept when the salt or strength between them and the medicine is skipped.
_RELEASE = "xr er sr dr la cr extended delayed release"
RELEASE_WORDS = frozenset(_RELEASE.split())


class Lookup(NamedTuple):
    """What `magcli interactions [NAME]` found."""

    query: str | None  # the name asked about; None lists every entry
    interactions: list[Interaction]
    form: Form | None = None  # the query named a supplement form: every entry applies
    suggestions: tuple[str, ...] = ()  # close medicine names, when nothing matched
    unread: tuple[str, ...] = ()  # words of the query that named no listed medicine

    @property
    def not_listed(self) -> str | None:
        """The plain warning for a medicine the table does not list, else None."""
        if self.query is None or self.interactions:
            return None
        from magcli.text import or_list, shorten

        hint = f" (Did you mean {or_list(list(self.suggestions))}?)" if self.suggestions else ""
        return (
            f"{shorten(self.query)} is not in magcli's table of medicines that interact with "
            "magnesium. That does not mean it is safe to take with magnesium: ask a "
            f"pharmacist or doctor.{hint}"
        )

    @property
    def warnings(self) -> list[str]:
        """What a person must know about this answer: an unlisted medicine, or words of
        the query that named none of the entries shown."""
        notice = self.not_listed
        if notice:
            return [notice]
        if self.unread:
            found = ", ".join(item.drug_class for item in self.interactions)
            rest = " ".join(self.unread)
            from magcli.text import or_list

            hint = f" Did you mean {or_list(list(self.suggestions))}?" if self.suggestions else ""
            return [
                f"Read as: {found}. magcli's table does not list '{rest}'; if that names a "
                "medicine, not being listed does not mean it is safe to take with magnesium: "
                f"ask a pharmacist or doctor.{hint}"
            ]
        return []


def medicine_names(reference: Reference) -> dict[tuple[str, ...], list[str]]:
    """Every name (class, generic, brand) as its folded words, and the ids of the entries
    it finds."""
    index: dict[tuple[str, ...], list[str]] = {}
    for item in reference.interactions:
        for name in item.names():
            ids = index.setdefault(_meaningful(normalize_name(name).split("-")), [])
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


def read_medicines(reference: Reference, query: str) -> tuple[list[Interaction], list[str]]:
    """The entries the query names, reading it word by word and taking the longest name
    at each point; and the words that named nothing (salts, strengths and the words
    between names aside)."""
    index = medicine_names(reference)
    longest = max(len(words) for words in index)
    # Lists as people write them: 'cipro, synthroid', 'cipro/synthroid', 'cipro+synthroid'.
    listed = query.translate(_LIST_MARKS)
    words = list(_meaningful(normalize_name(listed).split("-")))
    ids: dict[str, None] = {}
    unread: list[str] = []
    position = 0
    while position < len(words):
        for size in range(min(longest, len(words) - position), 0, -1):
            found = index.get(tuple(words[position : position + size]))
            if found is not None:
                ids.update(dict.fromkeys(found))
                position += size
                break
        else:
            word = words[position]
            if not _passes(word):
                unread.append(word)
            position += 1
    by_id = {item.id: item for item in reference.interactions}
    return [by_id[entry] for entry in ids], unread


_LIST_MARKS = str.maketrans(dict.fromkeys(",;/+&", " "))


def _meaningful(words: list[str]) -> tuple[str, ...]:
    """The words that can tell one medicine from another, read the same way in the
    table's names and in the query: salts, strengths, dosage forms and the words between
    names left out, release forms kept (a name of passing words alone is kept whole)."""
    kept = tuple(word for word in words if word and (word in RELEASE_WORDS or not _passes(word)))
    return kept or tuple(word for word in words if word)


def _passes(word: str) -> bool:
    """A salt, a dosage form, a strength or a word between two names."""
    return word in PASSING_WORDS or is_strength_unit(word) or is_strength(word, bare=True)


def is_medicine_name(reference: Reference, name: str) -> bool:
    """Whether `name` is a listed name itself (class, generic or brand), word for word."""
    words = tuple(word for word in normalize_name(name).split("-") if word)
    return bool(words) and _meaningful(list(words)) == words and words in medicine_names(reference)


def find_medicine(reference: Reference, name: str) -> list[Interaction]:
    """The entries a medicine name refers to; empty when none."""
    return read_medicines(reference, name)[0]


# A listed name is suggested for a typo of it (levofloxcin), never for a name merely
# alike: amoxicillin, a penicillin, is no moxifloxacin, and its spacing is not theirs.
MEDICINE_CUTOFF = 0.8
MAX_STARTING = 5  # names that start with what was typed, offered at most


def suggest_medicines(reference: Reference, name: str) -> list[str]:
    """Listed names for a did-you-mean: those that start with `name` (three letters or
    more: 'levo' is levothyroxine or levofloxacin), else those a typo away from it."""
    from magcli.domain.names import closest, normalize_name

    shown = {normalize_name(display): display for display in display_names(reference)}
    typed = normalize_name(name)
    if len(typed.replace("-", "")) >= 3:
        starting = [display for key, display in shown.items() if key.startswith(typed)]
        if starting:
            return starting[:MAX_STARTING]
    return [shown[key] for key in closest(typed, shown, limit=3, cutoff=MEDICINE_CUTOFF)]


def class_of(reference: Reference, name: str) -> str:
    """What kind of medicine a listed name is, in a few words ('thyroid hormone')."""
    found = find_medicine(reference, name)
    if not found:
        return ""
    item = found[0]
    return item.class_names[0] if item.class_names else item.drug_class


def lookup(reference: Reference, name: str | None, catalog: Catalog) -> Lookup:
    """The entries for `name`: every entry without one; the entries of the medicines it
    names; every entry for a supplement form (they apply to all forms); else none, with
    close medicine names."""
    if name is None:
        return Lookup(None, list(reference.interactions))
    if not name.strip():
        raise UsageError("the medicine name is empty; leave it out to list every entry")
    if len(name) > MAX_NAME_LENGTH:
        raise UsageError(
            f"a medicine name of {len(name):,} characters is too long (at most {MAX_NAME_LENGTH})"
        )
    from magcli.domain.catalog import name_index

    form_id = name_index(catalog).lookup(name)
    if form_id is not None:
        form = next(form for form in catalog.forms if form.id == form_id)
        return Lookup(name, list(reference.interactions), form=form)
    found, unread = read_medicines(reference, name)
    if found:
        # A word beside the names found that names nothing may still be the start or a
        # typo of one ('cipro levo'): said, with the names it may be.
        close = [hint for word in unread for hint in suggest_medicines(reference, word)]
        return Lookup(name, found, unread=tuple(unread), suggestions=tuple(dict.fromkeys(close)))
    return Lookup(name, [], suggestions=tuple(suggest_medicines(reference, name)))

"""Form names: folding and the name index. Kept light (no re, enum or pydantic) because
the fast path resolves names before anything else is loaded."""

from __future__ import annotations

import unicodedata

from magcli.errors import UnknownFormError, UsageError

MAX_NAME_LENGTH = 200  # no form name comes near; longer input is a mistake, not a name


def normalize_name(name: str) -> str:
    """Fold case and width, treat spaces, hyphens and underscores alike, and drop a leading
    'magnesium' or 'mg'."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    # str.split() splits on the same Unicode whitespace as the regex class \\s.
    words = folded.replace("_", " ").replace("-", " ").split()
    if len(words) > 1 and words[0] in ("magnesium", "mg"):
        words = words[1:]
    return "-".join(words)


class NameIndex:
    """Folded names (ids, aliases, display names) to form ids, in catalogue order."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs
        self._ids: dict[str, str] = {}
        for key, form_id in pairs:
            self._ids.setdefault(key, form_id)

    @classmethod
    def of(cls, forms: list[tuple[str, list[str]]]) -> NameIndex:
        """The index of forms given as (id, [every name it goes by])."""
        return cls([(normalize_name(name), form_id) for form_id, names in forms for name in names])

    def lookup(self, name: str) -> str | None:
        """The id a name refers to, or None (no checks, no suggestions)."""
        return self._ids.get(normalize_name(name[:MAX_NAME_LENGTH]))

    def find(self, name: str) -> str:
        """The id a name refers to, or a UsageError (UnknownFormError with suggestions)."""
        if not name.strip():
            raise UsageError("a form name cannot be empty")
        if len(name) > MAX_NAME_LENGTH:
            raise UsageError(
                f"a form name of {len(name):,} characters is too long (at most {MAX_NAME_LENGTH})"
            )
        found = self._ids.get(normalize_name(name))
        if found is None:
            raise UnknownFormError(name, self.suggest(name))
        return found

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Ids of the forms whose names are closest to `name`."""
        from magcli.vocab import closest

        keys = closest(normalize_name(name), self._ids, limit=len(self._ids))
        return list(dict.fromkeys(self._ids[key] for key in keys))[:limit]


MAX_REPEAT_WARNINGS = 3  # more repeats than this get one summary line, not one each


def repeat_warnings(repeats: list[tuple[str, str]]) -> list[str]:
    """Warnings for names that repeat a form already chosen: (name as typed, its id)."""
    from magcli.text import shorten

    if len(repeats) <= MAX_REPEAT_WARNINGS:
        return [
            f"{shorten(name)} is {form_id}, already in the comparison; shown once"
            for name, form_id in repeats
        ]
    name, form_id = repeats[0]
    return [
        f"{len(repeats):,} names repeat forms already in the comparison (the first: "
        f"{shorten(name)} is {form_id}); each form is shown once"
    ]

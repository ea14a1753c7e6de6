"""Names as people type them: folding, the form name index, the closest words to a
mistake, and the names a shell completes."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping

from magcli.errors import UnknownFormError, UsageError
from magcli.text import one_line, or_list

MAX_NAME_LENGTH = 200  # no form name comes near; longer input is a mistake, not a name
MAX_LOOKED = 4096  # names a NameIndex remembers having looked up
MAGNESIUM_WORDS = ("magnesium", "mg", "mag")  # what people put before a form's own name


def normalize_name(name: str) -> str:
    """Fold case and width, treat spaces, hyphens and underscores alike, and drop a leading
    'magnesium' (or 'mg', 'mag')."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    # str.split() splits on the same Unicode whitespace as the regex class \\s.
    words = folded.replace("_", " ").replace("-", " ").split()
    if len(words) > 1 and words[0] in MAGNESIUM_WORDS:
        words = words[1:]
    return "-".join(words)


# Words people put between the forms they compare: read as separators.
JOINING_WORDS = frozenset({"vs", "vs.", "v", "v.", "versus", "and", "or", "&", "with"})


def form_words(words: list[str], known: Callable[[str], bool] | None = None) -> list[str]:
    """Form names as typed in a list: 'glycinate,citrate', 'glycinate vs citrate' and
    'magnesium glycinate' (two shell words) read as meant; with `known` (is this a form's
    name?), a name of several words unquoted too ('epsom salt', 'milk of magnesia'). An
    empty word stays, to be refused as empty."""
    names: list[str] = []
    for word in words:
        if JOINING_WORDS & set(word.casefold().split()):  # 'glycinate and citrate'
            word = ",".join(word.split())
        pieces = [piece.strip() for piece in word.split(",")] if "," in word else [word]
        names += [piece for piece in pieces if piece or len(pieces) == 1]
    found: list[str] = []
    for name in names:
        if name.casefold() in JOINING_WORDS:
            continue
        if found and normalize_name(found[-1]) in MAGNESIUM_WORDS:
            found[-1] = f"{found[-1]} {name}"  # 'magnesium' 'glycinate': one name
        else:
            found.append(name)
    return phrases(found, known) if known is not None else found


def phrases(words: list[str], known: Callable[[str], bool], longest: int = 4) -> list[str]:
    """Words as the names they spell: at each place, the longest run of up to `longest`
    words that `known` knows, as one name ('blood pressure'); a word in no such run is a
    name of its own."""
    found: list[str] = []
    index = 0
    while index < len(words):
        for size in range(min(longest, len(words) - index), 0, -1):
            run = words[index : index + size]
            name = " ".join(run)
            if size == 1 or (all(word.strip() for word in run) and known(name)):
                found.append(name)
                index += size
                break
    return found


class NameIndex:
    """Folded names (ids, aliases, display names) to form ids, in catalogue order."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs
        self._ids: dict[str, str] = {}
        for key, form_id in pairs:
            self._ids.setdefault(key, form_id)
        # Names looked up before, as given: a shelf of labels names the same salts again
        # and again. Bounded, so that no input makes it grow without end.
        self._looked: dict[str, str | None] = {}

    @classmethod
    def of(cls, forms: list[tuple[str, list[str]]]) -> NameIndex:
        """The index of forms given as (id, [every name it goes by])."""
        return cls([(normalize_name(name), form_id) for form_id, names in forms for name in names])

    def lookup(self, name: str) -> str | None:
        """The id a name refers to, or None (no checks, no suggestions)."""
        try:
            return self._looked[name]
        except KeyError:
            pass
        found = self._ids.get(normalize_name(name[:MAX_NAME_LENGTH]))
        if len(self._looked) >= MAX_LOOKED:
            self._looked.clear()
        self._looked[name] = found
        return found

    def find(self, name: str) -> str:
        """The id a name refers to, or a UsageError (UnknownFormError with suggestions)."""
        found = self.identify(name)
        if found is None:
            raise UnknownFormError(name, self.suggest(name))
        return found

    def identify(self, name: str) -> str | None:
        """The id a name refers to, None for an unknown name, a UsageError for an empty
        or overlong one."""
        if not name.strip():
            raise UsageError("a form name cannot be empty")
        if len(name) > MAX_NAME_LENGTH:
            raise UsageError(
                f"a form name of {len(name):,} characters is too long (at most {MAX_NAME_LENGTH})"
            )
        return self._ids.get(normalize_name(name))

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Ids of the forms whose names are closest to `name`."""
        return suggestions(name, self._ids, limit)

    def did_you_mean(self, name: str) -> str:
        """'; did you mean a or b?' for the forms closest to `name`, or '' (and for a
        name longer than any form's, at once)."""
        return "" if len(name) > MAX_NAME_LENGTH else did_you_mean(name, self._ids)


SUGGEST_CUTOFF = 0.6  # how alike a word must be to be suggested at all (difflib ratio)
SUGGEST_SPREAD = 0.1  # suggest others only when they are nearly as alike as the best


def closest(
    word: str, candidates: Iterable[str], limit: int = 3, cutoff: float | None = None
) -> list[str]:
    """The candidates most like `word` (at least `cutoff` alike): the best match, and any
    nearly as good."""
    import difflib  # only needed when something went wrong

    ratios = {
        candidate: difflib.SequenceMatcher(None, word, candidate).ratio()
        for candidate in candidates
    }
    alike = sorted(
        (c for c, r in ratios.items() if r >= (SUGGEST_CUTOFF if cutoff is None else cutoff)),
        key=lambda c: (-ratios[c], c),
    )
    if not alike:
        return []
    best = ratios[alike[0]]
    return [candidate for candidate in alike if ratios[candidate] >= best - SUGGEST_SPREAD][:limit]


def suggestions(word: str, names: Mapping[str, str] | Iterable[str], limit: int = 2) -> list[str]:
    """The names most like `word`, for a "did you mean": `names` are matched as names are
    read (folded: case, width, spaces and hyphens) and shown as given, or, for a mapping,
    matched by its keys and shown as its values, each once."""
    shown = names if isinstance(names, Mapping) else {name: name for name in names}
    folded: dict[str, str] = {}
    for name, display in shown.items():
        folded.setdefault(normalize_name(name), display)
    found = (folded[key] for key in closest(normalize_name(word), folded, limit=len(folded)))
    return list(dict.fromkeys(found))[:limit]


def did_you_mean(word: str, names: Mapping[str, str] | Iterable[str], limit: int = 2) -> str:
    """'; did you mean a or b?' for the names most like `word`, or '' when none is."""
    found = suggestions(word, names, limit)
    return f"; did you mean {or_list(found)}?" if found else ""


def completions(candidates: Iterable[str], incomplete: str) -> list[str]:
    """The candidates a shell offers for the word typed so far: those that start with it,
    folded like a name ('mg glyc' finds 'glycinate') or as typed, each once. Shells keep
    only what starts with the word exactly as typed, so a candidate that matches in
    another case is offered in lower case ('lev' finds 'levaquin')."""
    wanted = normalize_name(incomplete) if incomplete.strip() else ""
    found: dict[str, None] = {}
    for candidate in candidates:
        if not (
            normalize_name(candidate).startswith(wanted)
            or candidate.lower().startswith(incomplete.lower())
        ):
            continue
        shown = candidate if candidate.startswith(incomplete) else candidate.lower()
        if shown.startswith(incomplete):
            # One per line, and nothing a terminal would act on: a name from a catalogue
            # file is untrusted text.
            found[one_line(shown)] = None
    return list(found)


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

"""Find, read and validate a catalogue file, and resolve form names against it."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from magcli.domain.names import MAX_NAME_LENGTH, NameIndex, normalize_name
from magcli.errors import CatalogError, UnknownFormsError
from magcli.paths import (
    MAX_CATALOG_BYTES,
    NotRegular,
    TooLarge,
    catalog_file,
    data_file,
    read_bytes,
)
from magcli.text import display_path, one_line, shorten_text

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

    from magcli.domain.models import Catalog, Form, Goal
    from magcli.domain.reference import Reference


def bundled_path(name: str = "forms.toml") -> Path:
    """A data file shipped with magcli (inside the package, or the source tree's data/)."""
    return Path(data_file(name))


def catalog_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Which file to load: an explicit path, else $MAGCLI_DATA, else the bundled catalogue."""
    return Path(catalog_file(explicit))


def load_catalog(path: str | os.PathLike[str] | None = None) -> Catalog:
    """Read and validate a catalogue; every failure becomes one CatalogError naming the file."""
    from magcli.domain.models import Catalog

    return _load(catalog_path(path), Catalog, "catalogue")


def load_reference() -> Reference:
    """The bundled reference tables: intake, interactions, risk groups, foods."""
    from magcli.domain.reference import Reference

    return _load(bundled_path("reference.toml"), Reference, "reference data")


M = TypeVar("M", bound="BaseModel")


# Inside `parsed_once`, what each data file parsed to, with the bytes it was parsed from:
# a file is read again every time (so an edit is seen) but parsed and validated once.
# Outside it nothing is kept, so that a large catalogue is freed once its answer is made.
_LOADED: dict[tuple[str, str], tuple[bytes, object]] | None = None


@contextlib.contextmanager
def parsed_once() -> Iterator[None]:
    """Within this block, every data file is parsed and validated once."""
    global _LOADED
    _LOADED = {}
    try:
        yield
    finally:
        _LOADED = None


def _load(file: Path, model: type[M], what: str) -> M:
    data = read_data(str(file), MAX_CATALOG_BYTES, f"{what} file")
    key = (model.__name__, os.path.abspath(file))
    known = _LOADED.get(key) if _LOADED is not None else None
    if known is not None and known[0] == data:
        return known[1]  # type: ignore[return-value]
    shown = display_path(file)
    cached = _parsed(data)
    if cached is not None:
        try:
            loaded = _validate(file, cached, model, what)
        except CatalogError:  # a damaged or forged entry: a miss, the file itself decides
            cached = None
    if cached is None:
        raw = parse_toml(shown, data)
        loaded = _validate(file, raw, model, what)
        _keep_parsed(data, raw)
    if _LOADED is not None:
        _LOADED[key] = (data, loaded)
    return loaded


# What a data file parses to, kept in the cache folder under a hash of its bytes and of
# this Python (whose marshal format it is written in), so that a run need not parse the
# same TOML again. Still validated in full every time: the cache spares the parsing only.
PARSED_MAGIC = b"magcli parsed data 1\n"
PARSED_KEPT = 8  # entries kept: the bundled files and a few catalogues of one's own


def _parsed_name(data: bytes) -> str:
    import sys

    from magcli.paths import digest

    return "parsed-" + digest(sys.version.encode() + b"\0" + data).hex()[:40]


def _parsed(data: bytes) -> dict[str, object] | None:
    """What `data` parsed to in an earlier run, or None (any fault in the cache is a miss)."""
    import marshal

    from magcli import cache
    from magcli.paths import DIGEST_SIZE, digest

    where = cache.folder()
    if where is None or not cache.usable(where):
        return None
    entry = cache.read_entry(os.path.join(where, _parsed_name(data)), cache.MAX_ENTRY_BYTES)
    head = len(PARSED_MAGIC) + DIGEST_SIZE
    if entry is None or not entry.startswith(PARSED_MAGIC) or len(entry) < head:
        return None
    payload = entry[head:]
    if digest(payload) != entry[len(PARSED_MAGIC) : head]:
        return None
    try:
        raw = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return raw if isinstance(raw, dict) else None


def _keep_parsed(data: bytes, raw: dict[str, object]) -> None:
    """Keep what `data` parsed to for the next run (best effort, silent)."""
    import marshal

    from magcli import cache
    from magcli.paths import digest

    where = cache.folder()
    if where is None or not cache.usable(where, create=True):
        return
    try:
        payload = marshal.dumps(raw)  # TOML dates and times have no marshal form: not kept
    except ValueError:
        return
    entry = PARSED_MAGIC + digest(payload) + payload
    cache.store(where, _parsed_name(data), entry, PARSED_MAGIC, keep=PARSED_KEPT)


def read_data(
    file: str,
    limit: int,
    what: str,
    peek: bool = False,
    check_head: Callable[[bytes, int], None] | None = None,
) -> bytes:
    """A data file's bytes (its first bytes with `peek`), refusing anything that is not a
    plain, readable file of at most `limit` bytes (so a device or FIFO can neither hang
    nor flood magcli), or that `check_head` refuses from its first bytes and size; every
    failure one CatalogError naming the file and `what` it is."""
    from magcli.paths import head

    try:
        return head(file) if peek else read_bytes(file, limit, check_head=check_head)
    except OSError as error:
        raise _refusal(error, file, what, limit) from None


def _refusal(error: OSError, file: str, what: str, limit: int) -> CatalogError:
    """What keeps a data file from being read, in words (its name made safe to show only
    here: folders of thousands of labels are read without it)."""
    shown = display_path(file)
    if isinstance(error, IsADirectoryError):
        return CatalogError(f"{shown}: is a directory, not a {what}")
    if isinstance(error, NotRegular):
        return CatalogError(f"{shown}: not a regular file")
    if isinstance(error, TooLarge):
        return CatalogError(
            f"{shown}: {error.size:,} bytes is over the {limit:,}-byte limit for a {what}"
        )
    if isinstance(error, FileNotFoundError):
        return CatalogError(f"{shown}: no such {what}")
    if isinstance(error, PermissionError):
        return CatalogError(f"{shown}: permission denied")
    return CatalogError(f"{shown}: cannot read: {error.strerror or error}")


def decode_text(shown: str, data: bytes) -> str:
    """UTF-8 text; a leading byte-order mark, which some editors write, is not part of it."""
    try:
        return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as error:
        raise CatalogError(f"{shown}: not UTF-8 text (bad byte at offset {error.start})") from None


def parse_toml(shown: str, data: bytes, refused: str = "") -> dict[str, Any]:
    """A TOML data file's table, from its bytes: the one reader of every TOML file magcli
    reads (catalogues, the reference, shelves), each failure one CatalogError that names
    the file, after `refused` ('not a shelf file: '): not UTF-8, a syntax error, a number
    of more digits than Python converts, nesting too deep."""
    import tomllib

    text = decode_text(shown, data)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"{shown}: {refused}TOML syntax error: {error}") from None
    except ValueError:  # int('9' * 5000): more digits than Python converts
        import sys

        most = sys.get_int_max_str_digits()
        raise CatalogError(
            f"{shown}: {refused}a number of more than {most:,} digits, which magcli does not read"
        ) from None
    except RecursionError:
        raise CatalogError(f"{shown}: arrays or tables nested too deeply to read") from None


def parse_json(shown: str, data: bytes, refused: str = "") -> Any:
    """A JSON data file's value, from its bytes (a leading byte-order mark skipped): the
    one reader of every JSON file magcli reads (label records), each failure one
    CatalogError as parse_toml's. Infinity and NaN are no JSON, and are refused."""
    from pydantic_core import from_json  # pydantic's own reader: faster than the json module

    try:  # the bytes themselves: pydantic-core refuses what is no UTF-8 as it parses
        return from_json(data.removeprefix(b"\xef\xbb\xbf"), allow_inf_nan=False)
    except ValueError as error:  # bad JSON, a lone surrogate, a number out of range
        text = decode_text(shown, data)  # no UTF-8 text: said so, with the bad byte's offset
        if "escape" in str(error):  # '\ud800' alone in a string: JSON, which it refuses
            return _with_lone_surrogates(shown, text, refused, error)
        raise CatalogError(f"{shown}: {refused}JSON error: {_unreadable(error)}") from None
    except RecursionError:
        raise CatalogError(f"{shown}: arrays or objects nested too deeply to read") from None


def _with_lone_surrogates(shown: str, text: str, refused: str, first: ValueError) -> Any:
    """JSON whose strings escape a lone surrogate ('\\ud800', which JSON allows and
    pydantic-core refuses): read by the json module, each string made readable where it
    enters (text.readable), so no later sink meets a character it cannot encode."""
    import json

    from magcli.text import readable_all

    def no_constant(name: str) -> None:
        raise ValueError(f"{name} is no JSON value")

    try:
        return readable_all(json.loads(text, parse_constant=no_constant))
    except (ValueError, RecursionError):  # no JSON after all: the first reader's words
        raise CatalogError(f"{shown}: {refused}JSON error: {_unreadable(first)}") from None


def _unreadable(error: ValueError) -> str:
    """What a reader said of a file it could not read, on one line and short."""
    from magcli.text import one_line, shorten_text

    return shorten_text(one_line(str(error)), 120)


def _validate(file: Path, raw: dict[str, object], model: type[M], what: str) -> M:
    from pydantic import ValidationError

    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise CatalogError(_describe(file, raw, error, what)) from None


def _describe(file: Path, raw: dict[str, object], error: ValidationError, what: str) -> str:
    """One line per problem: the field path, which form it is in, and what is wrong."""
    lines = []
    for problem in error.errors(include_url=False):
        location = _dotted(problem["loc"])
        form_id = _form_id_at(raw, problem["loc"])
        where = f"{location} (form {form_id!r})" if form_id else location
        message = str(problem["msg"]).removeprefix("Value error, ")
        given = problem.get("input")
        if problem["type"] in ("enum", "literal_error", "string_pattern_mismatch") and isinstance(
            given, str
        ):
            message += f", got {given[:60]!r}"
        # A key or value from the file is shown on one line and cut short: the file
        # cannot forge lines of its own in the message.
        lines.append(shorten_text(one_line(f"{where or '(top level)'}: {message}"), 300))
    count = len(lines)
    listed = lines[:10]
    if count > len(listed):
        listed.append(f"... and {count - len(listed)} more")
    noun = "problem" if count == 1 else "problems"
    return f"{display_path(file)}: invalid {what} ({count} {noun}):\n  " + "\n  ".join(listed)


def _dotted(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _form_id_at(raw: dict[str, object], loc: tuple[int | str, ...]) -> str | None:
    forms = raw.get("forms")
    if len(loc) < 2 or loc[0] != "forms" or not isinstance(loc[1], int):
        return None
    if not isinstance(forms, list) or loc[1] >= len(forms) or not isinstance(forms[loc[1]], dict):
        return None
    form_id = forms[loc[1]].get("id")
    return form_id if isinstance(form_id, str) else None


class Resolver:
    """Finds forms by id or alias, forgiving case, separators and a 'magnesium' prefix."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.index = name_index(catalog)
        self._forms = {form.id: form for form in catalog.forms}

    def resolve(self, name: str) -> Form:
        """The form a name refers to, or UnknownFormError with the closest names."""
        return self._forms[self.index.find(name)]

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Ids of the forms whose names are closest to `name`."""
        return self.index.suggest(name, limit)

    def select(self, names: Iterable[str]) -> tuple[list[Form], list[tuple[str, str]]]:
        """The forms named, in order, each once, and the names that repeat an earlier form
        (as typed, with the id they repeat)."""
        forms: dict[str, Form] = {}
        repeats: list[tuple[str, str]] = []
        unknown: list[str] = []
        for name in names:
            found = self.index.identify(name)
            if found is None:
                unknown.append(name)
            elif found in forms:
                repeats.append((name, found))
            else:
                forms[found] = self._forms[found]
        if len(unknown) == 1:
            self.resolve(unknown[0])  # raises, with the closest names
        if unknown:
            raise UnknownFormsError(
                [(name, self.suggest(name)) for name in unknown[:MAX_REPORTED]], len(unknown)
            )
        return list(forms.values()), repeats


MAX_REPORTED = 10  # unknown names reported one by one; beyond, a count


def name_index(catalog: Catalog) -> NameIndex:
    """Every id, alias and display name of the catalogue's forms."""
    return NameIndex.of([(form.id, [form.id, *form.aliases, form.name]) for form in catalog.forms])


def resolve(catalog: Catalog, name: str) -> Form:
    """The form `name` refers to in `catalog`."""
    return Resolver(catalog).resolve(name)


def goal_names(catalog: Catalog) -> dict[str, str]:
    """Every folded goal id and alias, to the goal's id."""
    return {
        normalize_name(name): goal.id for goal in catalog.goals for name in (goal.id, *goal.aliases)
    }


def resolve_goal(catalog: Catalog, name: str) -> Goal:
    """The goal a name refers to ('sleep', 'insomnia', 'Blood pressure'), or a UsageError
    naming the closest goals."""
    from magcli.domain.names import did_you_mean
    from magcli.errors import UsageError
    from magcli.text import escape_unsafe, shorten

    names = goal_names(catalog)
    found = names.get(normalize_name(name[:MAX_NAME_LENGTH]))
    if found is not None:
        goal = catalog.goal(found)
        assert goal is not None
        return goal
    hint = did_you_mean(name[:MAX_NAME_LENGTH], names)
    known = ", ".join(goal.id for goal in catalog.goals)
    raise UsageError(
        f"unknown goal {escape_unsafe(shorten(name))}{hint} (goals: {known}; "
        "'magcli goals' shows the evidence for each)"
    )

"""A cache of what a validated catalogue renders to, so a plain `magcli compare A B --json`
neither validates the catalogue nor imports pydantic, typer or json.

Where: $XDG_CACHE_HOME/magcli (else ~/.cache/magcli), one file per catalogue path.
Never stale: the file records a hash of the catalogue's bytes and a stamp of the code
(magcli's version, the Python version, and the size and time of every magcli source
file); any difference and it is rebuilt from the catalogue.
Written atomically (a temporary file renamed into place); a cache folder that is
read-only, full or missing only means the work is redone each time.

Everything stored is made by the same code the normal path runs (the JSON output
models, form_facts, the ranking), so the fast path prints the same bytes.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys

from magcli import __version__
from magcli.paths import MAX_CATALOG_BYTES

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import Any

CACHE_FORMAT = 3


def cache_dir() -> str:
    """The folder magcli keeps its cache in."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "magcli")


def code_stamp() -> str:
    """What the cached text depends on besides the catalogue: this magcli and this Python."""
    package = os.path.dirname(__file__)
    parts = [f"{CACHE_FORMAT}", __version__, sys.version]
    for folder in (package, os.path.join(package, "render")):
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda entry: entry.name):
                if entry.name.endswith(".py"):
                    info = entry.stat()
                    parts.append(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts)


def _digest(data: bytes) -> str:
    from _blake2 import blake2b  # the C module itself: hashlib would load OpenSSL

    return str(blake2b(data, digest_size=32).hexdigest())


def read_catalog_bytes(path: str) -> bytes | None:
    """The catalogue's bytes, or None for anything the normal path should report on
    (missing, not a regular file, too large, unreadable)."""
    import stat

    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CATALOG_BYTES:
            return None
        with open(path, "rb") as handle:
            data = handle.read(MAX_CATALOG_BYTES + 1)
    except OSError:
        return None
    return data if len(data) <= MAX_CATALOG_BYTES else None


class Cached:
    """The sections of a cache file, each unpacked only when first read: `list --json` on
    a large catalogue should not pay for the facts or rankings it does not show."""

    def __init__(self, sections: dict[str, bytes], location: str = "", tag: str = "") -> None:
        self._packed = sections
        self._open: dict[str, Any] = {}
        self.location = location  # the cache file ("" when there is none)
        self.tag = tag  # what the cached data was made from: catalogue hash and code stamp

    def __getitem__(self, name: str) -> Any:
        if name not in self._open:
            self._open[name] = marshal.loads(self._packed[name])
        return self._open[name]

    def __contains__(self, name: object) -> bool:
        return name in self._packed


def load(path: str) -> Cached | None:
    """The rendered data of the catalogue at `path`: from the cache when it is current,
    else built now (and stored if the cache folder allows). None when the catalogue
    cannot be read or is invalid: the normal path then reports why."""
    data = read_catalog_bytes(path)
    if data is None:
        return None
    digest = _digest(data)
    stamp = code_stamp()
    location = os.path.join(cache_dir(), _digest(os.path.abspath(path).encode())[:32] + ".bin")
    stored = _read(location)
    if stored is not None and stored.get("digest") == digest and stored.get("stamp") == stamp:
        with contextlib.suppress(OSError):  # mark it as used, for _prune
            os.utime(location)
        sections = stored.get("sections")
        if isinstance(sections, dict):
            return Cached(sections, location, digest + stamp)
    built = build(path)
    if built is None:
        return None
    packed = {name: marshal.dumps(value) for name, value in built.items()}
    _write(location, {"digest": digest, "stamp": stamp, "sections": packed})
    _prune(os.path.dirname(location), keep=location)
    return Cached(packed, location, digest + stamp)


UNUSED_DAYS = 30  # cache files of catalogues not read for this long are removed


def _prune(folder: str, keep: str) -> None:
    """Remove the caches of catalogues nobody has read for a month (best effort)."""
    import time

    cutoff = time.time() - UNUSED_DAYS * 86400
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.path.startswith(keep):
                    continue
                with contextlib.suppress(OSError):
                    if entry.stat().st_mtime < cutoff:
                        os.unlink(entry.path)
    except OSError:
        pass


MAX_RENDERS = 32  # tables kept per catalogue; the oldest goes first


def _renders(cached: Cached) -> dict[str, str]:
    """The tables kept for this catalogue's current data (read once a run)."""
    if "renders" not in cached._open:
        stored = _read(cached.location + ".renders") if cached.location else None
        kept = stored.get("renders") if stored and stored.get("tag") == cached.tag else None
        cached._open["renders"] = dict(kept) if isinstance(kept, dict) else {}
    renders: dict[str, str] = cached._open["renders"]
    return renders


def rendered(cached: Cached, key: str) -> str | None:
    """A table rendered before for exactly these inputs (see magcli.fast._render_key)."""
    text = _renders(cached).get(key)
    return text if isinstance(text, str) else None


def remember(cached: Cached, key: str, text: str) -> None:
    """Keep a rendered table for next time (best effort, like the cache itself)."""
    if not cached.location:
        return
    renders = _renders(cached)
    renders.pop(key, None)
    renders[key] = text
    while len(renders) > MAX_RENDERS:
        renders.pop(next(iter(renders)))
    _write(cached.location + ".renders", {"tag": cached.tag, "renders": renders})


def _read(location: str) -> dict[str, Any] | None:
    try:
        with open(location, "rb") as handle:
            value = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return value if isinstance(value, dict) else None


def _write(location: str, value: dict[str, Any]) -> None:
    folder = os.path.dirname(location)
    temporary = f"{location}.{os.getpid()}.tmp"
    try:
        os.makedirs(folder, exist_ok=True)
        with open(temporary, "wb") as handle:
            marshal.dump(value, handle)
        os.replace(temporary, location)
    except OSError:  # read-only or full: work without a cache
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def build(path: str) -> dict[str, Any] | None:
    """Validate the catalogue and render everything the fast path may need, with the
    normal path's own code. None when the catalogue is invalid."""
    import json

    from magcli.catalog import goal_names, load_catalog, name_index
    from magcli.errors import CatalogError
    from magcli.names import normalize_name
    from magcli.query import rank
    from magcli.render.facts import form_facts
    from magcli.render.json import document, form_out
    from magcli.report import DISCLAIMER, OUTPUT_SCHEMA_VERSION, Report
    from magcli.text import escape_json_text

    try:
        catalog = load_catalog(path)
    except CatalogError:
        return None

    def encoded(value: Any) -> str:
        """JSON text as the normal path writes it (UTF-8, unsafe characters escaped)."""
        return escape_json_text(json.dumps(value, indent=2, ensure_ascii=False))

    def nested(value: Any) -> str:
        """JSON text of a list item at the depth of the envelope's "forms" list."""
        return "\n".join("    " + line for line in encoded(value).split("\n"))

    def member(value: Any) -> str:
        """JSON text of a member's value in the envelope (lines after the first indented)."""
        return encoded(value).replace("\n", "\n  ")

    def whole(report: Report) -> str:
        """A whole document, as the JSON renderer writes it to a UTF-8 stream."""
        return encoded(document(report)) + "\n"

    names = []
    for form in catalog.forms:
        for name in (form.id, *form.aliases):
            shown = "-".join(name.split())
            names.append((shown, normalize_name(shown)))
    rankings = {}
    for goal in catalog.goals:
        ranking = rank(catalog, goal)
        forms = [item.form for item in ranking.ranked]
        rankings[goal.id] = whole(Report("rank", catalog, forms, ranking))
    default_filters: dict[str, Any] = {
        "goals": [],
        "min_bioavailability": None,
        "gentle": False,
        "min_evidence": None,
        "sort": "catalog",
    }
    listed = Report("list", catalog, list(catalog.forms), filters=default_filters)
    return {
        "schema_version": member(OUTPUT_SCHEMA_VERSION),
        "data_version": member(catalog.data_version),
        "disclaimer": member(DISCLAIMER),
        "list_document": whole(listed),
        "index": name_index(catalog).pairs,
        "goals": goal_names(catalog),
        "completions": names,
        "forms": {
            form.id: nested(form_out(form, catalog).model_dump(mode="json"))
            for form in catalog.forms
        },
        "facts": {
            form.id: [
                (
                    label,
                    [
                        (
                            entry.head,
                            entry.grade.value if entry.grade else None,
                            entry.note,
                            entry.verdict.value if entry.verdict else None,
                        )
                        for entry in entries
                    ],
                )
                for label, entries in form_facts(form)
            ]
            for form in catalog.forms
        },
        "rankings": rankings,
    }

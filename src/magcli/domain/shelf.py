"""A shelf of real products: read from a person's own TOML file or from official label
records (the NIH Dietary Supplement Label Database, DSLD), as one kind of Product. No
arithmetic here beyond units: what a product holds and costs is worked out in
`magcli.domain.costing`.

Shelf file (TOML), one table per product:

    [[products]]
    name = "Example Magnesium Glycinate"
    form = "glycinate"            # or, for a blend: forms = ["glycinate", "oxide"]
    magnesium_mg = 200            # elemental magnesium per serving, as the label states it
    compound_mg = 1000            # optional: weight of the compound(s) per serving
    serving_units = 2             # capsules, tablets or scoops per serving
    units_per_container = 120
    price = 24.99                 # optional, with currency = "USD"
    currency = "USD"
    servings_per_day = 1          # optional

DSLD label records are the JSON of the DSLD Label API's `GET /v9/label/{id}` (API
version 9, https://dsldapi.od.nih.gov, public domain): one record, a list of them, or a
folder of `.json` files, read as the label means them by `magcli.domain.labels`.
"""

from __future__ import annotations

import codecs
import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from magcli.domain.catalog import read_data
from magcli.domain.grammar import MAX_COMPOUND_MG, MAX_DAY_MG
from magcli.errors import CatalogError, UsageError
from magcli.fanout import in_parts
from magcli.paths import HEAD_BYTES
from magcli.text import display_path, one_line, one_name, shorten, shorten_text

if TYPE_CHECKING:
    from magcli.domain.catalog import Resolver

# Limits per kind of file: a catalogue is small; a shelf or a set of label records can
# hold tens of thousands of products. Above these, a file is refused before parsing.
MAX_SHELF_BYTES = 64 * 1024 * 1024
MAX_LABEL_BYTES = 256 * 1024 * 1024
MAX_FOLDER_FILES = 100_000
# A serving holds at most what any command takes as a day's (grammar: the same limits
# everywhere): 10 g of magnesium, 100 g of a compound (or of any row of a label).
MAX_MG = MAX_COMPOUND_MG
MIN_MG = 0.1  # a tenth of a milligram, the least magcli shows: below any label's magnesium
MAX_UNITS = 1_000_000.0
MIN_UNITS = 0.01
MAX_REPORTED = 10  # bad products listed one by one; beyond, a count


class ProductIn(BaseModel):
    """One product of a shelf file, as a person writes it."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, strict=True)

    name: str = Field(min_length=1, max_length=200, pattern=r"\S", description="the product's name")
    form: str | None = Field(
        default=None, max_length=200, description="a form id or alias (one form)"
    )
    forms: list[str] | None = Field(
        default=None, min_length=1, max_length=10, description="a blend: every form in it"
    )
    magnesium_mg: float | None = Field(
        ge=MIN_MG,
        le=MAX_DAY_MG,
        description="elemental magnesium per serving, as the label states it",
    )
    compound_mg: float | None = Field(
        default=None,
        ge=MIN_MG,
        le=MAX_COMPOUND_MG,
        description="weight of the compound(s) per serving",
    )
    serving_units: float = Field(
        default=1,
        ge=MIN_UNITS,
        le=MAX_UNITS,
        description="capsules, tablets or scoops per serving",
    )
    units_per_container: float | None = Field(default=None, ge=MIN_UNITS, le=MAX_UNITS)
    price: float | None = Field(default=None, ge=0, le=1e9, description="price of a container")
    currency: str | None = Field(
        default=None, pattern=r"^[A-Z]{3}$", description="ISO 4217 code; never converted"
    )
    servings_per_day: float | None = Field(default=None, gt=0, le=100)

    @model_validator(mode="after")
    def _consistent(self) -> ProductIn:
        if (self.form is None) == (self.forms is None):
            raise ValueError("give form (one form) or forms (a blend), not both or neither")
        if self.price is not None and self.currency is None:
            raise ValueError('a price needs its currency (currency = "USD", or another code)')
        return self


class MedicineIn(BaseModel):
    """A medicine of a day file, as a person writes it: read by the same words as
    `plan --medicine`."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: str = Field(min_length=1, max_length=200, pattern=r"\S", description="the medicine")
    time: str = Field(min_length=1, max_length=20, description="when it is taken: 08:00, 8am")
    days: str = Field(
        default="daily",
        max_length=100,
        description="daily (the default), a weekday ('sunday'), or 'monthly on the 1st'",
    )


class ShelfFile(BaseModel):
    """A shelf file (a day file): its products, and the medicines taken that day."""

    model_config = ConfigDict(extra="forbid")

    products: list[ProductIn] = []
    medicines: list[MedicineIn] = []


class DayMedicine(NamedTuple):
    """A medicine read from a day file, with where it was written."""

    where: str
    name: str
    time: str
    days: str


class Product(NamedTuple):
    """A product as magcli reads it, from a shelf file or a label record."""

    name: str
    source: str  # where it was read: the file, and the product's place or label id
    forms: tuple[str, ...]  # catalogue form ids
    unknown_forms: tuple[str, ...]  # salts named on the label that the catalogue lacks
    magnesium_mg: float | None  # per serving; None when the label gives no amount
    compound_mg: float | None
    serving_units: float
    units_per_container: float | None
    price: float | None = None
    currency: str | None = None
    servings_per_day: float | None = None
    brand: str | None = None
    dsld_id: str | None = None
    notes: tuple[str, ...] = ()
    unit: str = "unit"  # what serving_units counts: tablet, capsule, packet, or a measure (gram)
    servings_per_day_max: float | None = None  # the label's most use; None: not given
    servings_per_container: float | None = None  # as the label states it
    nested_reading: str | None = None  # compound-weight, share-of-magnesium, swapped, unclear
    magnesium_estimate_mg: float | None = None  # per serving, from a %DV, where no amount is
    percent_dv: float | None = None  # the %DV the label prints for its magnesium
    dv_basis_mg: int | None = None  # the Daily Value that %DV is of
    dv_basis: str | None = None  # why that Daily Value
    dv_verdict: str = "unchecked"  # the %DV against the amount: consistent, mismatch
    dv_note: str = ""  # that check in words


class Problem(Exception):
    """One product that cannot be read: where, and why."""


@dataclass
class Shelf:
    """What the files hold: products, what was skipped, and the medicines of a day file."""

    products: list[Product] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    medicines: list[DayMedicine] = field(default_factory=list)


def read_shelves(
    paths: list[str],
    resolver: Resolver,
    skip_bad: bool = False,
    progress: Progress | None = None,
) -> tuple[list[Product], list[str]]:
    """Every product in the files (a shelf, label records, folders of them, or .zip
    archives of them), and what was skipped. A bad product is a CatalogError naming file,
    product and field, unless `skip_bad`: then it is listed in the second value and the
    rest are read."""
    shelf = read_day(paths, resolver, skip_bad, progress=progress)
    return shelf.products, shelf.skipped


def read_day(
    paths: list[str],
    resolver: Resolver,
    skip_bad: bool = False,
    need_products: bool = True,
    progress: Progress | None = None,
) -> Shelf:
    """The products and medicines of the files; as `read_shelves`, but a day file may
    hold only medicines where `need_products` is false. `progress` is told, after each
    file of a folder or an archive, how many of how many are read."""
    shelf = Shelf()
    products, problems = shelf.products, shelf.skipped
    if any(not path.strip() for path in paths):
        raise UsageError("a file name cannot be empty")
    with _uncollected():
        for path in paths:
            files = _sources(path)
            told = None if progress is None else _telling(progress, len(files))
            for found, bad, taken, refused in in_parts(
                files, lambda file: file.take(resolver), _never if skip_bad else _refused, told
            ):
                if refused is not None:
                    if not skip_bad:
                        raise CatalogError(refused)
                    bad = [refused.split("\n", 1)[0]]
                products += found
                problems += bad
                shelf.medicines += taken
    if problems and not skip_bad:
        listed = problems[:MAX_REPORTED]
        if len(problems) > len(listed):
            listed.append(f"... and {len(problems) - len(listed)} more")
        noun = "product" if len(problems) == 1 else "products"
        raise CatalogError(
            f"{len(problems)} {noun} cannot be read (--skip-bad answers for the rest):\n  "
            + "\n  ".join(listed)
        )
    if not products and (need_products or not shelf.medicines):
        raise CatalogError(
            "no product could be read: " + (problems[0] if problems else "none given")
        )
    return shelf


# A file's products, bad products and medicines, and why it cannot be read at all.
Taken = tuple[list[Product], list[str], list["DayMedicine"], str | None]


def _refused(taken: Taken) -> bool:
    return taken[3] is not None


def _never(taken: Taken) -> bool:
    return False


def _telling(progress: Progress, total: int) -> Callable[[int], None]:
    return lambda done: progress(done, total)


@contextmanager
def _uncollected() -> Iterator[None]:
    """No cycle collection while files are read: parsing a label makes thousands of
    objects and no cycle, and a folder of labels would start the collector thousands of
    times for nothing. As it was, after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class Source:
    """One file to read: on disk, or a member of a .zip archive; its place among the
    files of what was named (a folder's or an archive's), for progress."""

    __slots__ = ("archive", "name", "of", "path", "place")

    def __init__(
        self, path: str, place: int = 1, of: int = 1, archive: Any = None, name: str = ""
    ) -> None:
        self.path, self.place, self.of, self.archive, self.name = path, place, of, archive, name

    def take(self, resolver: Resolver) -> Taken:
        """What `read` gives, and a CatalogError's message instead of raising it: the
        same in every process that reads a part of a folder."""
        try:
            return (*self.read(resolver), None)
        except CatalogError as error:
            return [], [], [], str(error)

    @property
    def shown(self) -> str:
        # A member's name is the archive's text: shown as any file name is, on one line.
        return display_path(self.path) + (f"!{display_path(self.name)}" if self.name else "")

    def read(self, resolver: Resolver) -> tuple[list[Product], list[str], list[DayMedicine]]:
        """Its products, its bad products and its medicines. Its kind is told from its
        name (.json, .toml) or its first bytes, which are checked before the rest is read:
        a file that is no UTF-8 text, or over its kind's size limit, is refused unread."""
        shown = self.shown
        kinds: list[bool] = []  # label records (True) or a shelf file (False)

        def check(head: bytes, size: int) -> None:
            try:  # a character the first bytes may have cut in two at the end waits
                _UTF8().decode(head.removeprefix(b"\xef\xbb\xbf"))
            except UnicodeDecodeError as error:
                raise CatalogError(
                    f"{shown}: not UTF-8 text (bad byte at offset {error.start})"
                ) from None
            name = (self.name or self.path).lower()
            labels = name.endswith(".json") or (
                not name.endswith(".toml") and _looks_like_json(head)
            )
            limit = MAX_LABEL_BYTES if labels else MAX_SHELF_BYTES
            if size > limit:
                what = "label record file" if labels else "shelf file"
                raise CatalogError(
                    f"{shown}: {size:,} bytes is over the {limit:,}-byte limit for a {what}"
                )
            kinds.append(labels)

        if self.archive is None:
            data = read_data(self.path, MAX_LABEL_BYTES, "file", check_head=check)
        else:
            data = _member(self.archive, self.name, shown, MAX_MEMBER_BYTES)
            check(data[:HEAD_BYTES], len(data))
        if kinds[0]:
            from magcli.domain.labels import read_labels

            return (*read_labels(shown, data, resolver), [])
        return _read_shelf(shown, data, resolver)


Progress = Callable[[int, int], None]  # (files read, files in all)
_UTF8 = codecs.getincrementaldecoder("utf-8")
MAX_ARCHIVE_BYTES = 256 * 1024 * 1024  # a .zip of label records, as it is on disk
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one member unpacked: a label record is some kB
MAX_ARCHIVE_CONTENTS = 4 * 1024 * 1024 * 1024  # what it may unpack to, all members together


def _sources(path: str) -> list[Source]:
    """The file itself, a folder's .json and .toml files in name order, or the members
    of a .zip archive of them."""
    if os.path.isdir(path):
        return _folder(path)
    if path.lower().endswith(".zip"):
        return _archive(path)
    return [Source(path)]


def _folder(path: str) -> list[Source]:
    from magcli.paths import list_folder

    try:
        names = list_folder(path)
    except OSError as error:
        raise CatalogError(f"{display_path(path)}: cannot list: {error.strerror}") from None
    if not names:
        raise CatalogError(f"{display_path(path)}: a folder with no .json or .toml files")
    _count(path, len(names))
    return [
        Source(os.path.join(path, name), place, len(names))
        for place, name in enumerate(names, start=1)
    ]


def _count(path: str, count: int) -> None:
    if count > MAX_FOLDER_FILES:
        raise CatalogError(
            f"{display_path(path)}: {count:,} files is over the limit of "
            f"{MAX_FOLDER_FILES:,} label records in a folder or an archive"
        )


def _archive(path: str) -> list[Source]:
    """The .json and .toml members of a .zip archive, in name order (folders inside it
    are walked; nothing is written to disk). Refused whole when it is no archive, over
    its size, or says it unpacks to more than MAX_ARCHIVE_CONTENTS."""
    import io
    import zipfile

    shown = display_path(path)
    data = read_data(path, MAX_ARCHIVE_BYTES, "zip archive")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [
            info
            for info in archive.infolist()
            if not info.is_dir() and info.filename.lower().endswith((".json", ".toml"))
        ]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise CatalogError(f"{shown}: not a zip archive: {shorten_text(str(error), 80)}") from None
    if not members:
        raise CatalogError(f"{shown}: an archive with no .json or .toml files")
    names = [info.filename for info in members]
    if len(set(names)) < len(names):  # only the last of two could be opened by its name
        twice = next(name for name in names if names.count(name) > 1)
        raise CatalogError(f"{shown}: two members are named {display_path(twice)}; rename one")
    _count(path, len(members))
    if sum(info.file_size for info in members) > MAX_ARCHIVE_CONTENTS:
        raise CatalogError(f"{shown}: unpacks to more than {MAX_ARCHIVE_CONTENTS >> 30} GiB")
    members.sort(key=lambda info: info.filename)
    return [
        Source(path, place, len(members), archive, info.filename)
        for place, info in enumerate(members, start=1)
    ]


def _member(archive: Any, name: str, shown: str, limit: int) -> bytes:
    """A member's bytes, at most `limit`: refused unread when its header says it is
    larger, and, as the header is not trusted, unpacked a piece at a time and refused as
    soon as it is (memory stays within the limit, whatever it would inflate to)."""
    import zipfile
    import zlib

    said = f"{shown}: over the limit of {limit >> 20} MiB for a member of an archive"
    try:
        if archive.getinfo(name).file_size > limit:
            raise CatalogError(said)
        data = bytearray()
        with archive.open(name) as member:
            while piece := member.read(1 << 20):
                data += piece
                if len(data) > limit:
                    raise CatalogError(said)
    except (
        zipfile.BadZipFile,
        zlib.error,  # damaged compressed bytes
        NotImplementedError,
        ValueError,
        OSError,
        EOFError,
    ) as error:
        raise CatalogError(f"{shown}: cannot unpack: {shorten_text(str(error), 80)}") from None
    except RuntimeError as error:  # an encrypted member
        raise CatalogError(f"{shown}: cannot unpack: {shorten_text(str(error), 80)}") from None
    return bytes(data)


def _looks_like_json(data: bytes) -> bool:
    """A JSON object or list of objects; TOML's [[tables]] also start with '['."""
    start = data.removeprefix(b"\xef\xbb\xbf").lstrip()[:64]
    return start.startswith(b"{") or (
        start.startswith(b"[") and start[1:].lstrip()[:1] in (b"{", b"]")
    )


# Shelf files ---------------------------------------------------------------------------


def _read_shelf(
    shown: str, data: bytes, resolver: Resolver
) -> tuple[list[Product], list[str], list[DayMedicine]]:
    from magcli.domain.catalog import parse_toml

    raw = parse_toml(shown, data, refused="not a shelf file: ")
    extra = sorted(set(raw) - {"products", "medicines"})
    tables = [raw.get(key) for key in ("products", "medicines")]
    if (
        extra
        or not any(tables)
        or not all(isinstance(table, list) for table in tables if table is not None)
    ):
        said = f"unknown key {shorten(extra[0], 60)}; " if extra else ""
        raise CatalogError(
            f"{shown}: not a shelf file: {said}it needs [[products]] tables, or the "
            "[[medicines]] of a day ('magcli schema --products' describes them)"
        )
    products, problems = [], []
    for place, entry in enumerate(raw.get("products") or [], start=1):
        where = _where(shown, place, entry)
        try:
            products.append(_from_shelf(where, entry, resolver))
        except Problem as problem:
            problems.append(str(problem))
    medicines = []
    for place, entry in enumerate(raw.get("medicines") or [], start=1):
        where = _where(shown, place, entry, "medicine")
        try:
            medicine = MedicineIn.model_validate(entry)
        except ValidationError as error:
            raise CatalogError(_invalid(where, error)) from None
        if not one_name(medicine.name):  # invisible marks or control codes alone
            raise CatalogError(f"{where}: name: no visible text")
        medicines.append(DayMedicine(where, medicine.name, medicine.time, medicine.days))
    return products, problems, medicines


def _where(shown: str, place: int, entry: object, what: str = "product") -> str:
    name = entry.get("name") if isinstance(entry, dict) else None
    named = f" ({shorten(name, 60)})" if isinstance(name, str) else ""
    return f"{shown}: {what} {place}{named}"


def _invalid(where: str, error: ValidationError) -> str:
    """A validation error as one line: where, the field, and what is wrong with it."""
    first = error.errors(include_url=False)[0]
    field_name = ".".join(str(part) for part in first["loc"]) or "(entry)"
    context = first.get("ctx") or {}
    blank = (first["type"] == "string_too_short" and context.get("min_length") == 1) or (
        first["type"] == "string_pattern_mismatch" and context.get("pattern") == r"\S"
    )
    message = "no visible text" if blank else str(first["msg"]).removeprefix("Value error, ")
    more = len(error.errors()) - 1
    extra = f" (and {more} more)" if more else ""
    return shorten_text(one_line(f"{where}: {field_name}: {message}{extra}"), 300)


def _from_shelf(where: str, entry: object, resolver: Resolver) -> Product:
    try:
        product = ProductIn.model_validate(entry)
    except ValidationError as error:
        raise Problem(_invalid(where, error)) from None
    named = [product.form] if product.form is not None else list(product.forms or [])
    forms, unknown = forms_of(named, resolver)
    if unknown:
        raise Problem(
            f"{where}: form: {', '.join(shorten(n, 60) for n in unknown)} "
            f"is not a form magcli knows{resolver.index.did_you_mean(unknown[0])} ('magcli "
            "list' shows them)"
        )
    if not one_name(product.name):  # invisible marks or control codes alone
        raise Problem(f"{where}: name: no visible text")
    day = (product.magnesium_mg or 0) * (product.servings_per_day or 1)
    if day > MAX_DAY_MG:  # the limit every command takes for a day
        raise Problem(
            f"{where}: {day:,.0f} mg of magnesium a day is no supplement's (magcli takes at "
            f"most {MAX_DAY_MG:,.0f} mg a day)"
        )
    return Product(
        name=one_name(product.name),
        source=where,
        forms=forms,
        unknown_forms=(),
        magnesium_mg=product.magnesium_mg,
        compound_mg=product.compound_mg,
        serving_units=product.serving_units,
        units_per_container=product.units_per_container,
        price=product.price,
        currency=product.currency,
        servings_per_day=product.servings_per_day,
    )


def forms_of(names: list[str], resolver: Resolver) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The catalogue ids of `names`, each once, and the names that are no known form."""
    found: list[str] = []
    unknown: list[str] = []
    for name in names:
        form_id = resolver.index.lookup(name) if name.strip() else None
        if form_id is None:
            unknown.append(name)
        elif form_id not in found:
            found.append(form_id)
    return tuple(found), tuple(unknown)


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []

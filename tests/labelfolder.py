"""Folders of label files for the tests: copies of the real DSLD records of
examples/dsld, in turn, each with its own name, and broken ones where asked."""

from __future__ import annotations

import json
from pathlib import Path

REAL = Path(__file__).resolve().parent.parent / "examples" / "dsld"


def labels(folder: Path, count: int, bad: frozenset[int] = frozenset()) -> Path:
    """`count` label files in `folder`; those numbered in `bad` broken."""
    records = [json.loads(path.read_text()) for path in sorted(REAL.glob("*.json"))]
    names = [record["fullName"] for record in records]
    for record in records:
        record["fullName"] = "@NAME@"  # made once, named for each copy
    texts = [json.dumps(record) for record in records]
    folder.mkdir()
    for number in range(count):
        target = folder / f"label-{number:04d}.json"
        if number in bad:
            target.write_text('{"ingredientRows": [')
            continue
        name = json.dumps(f"{names[number % len(names)]} #{number}")[1:-1]
        target.write_text(texts[number % len(texts)].replace("@NAME@", name))
    return folder

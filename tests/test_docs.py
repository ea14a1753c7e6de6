"""Docs that cannot drift: the CLI reference, and help with an example for every command."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from conftest import Run

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location(
    "gen_cli_reference", ROOT / "docs" / "gen_cli_reference.py"
)
assert spec is not None and spec.loader is not None
generator = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generator)


def test_cli_reference_is_current() -> None:
    checked_in = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert checked_in == generator.reference(), (
        "docs/cli.md is stale: run python docs/gen_cli_reference.py"
    )


def test_reference_covers_every_command(run: Run) -> None:
    section = run("--help", env={"COLUMNS": "80"}).stdout.split("Commands:\n")[1]
    listed = re.findall(r"^  (\S+)  ", section.split("\n\n")[0], flags=re.MULTILINE)
    assert sorted(listed) == sorted(generator.COMMANDS)


@pytest.mark.parametrize("command", generator.COMMANDS)
def test_every_command_has_help_and_a_working_example(run: Run, command: str) -> None:
    text = run([command, "--help"], env={"COLUMNS": "200"}).stdout
    example = next(line for line in text.splitlines() if "Example: magcli " in line)
    words = example.split("Example: magcli ", 1)[1].split()
    assert words[0] == command
    result = run(words)  # the example runs as written
    assert result.exit_code == 0, result.output


def _slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces
    as hyphens."""
    import re

    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


@pytest.mark.parametrize(
    "page", ["README.md", "docs/guide.md", "docs/evidence.md", "CONTRIBUTING.md"]
)
def test_every_link_in_the_docs_resolves(page: str) -> None:
    import re

    text = (ROOT / page).read_text(encoding="utf-8")
    folder = (ROOT / page).parent
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, anchor = target.partition("#")
        file = (folder / path) if path else ROOT / page
        assert file.exists(), f"{page}: {target} names no file"
        if anchor and file.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", file.read_text(encoding="utf-8"), re.MULTILINE)
            assert anchor in {_slug(h) for h in headings}, f"{page}: #{anchor} is no heading"


def test_the_evidence_page_lists_every_flag_as_the_code_means_it() -> None:
    from magcli.domain.vocab import FLAG_MEANING, Flag

    text = (ROOT / "docs" / "evidence.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `([a-z-]+)` \| (.+) \|$", text, flags=re.MULTILINE))
    for flag in Flag:
        assert flag.value in table, f"docs/evidence.md lacks the flag {flag.value}"
        assert table[flag.value].startswith(FLAG_MEANING[flag]), flag.value

"""Shell completion through Typer's protocol (_MAGCLI_COMPLETE), as a shell would ask."""

from __future__ import annotations

import pytest

from conftest import Run
from magcli.render import FORMATS


def bash(run: Run, line: str) -> list[str]:
    words = line.split(" ")
    result = run(
        [],
        env={
            "_MAGCLI_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
        },
    )
    assert result.exit_code == 0, result.output
    return result.stdout.split()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("magcli compare gly", ["glycinate", "glycinate-chelate"]),
        ("magcli compare glycinate ci", ["citrate"]),
        ("magcli show mag", None),  # checked below: aliases that start with "mag"
        ("magcli show epsom", ["epsom-salt", "epsom-salts"]),
        ("magcli dose mgo", ["mgo"]),
        ("magcli interactions taur", ["taurate", "taurinate"]),
        ("magcli interactions doxy", ["doxycycline"]),
        ("magcli interactions lev", ["levofloxacin", "levaquin", "levothyroxine", "levoxyl"]),
        ("magcli interactions Syn", ["Synthroid"]),
        ("magcli list --for sl", ["sleep"]),
        ("magcli rank --for c", ["constipation", "cramps", "cardiovascular", "cognition"]),
        ("magcli rank --for hyp", ["hypertension", "hypomagnesemia"]),
        ("magcli list --min-evidence s", ["small-human"]),
        ("magcli list --min-bioavailability ", ["high", "moderate", "low", "unknown"]),
        ("magcli list --sort e", ["elemental-mg", "evidence"]),
        ("magcli list -f j", ["json", "jsonl"]),
        (
            "magcli compare a b --format ",
            list(FORMATS),
        ),
        ("magcli schema --command d", ["dose"]),
        ("magcli co", ["compare"]),
        ("magcli i", ["intake", "interactions"]),
        ("magcli g", ["goals"]),
        ("magcli plan --medicine doxy", ["doxycycline"]),
        ("magcli plan --medicine levo", ["levofloxacin", "levothyroxine", "levoxyl"]),
        ("magcli stack --region e", ["eu", "europe", "efsa", "european-union"]),
        ("magcli interactions synth", ["synthroid"]),
    ],
)
def test_bash_completion(run: Run, line: str, expected: list[str] | None) -> None:
    found = bash(run, line)
    if expected is None:
        assert "magtein" in found and "magnesium-bisglycinate" in found
        assert all(name.startswith("mag") for name in found)
    else:
        assert found == expected


def test_zsh_and_fish(run: Run) -> None:
    zsh = run(
        [], env={"_MAGCLI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "magcli show magt"}
    )
    assert "magtein" in zsh.stdout
    fish = run(
        [],
        env={
            "_MAGCLI_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_ARGS": "magcli rank --for con",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        },
    )
    assert fish.stdout.split() == ["constipation"]


def test_install_completion_is_offered(run: Run) -> None:
    out = run("--help").stdout
    assert "--install-completion" in out and "--show-completion" in out

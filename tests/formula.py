"""Molar masses from chemical formulas, written for the tests independently of magcli."""

from __future__ import annotations

import re

ATOMIC_WEIGHT = {
    "Mg": 24.305,
    "C": 12.011,
    "H": 1.008,
    "N": 14.007,
    "O": 15.999,
    "S": 32.06,
    "Cl": 35.45,
}

_TOKEN = re.compile(r"([A-Z][a-z]?|\(|\)|\d+)")


def atom_counts(formula: str) -> dict[str, int]:
    """Atoms in a formula such as 'Mg(C2H4NO2)2' or 'MgCl2·6H2O'."""
    total: dict[str, int] = {}
    for part in re.split(r"[·.*]", formula):
        match = re.match(r"^(\d+)(.*)$", part)
        multiplier, body = (int(match.group(1)), match.group(2)) if match else (1, part)
        for element, count in _parse(body).items():
            total[element] = total.get(element, 0) + multiplier * count
    return total


def _parse(body: str) -> dict[str, int]:
    tokens = _TOKEN.findall(body)
    assert "".join(tokens) == body, f"unparsed characters in {body!r}"
    stack: list[dict[str, int]] = [{}]
    i = 0
    while i < len(tokens):
        token = tokens[i]
        has_count = i + 1 < len(tokens) and tokens[i + 1].isdigit()
        count = int(tokens[i + 1]) if has_count else 1
        if token == "(":
            stack.append({})
        elif token == ")":
            group = stack.pop()
            for element, n in group.items():
                stack[-1][element] = stack[-1].get(element, 0) + n * count
        else:
            assert token in ATOMIC_WEIGHT, f"unknown element {token!r}"
            stack[-1][token] = stack[-1].get(token, 0) + count
        i += 2 if has_count and token != "(" else 1
    assert len(stack) == 1, f"unbalanced parentheses in {body!r}"
    return stack[0]


def molar_mass(formula: str) -> float:
    return sum(ATOMIC_WEIGHT[element] * n for element, n in atom_counts(formula).items())


def elemental_mg_percent(formula: str) -> float:
    return atom_counts(formula).get("Mg", 0) * ATOMIC_WEIGHT["Mg"] / molar_mass(formula) * 100

"""The test suite's own chemistry must be right before it can judge the catalogue."""

from __future__ import annotations

import pytest

from formula import atom_counts, elemental_mg_percent, molar_mass


@pytest.mark.parametrize(
    ("formula", "counts"),
    [
        ("MgO", {"Mg": 1, "O": 1}),
        ("Mg(OH)2", {"Mg": 1, "O": 2, "H": 2}),
        ("Mg3(C6H5O7)2", {"Mg": 3, "C": 12, "H": 10, "O": 14}),
        ("MgCl2·6H2O", {"Mg": 1, "Cl": 2, "H": 12, "O": 6}),
        ("Mg(C5H3N2O4)2·2H2O", {"Mg": 1, "C": 10, "H": 10, "N": 4, "O": 10}),
    ],
)
def test_atom_counts(formula: str, counts: dict[str, int]) -> None:
    assert atom_counts(formula) == counts


# Molar masses and percentages as published in the project's reference table.
@pytest.mark.parametrize(
    ("formula", "mass", "percent"),
    [
        ("Mg(C2H4NO2)2", 172.42, 14.10),
        ("Mg3(C6H5O7)2", 451.11, 16.16),
        ("MgCl2·6H2O", 203.30, 11.96),
        ("MgSO4·7H2O", 246.47, 9.86),
        ("MgCO3", 84.31, 28.83),
        ("Mg(C4H7O5)2·H2O", 312.51, 7.78),
    ],
)
def test_molar_mass_matches_reference(formula: str, mass: float, percent: float) -> None:
    assert molar_mass(formula) == pytest.approx(mass, abs=0.02)
    assert elemental_mg_percent(formula) == pytest.approx(percent, abs=0.01)

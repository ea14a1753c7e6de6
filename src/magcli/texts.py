"""Fixed wording that more than one output needs (kept apart so it costs nothing to load)."""

from __future__ import annotations

DISCLAIMER = (
    "For information only, not medical advice. Ask a doctor or pharmacist before taking "
    "magnesium, especially if you have kidney disease or take other medicines."
)

INTERACTIONS_HINT = (
    "Taking medicines? 'magcli interactions' lists the ones magnesium affects and who "
    "should ask a clinician first."
)


def not_listed(name: str, suggestions: list[str]) -> str:
    """The warning for a medicine magcli's interaction table does not list."""
    from magcli.text import shorten

    hint = f" (Did you mean {' or '.join(suggestions)}?)" if suggestions else ""
    return (
        f"{shorten(name)} is not in magcli's table of medicines that interact with "
        "magnesium. That does not mean it is safe to take with magnesium: ask a pharmacist "
        f"or doctor.{hint}"
    )

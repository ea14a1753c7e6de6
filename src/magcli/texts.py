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

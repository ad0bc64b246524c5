"""ACLED event and sub-event types (exact spellings) with their PLOVER and CAMEO codes.

Each sub-event type maps to one :class:`Coding`: the ACLED event type it
belongs to, the PLOVER event type and mode, and the closest CAMEO code.
"""

from __future__ import annotations

from dataclasses import dataclass

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

EVENT_TYPES: tuple[str, ...] = (BATTLES, REMOTE, VAC, PROTESTS, RIOTS, STRATEGIC)


@dataclass(frozen=True)
class Coding:
    """How one ACLED sub-event type is coded in the other ontologies."""

    event_type: str
    sub_event_type: str
    plover_type: str
    plover_mode: str | None
    cameo_code: str


def _c(event_type: str, sub: str, plover: str, mode: str | None, cameo: str) -> Coding:
    return Coding(event_type, sub, plover, mode, cameo)


#: Every ACLED sub-event type, keyed by its exact ACLED spelling.
CODINGS: dict[str, Coding] = {
    c.sub_event_type: c
    for c in (
        _c(BATTLES, "Armed clash", "ASSAULT", "firearms", "190"),
        _c(BATTLES, "Government regains territory", "ASSAULT", "occupy", "192"),
        _c(BATTLES, "Non-state actor overtakes territory", "ASSAULT", "occupy", "192"),
        _c(REMOTE, "Air/drone strike", "ASSAULT", "aerial", "195"),
        _c(REMOTE, "Shelling/artillery/missile attack", "ASSAULT", "explosives", "194"),
        _c(REMOTE, "Remote explosive/landmine/IED", "ASSAULT", "explosives", "1833"),
        _c(REMOTE, "Suicide bomb", "ASSAULT", "explosives", "1831"),
        _c(REMOTE, "Grenade", "ASSAULT", "explosives", "183"),
        _c(REMOTE, "Chemical weapon", "ASSAULT", "CBRN", "2041"),
        _c(VAC, "Attack", "ASSAULT", "firearms", "180"),
        _c(VAC, "Abduction/forced disappearance", "ASSAULT", "abduct", "181"),
        _c(VAC, "Sexual violence", "ASSAULT", "sexual", "1821"),
        _c(PROTESTS, "Peaceful protest", "PROTEST", "demonstrate", "141"),
        _c(PROTESTS, "Protest with intervention", "PROTEST", "demonstrate", "141"),
        _c(PROTESTS, "Excessive force against protesters", "COERCE", "repression", "175"),
        _c(RIOTS, "Violent demonstration", "PROTEST", "riot", "145"),
        _c(RIOTS, "Mob violence", "ASSAULT", "beat", "182"),
        _c(STRATEGIC, "Agreement", "AGREE", "ceasefire", "0871"),
        _c(STRATEGIC, "Arrests", "COERCE", "arrest", "173"),
        _c(STRATEGIC, "Change to group/activity", "MOBILIZE", "troops", "154"),
        _c(STRATEGIC, "Disrupted weapons use", "COERCE", "seize", "1711"),
        _c(STRATEGIC, "Headquarters or base established", "MOBILIZE", "troops", "154"),
        _c(STRATEGIC, "Looting/property destruction", "COERCE", "seize", "1712"),
        _c(STRATEGIC, "Non-violent transfer of territory", "RETREAT", "withdraw", "0874"),
        _c(STRATEGIC, "Other", "MOBILIZE", None, "150"),
    )
}

SUB_EVENT_TYPES: tuple[str, ...] = tuple(CODINGS)


def coding(sub_event_type: str) -> Coding:
    """The :class:`Coding` of an ACLED sub-event type (``KeyError`` if unknown)."""
    return CODINGS[sub_event_type]


def event_type_of(sub_event_type: str) -> str:
    """The ACLED event type a sub-event type belongs to."""
    return CODINGS[sub_event_type].event_type

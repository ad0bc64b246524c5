"""How each ACLED event type looks on the map: a colour and a small white glyph.

The glyphs are hand-drawn SVG paths on a 24x24 grid, so the map needs no icon
font and works offline. They are constants: no input text ever reaches them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TypeStyle:
    """The look of one event type: colour, glyph and a short key for CSS classes."""

    key: str
    colour: str
    #: SVG elements drawn in white on the type's colour (24x24 view box).
    glyph: str


_STROKE = 'fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round"'

#: ACLED's six event types, in ACLED's order.
ACLED_TYPES: dict[str, TypeStyle] = {
    "Battles": TypeStyle(
        "battles",
        "#c62828",
        f'<path d="M5 5L19 19M19 5L5 19M4 15l5 5M20 15l-5 5" {_STROKE}/>',
    ),
    "Explosions/Remote violence": TypeStyle(
        "explosions",
        "#ef6c00",
        '<path fill="#fff" d="M12 2l2 7 7-3-5 6 6 4-7.5-.5L12 22l-2.5-6.5L2 16l6-4-5-6 7 3z"/>',
    ),
    "Violence against civilians": TypeStyle(
        "civilians",
        "#6a1b9a",
        '<circle cx="12" cy="6.5" r="3.5" fill="#fff"/>'
        '<path fill="#fff" d="M5 21v-3.5a7 7 0 0 1 14 0V21z"/>',
    ),
    "Protests": TypeStyle(
        "protests",
        "#2e7d32",
        '<path fill="#fff" d="M4 3h16v10H4z"/><path d="M12 13v8" ' + _STROKE + "/>",
    ),
    "Riots": TypeStyle(
        "riots",
        "#c79100",
        '<path fill="#fff" d="M12 2c1 4 6 6 6 12a6 6 0 0 1-12 0c0-3 2-5 3-7 0 3 1 4 2 4'
        ' 0-4-1-6 1-9z"/>',
    ),
    "Strategic developments": TypeStyle(
        "strategic",
        "#1565c0",
        '<path d="M6 3v18" ' + _STROKE + '/><path fill="#fff" d="M7 4h12l-3 4 3 4H7z"/>',
    ),
}

#: Anything that is not one of ACLED's types (hand-edited GeoJSON, future types).
OTHER = TypeStyle("other", "#616161", '<circle cx="12" cy="12" r="5" fill="#fff"/>')

#: Resolved places (the "places" layer).
PLACE_COLOUR = "#37474f"


def type_style(event_type: str | None) -> TypeStyle:
    """The style of an event type; unknown types share the grey :data:`OTHER`."""
    return ACLED_TYPES.get(event_type or "", OTHER)

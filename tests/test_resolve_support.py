"""A small in-memory stand-in for :class:`geoevents.gazetteer.Gazetteer` (unit tests)."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz


def _fold(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


@dataclass(frozen=True)
class FakeEntry:
    geonameid: int
    name: str
    feature_class: str
    feature_code: str
    country_code: str | None
    admin1_code: str | None = None
    admin1_name: str | None = None
    admin2_code: str | None = None
    admin2_name: str | None = None
    population: int = 0
    lat: float | None = None
    lon: float | None = None
    approximate: bool = False
    source: str = "fake"

    @property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL")

    def to_dict(self) -> dict:
        return {"geonameid": self.geonameid, "name": self.name}


ROWS = [
    (FakeEntry(163843, "Syria", "A", "PCLI", "SY", population=22_000_000, lat=35, lon=38), ()),
    (FakeEntry(99237, "Iraq", "A", "PCLI", "IQ", population=38_000_000, lat=33, lon=44), ()),
    (FakeEntry(298795, "Turkey", "A", "PCLI", "TR", population=80_000_000, lat=39, lon=35), ()),
    (
        FakeEntry(
            6252001, "United States", "A", "PCLI", "US", population=320_000_000, lat=39.8, lon=-98.5
        ),
        ("US", "USA", "America"),
    ),
    (
        FakeEntry(
            170792,
            "Deir ez-Zor Governorate",
            "A",
            "ADM1",
            "SY",
            "07",
            "Deir ez-Zor",
            population=1_200_000,
            lat=35.0,
            lon=40.5,
            approximate=True,
        ),
        ("Deir ez-Zor", "Deir Ezzor"),
    ),
    (
        FakeEntry(
            170794,
            "Deir ez-Zor",
            "P",
            "PPLA",
            "SY",
            "07",
            "Deir ez-Zor",
            population=242_565,
            lat=35.33588,
            lon=40.14084,
        ),
        ("Deir Ezzor",),
    ),
    (
        FakeEntry(
            174506,
            "Hajin",
            "P",
            "PPL",
            "SY",
            "07",
            "Deir ez-Zor",
            population=37_935,
            lat=34.69508,
            lon=40.83138,
        ),
        (),
    ),
    (
        FakeEntry(
            174448,
            "Abu Kamal",
            "P",
            "PPLA2",
            "SY",
            "07",
            "Deir ez-Zor",
            population=57_000,
            lat=34.45226,
            lon=40.91854,
        ),
        ("al-Bukamal", "Bukamal"),
    ),
    (
        FakeEntry(
            173811,
            "Al-Hasakah",
            "P",
            "PPLA",
            "SY",
            "03",
            "Al-Hasakah",
            population=188_000,
            lat=36.50237,
            lon=40.74772,
        ),
        (),
    ),
    (
        FakeEntry(
            170654,
            "Damascus",
            "P",
            "PPLC",
            "SY",
            "13",
            "Damascus",
            population=1_569_394,
            lat=33.5102,
            lon=36.29128,
        ),
        (),
    ),
    (
        FakeEntry(
            4250542,
            "Springfield",
            "P",
            "PPLA",
            "US",
            "IL",
            "Illinois",
            population=116_000,
            lat=39.80,
            lon=-89.64,
        ),
        (),
    ),
    (
        FakeEntry(
            4409896,
            "Springfield",
            "P",
            "PPLA2",
            "US",
            "MO",
            "Missouri",
            population=166_000,
            lat=37.21,
            lon=-93.29,
        ),
        (),
    ),
    (
        FakeEntry(
            4896861,
            "Illinois",
            "A",
            "ADM1",
            "US",
            "IL",
            "Illinois",
            population=12_800_000,
            lat=40.0,
            lon=-89.0,
        ),
        (),
    ),
    (
        FakeEntry(
            4398678,
            "Missouri",
            "A",
            "ADM1",
            "US",
            "MO",
            "Missouri",
            population=6_000_000,
            lat=38.3,
            lon=-92.4,
        ),
        (),
    ),
    (
        FakeEntry(
            999001, "Syria", "P", "PPL", "US", "VA", "Virginia", population=200, lat=38.5, lon=-78.3
        ),
        (),
    ),
    (
        FakeEntry(
            -5, "Euphrates", "H", "STM", "SY", population=0, lat=35.0, lon=40.0, approximate=True
        ),
        ("Euphrates River",),
    ),
    (
        FakeEntry(-4003, "Persian Gulf", "H", "SEA", None, lat=27.0, lon=51.0, approximate=True),
        ("the Gulf",),
    ),
]
DEMONYMS = {
    "syrian": "SY",
    "iraqi": "IQ",
    "turkish": "TR",
    "american": "US",
    "syria": "SY",
    "iraq": "IQ",
    "turkey": "TR",
    "united states": "US",
    "us": "US",
}
BORDERS = {
    frozenset({"SY", "IQ"}): {
        "type": "LineString",
        "coordinates": [[42.36, 37.11], [38.78, 33.37]],
    },
    frozenset({"SY", "TR"}): {"type": "LineString", "coordinates": [[36.0, 36.8], [42.36, 37.11]]},
}


class FakeGazetteer:
    """The gazetteer API on :data:`ROWS`."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[FakeEntry]] = {}
        self.by_id = {}
        for entry, alts in ROWS:
            self.by_id[entry.geonameid] = entry
            for name in (entry.name, *alts):
                self.by_key.setdefault(_fold(name), []).append(entry)

    def lookup(self, name, *, country=None, limit=25):
        found = [
            e for e in self.by_key.get(_fold(name), []) if not country or e.country_code == country
        ]
        found.sort(key=lambda e: (not e.is_country, e.feature_code != "ADM1", -e.population))
        return found[:limit]

    def fuzzy(self, name, *, country=None, limit=10, cutoff=80.0):
        key = _fold(name)
        out = []
        for k, entries in self.by_key.items():
            score = fuzz.ratio(key, k)
            if score >= cutoff:
                out += [(e, score) for e in entries]
        return sorted(out, key=lambda t: -t[1])[:limit]

    def has_name(self, name):
        return _fold(name) in self.by_key

    def get(self, geonameid):
        return self.by_id.get(geonameid)

    def country(self, code):
        return next((e for e, _ in ROWS if e.is_country and e.country_code == code), None)

    def country_code_for(self, word):
        return DEMONYMS.get(word.lower().strip())

    def admin1_geometry(self, cc, code):
        if (cc, code) == ("SY", "07"):
            return {"type": "Polygon", "coordinates": [[[40, 34], [41, 34], [41, 36], [40, 34]]]}
        return None

    def get_geometry(self, geonameid):
        if geonameid == -5:
            return {"type": "LineString", "coordinates": [[38, 36], [41, 34]]}
        return None

    def border(self, a, b):
        return BORDERS.get(frozenset({a, b}))


def test_fake_gazetteer_finds_alternate_names():
    assert FakeGazetteer().lookup("al-Bukamal")[0].geonameid == 174448

"""GeoNames dump files: ``allCountries.zip`` / ``XX.zip`` / ``.txt`` and ``alternateNamesV2``.

Main table columns (tab-separated, no header): geonameid, name, asciiname,
alternatenames, latitude, longitude, feature class, feature code, country code,
cc2, admin1, admin2, admin3, admin4, population, elevation, dem, timezone, date.
alternateNamesV2: alternateNameId, geonameid, isolanguage, alternate name,
isPreferredName, isShortName, isColloquial, isHistoric, from, to.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geoevents.errors import InputError
from geoevents.gazetteer.normalize import ascii_name
from geoevents.gazetteer.sources.base import Record
from geoevents.gazetteer.sources.cities import keep_alternate

#: alternateNames "languages" that are codes or links, not names.
SKIP_LANGUAGES = frozenset({"link", "post", "iata", "icao", "faac", "wkdt", "unlc", "tcid", "phon"})


@contextmanager
def open_table(path: Path, member: str | None = None) -> Iterator[io.TextIOBase]:
    """A text stream over a dump ``.txt`` or the table inside a dump ``.zip``."""
    try:
        yield from _open_table(path, member)
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not a GeoNames table (not UTF-8 text)") from err


def _open_table(path: Path, member: str | None) -> Iterator[io.TextIOBase]:
    if path.suffix.lower() != ".zip":
        with path.open(encoding="utf-8") as fh:
            yield fh
        return
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as err:
        raise InputError(f"{path} is not a zip file") from err
    with archive:
        names = [n for n in archive.namelist() if n.endswith(".txt")]
        wanted = member or f"{path.stem}.txt"
        choice = wanted if wanted in names else next(
            (n for n in names if n.lower() not in {"readme.txt", "iso-languagecodes.txt"}), None
        )
        if choice is None:
            raise InputError(f"{path} holds no GeoNames table")
        with archive.open(choice) as raw:
            yield io.TextIOWrapper(raw, encoding="utf-8")


class GeoNamesDumpSource:
    """Entries of a GeoNames dump, with the alternate names of an alternateNamesV2 file."""

    name = "geonames-dump"

    def __init__(self, dump: Path, alternates: Path | None = None) -> None:
        self.dump = Path(dump)
        self.alternates = Path(alternates) if alternates else None
        self.alternate_count = 0

    def _ids(self) -> set[int]:
        with open_table(self.dump) as fh:
            return {int(line.split("\t", 1)[0]) for line in fh if line[:1].isdigit()}

    def _alternate_names(self) -> dict[int, set[str]]:
        if self.alternates is None:
            return {}
        ids = self._ids()
        out: dict[int, set[str]] = {}
        with open_table(self.alternates, "alternateNamesV2.txt") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 4 or not cols[1].isdigit():
                    continue
                gid = int(cols[1])
                if gid in ids and cols[2] not in SKIP_LANGUAGES and keep_alternate(cols[3]):
                    out.setdefault(gid, set()).add(cols[3])
                    self.alternate_count += 1
        return out

    def records(self) -> Iterator[Record]:
        """One record per dump row."""
        alternates = self._alternate_names()
        with open_table(self.dump) as fh:
            for n, line in enumerate(fh, 1):
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 15:
                    if line.strip():
                        raise InputError(f"{self.dump}:{n}: not a GeoNames dump row")
                    continue
                try:
                    gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
                    population = int(cols[14] or 0)
                except ValueError as err:
                    raise InputError(f"{self.dump}:{n}: {err}") from err
                names = {cols[1], cols[2], *(a for a in cols[3].split(",") if keep_alternate(a))}
                names |= alternates.get(gid, set())
                code = cols[7] or "UNK"
                yield Record(
                    geonameid=gid,
                    name=cols[2] if cols[2] and ascii_name(cols[1]) != cols[1] else cols[1],
                    feature_class=cols[6] or "?",
                    feature_code=code,
                    country_code=cols[8] or None,
                    admin1_code=cols[10] or None,
                    admin2_code=cols[11] or None,
                    population=population,
                    lat=lat,
                    lon=lon,
                    source=self.name,
                    names={a for a in names if a},
                    raw={"name": cols[1]} if cols[1] != cols[2] else {},
                )

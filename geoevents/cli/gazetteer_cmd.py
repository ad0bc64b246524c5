"""``geoevents gazetteer``: build, inspect, search and extend the local gazetteer."""

from __future__ import annotations

import json
from pathlib import Path

import click

from geoevents.errors import InputError


def _open(path: str | None, *, build_if_missing: bool = True):
    from geoevents.gazetteer import Gazetteer
    from geoevents.gazetteer.build import build
    from geoevents.gazetteer.store import store_state

    if path is None:
        return Gazetteer.open_default(build_if_missing=build_if_missing)
    target = Path(path)
    state = store_state(target)
    if state == "missing" and build_if_missing:
        build(target, progress=lambda msg: click.echo(msg, err=True))
    elif state != "ok":
        from geoevents.errors import GazetteerError

        raise GazetteerError(
            f"gazetteer database {target} is {state}; run `geoevents gazetteer build --db {path}`"
        )
    gaz = Gazetteer(target)
    gaz.check()
    return gaz


_db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=None,
    help="Store path (default: $GEOEVENTS_GAZETTEER or the user data directory).",
)


@click.group(name="gazetteer")
def command() -> None:
    """Build, inspect and search the local gazetteer (an SQLite file, offline)."""


@command.command()
@_db_option
@click.option("--force", is_flag=True, help="Rebuild even when a store exists.")
def build(db: str | None, force: bool) -> None:
    """Build the gazetteer store from the installed sources (about a minute)."""
    from geoevents.gazetteer.build import build as do_build
    from geoevents.gazetteer.build import default_path
    from geoevents.gazetteer.store import Gazetteer, store_state

    target = Path(db) if db else default_path()
    if store_state(target) == "ok" and not force:
        click.echo(f"{target} is already built (use --force to rebuild)")
        return
    do_build(target, progress=lambda msg: click.echo(msg, err=True))
    Gazetteer.reset_default()
    click.echo(str(target))


@command.command()
@_db_option
def info(db: str | None) -> None:
    """Where the store is, when it was built, and what it holds."""
    gaz = _open(db, build_if_missing=False)
    meta = gaz.meta()
    click.echo(f"path: {gaz.path}")
    size = gaz.path.stat().st_size / 1e6 if gaz.path else 0.0
    click.echo(f"size: {size:.1f} MB")
    for key in sorted(meta):
        click.echo(f"{key}: {meta[key]}")
    rows = gaz.conn.execute(
        "SELECT feature_code, count(*) FROM entries GROUP BY feature_code ORDER BY 2 DESC LIMIT 15"
    ).fetchall()
    click.echo("feature codes: " + ", ".join(f"{code} {n}" for code, n in rows))


@command.command()
@click.argument("name")
@click.option("--country", "-c", default=None, help="ISO alpha-2 country code to restrict to.")
@click.option("--fuzzy", is_flag=True, help="Fall back to fuzzy matching for misspellings.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of entries, best first.")
@click.option("--limit", "-n", default=10, show_default=True, help="At most this many entries.")
@click.option("--online", is_flag=True, help="Ask Nominatim when nothing is found (cached).")
@_db_option
def search(
    name: str, country: str | None, fuzzy: bool, as_json: bool, limit: int, online: bool,
    db: str | None,
) -> None:
    """Look NAME up: exact folded match, then fuzzy (--fuzzy), then Nominatim (--online)."""
    if not name.strip():
        raise InputError("NAME is empty")
    gaz = _open(db)
    found = [(e, 100.0) for e in gaz.lookup(name, country=country, limit=limit)]
    if fuzzy:
        seen = {e.geonameid for e, _ in found}
        found += [
            (e, s) for e, s in gaz.fuzzy(name, country=country, limit=limit)
            if e.geonameid not in seen
        ]
    if not found and online:
        from geoevents.gazetteer.geocoder import LocalGazetteer

        locations = LocalGazetteer(gaz, fuzzy=False, online=True).geocode(
            name, exactly_one=False, country_codes=country, limit=limit
        )
        found = [(gaz.get(loc.raw["geonameid"]), 100.0) for loc in locations or []]
    found = found[:limit]
    if as_json:
        out = []
        for entry, score in found:
            row = entry.to_dict()
            row["score"] = score
            out.append(row)
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    if not found:
        click.echo(f"no entry named {name!r}" + ("" if fuzzy else " (try --fuzzy)"), err=True)
        return
    for entry, score in found:
        where = ", ".join(x for x in (entry.admin1_name, entry.country_code) if x)
        approx = " ~" if entry.approximate else ""
        click.echo(
            f"{entry.geonameid}\t{entry.name}\t{entry.feature_code}\t{where}\t"
            f"{entry.lat:.4f},{entry.lon:.4f}{approx}\tpop {entry.population}\t{score:.0f}"
            if entry.lat is not None
            else f"{entry.geonameid}\t{entry.name}\t{entry.feature_code}\t{where}\t-\t{score:.0f}"
        )


@command.command(name="import")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False))
@click.argument("alternates", required=False, type=click.Path(exists=True, dir_okay=False))
@_db_option
def import_(dump: str, alternates: str | None, db: str | None) -> None:
    """Add or replace entries from a GeoNames dump (allCountries.zip, XX.zip or .txt).

    ALTERNATES is an optional alternateNamesV2.zip (or .txt) whose Latin and Arabic
    names are added to the imported entries.
    """
    from geoevents.gazetteer.geonames_dump import import_dump

    gaz = _open(db)
    counts = import_dump(gaz, Path(dump), Path(alternates) if alternates else None)
    click.echo(f"imported {counts['entries']} entries and {counts['names']} alternate names")

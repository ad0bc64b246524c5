"""``geoevents map``: draw events of texts, or of saved GeoJSON, as an HTML map."""

from __future__ import annotations

import datetime as dt
import json
import sys
import webbrowser
from pathlib import Path
from typing import Any

import click

from geoevents.cli.common import model_option, report_errors
from geoevents.errors import InputError

_GEOJSON_SUFFIXES = (".geojson",)


def read_event_geojson(path: Path) -> list[dict[str, Any]]:
    """The features of a GeoJSON file written by ``geoevents extract``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise InputError(f"{path}: no such file") from err
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot be read ({err})") from err
    except ValueError as err:
        raise InputError(f"{path}: not valid JSON ({err})") from err
    features = geojson_features(data, str(path))
    if features is None:
        raise InputError(f"{path}: not a GeoJSON FeatureCollection")
    return features


def geojson_features(data: Any, source: str) -> list[dict[str, Any]] | None:
    """The features of parsed JSON that is GeoJSON, ``None`` when it is not GeoJSON."""
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise InputError(f"{source}: 'features' is not a list")
        return [f for f in features if isinstance(f, dict)]
    if isinstance(data, dict) and data.get("type") == "Feature":
        return [data]
    return None


def _geoparser(model: str | None):
    """The pipeline for ``model``, loaded now: a missing model stops the run, once."""
    from geoevents.pipeline import Geoparser, default_geoparser

    geoparser = default_geoparser() if model is None else Geoparser(model=model)
    geoparser.nlp  # noqa: B018 - raises ModelError before any document is tried
    return geoparser


def _stdin(date: str | None, model: str | None) -> tuple[list[dict[str, Any]], Any]:
    """Standard input: GeoJSON features as they are, or documents run through the pipeline."""
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
    try:
        features = geojson_features(json.loads(data), "-")
    except ValueError:
        features = None
    if features is not None:
        return features, None
    from geoevents.ingest import Rejected, read_data
    from geoevents.pipeline import Result

    documents = []
    for item in read_data(data, "-", date=date):
        if isinstance(item, Rejected):
            raise InputError(item.reason)
        documents.append(item)
    return [], Result(list(_geoparser(model).process_many(documents)))


def merge_features(groups: list[list[dict[str, Any]]]) -> dict[str, Any]:
    """One FeatureCollection of several, each distinct feature once, in order."""
    seen: set[str] = set()
    merged = []
    for features in groups:
        for feature in features:
            key = json.dumps(feature, sort_keys=True, default=str)
            if key not in seen:
                seen.add(key)
                merged.append(feature)
    return {"type": "FeatureCollection", "features": merged}


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as err:
        raise click.BadParameter(f"{value!r} is not a YYYY-MM-DD date") from err


def _default_output(files: tuple[str, ...]) -> Path:
    first = files[0]
    stem = "stdin" if first == "-" else Path(first).name.split(".")[0] or "map"
    if len(files) > 1:
        stem += f"-and-{len(files) - 1}-more"
    return Path("maps") / f"{stem}.html"


@click.command("map")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="HTML file to write [default: maps/NAME.html after the first FILE].",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the map in a web browser.")
@click.option(
    "--offline", is_flag=True,
    help="Need no network: inline every asset, Natural Earth countries instead of tiles.",
)
@click.option("--include-comments", is_flag=True, help="Also map events from reader comments.")
@click.option(
    "--date", callback=_parse_date, metavar="YYYY-MM-DD",
    help="Date of documents that do not give one (relative dates count from it).",
)
@click.option("--title", help="Title shown on the map [default: the file name].")
@model_option
def command(
    files: tuple[str, ...],
    output: Path | None,
    open_browser: bool,
    offline: bool,
    include_comments: bool,
    date: str | None,
    title: str | None,
    model: str | None,
) -> None:
    """Draw the events of FILE... (text, HTML, JSONL, or GeoJSON from `extract`) as a map.

    GeoJSON files (and GeoJSON on standard input, `-`) are merged and drawn as
    they are, without the language pipeline; other files go through it first.
    Prints the path written.
    """
    from geoevents.maps import write_map

    geojson = [f for f in files if f.lower().endswith(_GEOJSON_SUFFIXES)]
    texts = [f for f in files if f not in geojson and f != "-"]
    groups = [read_event_geojson(Path(f)) for f in geojson]
    results = []
    if "-" in files:
        features, piped = _stdin(date, model)
        groups.append(features)
        results += [piped] if piped is not None else []
    if texts:
        results.append(_geoparser(model).extract_files(texts, date=date))
    places = None
    result = None
    if results:
        result = sum(results[1:], results[0])
        groups.append(result.to_geojson()["features"])
        places = result.places_geojson()
    collection = merge_features(groups)
    if title is None:
        title = Path(files[0]).name if len(files) == 1 else f"{len(files)} files"
    path = write_map(
        collection,
        output or _default_output(files),
        places=places,
        offline=offline,
        include_comments=include_comments,
        title=title,
    )
    click.echo(str(path))
    if open_browser:
        webbrowser.open(path.resolve().as_uri())
    if result is not None:
        report_errors(result)  # the map is written; failed inputs still make the exit 1

"""``geoevents extract``: files in, GeoJSON / CSV / JSONL events out."""

from __future__ import annotations

import click

from geoevents.cli.common import date_option, model_option, report_errors
from geoevents.export import dumps_csv, dumps_geojson, dumps_jsonl
from geoevents.outputs import write_text_atomic

_FORMATS = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


@click.command("extract")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    help="Output file; '-' writes to standard output.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["geojson", "csv", "jsonl"]),
    help="Output format (default: from the output's extension, else geojson).",
)
@date_option
@model_option
def command(
    files: tuple[str, ...], output: str, fmt: str | None, date: str | None, model: str | None
) -> None:
    """Extract events from FILES (text, HTML or JSONL corpora; '-' is stdin).

    \b
    Examples:
      geoevents extract article.txt -o maps/article.geojson
      geoevents extract page.html --format csv -o events.csv
      cat article.txt | geoevents extract - --date 2024-03-01
    """
    from geoevents.pipeline import Geoparser

    if fmt is None:
        suffix = "." + output.rsplit(".", 1)[-1].lower() if "." in output else ""
        fmt = _FORMATS.get(suffix, "geojson")
    result = Geoparser(model=model).extract_files(files, date=date)
    if result.documents and len(result.errors) == len(result.documents):
        report_errors(result)  # nothing to write: every input failed
    if fmt == "csv":
        text = dumps_csv(result.events)
    elif fmt == "jsonl":
        text = dumps_jsonl(result.events)
    else:
        text = dumps_geojson(result.to_geojson())
    write_text_atomic(output, text)
    report_errors(result)

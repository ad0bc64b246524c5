"""``geoevents eval-events``: measure event extraction on a gold JSONL set."""

from __future__ import annotations

import json

import click

from geoevents.cli.common import model_option


@click.command("eval-events")
@click.argument("dataset")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--errors", "errors_path", default=None, help="Write every miss to this JSONL file.")
@click.option("--limit", type=int, default=None, help="Only the first N records.")
@model_option
def command(
    dataset: str, as_json: bool, errors_path: str | None, limit: int | None, model: str | None
) -> None:
    """Score events on DATASET (JSONL records {id, text, date, events: [...]}).

    Reports type, actor, location and date accuracy of the events found.
    """
    from geoevents.errors import OutputError
    from geoevents.events.evaluate import evaluate_events, format_report
    from geoevents.pipeline import Geoparser

    parser = Geoparser(model=model)
    report = evaluate_events(
        dataset, process=lambda doc: parser.process(doc).events, limit=limit
    )
    if errors_path:
        try:
            with open(errors_path, "w", encoding="utf-8") as handle:
                for miss in report.misses:
                    handle.write(json.dumps(miss, ensure_ascii=False) + "\n")
        except OSError as err:
            raise OutputError(f"{errors_path}: {err.strerror}") from err
    if as_json:
        click.echo(json.dumps(report.metrics()))
    else:
        click.echo(format_report(report))

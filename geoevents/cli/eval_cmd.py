"""``geoevents eval``: measure geoparsing on a gold JSONL set."""

from __future__ import annotations

import json

import click

from geoevents.cli.common import model_option


@click.command("eval")
@click.argument("dataset")
@click.option(
    "--mode",
    type=click.Choice(["resolve", "end-to-end"]),
    default="resolve",
    show_default=True,
    help="resolve: resolve the gold spans; end-to-end: also find the spans.",
)
@click.option("--types", default=None, help="Keep only gold toponyms of these types (T1,T2).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--errors", "errors_path", default=None, help="Write every miss to this JSONL file.")
@model_option
@click.option("--limit", type=int, default=None, help="Only the first N documents.")
@click.option(
    "--train",
    "train",
    multiple=True,
    help="Fit the learned ranker on this other gold set first (repeatable).",
)
def command(
    dataset: str,
    mode: str,
    types: str | None,
    as_json: bool,
    errors_path: str | None,
    model: str | None,
    limit: int | None,
    train: tuple[str, ...],
) -> None:
    """Measure place finding and resolution on DATASET (JSONL, see docs/eval.md)."""
    from geoevents.evaluate import evaluate, format_report, write_misses

    report = evaluate(
        dataset,
        mode=mode,
        types=types.split(",") if types else None,
        model=model,
        limit=limit,
        train=train,
    )
    if errors_path:
        write_misses(report, errors_path)
    if as_json:
        click.echo(json.dumps(report.metrics()))
    else:
        click.echo(format_report(report))

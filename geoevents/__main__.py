"""``python -m geoevents`` runs the command-line interface."""

from geoevents.cli import main

main()

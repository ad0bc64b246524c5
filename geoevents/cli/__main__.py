"""``python -m geoevents.cli`` runs the command-line interface."""

from geoevents.cli import main

main()

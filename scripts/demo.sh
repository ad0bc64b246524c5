#!/usr/bin/env bash
# Set everything up, then map the example article: maps/example.geojson and maps/example.html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. .venv/bin/activate
geoevents extract examples/border-base-airstrike.txt -o maps/example.geojson
geoevents map examples/border-base-airstrike.txt -o maps/example.html
echo "Wrote maps/example.geojson and maps/example.html (open it in a browser, or add --open)."

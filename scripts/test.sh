#!/usr/bin/env bash
# Set everything up (test tools and Debian's Chromium included), then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
. .venv/bin/activate
ruff check geoevents tests benchmarks scripts
python -m pytest "$@"

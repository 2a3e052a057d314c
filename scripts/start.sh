#!/usr/bin/env bash
# Install (if needed), build the index (if missing) and start an interactive search prompt
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
.venv/bin/assistant ingest
exec .venv/bin/assistant search "$@"

#!/usr/bin/env bash
# Install (if needed) and run the whole test suite, integration tests with the real models included.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
exec .venv/bin/python -m pytest "$@"

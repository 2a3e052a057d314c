#!/usr/bin/env bash
# Install (if needed), build the index (if missing) and start the chat on http://127.0.0.1:7860
# Extra arguments go to `assistant serve`, e.g. scripts/start.sh --backend extractive --port 8000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
# an index built before questions were embedded through ONNX: export the model once (about 10 s),
# so the server answers without loading PyTorch (about 300 MB less)
if [ -f index/CURRENT ] && [ ! -f index/onnx/export.json ]; then
  .venv/bin/assistant ingest
fi
exec .venv/bin/assistant serve "$@"

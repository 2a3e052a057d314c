"""Deterministic fakes for the embedding model and the language model."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence

import numpy as np

from assistant.indexing.text import tokenize


class FakeEmbedder:
    """Bag-of-words hashed into 256 dimensions: texts sharing words are close, and it is instant."""

    name = "fake-embedder"
    dim = 256

    def __init__(self) -> None:
        self.calls: list[int] = []  # batch sizes, so tests can see what was re-embedded

    def embed(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        self.calls.append(len(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for tok in tokenize(text) or ["\x00"]:
                h = int(hashlib.md5(tok.encode()).hexdigest(), 16)
                out[row, h % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


class FakeGenerator:
    """Returns queued drafts in order (or echoes a fixed one); records every prompt it saw."""

    name = "fake"

    def __init__(self, drafts: list[str] | None = None, default: str = "") -> None:
        self.drafts = list(drafts or [])
        self.default = default
        self.prompts: list[str] = []

    def enqueue(self, draft: str) -> None:
        self.drafts.append(draft)

    def stream(self, question: str, passages: list[str], *, history=None) -> Iterator[str]:
        self.prompts.append(question + "\n" + "\n".join(passages))
        draft = self.drafts.pop(0) if self.drafts else self.default
        for word in draft.split(" "):
            yield word + " "

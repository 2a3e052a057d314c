"""Build or update the index from the corpus: re-embed only changed files, drop deleted ones."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.errors import IndexCorruptError, InvalidInputError
from assistant.indexing.chunking import CHUNKER_VERSION, chunk_document
from assistant.indexing.embeddings import Embedder
from assistant.indexing.readers import SUPPORTED, corpus_files, file_hash, scan_corpus
from assistant.indexing.store import IndexStore
from assistant.types import Chunk

log = logging.getLogger(__name__)

# texts handed to the embedder per call: small enough for steady progress, large enough for speed
EMBED_SLICE = 256
# above this many chunks to embed (about a minute on 2 cores) an ingest says how long it will take
ESTIMATE_ABOVE = 2000


SHOW_FILES = 10  # files named per line of the summary; an import of 830 documents is not listed whole


@dataclass
class IngestReport:
    files: int
    chunks: int
    embedded: int  # chunks embedded in this run
    reused: int  # chunks carried over from the previous index
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    unchanged: bool = False

    def summary(self) -> str:
        lines = [
            f"{self.files:,} files, {self.chunks:,} chunks "
            f"({self.embedded:,} embedded, {self.reused:,} reused) in {_duration(self.seconds)}"
        ]
        for label, items in (("added", self.added), ("changed", self.changed), ("removed", self.removed)):
            if items:
                shown = ", ".join(items[:SHOW_FILES])
                more = f" and {len(items) - SHOW_FILES:,} more" if len(items) > SHOW_FILES else ""
                lines.append(f"{label} ({len(items):,}): {shown}{more}")
        for src, why in self.skipped:
            lines.append(f"skipped {src}: {why}")
        lines.extend(f"warning: {w}" for w in self.warnings)
        return "\n".join(lines)


@dataclass
class Freshness:
    added: list[str]
    changed: list[str]
    removed: list[str]

    @property
    def fresh(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def describe(self) -> str:
        parts = [
            f"{len(v)} {k}"
            for k, v in (("new", self.added), ("changed", self.changed), ("deleted", self.removed))
            if v
        ]
        return ", ".join(parts)


def _corpus_files(corpus_dir: Path) -> dict[str, Path]:
    files, _ = corpus_files(corpus_dir)  # the same files scan_corpus reads, links checked the same way
    return {rel: p for rel, p in files.items() if p.suffix.lower() in SUPPORTED}


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.1f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def embed_texts(
    embedder: Embedder,
    texts: list[str],
    *,
    progress: bool = False,
    notify: Callable[[str], None] | None = None,
) -> np.ndarray:
    """Embed in slices: a progress bar on stderr (``progress``), and for large jobs an estimate.

    The estimate uses the second slice: the first one also pays for loading the model.
    """
    from tqdm import tqdm

    notify = notify or log.info
    out: list[np.ndarray] = []
    with tqdm(total=len(texts), unit="chunk", desc="embedding", file=sys.stderr, disable=not progress) as bar:
        for start in range(0, len(texts), EMBED_SLICE):
            t0 = time.perf_counter()
            part = embedder.embed(texts[start : start + EMBED_SLICE])
            out.append(part)
            bar.update(len(part))
            if start == EMBED_SLICE and len(texts) > ESTIMATE_ABOVE:
                rate = len(part) / max(time.perf_counter() - t0, 1e-6)
                left = len(texts) - start - len(part)
                notify(
                    f"embedding {len(texts):,} chunks at about {rate:.0f} chunks/s: "
                    f"about {_duration(left / rate)} to go"
                )
    return np.vstack(out) if out else np.zeros((0, embedder.dim), np.float32)


def _content_facts(files: dict[str, dict]) -> dict[str, dict]:
    """What the manifest says about each file, without its size and modification time."""
    return {f: {k: v for k, v in meta.items() if k not in ("size", "mtime_ns")} for f, meta in files.items()}


def _corpus_name(corpus_dir: Path) -> str:
    return str(Path(corpus_dir).resolve())


def indexed_corpus(index_dir: Path) -> Path | None:
    """The corpus folder an index was built from, when the manifest records it and it still exists."""
    try:
        manifest = IndexStore(index_dir).read_manifest()
    except (IndexCorruptError, InvalidInputError):
        return None  # the command that opens the index says what is wrong with it
    recorded = (manifest or {}).get("corpus")
    return Path(recorded) if isinstance(recorded, str) and Path(recorded).is_dir() else None


def check_freshness(corpus_dir: Path, manifest: dict) -> Freshness:
    """Compare the corpus with the manifest; size and mtime first, content hash when they differ. An
    index chunked by an older chunker is stale in every file (its unchanged passages keep their
    vectors when it is updated)."""
    files = manifest.get("files", {})
    on_disk = _corpus_files(Path(corpus_dir))
    if manifest.get("chunker_version") != CHUNKER_VERSION:
        return Freshness([r for r in on_disk if r not in files], [r for r in on_disk if r in files],
                         [r for r in files if r not in on_disk])  # fmt: skip
    added, changed = [], []
    for rel, path in on_disk.items():
        meta = files.get(rel)
        if meta is None:
            # a file skipped last time (empty, binary) is not "new" unless it changed since
            if rel not in manifest.get("skipped", {}):
                added.append(rel)
            continue
        st = path.stat()
        if st.st_size == meta.get("size") and st.st_mtime_ns == meta.get("mtime_ns"):
            continue
        if file_hash(path.read_bytes()) != meta.get("sha256"):
            changed.append(rel)
    removed = [rel for rel in files if rel not in on_disk]
    return Freshness(added, changed, removed)


def ingest(
    corpus_dir: Path,
    store: IndexStore,
    embedder: Embedder,
    *,
    budget_words: int = 180,
    progress: bool = False,
    force: bool = False,
    notify: Callable[[str], None] | None = None,
) -> IngestReport:
    """Index ``corpus_dir`` into ``store``, holding its writer lock for the whole run."""
    with store.writing():
        return _ingest(
            corpus_dir,
            store,
            embedder,
            budget_words=budget_words,
            progress=progress,
            force=force,
            notify=notify,
        )


def _ingest(
    corpus_dir: Path,
    store: IndexStore,
    embedder: Embedder,
    *,
    budget_words: int,
    progress: bool,
    force: bool,
    notify: Callable[[str], None] | None,
) -> IngestReport:
    t0 = time.perf_counter()
    corpus_dir = Path(corpus_dir)
    scan = scan_corpus(corpus_dir)

    previous = None
    # vectors of an index chunked another way (an older chunker): a passage whose text is unchanged
    # keeps its vector, so a new chunker re-embeds only the passages it changed
    reusable: dict[str, np.ndarray] = {}
    loaded = None
    if not force:
        try:
            manifest = store.read_manifest()
        except IndexCorruptError:
            manifest = None  # a corrupt index is simply rebuilt
        same_model = manifest is not None and manifest.get("embedding_model") == embedder.name
        compatible = (
            same_model
            and manifest.get("chunker_version") == CHUNKER_VERSION
            and manifest.get("chunk_words") == budget_words
        )
        if same_model:
            try:
                loaded = store.load(with_faiss=False)
            except IndexCorruptError:
                loaded = None
        if compatible:
            previous = loaded
        elif loaded is not None:
            reusable = {c.vector_text(): loaded.vectors[i] for i, c in enumerate(loaded.chunks)}

    old_files = loaded.manifest.get("files", {}) if loaded else {}  # previous is loaded, when compatible
    old_by_source: dict[str, list[int]] = {}
    if previous:
        for i, c in enumerate(previous.chunks):
            old_by_source.setdefault(c.source, []).append(i)

    chunks: list[Chunk] = []
    rows: list[np.ndarray | None] = []
    added, changed, to_embed = [], [], []
    files_meta = {}
    for doc in scan.documents:
        digest = scan.hashes[doc.source]
        st = (corpus_dir / doc.source).stat()
        old = old_files.get(doc.source)
        doc_chunks: list[Chunk]
        if old is not None and old.get("sha256") == digest and doc.source in old_by_source:
            idx = old_by_source[doc.source]
            doc_chunks = [previous.chunks[i] for i in idx]
            chunks.extend(doc_chunks)
            rows.extend(previous.vectors[i] for i in idx)
        else:
            (changed if old is not None else added).append(doc.source)
            doc_chunks = chunk_document(doc, budget_words=budget_words)
            for c in doc_chunks:
                vector = reusable.get(c.vector_text())  # the same text has the same vector
                if vector is None:
                    to_embed.append(len(chunks))
                chunks.append(c)
                rows.append(vector)
        files_meta[doc.source] = {
            "sha256": digest,
            "size": st.st_size,
            "mtime_ns": st.st_mtime_ns,
            "chunks": len(doc_chunks),
            "title": doc.title,
            "role": doc.role or doc.title,
            "aliases": list(doc.aliases),
            **({"provenance": doc.provenance} if doc.provenance else {}),
        }
    removed = [s for s in old_files if s not in files_meta]
    reused = len(chunks) - len(to_embed)

    warnings = list(scan.warnings)
    unchanged = (
        previous
        and not to_embed
        and not removed
        and len(chunks) == len(previous.chunks)
        # a new front matter fact (role, source) is saved with the same vectors; a touched file
        # (new mtime, same content) is not worth rewriting 200,000 passages for
        and _content_facts(files_meta) == _content_facts(old_files)
        and previous.manifest.get("corpus") == _corpus_name(corpus_dir)
    )
    problem = store.faiss_problem(previous.path, previous.manifest) if unchanged else None
    if problem is not None:
        # vectors.npy is sound (it loaded): save the same vectors again, which rewrites the FAISS file
        warnings.append(f"vectors.faiss {problem}; rebuilt it from vectors.npy")
    elif unchanged:
        return IngestReport(
            files=len(scan.documents),
            chunks=len(chunks),
            embedded=0,
            reused=reused,
            skipped=scan.skipped,
            warnings=scan.warnings,
            seconds=time.perf_counter() - t0,
            unchanged=True,
        )

    if to_embed:
        texts = [chunks[i].vector_text() for i in to_embed]
        new_vecs = embed_texts(embedder, texts, progress=progress, notify=notify)
        for i, v in zip(to_embed, new_vecs, strict=True):
            rows[i] = v
    dim = embedder.dim
    vectors = np.vstack(rows).astype(np.float32) if rows else np.zeros((0, dim), np.float32)
    manifest = {
        "embedding_model": embedder.name,
        "dim": int(vectors.shape[1]) if vectors.size else dim,
        "chunker_version": CHUNKER_VERSION,
        "chunk_words": budget_words,
        # later commands without --corpus read this index's own corpus, not the default one
        "corpus": _corpus_name(corpus_dir),
        "files": files_meta,
        "skipped": dict(scan.skipped),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    store.save(manifest, chunks, vectors)
    return IngestReport(
        files=len(scan.documents),
        chunks=len(chunks),
        embedded=len(to_embed),
        reused=reused,
        added=added,
        changed=changed,
        removed=removed,
        skipped=scan.skipped,
        warnings=warnings,
        seconds=time.perf_counter() - t0,
    )

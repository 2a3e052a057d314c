"""Hybrid retrieval: dense (FAISS) and BM25 rankings fused by reciprocal rank fusion."""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection

import numpy as np

from assistant.answering.bm25 import BM25
from assistant.errors import IndexCorruptError, InvalidInputError
from assistant.indexing.embeddings import Embedder
from assistant.indexing.store import LoadedIndex, search_on_one_thread
from assistant.indexing.text import tokenize
from assistant.types import Chunk, Hit, SearchResult


def rrf_fuse(
    rankings: list[list[int]], *, k: int = 60, weights: list[float] | None = None
) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: ``score(d) = sum_i w_i / (k + rank_i(d))``, best first.

    >>> rrf_fuse([[1, 2, 3], [3, 1]], k=1)
    [(1, 0.8333333333333333), (3, 0.75), (2, 0.3333333333333333)]
    """
    weights = weights or [1.0] * len(rankings)
    scores: dict[int, float] = {}
    for ranking, w in zip(rankings, weights, strict=True):
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + w / (k + rank)
    # ties broken by the first ranking's order, then by id, so results are deterministic
    first = {d: i for i, d in enumerate(rankings[0])} if rankings else {}
    return sorted(scores.items(), key=lambda kv: (-kv[1], first.get(kv[0], 1 << 30), kv[0]))


class BM25Index:
    """BM25 over chunk text plus title and section path, built in memory from the sidecar."""

    MAX_DF = 0.5
    SYNONYM_WEIGHT = 0.5

    def __init__(self, chunks: list[Chunk]) -> None:
        docs = [tokenize(c.embed_text()) or ["\x00empty"] for c in chunks]
        self._n = len(docs)
        self._bm25 = BM25(docs)
        # words in most passages (the role name, repeated in every title) rank nothing;
        # scoring on them alone would turn a vague question into a noisy BM25 ranking
        self._common: set[str] = set()
        if self._n >= 4:
            self._common = self._bm25.frequent(self.MAX_DF)

    def vocabulary(self) -> list[str]:
        return list(self._bm25.vocab)

    def scores(self, query: str) -> np.ndarray:
        """BM25 of the question's own words, plus half the score of the synonyms it implies.

        Synonyms count half so that "pay in Seattle" (pay -> salary, compensation) is still
        mostly about Seattle.
        """
        if not self._n:
            return np.zeros(0, dtype=np.float32)
        own = self._known(tokenize(query))
        implied = [t for t in self._known(tokenize(query, expand=True)) if t not in own]
        out = np.zeros(self._n, dtype=np.float32)
        if own:
            out += self._bm25.scores(own)
        if implied:
            out += self.SYNONYM_WEIGHT * self._bm25.scores(implied)
        return out

    def _known(self, tokens: list[str]) -> list[str]:
        return [t for t in tokens if t in self._bm25.vocab and t not in self._common]


class Retriever:
    """``search(question, k)`` -> SearchResult with fused hits and the best dense similarity."""

    def __init__(
        self,
        index: LoadedIndex,
        embedder: Embedder,
        *,
        candidates: int = 50,
        rrf_k: int = 60,
        dense_weight: float = 1.0,
        bm25_weight: float = 1.0,
    ) -> None:
        if candidates <= 0:
            raise InvalidInputError(
                f"candidates must be greater than 0. Currently, candidates is {candidates}"
            )
        if index.manifest.get("embedding_model") != embedder.name:
            raise IndexCorruptError(
                f"index was built with {index.manifest.get('embedding_model')!r} but the embedder is "
                f"{embedder.name!r}; run `assistant ingest --force` to rebuild it"
            )
        self.index = index
        self.chunks = index.chunks
        self.embedder = embedder
        self.candidates = candidates
        self.rrf_k = rrf_k
        self.weights = [dense_weight, bm25_weight]
        self.bm25 = BM25Index(self.chunks)
        self._ids_by_source: dict[str, list[int]] = {}
        for i, c in enumerate(self.chunks):
            self._ids_by_source.setdefault(c.source, []).append(i)
        self._catalog = None
        self._memo: dict[str, object] = {}
        self._memo_lock = threading.Lock()
        self._memo_locks: dict[str, threading.Lock] = {}

    def memo(self, name: str, compute: Callable[[], object]) -> object:
        """What is computed once from this index's passages (places, job names), shared by every
        assistant using it and computed once even when two first questions arrive together."""
        with self._memo_lock:
            if name in self._memo:
                return self._memo[name]
            lock = self._memo_locks.setdefault(name, threading.Lock())
        with lock:  # one lock per name: a slow read never holds up the others
            if name not in self._memo:
                self._memo[name] = compute()
        return self._memo[name]

    @property
    def catalog(self):
        """The roles of the indexed documents (built from the manifest on first use)."""
        if self._catalog is None:
            from assistant.understanding.role_names import role_intros
            from assistant.understanding.roles import RoleCatalog

            self._catalog = RoleCatalog.from_manifest(
                self.index.manifest, [c.source for c in self.chunks], intros=role_intros(self.chunks)
            )
        return self._catalog

    def ids_for(self, sources: Collection[str]) -> np.ndarray:
        """Chunk ids of the given documents, in index order."""
        ids = [i for s in sorted(sources) for i in self._ids_by_source.get(s, ())]
        return np.asarray(sorted(ids), dtype=np.int64)

    def dense(self, question: str, n: int, *, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        if not self.chunks or (allowed is not None and not allowed.size):
            return []
        q = self.embedder.embed([question])
        if allowed is not None:
            # one role's passages: exact scores over that slice of the stored vectors
            sims = self.index.vectors[allowed] @ q[0]
            top = np.argsort(-sims, kind="stable")[: min(n, sims.size)]
            return [(int(allowed[i]), float(sims[i])) for i in top]
        n = min(n, len(self.chunks))
        if self.index.faiss_index is not None:
            search_on_one_thread()  # OpenMP's setting is per thread; the chat answers in worker threads
            scores, ids = self.index.faiss_index.search(np.ascontiguousarray(q, dtype=np.float32), n)
            return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
        sims = self.index.vectors @ q[0]
        top = np.argsort(-sims)[:n]
        return [(int(i), float(sims[i])) for i in top]

    def sparse(self, question: str, n: int, *, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        scores = self.bm25.scores(question)
        if scores.size == 0:
            return []
        if allowed is not None:
            masked = np.zeros_like(scores)
            masked[allowed] = scores[allowed]
            scores = masked
        n = min(n, scores.size)
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]

    def search(
        self, question: str, k: int = 5, *, mode: str = "hybrid", sources: Collection[str] | None = None
    ) -> SearchResult:
        """The ``k`` best passages; with ``sources``, only passages of those documents (one role's)."""
        if not question or not question.strip():
            raise InvalidInputError("the question is empty; type a question about a role")
        if k <= 0:
            raise InvalidInputError(f"k must be greater than 0. Currently, k is {k}")
        if mode not in ("hybrid", "dense", "bm25"):
            raise InvalidInputError(f"mode must be hybrid, dense or bm25. Currently, mode is {mode!r}")
        n = max(self.candidates, k)
        allowed = None if sources is None else self.ids_for(sources)
        dense = self.dense(question, n, allowed=allowed) if mode != "bm25" else []
        sparse = self.sparse(question, n, allowed=allowed) if mode != "dense" else []
        dense_s, sparse_s = dict(dense), dict(sparse)
        if mode == "dense":
            fused = [(i, s) for i, s in dense]
        elif mode == "bm25":
            fused = [(i, s) for i, s in sparse]
        else:
            fused = rrf_fuse(
                [[i for i, _ in dense], [i for i, _ in sparse]], k=self.rrf_k, weights=self.weights
            )
        hits = [
            Hit(
                chunk=self.chunks[i],
                rank=r,
                score=s,
                dense_score=dense_s.get(i),
                bm25_score=sparse_s.get(i),
            )
            for r, (i, s) in enumerate(fused[:k], start=1)
        ]
        best_dense = dense[0][1] if dense else 0.0
        if mode == "bm25":
            best_dense = self._best_dense(question, allowed)
        return SearchResult(
            question=question,
            hits=hits,
            best_dense=best_dense,
            best_bm25=sparse[0][1] if sparse else 0.0,
        )

    def _best_dense(self, question: str, allowed: np.ndarray | None = None) -> float:
        top = self.dense(question, 1, allowed=allowed)
        return top[0][1] if top else 0.0

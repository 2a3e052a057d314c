"""Okapi BM25 (Lucene's variant) over tokenized passages, in numpy.

The scores of every (term, passage) pair are computed once at build time and stored by term
(compressed sparse columns), so a question costs one slice-and-add per word. This is the
formula bm25s uses by default (k1 1.5, b 0.75, idf ln(1 + (N - df + 0.5) / (df + 0.5))); it
lives here because that library pulls in SciPy: 25 MB of a server's memory for one sum.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np


class BM25:
    """``BM25(docs)`` then ``scores(tokens)``: one float32 score per passage.

    >>> bm = BM25([["nurse", "pay"], ["nurse", "duties", "duties"], ["cook"]])
    >>> [round(float(x), 4) for x in bm.scores(["duties"])]
    [0.0, 0.4829, 0.0]
    >>> bm.document_frequency("nurse"), bm.document_frequency("pilot")
    (2, 0)
    """

    def __init__(self, docs: Sequence[Sequence[str]], *, k1: float = 1.5, b: float = 0.75) -> None:
        self.vocab: dict[str, int] = {}
        lengths = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
        self.n = len(docs)
        ids = np.fromiter(self._ids(docs), dtype=np.int64, count=int(lengths.sum()))
        doc_of = np.repeat(np.arange(self.n, dtype=np.int64), lengths)
        # one entry per distinct (term, passage), sorted by term then passage, with its count
        pairs, tf = np.unique(ids * max(self.n, 1) + doc_of, return_counts=True)
        term, doc = np.divmod(pairs, max(self.n, 1))
        self._df = np.bincount(term, minlength=len(self.vocab)).astype(np.int64)
        idf = np.log1p((self.n - self._df + 0.5) / (self._df + 0.5))
        avg = float(lengths.mean()) if self.n else 1.0
        norm = k1 * ((1 - b) + b * lengths[doc] / max(avg, 1e-9))
        self._data = (idf[term] * tf / (norm + tf)).astype(np.float32)
        self._docs = doc.astype(np.int32)
        self._start = np.concatenate([[0], np.cumsum(self._df)])

    def _ids(self, docs: Iterable[Sequence[str]]) -> Iterable[int]:
        vocab = self.vocab
        for d in docs:
            for t in d:
                i = vocab.get(t)
                if i is None:
                    i = vocab[t] = len(vocab)
                yield i

    def document_frequency(self, token: str) -> int:
        i = self.vocab.get(token)
        return 0 if i is None else int(self._df[i])

    def frequent(self, share: float) -> set[str]:
        """Words in more than ``share`` of the passages (they rank nothing)."""
        terms = list(self.vocab)  # ids were given in insertion order
        return {terms[i] for i in np.flatnonzero(self._df > share * self.n)}

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """The sum over the question's words (repeats count again) of each passage's BM25 weight."""
        out = np.zeros(self.n, dtype=np.float32)
        for t in tokens:
            i = self.vocab.get(t)
            if i is None:
                continue
            s, e = self._start[i], self._start[i + 1]
            out[self._docs[s:e]] += self._data[s:e]  # a term lists each passage once
        return out

"""Small frozen dataclasses that flow through the pipeline: corpus -> chunks -> hits -> answer."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

_LABEL = re.compile(r":.*$")  # "- Median wage: $97,550 a year" -> "- Median wage"


@dataclass(frozen=True)
class Document:
    source: str  # path relative to the corpus folder, with forward slashes
    title: str
    text: str
    role: str = ""  # the role the document is about: front matter ``role:``, else its title
    aliases: tuple[str, ...] = ()  # other names for the role (front matter ``aliases:``)
    outline: bool = False  # front matter ``embed: outline``: vectors from headings and labels only
    provenance: str = ""  # front matter ``source:``: who published it and when ("BLS OEWS May 2025")


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    source: str
    title: str
    section: tuple[str, ...]  # heading path, outermost first
    text: str  # the passage as shown to users
    start_line: int  # 1-based, inclusive, in the source document
    end_line: int
    outline: bool = False  # embed the headings and line labels, not the figures (tables of statistics)

    @property
    def section_path(self) -> str:
        return " > ".join(self.section)

    def embed_text(self) -> str:
        """What is embedded and BM25-indexed: the passage with its document title and headings."""
        head = self.title if not self.section else f"{self.title} | {self.section_path}"
        return f"{head}\n{self.text}"

    def vector_text(self) -> str:
        """What the dense vector is computed from: ``embed_text()``, or for an outline document
        (front matter ``embed: outline``) its title, headings and line labels without the figures.

        A table of statistics is found by what it is about (occupation, area, which wage), never by
        its numbers, and the labels are a quarter of the tokens: four times faster to embed.
        >>> Chunk("1", "a.md", "Nurses", ("Nurses", "Ohio (state)"), "- Median wage: $9\\n- Jobs: 5",
        ...       1, 2, outline=True).vector_text()
        'Nurses | Ohio (state)\\nMedian wage; Jobs'
        """
        if not self.outline:
            return self.embed_text()
        section = self.section[1:] if self.section[:1] == (self.title,) else self.section
        head = " | ".join([self.title, " > ".join(section)]) if section else self.title
        labels = [_LABEL.sub("", ln).strip(" -*\t") for ln in self.text.splitlines()]
        return head + "\n" + "; ".join(lb for lb in labels if lb)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["section"] = list(self.section)
        if not self.outline:
            del d["outline"]  # most chunks: keep chunks.jsonl as it was
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Chunk:
        return cls(
            chunk_id=str(d["chunk_id"]),
            source=str(d["source"]),
            title=str(d["title"]),
            section=tuple(d["section"]),
            text=str(d["text"]),
            start_line=int(d["start_line"]),
            end_line=int(d["end_line"]),
            outline=bool(d.get("outline", False)),
        )


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    rank: int  # 1-based
    score: float  # fused score (reciprocal rank fusion)
    dense_score: float | None = None  # cosine similarity, None if not in the dense top list
    bm25_score: float | None = None

    def to_dict(self) -> dict:
        return {
            "rank": self.rank,
            "score": round(self.score, 6),
            "dense_score": None if self.dense_score is None else round(self.dense_score, 4),
            "bm25_score": None if self.bm25_score is None else round(self.bm25_score, 4),
            "source": self.chunk.source,
            "section": self.chunk.section_path,
            "text": self.chunk.text,
            "chunk_id": self.chunk.chunk_id,
            "lines": [self.chunk.start_line, self.chunk.end_line],
        }


@dataclass(frozen=True)
class SearchResult:
    question: str
    hits: list[Hit]
    best_dense: float  # cosine similarity of the closest passage: how well the corpus covers it
    best_bm25: float

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "best_dense": round(self.best_dense, 4),
            "best_bm25": round(self.best_bm25, 4),
            "hits": [h.to_dict() for h in self.hits],
        }


@dataclass(frozen=True)
class Citation:
    n: int
    hit: Hit
    sentences: tuple[str, ...] = ()  # the answer sentences this passage supports
    provenance: str = ""  # the document's publisher and release, "" for a role document

    def to_dict(self) -> dict:
        c = self.hit.chunk
        return {
            "n": self.n,
            "source": c.source,
            "provenance": self.provenance,
            "section": c.section_path,
            "text": c.text,
            "score": round(self.hit.score, 6),
            "chunk_id": c.chunk_id,
            "lines": [c.start_line, c.end_line],
            "supports": list(self.sentences),
        }


@dataclass(frozen=True)
class Conflict:
    about: str
    citations: tuple[int, ...]
    values: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"about": self.about, "citations": list(self.citations), "values": list(self.values)}


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    refused: bool
    citations: list[Citation]
    conflicts: list[Conflict] = field(default_factory=list)
    backend: str = "extractive"
    timings: dict[str, float] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    rewritten_question: str | None = None
    closest: list[Hit] = field(default_factory=list)  # shown with a refusal
    retrieved: list[Hit] = field(default_factory=list)  # every passage retrieval returned
    query: dict | None = None  # the question's analysis: roles, level, place, aspects, answer type
    computed: list[float] = field(default_factory=list)  # numbers derived by code, arithmetic shown

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "citations": [c.to_dict() for c in self.citations],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "backend": self.backend,
            "timings": {k: round(v, 1) for k, v in self.timings.items()},
            "notices": list(self.notices),
            "rewritten_question": self.rewritten_question,
            "closest": [h.to_dict() for h in self.closest],
            "analysis": self.query,
        }

"""Assistant.ask(question, history) -> Answer: retrieve, generate, ground, cite, refuse."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.answering.conversation import rewrite
from assistant.answering.extractive import extract
from assistant.answering.grounding import ground, lexical_support
from assistant.answering.retrieval import Retriever
from assistant.errors import InvalidInputError
from assistant.facts.conflicts import PAY_Q, FigureConflict, find_conflicts
from assistant.facts.extraction import Figure, corpus_figures
from assistant.facts.profile import explain, pay_for_profile
from assistant.generation import Generator
from assistant.indexing.text import SYNONYMS, extract_numbers, tokenize
from assistant.settings import Settings
from assistant.types import Answer, Citation, Conflict, Hit, SearchResult

REFUSAL = "The documents do not cover this question."
MAX_SENTENCES = 4  # short answers: the passages are one click away
MAX_MODEL_SENTENCES = 2
# question words that say nothing about the topic, so their absence from the corpus means nothing
_GENERIC = set(
    tokenize(
        "tell know want need get become like good best typical typically usual usually average kind type "
        "someone person people job role work working day much many long often really help explain describe "
        "list give show find say said mean means expect expected thing things way ways one ones new come "
        "comes besides beside share mentioned mention own after before also other others else get got "
        "look looking start starting want wanted go going take taking lot lots quite very"
    )
)


@dataclass(frozen=True)
class ClientProfile:
    """Whom a coach is asking for: a seniority level and, optionally, a city."""

    level: str
    location: str | None = None


@dataclass(frozen=True)
class Event:
    """What ``Assistant.stream`` yields: draft tokens as they come, then the final answer."""

    kind: str  # "token" | "answer"
    text: str = ""
    answer: Answer | None = None


def _says_same(unit: str, sentence: str) -> bool:
    """Does a model sentence already state this passage line: its words and all of its figures?"""
    return lexical_support(unit, sentence) >= 0.6 and set(extract_numbers(unit)) <= set(
        extract_numbers(sentence)
    )


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?" else text + "."


class Assistant:
    def __init__(
        self,
        retriever: Retriever,
        generator: Generator | None,
        settings: Settings | None = None,
        *,
        figures: list[Figure] | None = None,
    ) -> None:
        self.retriever = retriever
        self.generator = generator
        self.settings = settings or Settings()
        # the facts of these chunks; pass them in when several assistants share one retriever
        self.figures = corpus_figures(retriever.chunks) if figures is None else figures
        self._vocab = set(retriever.bm25.vocabulary())

    @property
    def backend(self) -> str:
        return "extractive" if self.generator is None else self.generator.name

    # -- the checks -------------------------------------------------------------------------
    def unknown_words(self, question: str) -> list[str]:
        """Topic words of the question that appear nowhere in the corpus (a nurse, a city, Paris)."""
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", question)]
        out = []
        for w in words:
            toks = tokenize(w)
            if not toks or all(t in _GENERIC for t in toks) or w.lower() in SYNONYMS:
                continue
            if not any(t in self._vocab for t in toks):
                out.append(w)
        return out

    def covered(self, question: str, result: SearchResult) -> bool:
        """Is the question about something the documents discuss?

        Two signals, calibrated on eval/questions.yaml: how close the best passage is in meaning,
        and topic words found in no document ("nurse", "Chicago"). A question with such words
        must be clearly closer to a passage than one without.
        """
        best = result.best_dense
        if not result.hits or best < self.settings.min_relevance:
            return False
        unknown = self.unknown_words(question)
        if len(unknown) >= 2 and best < self.settings.min_relevance + 0.2:
            return False
        return not (unknown and best < self.settings.min_relevance + 0.1)

    # -- the pipeline -----------------------------------------------------------------------
    def _prepare(self, question: str) -> tuple[str, list[str]]:
        if question is None or not str(question).strip():
            raise InvalidInputError("the question is empty; type a question about a role")
        notices = []
        question = " ".join(str(question).split())
        limit = self.settings.max_question_chars
        if len(question) > limit:
            question = question[:limit]
            notices.append(f"the question was cut to its first {limit:,} characters")
        return question, notices

    def stream(
        self,
        question: str,
        history: list[str] | None = None,
        *,
        k: int | None = None,
        profile: ClientProfile | None = None,
    ) -> Iterator[Event]:
        """Yield draft tokens, then the final Answer. With a ``profile``, pay questions are
        answered from the level's range and the location's premium, arithmetic shown."""
        t0 = time.perf_counter()
        question, notices = self._prepare(question)
        k = k or self.settings.k
        query = rewrite(question, history)
        result = self.retriever.search(query, k)
        t_retrieved = time.perf_counter()
        timings = {"retrieve_ms": (t_retrieved - t0) * 1000}
        common = {
            "question": question,
            "backend": self.backend,
            "notices": notices,
            "rewritten_question": query if query != question else None,
            "retrieved": result.hits,
        }

        # a coach's pay question with a profile is answered from the facts table, not from retrieval
        by_profile = profile is not None and bool(PAY_Q.search(query))
        if not by_profile and not self.covered(query, result):
            timings.update(ttft_ms=0.0, generate_ms=0.0, total_ms=(time.perf_counter() - t0) * 1000)
            yield Event("answer", answer=self._refusal(result.hits, timings, common))
            return

        hits = result.hits
        passages = [f"{h.chunk.section_path}: {h.chunk.text}" for h in hits[: self.settings.model_passages]]
        draft_parts: list[str] = []
        ttft = None
        if self.generator is not None and not by_profile:
            for token in self.generator.stream(query, passages, history=history):
                if ttft is None:
                    ttft = (time.perf_counter() - t_retrieved) * 1000
                draft_parts.append(token)
                yield Event("token", text=token)
        t_generated = time.perf_counter()

        sentences: list[tuple[str, list[Hit]]] = []
        if by_profile:
            sentences = self._profile_sentences(profile, hits)
        else:
            if self.generator is not None:
                supported, _ = ground("".join(draft_parts), hits, self.retriever.embedder, question=query)
                # at most two model sentences: the lines retrieval ranked best always get a place
                sentences = [(s.sentence, [hits[s.hit_index]]) for s in supported][:MAX_MODEL_SENTENCES]
            # retrieval decides what matters: the passages' own best lines complete (or replace)
            # the model's sentences, unless a model sentence already says the same thing
            focus = question if query != question else None
            drafted = [s for s, _ in sentences]
            for unit, i in extract(query, hits, focus=focus):
                if len(sentences) >= MAX_SENTENCES:
                    break
                if not any(_says_same(unit, s) for s in drafted):
                    sentences.append((unit, [hits[i]]))
        if ttft is None:
            ttft = (time.perf_counter() - t_retrieved) * 1000

        about = f"{query} ({profile.level} level)" if by_profile else query
        conflicts = find_conflicts(about, self.figures, {h.chunk.source for h in hits})
        timings.update(
            ttft_ms=ttft,
            generate_ms=(t_generated - t_retrieved) * 1000,
            total_ms=(time.perf_counter() - t0) * 1000,
        )
        if not sentences and not conflicts:
            yield Event("answer", answer=self._refusal(hits, timings, common))
            return

        answer_text, citations, conflict_out = self._compose(sentences, conflicts, hits)
        yield Event(
            "answer",
            answer=Answer(
                answer=answer_text,
                refused=False,
                citations=citations,
                conflicts=conflict_out,
                timings=timings,
                **common,
            ),
        )

    def ask(
        self,
        question: str,
        history: list[str] | None = None,
        *,
        k: int | None = None,
        profile: ClientProfile | None = None,
    ) -> Answer:
        for event in self.stream(question, history, k=k, profile=profile):
            if event.kind == "answer":
                return event.answer
        raise RuntimeError("the pipeline ended without an answer")  # pragma: no cover

    # -- composing --------------------------------------------------------------------------
    def _refusal(self, hits: list[Hit], timings: dict, common: dict) -> Answer:
        return Answer(
            answer=REFUSAL + " The closest passages are listed below.",
            refused=True,
            citations=[],
            timings=timings,
            closest=hits[:3],
            **common,
        )

    def _profile_sentences(self, profile: ClientProfile, hits: list[Hit]) -> list[tuple[str, list[Hit]]]:
        by_id = {h.chunk.chunk_id: h for h in hits}
        pay = pay_for_profile(self.figures, profile.level, profile.location)
        return [
            (text, [by_id.get(f.chunk.chunk_id) or Hit(chunk=f.chunk, rank=0, score=0.0) for f in figs])
            for text, figs in explain(pay)
        ]

    def _compose(
        self, sentences: list[tuple[str, list[Hit]]], conflicts: list[FigureConflict], hits: list[Hit]
    ):
        numbers: dict[str, int] = {}  # chunk_id -> citation number, in order of first use
        cited_hits: dict[str, Hit] = {}
        supports: dict[str, list[str]] = {}

        def cite(hit: Hit, sentence: str) -> int:
            cid = hit.chunk.chunk_id
            if cid not in numbers:
                numbers[cid] = len(numbers) + 1
                cited_hits[cid] = hit
            supports.setdefault(cid, []).append(sentence)
            return numbers[cid]

        by_id = {h.chunk.chunk_id: h for h in hits}
        parts = []
        seen_sentences = set()
        for text, sentence_hits in sentences:
            s = _sentence(text)
            if s.lower() in seen_sentences:
                continue
            seen_sentences.add(s.lower())
            marks = "".join(f"[{cite(h, s)}]" for h in sentence_hits)
            parts.append(f"{s[:-1]} {marks}{s[-1]}" if marks else s)
        conflict_out = []
        for c in conflicts:
            refs = []
            values = []
            for f in c.figures:
                hit = by_id.get(f.chunk.chunk_id) or Hit(chunk=f.chunk, rank=0, score=0.0)
                n = cite(hit, f.line.strip("- ").strip())
                refs.append(f"{f.value} [{n}]")
                values.append(f.value)
            listed = ", ".join(refs[:-1]) + f" and {refs[-1]}"
            parts.append(f"Note: the documents disagree on the {c.about}: {listed}.")
            conflict_out.append(
                Conflict(
                    about=c.about,
                    citations=tuple(numbers[f.chunk.chunk_id] for f in c.figures),
                    values=tuple(values),
                )
            )
        citations = [
            Citation(n=n, hit=cited_hits[cid], sentences=tuple(supports.get(cid, ())))
            for cid, n in sorted(numbers.items(), key=lambda kv: kv[1])
        ]
        return " ".join(parts), citations, conflict_out

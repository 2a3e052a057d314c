"""Assistant.ask(question, history) -> Answer: analyse, retrieve, plan, phrase, cite, refuse."""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from assistant.answering import compose, dispatch, phrasing
from assistant.answering import plan as planner
from assistant.answering.corpus import CorpusReading
from assistant.answering.coverage import Coverage, role_words
from assistant.answering.grounding import match_rephrasings
from assistant.answering.lines import lines_of
from assistant.errors import InvalidInputError
from assistant.facts.extraction import Figure, corpus_figures
from assistant.facts.profile import explain, pay_for_profile
from assistant.generation import Generator
from assistant.settings import Settings
from assistant.types import Answer, Hit, SearchResult
from assistant.understanding import vocabulary as vocab
from assistant.understanding.analysis import Query, analyze
from assistant.understanding.conversation import question_parts
from assistant.understanding.roles import role_stem

REFUSAL = "The documents do not cover this question."


@dataclass(frozen=True)
class ClientProfile:
    """Whom a coach is asking for: a seniority level and, optionally, a city."""

    level: str
    location: str | None = None


@dataclass(frozen=True)
class Event:
    """What ``Assistant.stream`` yields: a status, model draft tokens, verified sentences, the answer."""

    kind: str  # "status" | "token" | "sentence" | "answer"
    text: str = ""
    answer: Answer | None = None


class Assistant(CorpusReading):
    def __init__(
        self,
        retriever,
        generator: Generator,
        settings: Settings | None = None,
        *,
        figures: list[Figure] | None = None,
    ) -> None:
        self.retriever = retriever
        self.generator = generator
        self.settings = settings or Settings()
        self._figures = figures
        self._vocab = set(retriever.bm25.vocabulary())
        self._corpus_words: set[str] | None = None
        self.coverage = Coverage(
            retriever,
            self.settings,
            vocabulary=self._vocab,
            corpus_words=self.corpus_words,
            chunks_of=self._chunks_of,
        )

    @property
    def backend(self) -> str:
        return self.generator.name

    # -- the checks (coverage.py), for callers of the Assistant -------------------------------
    def unknown_words(self, question: str) -> list[str]:
        return self.coverage.unknown_words(question)

    def covered(self, question: str, result: SearchResult, *, ignore: set[str] = frozenset()) -> bool:
        return self.coverage.covered(question, result, ignore=ignore)

    def _says_its_subject(self, query: Query, result: SearchResult) -> bool:
        return self.coverage.says_its_subject(query, result)

    def _asks_only_its_aspect(self, query: Query) -> bool:
        return self.coverage.asks_only_its_aspect(query)

    def analyze(
        self,
        question: str,
        history: list[str] | None = None,
        *,
        role: str | None = None,
        look_back: bool = True,
    ) -> Query:
        catalog = self.catalog
        if role is not None and catalog.get(role) is None:
            raise InvalidInputError(f"no role named {role!r} in the documents; see `assistant roles`")
        if role is not None:
            role = catalog.get(role).name
        query = analyze(
            question,
            catalog=catalog,
            places=self.places,
            vocabulary=self.corpus_words(),
            history=history,
            role=role,
            mentioned=self.mentioned,
            acronyms=self.defined_acronyms,
        )
        if query.unknown_role and role is None and (kind_of := self._kind_of_one_role(query.unknown_role)):
            # "a certified general appraiser": a kind of job the appraisers' survey names, not a role
            # it lacks
            query = dataclasses.replace(query, roles=(kind_of,), unknown_role=None, ambiguous=())
        if (
            look_back
            and query.follow_up
            and not query.roles
            and not query.unknown_role
            and history
            and role is None
        ):
            # "what about in texas?" after "how much do private investigators make?": the role the
            # earlier question was answered for, though only its documents named that job (the last
            # few questions, each read once: a long chat costs no more per question)
            for i in range(len(history) - 1, max(-1, len(history) - 1 - _LOOK_BACK), -1):
                earlier = self.analyze(history[i], history[max(0, i - _LOOK_BACK) : i], look_back=False)
                if earlier.roles:
                    query = dataclasses.replace(
                        query, roles=earlier.roles[:1], inherited=(*query.inherited, "role")
                    )
                    break
        if not query.roles and not query.unknown_role and len(catalog) == 1:
            query = dataclasses.replace(query, roles=(catalog.names[0],))
        asks_of = query.subject if role is None and len(catalog) > 1 else None
        owner = self.coverage.role_naming(asks_of) if asks_of else None
        if owner:
            # "nurse manager": the role whose documents name that job, not the one sharing "manager"
            query = dataclasses.replace(query, roles=(owner,), ambiguous=())
        if (
            query.level
            and query.roles
            and query.level in vocab.find_levels(query.roles[0])
            and not _ASKS_LEVEL.search(question)
        ):
            # "lead AI engineer" asked of the "Lead Engineer in AI" role is the role itself, not a level
            # ("the range at the lead level" asks for the level's own figure)
            query = dataclasses.replace(query, level=None)
        return query

    def _kind_of_one_role(self, phrase: str) -> str | None:
        """The one role whose documents give ``phrase`` as a job of theirs, under its own heading or
        row, or as what someone is: "certified general appraiser" where the appraisers' survey has a
        row "Certified general | $118,000"; "city carrier assistants" where the postal page says "New
        hires are City Carrier Assistants (CCA) at around $19.94/hr". Not "licensed practical nurse"
        where the nurses' page says they "supervise licensed practical nurses" or that "licensed
        practical nurses earn a median of $62,000" beside its own figure."""
        words = re.findall(r"[a-z]+", phrase.lower())
        if len(words) < 2 or len(words) > 5:
            return None
        said = re.compile(
            "|".join(rf"\b{re.escape(v)}\b" for v in sorted(vocab.plural_or_not(" ".join(words)), key=len)),
            re.I,
        )
        kind = " ".join(words[:-1])  # "certified general" of "certified general appraiser"
        head = role_stem(words[-1])
        owners = {r.name for r in self.catalog.roles if r.head == head}
        # only the passages keyword search finds for the phrase are read, not the whole corpus
        scores = self.retriever.bm25.scores(" ".join(words))
        found = [self.retriever.chunks[i] for i in np.argsort(-scores)[:_KIND_PASSAGES] if scores[i] > 0]
        naming = {
            role
            for c in found
            if _gives_as_job(c, said, kind if (role := self.catalog.role_of(c.source)) in owners else None)
        }
        if len(owners) == 1 and owners <= naming:
            return next(iter(owners))  # the role that is that kind of job
        return naming.pop() if len(naming) == 1 else None  # else the one role whose pages name it

    # -- the pipeline -----------------------------------------------------------------------
    def _prepare(self, question: str) -> tuple[str, list[str]]:
        if question is None or not str(question).strip():
            raise InvalidInputError("the question is empty; type a question about a role")
        notices = []
        # lone surrogates (undecodable bytes from a terminal) cannot be encoded: drop them
        question = str(question).encode("utf-8", "replace").decode("utf-8")
        question = " ".join(question.split())
        limit = self.settings.max_question_chars
        if len(question) > limit:
            question = question[:limit]
            notices.append(f"the question was cut to its first {limit:,} characters")
        return question, notices

    def _scope(self, role: str | None, hits: list[Hit]) -> planner.Scope:
        chunks = [h.chunk for h in hits] if role is None else self._chunks_of((role,))
        levels = vocab.find_levels(role or "")
        known = self.catalog.role(role) if role else None
        return planner.Scope(
            role,
            chunks,
            hits,
            role_level=levels[0] if levels else None,
            # the employer or town a posting names ("Riverton") names the role too, no topic
            aliases=(*known.aliases, *self.catalog.proper_names_of(known.name)) if known else (),
        )

    def _search(self, query: Query, k: int, role: str | None) -> SearchResult:
        sources = self.catalog.sources_of(role) if role else None
        text = query.search_text or query.text
        if role and query.follow_up and role not in text:
            text = f"{role}: {text}"
        return self.retriever.search(text, k, sources=sources)

    def stream(
        self,
        question: str,
        history: list[str] | None = None,
        *,
        k: int | None = None,
        profile: ClientProfile | None = None,
        role: str | None = None,
    ) -> Iterator[Event]:
        """Yield a status, the verified sentences as they are ready, then the final Answer.

        With a ``profile``, pay questions are answered from the level's range and the location's
        premium, arithmetic shown. ``role`` scopes the question to one role of the catalog.
        """
        t0 = time.perf_counter()
        question, notices = self._prepare(question)
        history = [h for h in (history or []) if isinstance(h, str)]
        k = k or self.settings.k
        yield Event("status", text="searching…")
        query, result, results, hits = self._retrieve(question, history, k, role)
        plan = self._plan(query, result, results, hits, profile)
        parts = question_parts(question)
        # "how much does an RN make, and how does that compare to an NP?" is one comparison
        # ("what's required and what's only preferred?" is one question about both)
        # ("how does X's pay compare with Y's, and what benefits come on top?" asks a second thing)
        compares_last = vocab.answer_type(parts[-1], vocab.find_aspects(parts[-1])) == vocab.COMPARISON
        split = query.answer_type != vocab.COMPARISON or not compares_last
        if len(parts) > 1 and split and not vocab.asks_strengths(question):
            plan, hits = self._plan_parts(parts, history, k, profile, role, plan, hits)
        t_retrieved = time.perf_counter()
        timings = {"retrieve_ms": (t_retrieved - t0) * 1000}
        common = {
            "question": question,
            "backend": self.backend,
            "notices": notices,
            "rewritten_question": query.search_text if query.search_text != question else None,
            "retrieved": hits,
            "query": query.to_dict(),
        }

        if not plan.refused and not plan.facts:
            plan.refused, plan.reason = True, REFUSAL  # nothing in the passages answers it
        if plan.refused:
            timings.update(ttft_ms=0.0, generate_ms=0.0, total_ms=(time.perf_counter() - t0) * 1000)
            yield Event("answer", answer=self._refusal(plan.reason, result, timings, common))
            return

        yield Event("status", text="writing…")
        texts = [s.text for s in plan.sentences]
        draft: list[str] = []
        ttft = None
        for token in self.generator.stream(question, texts, history=history):
            draft.append(token)
            yield Event("token", text=token)
        # a draft that is the plan itself (the extractive backend) needs no matching
        same = " ".join("".join(draft).split()) == " ".join(" ".join(texts).split())
        kept = {} if same else match_rephrasings(texts, "".join(draft), question=question)
        final = [kept.get(i, t) for i, t in enumerate(texts)]
        for text in final:
            if ttft is None:
                ttft = (time.perf_counter() - t_retrieved) * 1000
            yield Event("sentence", text=text)
        t_generated = time.perf_counter()
        timings.update(
            ttft_ms=ttft or 0.0,
            generate_ms=(t_generated - t_retrieved) * 1000,
            total_ms=(time.perf_counter() - t0) * 1000,
        )
        answer_text, citations, conflicts, computed = compose.compose(plan, final, hits, self.provenance)
        # the plan reranks: the passages the answer rests on come first, then the rest retrieval found
        used = [c.hit for c in citations]
        common["retrieved"] = compose.reranked(used, hits)
        yield Event(
            "answer",
            answer=Answer(
                answer=answer_text,
                refused=False,
                citations=citations,
                conflicts=conflicts,
                timings=timings,
                computed=computed,
                **common,
            ),
        )

    def _retrieve(self, question: str, history: list[str], k: int, role: str | None):
        """The question's analysis and its passages: per named role (two for a comparison)."""
        query = self.analyze(question, history, role=role)
        roles = list(query.roles)
        results = {r: self._search(query, k, r) for r in roles[:2]} if roles else {}
        result = results[roles[0]] if roles else self.retriever.search(query.search_text or question, k)
        hits = result.hits
        if len(results) > 1:
            hits = compose.interleave([r.hits for r in results.values()], k)
        return query, result, results, hits

    def _plan_parts(self, parts, history, k, profile, role, whole: planner.Plan, hits: list[Hit]):
        """One message asking two things ("the base pay, and what can total comp reach?"): each
        part is planned as its own question, later parts inheriting the earlier ones' role like a
        follow-up. Used when at least two parts are answered; otherwise the whole question's plan."""
        answered: list[tuple[Query, planner.Plan, list[Hit]]] = []
        notes: list[planner.Planned] = []
        in_order: list[planner.Planned | tuple[Query, planner.Plan, list[Hit]]] = []
        role_refused = False
        earlier = list(history)
        for part in parts:
            q, r, rs, h = self._retrieve(part, earlier, k, role)
            earlier.append(part)
            p = self._plan(q, r, rs, h, profile)
            if p.refused and p.reason != REFUSAL:
                note = planner.Planned(p.reason, kind="note")  # "The documents do not cover LPN."
                notes.append(note)
                role_refused = role_refused or bool(q.unknown_role)
                # a role the documents lack is said first; a topic they do not mention where it was asked
                if q.unknown_role:
                    in_order.insert(0, note)
                else:
                    in_order.append(note)
            elif not p.refused and p.facts:
                answered.append((q, p, h))
                in_order.append((q, p, h))
        if len(answered) + len(notes) < 2 or not answered:
            return whole, hits
        merged = planner.Plan()
        # parts about different roles (or next to a role the documents lack) say which role each is about
        named = {q.roles[:1] for q, _, _ in answered}
        label = len(named) > 1 or role_refused
        for entry in in_order:
            if isinstance(entry, planner.Planned):
                merged.add(entry)
                continue
            q, p, _ = entry
            for s in p.sentences:
                merged.add(compose.for_role(q.roles[0], s) if label and q.roles else s)
        return merged, compose.interleave([h for _, _, h in answered], k)

    def ask(
        self,
        question: str,
        history: list[str] | None = None,
        *,
        k: int | None = None,
        profile: ClientProfile | None = None,
        role: str | None = None,
    ) -> Answer:
        for event in self.stream(question, history, k=k, profile=profile, role=role):
            if event.kind == "answer":
                return event.answer
        raise RuntimeError("the pipeline ended without an answer")  # pragma: no cover

    # -- planning ---------------------------------------------------------------------------
    def _plan(self, query: Query, result, results: dict, hits: list[Hit], profile) -> planner.Plan:
        plan = planner.Plan()
        if query.unknown_role and not query.roles:
            closest = self.catalog.closest(query.unknown_role)
            plan.refused = True
            if closest or len(self.catalog) <= 3:
                plan.reason = phrasing.render(
                    "role_not_covered",
                    phrase=query.unknown_role,
                    roles=phrasing.join((closest or self.catalog.names)[:3]),
                )
            else:  # nothing close among many roles: the first three alphabetically help no one
                plan.reason = phrasing.render(
                    "role_not_covered_many", phrase=query.unknown_role, n=f"{len(self.catalog):,}"
                )
            return plan
        if profile is not None and "pay" in query.aspects:
            for text, figs in self._profile_sentences(profile, query):
                plan.add(planner.Planned(text, tuple(compose.figure_line(f) for f in figs)))
            if plan.sentences:
                return plan
        ignore = {w.lower() for w in (query.place, query.foreign) if w for w in w.split()}
        if query.roles:
            # a named role is covered when its passages are about the question at all
            covered = bool(result.hits) and result.best_dense >= self.settings.min_relevance
            covered = covered and self.coverage.covered(
                query.search_text, result, ignore=ignore | role_words(query)
            )
            # "what would my client earn?" with a role chosen: its pay figures answer it
            # (not "best laptop for ml under 2k": only a sum says pay, about a thing the documents never name)
            covered = covered or (
                query.aspects[:1] == ("pay",)
                and self.gives_pay(query.roles[0])
                and not (
                    all(re.search(r"\d|\$", w) for w in vocab.aspect_words(query.text, ("pay",)))
                    and [w for w in self.coverage.unknown_words(query.search_text) if w.lower() not in ignore]
                )
            )
            # "Are publications required?": too short to be close in meaning to a passage, but every
            # word of it is the documents' and the passages found say its subject
            covered = covered or self.coverage.says_its_subject(query, result)
            covered = covered or self.coverage.says_most_of_it(query, result)
            covered = covered or self.coverage.names_its_section(query, result)
            covered = covered or self.coverage.asks_only_its_aspect(query)
            covered = covered or self.coverage.names_its_labels(query, result)
            # "a must-have vs a nice-to-have?": the role's requirements, answered if they state strengths
            covered = covered or vocab.asks_strengths(query.text)
        else:
            covered = self.coverage.covered(query.search_text, result, ignore=ignore)
        if not covered:
            plan.refused = True
            plan.reason = REFUSAL
            return plan
        if query.topics and not any(self.mentions(t, query.roles) for t in query.topics):
            # "what's the interview process?" must not be answered from "manage AI processes";
            # "salary and vacation?" still gets the salary, with a note about the vacation
            said = phrasing.render(
                "topic_not_covered",
                topics=phrasing.join(list(query.topics)),
                who=phrasing.role_words(query.roles[0]) if len(query.roles) == 1 else "these roles",
            )
            # what the question asks besides the topic ("hiring" in "which hospitals are hiring" is no
            # question about demand; "salary" in "salary and vacation?" is one about pay)
            # ("how much parental leave do they get?" asks no pay once the topic is taken out)
            besides = set(vocab.find_aspects(vocab.without_topics(query.text))) & set(query.aspects)
            if not besides - {"benefits", "conditions"}:
                plan.refused, plan.reason = True, said
                return plan
            plan.add(planner.Planned(said, kind="note"))
        dispatch.notes(query, plan, chunks=self.retriever.chunks, catalog=self.catalog)
        roles = list(query.roles) or dispatch.roles_in(hits, self.catalog)[:1]
        if query.answer_type == vocab.COMPARISON and len(query.roles) >= 2:
            heads = []
            for r in query.roles[:2]:
                sub = planner.Plan()
                dispatch.plan_one(
                    query, self._scope(r, results.get(r, result).hits), sub, settings=self.settings
                )
                facts = [s for s in sub.sentences if s.kind == "fact"]
                for s in facts[:1]:
                    plan.add(compose.for_role(r, s))
                    heads.append((r, s))
            plan.add(compose.who_earns_more(heads) if "pay" in query.aspects else None)
            return plan
        if not roles:
            dispatch.plan_one(query, self._scope(None, hits), plan, settings=self.settings)
            return plan
        scope = self._scope(
            roles[0], hits if query.roles else [h for h in hits if self._role_of(h) == roles[0]]
        )
        before = len(plan.sentences)
        dispatch.plan_one(query, scope, plan, settings=self.settings)
        if not query.roles and len(self.catalog) > 1:
            plan.sentences[before:] = [compose.for_role(roles[0], s) for s in plan.sentences[before:]]
        if query.ambiguous and len(plan.facts):
            others = phrasing.join(list(query.ambiguous[:4]))
            plan.add(planner.Planned(phrasing.render("ambiguous", role=roles[0], others=others), kind="note"))
        return plan

    def _role_of(self, hit: Hit) -> str:
        return self.catalog.role_of(hit.chunk.source)

    def _profile_sentences(self, profile: ClientProfile, query: Query) -> list[tuple[str, list[Figure]]]:
        role = query.roles[0] if query.roles else None
        if role is not None and self._figures is None:
            # only the role's passages: extracting a whole large corpus (the OEWS import) takes a minute
            ids = self.retriever.ids_for(self.catalog.sources_of(role))
            chunks = [self.retriever.chunks[i] for i in ids]
            figures = corpus_figures(chunks, roles_by_source={s: role for s in self.catalog.sources_of(role)})
        else:
            figures = self.figures
            if role is not None:
                figures = [f for f in figures if self.catalog.role_of(f.chunk.source) == role] or figures
        pay = pay_for_profile(figures, profile.level, profile.location, role=role)
        return explain(pay)

    # -- composing --------------------------------------------------------------------------
    def _refusal(self, reason: str, result: SearchResult, timings: dict, common: dict) -> Answer:
        close = [h for h in result.hits if (h.dense_score or 0) >= self.settings.min_relevance][:3]
        close.sort(key=lambda h: -(h.dense_score or 0))  # listed by the similarity they show
        roles = self.catalog.names
        covered = phrasing.render_cover(roles)
        text = reason if reason != REFUSAL else f"{REFUSAL} {covered}"
        if close:
            text += " The closest passages are listed below."
        return Answer(answer=text, refused=True, citations=[], timings=timings, closest=close, **common)


# "the range at the lead level", "lead-level pay": the level itself, not the role named after it
_ASKS_LEVEL = re.compile(r"\b(?:entry|junior|mid|senior|lead|staff|principal)[- ]level\b", re.I)


# how many earlier questions a follow-up looks back over for the role it is about
_LOOK_BACK = 3
# how many passages keyword search offers for a job the documents might give as a kind of a role
_KIND_PASSAGES = 40
# "New hires are City Carrier Assistants", "start as a carrier assistant": what someone is
_IS_A = r"\b(?:are|is|as|become|becomes|called|titled)\s+(?:an?\s+|the\s+)?(?:[A-Z][\w-]*\s+){0,2}"


_SET_AGAINST = re.compile(r"\b(?:below|above|than|compared|versus|vs)\b", re.I)


def _gives_as_job(chunk, said: re.Pattern[str], kind: str | None) -> bool:
    """Does a passage give the job as a job of its own: under its heading, in a row named by it (by
    ``kind``, its words before the job's noun, on the page of the role it is a kind of), or as what
    someone is, with pay ("New hires are City Carrier Assistants (CCA) at around $19.94/hr")?"""
    if any(said.search(h) for h in chunk.section):
        return True
    for ln in lines_of(chunk):
        if ln.has_money and re.search(_IS_A + f"(?:{said.pattern})", ln.text, re.I):
            return True
        # on the page of the role it is a kind of, its own pay ("Hospital pharmacists earn $X"), not
        # a figure set against the role's ("licensed practical nurses earn $62,000, well below RNs")
        if kind and ln.has_money and said.search(ln.text) and not _SET_AGAINST.search(ln.text):
            return True
        # a row named by the kind without the job's noun: "Certified general: $118,000",
        # "Licensed Residential: 150 hours ..."
        if kind and ln.label and ln.numbers and re.search(rf"\b{re.escape(kind)}$", ln.label.lower()):
            return True
    return False

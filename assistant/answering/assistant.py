"""Assistant.ask(question, history) -> Answer: analyse, retrieve, plan, phrase, cite, refuse."""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.answering import (
    phrasing,
    plan_career,
    plan_lists,
    plan_pay,
    plan_pay_notes,
    plan_years,
    plan_yesno,
)
from assistant.answering import plan as planner
from assistant.answering.coverage import Coverage, role_words
from assistant.answering.grounding import match_rephrasings
from assistant.answering.lines import Line, lines_of
from assistant.errors import InvalidInputError
from assistant.facts.extraction import Figure, corpus_figures
from assistant.facts.profile import explain, pay_for_profile
from assistant.generation import Generator
from assistant.indexing.text import STOPWORDS, stem
from assistant.settings import Settings
from assistant.types import Answer, Citation, Conflict, Hit, SearchResult
from assistant.understanding import vocabulary as vocab
from assistant.understanding.analysis import Query, analyze
from assistant.understanding.conversation import question_parts
from assistant.understanding.roles import defined_acronyms

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


class Assistant:
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

    @property
    def catalog(self):
        return self.retriever.catalog

    def provenance(self, source: str) -> str:
        """Who published a document and when (front matter ``source:``); "" for a role document."""
        meta = self.retriever.index.manifest.get("files", {}).get(source) or {}
        return str(meta.get("provenance", ""))

    @property
    def figures(self) -> list[Figure]:
        """The corpus's facts, extracted on first use (a coach profile needs them; answers do not)."""
        if self._figures is None:
            self._figures = corpus_figures(self.retriever.chunks)
        return self._figures

    def prepare(self) -> None:
        """Read what question analysis needs from the whole corpus (places, role names, words) now,
        not on the first question: seconds for a corpus of 200,000 passages."""
        _ = self.catalog, self.places, self.mentioned, self.corpus_words()

    @property
    def places(self) -> list[vocab.Place]:
        """Places the documents name in their pay lines ("Seattle", "Chicago, IL")."""
        from assistant.answering.lines import pay_places

        def read() -> list[vocab.Place]:
            return [vocab.Place(n, kind) for n, kind in pay_places(self.retriever.chunks).items()]

        return self.retriever.memo("places", read)

    @property
    def defined_acronyms(self) -> dict[str, str]:
        """Short forms a document defines after the words they stand for ("Database administrators
        (DBAs) keep ..."), lower case -> the role of that document."""

        def read() -> dict[str, str]:
            out: dict[str, str] = {}
            for c in self.retriever.chunks:
                role = self.catalog.role(self.catalog.role_of(c.source))
                for short in defined_acronyms(c.text, role) if role is not None else ():
                    out.setdefault(short, role.name)
            return out

        return self.retriever.memo("defined acronyms", read)

    @property
    def mentioned(self) -> set[str]:
        """Headings and labels of the documents as role phrases: a question naming one is covered."""
        from assistant.answering.lines import labels_of
        from assistant.understanding.roles import is_occupation, role_phrases

        def read() -> set[str]:
            names: set[str] = set()  # each heading and label once: a corpus repeats them thousands of times
            for c in self.retriever.chunks:
                names.update(c.section)
                names.update(labels_of(c))
            out: set[str] = set()
            for name in names:
                # only names of people's jobs: "AI Research Scientist", not "Key Responsibilities"
                out.update(p for p in role_phrases(f"a {name} ?") if is_occupation(p.split()[-1]))
                # short forms in a heading or label ("CPA License"): a credential the documents cover
                out.update(w.lower() for w in re.findall(r"\b[A-Z]{2,5}\b", name))
            out.update(self.defined_acronyms)  # "Database administrators (DBAs) keep ..."
            return out

        return self.retriever.memo("mentioned", read)

    def _chunks_of(self, roles: tuple[str, ...]) -> list:
        """The passages of these roles' documents, in index order (every passage when none)."""
        if not roles:
            return self.retriever.chunks
        ids = self.retriever.ids_for({s for r in roles for s in self.catalog.sources_of(r)})
        return [self.retriever.chunks[i] for i in ids]

    def gives_pay(self, role: str) -> bool:
        """Do the role's documents state any pay figure?"""
        from assistant.answering.lines import read_lines

        def read() -> bool:
            return any(ln.is_pay for c in self._chunks_of((role,)) for ln in read_lines(c))

        return bool(self.retriever.memo(f"gives pay: {role}", read))

    def mentions(self, topic: str, roles: tuple[str, ...] = ()) -> bool:
        """Does any passage of these roles (of the whole corpus when none) mention a TOPICS topic?"""
        rx = vocab.topic_pattern(topic)

        def read() -> bool:
            return any(rx.search(c.embed_text()) for c in self._chunks_of(roles))

        return bool(self.retriever.memo(f"mentions: {topic} / {' / '.join(roles)}", read))

    def corpus_words(self) -> set[str]:
        if self._corpus_words is None:
            # the keyword index's stems (every word but stopwords), and the stopwords
            self._corpus_words = self._vocab | {stem(w) for w in STOPWORDS}
        return self._corpus_words

    # -- the checks (coverage.py), for callers of the Assistant -------------------------------
    def unknown_words(self, question: str) -> list[str]:
        return self.coverage.unknown_words(question)

    def covered(self, question: str, result: SearchResult, *, ignore: set[str] = frozenset()) -> bool:
        return self.coverage.covered(question, result, ignore=ignore)

    def _says_its_subject(self, query: Query, result: SearchResult) -> bool:
        return self.coverage.says_its_subject(query, result)

    def _asks_only_its_aspect(self, query: Query) -> bool:
        return self.coverage.asks_only_its_aspect(query)

    def analyze(self, question: str, history: list[str] | None = None, *, role: str | None = None) -> Query:
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
            aliases=known.aliases if known else (),
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
        answer_text, citations, conflicts, computed = _compose(plan, final, hits, self.provenance)
        # the plan reranks: the passages the answer rests on come first, then the rest retrieval found
        used = [c.hit for c in citations]
        common["retrieved"] = _reranked(used, hits)
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
            hits = _interleave([r.hits for r in results.values()], k)
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
                merged.add(_for_role(q.roles[0], s) if label and q.roles else s)
        return merged, _interleave([h for _, _, h in answered], k)

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
                plan.add(planner.Planned(text, tuple(_figure_line(f) for f in figs)))
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
        self._notes(query, plan)
        roles = list(query.roles) or _roles_in(hits, self.catalog)[:1]
        if query.answer_type == vocab.COMPARISON and len(query.roles) >= 2:
            heads = []
            for r in query.roles[:2]:
                sub = planner.Plan()
                self._plan_one(query, self._scope(r, results.get(r, result).hits), sub)
                facts = [s for s in sub.sentences if s.kind == "fact"]
                for s in facts[:1]:
                    plan.add(_for_role(r, s))
                    heads.append((r, s))
            plan.add(_who_earns_more(heads) if "pay" in query.aspects else None)
            return plan
        if not roles:
            self._plan_one(query, self._scope(None, hits), plan)
            return plan
        scope = self._scope(
            roles[0], hits if query.roles else [h for h in hits if self._role_of(h) == roles[0]]
        )
        before = len(plan.sentences)
        self._plan_one(query, scope, plan)
        if not query.roles and len(self.catalog) > 1:
            plan.sentences[before:] = [_for_role(roles[0], s) for s in plan.sentences[before:]]
        if query.ambiguous and len(plan.facts):
            others = phrasing.join(list(query.ambiguous[:4]))
            plan.add(planner.Planned(phrasing.render("ambiguous", role=roles[0], others=others), kind="note"))
        return plan

    def _role_of(self, hit: Hit) -> str:
        return self.catalog.role_of(hit.chunk.source)

    def _notes(self, query: Query, plan: planner.Plan) -> None:
        """Say plainly what the documents do not cover before giving what they do."""
        pay = "pay" in query.aspects
        if query.foreign and pay:
            plan.add(planner.Planned(phrasing.render("foreign", place=query.foreign), kind="note"))
        if query.year and pay:
            have = sorted(
                {
                    y
                    for c in self.retriever.chunks
                    if not query.roles or self.catalog.role_of(c.source) in query.roles
                    for y in vocab.YEAR_RE.findall(f"{c.section_path} {c.text}")
                }
            )
            if str(query.year) not in have:
                note = (
                    phrasing.render("year_not_covered", have=phrasing.join(have), year=query.year)
                    if have
                    else phrasing.render("no_year", year=query.year)
                )
                plan.add(planner.Planned(note, kind="note"))

    def _arrangement_note(self, query: Query, scope: planner.Scope, plan: planner.Plan) -> None:
        """ "do fully remote jobs pay less?": said plainly when no pay line of the role speaks of it."""
        arrangement = vocab.work_arrangement(vocab.asked_part(query.text))  # not "I work remotely. ..."
        if not arrangement or "pay" not in query.aspects:
            return
        rx = vocab.WORK_ARRANGEMENTS[arrangement]
        if any(
            (ln.is_pay or ln.numbers) and re.search(rx, ln.text, re.I)
            for c in scope.chunks
            for ln in lines_of(c)
        ):
            return
        who = phrasing.role_words(scope.role)
        plan.add(
            planner.Planned(
                phrasing.render("arrangement_not_covered", arrangement=arrangement, who=who), kind="note"
            )
        )

    def _plan_one(self, query: Query, scope: planner.Scope, plan: planner.Plan) -> None:
        self._arrangement_note(query, scope, plan)
        before = len(plan.facts)
        t = query.answer_type
        pay = "pay" in query.aspects
        if (
            pay
            and not vocab.find_levels(query.text)
            and not query.place  # "at each level in Seattle": the place's figures, by the place logic
            and vocab.asks_every_level(query.text)
            and plan_pay.plan_every_level(query, scope, plan)
        ):
            return  # "the salary range at each level": the by-level table, level by level
        if (
            pay
            and not query.level
            and not query.place
            and t in (vocab.FIGURE, vocab.EXPLANATION)
            and vocab.ASKERS_YEARS.search(query.text)
            and plan_pay.plan_every_level(query, scope, plan)
        ):
            plan.sentences.insert(0, planner.Planned(phrasing.render("pay_by_level_not_years"), kind="note"))
            # "what does an AI engineer with 3 years of experience make?": the documents tie pay to
            # levels, not to years; every level's figure, and what they say years do to pay
            plan_years.years_factor(query, scope, plan)
            return
        if pay and (query.places or query.levels or query.sides) and plan_pay.plan_sides(query, scope, plan):
            return  # "more in Seattle or New York?", "a pharmacy manager compared to a staff pharmacist"
        if query.subject and planner.plan_subject(query, scope, plan):
            return
        if not pay and vocab.asks_strengths(query.text) and plan_yesno.plan_strengths(query, scope, plan):
            return  # "a must-have vs a nice-to-have?": what is required, then what is only preferred
        if (
            query.aspects == ("career",)  # "which certifications before lead?" asks of certifications
            and t in (vocab.LIST, vocab.EXPLANATION)  # "could I start a company after lead?" names its step
            and not vocab.asks_years(query.text)  # "how many years to get there?"
            and plan_career.plan_career_step(query, scope, plan)
        ):
            return  # "what comes after lead?": the steps above the level, from the career sections
        if pay and not query.level and not query.place and plan_lists.plan_named_section(query, scope, plan):
            return  # "what are the salary trends?": the section it names, which gives no figure
        if pay and plan_pay_notes.plan_pay_trend(query, scope, plan):
            # "are salaries going up?": where pay is heading, then the figures (no verdict of our own)
            plan_pay.plan_pay(query, scope, plan)
            return
        if (
            t == vocab.YESNO
            and pay
            and query.level
            and not (query.places or query.levels)
            and plan_pay.plan_level_figure(query, scope, plan)
        ):
            return  # "does a mid-level engineer earn over 100k?": the level's figure, whether it clears it
        if t == vocab.YESNO and pay and plan_pay.asks_about_figure(query):
            at = len(plan.sentences)
            plan_pay.plan_pay(query, scope, plan)  # "is 200k normal?": the figure the documents give
            if len(plan.facts) > before:
                verdict = plan_pay.range_verdict(query, plan.facts[before])
                if verdict:
                    plan.sentences.insert(at, verdict)
                return
        if (
            t == vocab.YESNO
            and not pay
            and not vocab.asks_years(query.text)  # "does IC time count toward the leadership years, or...?"
            and planner.plan_both_line(query, scope, plan)
        ):
            return  # "still coding, or all management?": the lines saying the job is both
        asks_years = not pay and (
            vocab.asks_years(query.text)
            # "how many of those need to be in a leadership role?" after a question on the years
            or (
                "aspect" in query.inherited
                and vocab.HOW_MANY.search(query.text)
                and vocab.asks_years(query.search_text)
            )
        )
        if not pay and vocab.asks_who(query.text):
            planner.plan_explanation(query, scope, plan)  # "who do they work with?": lines naming people
        elif asks_years:
            plan_years.plan_years(query, scope, plan)
        elif t == vocab.COMPARISON and pay and len(query.roles) >= 2:
            plan_pay.plan_pay(query, scope, plan)
        elif t == vocab.LIST:
            plan_lists.plan_list(query, scope, plan)
        elif t == vocab.YESNO and pay and plan_pay.plan_remark(query, scope, plan):
            pass  # "do AI leads at startups earn more?": the startup line, then the figure
        elif t == vocab.YESNO and not (pay and query.place):
            plan_yesno.plan_yes_no(query, scope, plan)
        elif pay and t in (vocab.FIGURE, vocab.YESNO, vocab.EXPLANATION):
            plan_pay.plan_pay(query, scope, plan)
        elif t == vocab.EXPLANATION and query.aspects:
            # a question whose words name a section ("career path", "continuous learning") gets its items
            plan_lists.plan_list(query, scope, plan, min_score=self.settings.section_match_score)
        if len(plan.facts) == before:
            planner.plan_explanation(query, scope, plan)
        if not pay and t in (vocab.COMPARISON, vocab.YESNO, vocab.EXPLANATION):
            planner.plan_side_lines(query, scope, plan)  # "at big tech vs a startup": each side said
        if t in (vocab.YESNO, vocab.EXPLANATION) and query.aspects[:1] == ("demand",) and not pay:
            # "is the demand real?", "what's driving the hiring?": and what the documents say drives it
            plan_lists.plan_demand_drivers(query, scope, plan)

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
        roles = self.catalog.names
        covered = phrasing.render_cover(roles)
        text = reason if reason != REFUSAL else f"{REFUSAL} {covered}"
        if close:
            text += " The closest passages are listed below."
        return Answer(answer=text, refused=True, citations=[], timings=timings, closest=close, **common)


# "the range at the lead level", "lead-level pay": the level itself, not the role named after it
_ASKS_LEVEL = re.compile(r"\b(?:entry|junior|mid|senior|lead|staff|principal)[- ]level\b", re.I)


def _roles_in(hits: list[Hit], catalog) -> list[str]:
    out: list[str] = []
    for h in hits:
        r = catalog.role_of(h.chunk.source)
        if r and r not in out:
            out.append(r)
    return out


def _for_role(role: str, s: planner.Planned) -> planner.Planned:
    if s.kind == "note":
        return s
    return planner.Planned(
        phrasing.render("for_role", role=role, sentence=phrasing.lower_first(s.text)),
        s.support,
        s.kind,
        s.computed,
        s.values,
    )


def _who_earns_more(heads: list[tuple[str, planner.Planned]]) -> planner.Planned | None:
    """Which of two roles earns more, when both figures are of the same kind (both medians, both ranges)."""
    if len(heads) != 2:
        return None
    (ra, a), (rb, b) = heads
    la, lb = a.support[0], b.support[0]
    kind = [re.sub(r"[^a-z ]", "", (ln.label or "").lower()).split()[:1] for ln in (la, lb)]
    if kind[0] != kind[1] or la.has_percent or lb.has_percent:
        return None
    mid_a, mid_b = plan_pay.midpoint(la), plan_pay.midpoint(lb)
    if mid_a is None or mid_b is None:
        return None
    if mid_a == mid_b:
        return planner.Planned(phrasing.render("earns_same", a=ra, b=rb), (la, lb))
    hi, lo = (ra, rb) if mid_a > mid_b else (rb, ra)
    return planner.Planned(phrasing.render("earns_more", higher=hi, lower=lo), (la, lb))


def _reranked(used: list[Hit], hits: list[Hit]) -> list[Hit]:
    ids = {h.chunk.chunk_id for h in used}
    ordered = used + [h for h in hits if h.chunk.chunk_id not in ids]
    return [
        Hit(h.chunk, rank=i, score=h.score, dense_score=h.dense_score, bm25_score=h.bm25_score)
        for i, h in enumerate(ordered, start=1)
    ]


def _interleave(lists: list[list[Hit]], k: int) -> list[Hit]:
    out: list[Hit] = []
    for group in zip(*lists, strict=False):
        for h in group:
            if all(h.chunk.chunk_id != o.chunk.chunk_id for o in out):
                out.append(h)
    return out[: max(k, len(lists))]


def _figure_line(f: Figure) -> Line:
    from assistant.answering.lines import lines_of

    for ln in lines_of(f.chunk):
        if ln.text.strip() and ln.text.strip() in f.line:
            return ln
    return lines_of(f.chunk)[0]


def _compose(plan: planner.Plan, final: list[str], hits: list[Hit], provenance=lambda source: ""):
    numbers: dict[str, int] = {}  # chunk_id -> citation number, in order of first use
    cited: dict[str, Hit] = {}
    supports: dict[str, list[str]] = {}
    by_id = {h.chunk.chunk_id: h for h in hits}

    def cite(line: Line, text: str) -> int:
        cid = line.chunk.chunk_id
        if cid not in numbers:
            numbers[cid] = len(numbers) + 1
            cited[cid] = by_id.get(cid) or Hit(chunk=line.chunk, rank=0, score=0.0)
        supports.setdefault(cid, []).append(line.text)
        return numbers[cid]

    parts, conflicts, computed = [], [], []
    for planned, text in zip(plan.sentences, final, strict=True):
        s = phrasing.sentence(text)
        marks = "".join(f"[{n}]" for n in dict.fromkeys(cite(ln, s) for ln in planned.support))
        parts.append(f"{s[:-1]} {marks}{s[-1]}" if marks else s)
        computed.extend(planned.computed)
        if planned.kind == "conflict":
            conflicts.append(
                Conflict(
                    about=re.sub(r"^Note: the documents disagree on the |:.*$", "", s),
                    citations=tuple(numbers[ln.chunk.chunk_id] for ln in planned.support),
                    values=planned.values,
                )
            )
    citations = [
        Citation(
            n=n,
            hit=cited[cid],
            sentences=tuple(supports.get(cid, ())),
            provenance=provenance(cited[cid].chunk.source),
        )
        for cid, n in sorted(numbers.items(), key=lambda kv: kv[1])
    ]
    return " ".join(parts), citations, conflicts, computed

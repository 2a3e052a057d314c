"""Whether the documents cover a question: words the corpus lacks, closeness, what a role's passages say."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.answering.lines import lines_of, tokens_of
from assistant.indexing.text import SYNONYMS, stem, tokenize
from assistant.settings import Settings
from assistant.types import SearchResult
from assistant.understanding import vocabulary as vocab
from assistant.understanding.analysis import Query

# question words that say nothing about the topic, so their absence from the corpus means nothing
_GENERIC = {t for w in vocab.GENERIC_WORDS for t in tokenize(w)}
# the words of asking a yes/no question about a requirement
_ASKING = set(tokenize("required require requirement need needed must mandatory necessary enough"))


class Coverage:
    """The checks an Assistant makes before answering, on its retriever, settings and corpus words."""

    def __init__(
        self,
        retriever,
        settings: Settings,
        *,
        vocabulary: set[str],
        corpus_words: Callable[[], set[str]],
        chunks_of: Callable[[tuple[str, ...]], list],
    ) -> None:
        self.retriever = retriever
        self.settings = settings
        self._vocab = vocabulary  # the keyword index's stems
        self.corpus_words = corpus_words  # the Assistant's: read once, shared with question analysis
        self._chunks_of = chunks_of

    @property
    def catalog(self):
        return self.retriever.catalog

    def unknown_words(self, question: str) -> list[str]:
        """Topic words of the question that appear nowhere in the corpus (a nurse, a city, Paris)."""
        out = []
        # not "hiring managers", not the "'m" of "I'm", not the asker's situation, not what is set aside
        question = vocab.topic_text(vocab.without_set_aside(vocab.asked_part(question)))
        for w in re.findall(r"[A-Za-z][A-Za-z'-]+", question):
            toks = tokenize(w)
            if not toks or all(t in _GENERIC for t in toks) or w.lower() in SYNONYMS:
                continue
            if not any(t in self._vocab for t in toks):
                out.append(w)
        return out

    def covered(self, question: str, result: SearchResult, *, ignore: set[str] = frozenset()) -> bool:
        """Is the question about something the documents discuss?

        Two signals, calibrated on eval/questions.yaml: how close the best passage is in meaning,
        and topic words found in no document ("nurse", "Chicago"). A question with such words
        must be clearly closer to a passage than one without. ``ignore`` holds words already
        understood (a place the answer will say it does not cover).
        """
        best = result.best_dense
        s = self.settings
        if not result.hits or best < s.min_relevance:
            return False
        unknown = [w for w in self.unknown_words(question) if w.lower() not in ignore]
        if len(unknown) >= 2 and best < s.min_relevance + s.unknown_words_margin * 2:
            return False
        return not (unknown and best < s.min_relevance + s.unknown_words_margin)

    def says_its_subject(self, query: Query, result: SearchResult) -> bool:
        """A short question about a named role whose words are all the corpus's and whose own
        subject word is in a passage found ("publications" in "Research Background: ...")."""
        if not result.hits or result.best_dense < self.settings.min_relevance / 2:
            return False
        if self.unknown_words(query.search_text):
            return False
        words = _topic_words(query)
        # "papers" is the documents' "publications": a word with a document word stands for it
        said_otherwise = {stem(w) for w in re.findall(r"[a-z]+", query.text.lower()) if w in SYNONYMS}
        words_or_theirs = words | (set(tokenize(query.text, expand=True)) - _GENERIC)
        found = set().union(*(set(tokenize(h.chunk.text)) for h in result.hits[:3]))
        return bool(words) and words - said_otherwise <= self.corpus_words() and bool(words_or_theirs & found)

    def names_its_section(self, query: Query, result: SearchResult) -> bool:
        """A question about a named role that names one of the role's sections found ("documentation and
        reports" -> "Documentation and Reporting") is about what that section says, whatever other
        words it uses ("will I be stuck writing ... for upper management?")."""
        if not result.hits or result.best_dense < self.settings.min_relevance:
            return False
        unknown = self.unknown_words(query.search_text)
        if len(unknown) > 1 or (
            unknown and result.best_dense < self.settings.min_relevance + self.settings.unknown_words_margin
        ):
            return False  # "does team leadership involve firing people on Fridays?": more than it names
        words = _topic_words(query)
        heads = [set(tokenize(h.chunk.section[-1])) for h in result.hits[:3] if h.chunk.section]
        return any(len(words & head) >= 2 for head in heads)

    def names_its_labels(self, query: Query, result: SearchResult) -> bool:
        """A question about a named role that names labels of one passage found, two words or more in
        all ("does company size or my specialization change what I can ask for?" -> "Company Size: ...",
        "Specialization: ..."), is about what those lines say, whatever else it tells of the asker."""
        if not result.hits or result.best_dense < self.settings.min_relevance:
            return False
        words = _topic_words(query)
        few_unknown = len(self.unknown_words(query.search_text)) <= 1
        for h in result.hits[:3]:
            labels = [set(tokenize(ln.label)) - _GENERIC for ln in lines_of(h.chunk) if ln.label]
            named = [lb for lb in labels if lb and lb <= words]
            # two labels named are what it asks about; one label of two words ("Team Leadership"), only
            # when the question adds at most one word the documents lack ("firing people on Fridays")
            if len(named) >= 2 or (named and len(named[0]) >= 2 and few_unknown):
                return True
        return False

    def role_naming(self, phrase: str) -> str | None:
        """The role whose documents name a job most often ("nurse manager" -> Registered Nurse)."""
        # as the documents write it: "tool die makers" is a "Tool and die maker"
        *first, last = phrase.split() or [""]
        last = vocab.without_plural_s(last)
        words = [re.escape(w) for w in (*first, last)]
        rx = re.compile(r"\b" + r"\W+(?:(?:and|&)\W+)?".join(words) + r"s?\b", re.I)

        def read() -> str | None:  # a pass over every passage: once per phrase, not per question
            counts: dict[str, int] = {}
            for c in self.retriever.chunks:
                if rx.search(c.text) or rx.search(c.section_path):
                    role = self.catalog.role_of(c.source)
                    counts[role] = counts.get(role, 0) + 1
            return max(counts, key=lambda r: counts[r]) if counts else None

        return self.retriever.memo(f"role naming: {phrase.lower()}", read)

    def asks_only_its_aspect(self, query: Query) -> bool:
        """ "what do they do day to day?" of a named role says nothing but the aspect it asks about: the
        role's documents cover it when they have a section on that aspect."""
        if not query.aspects or len(query.roles) != 1 or self.unknown_words(query.search_text):
            return False  # "do they hire people?": the documents never say "hire"
        aspect_words = set(tokenize(" ".join(vocab.aspect_words(query.text, query.aspects))))
        if _topic_words(query) - aspect_words:
            return False
        rx = re.compile(vocab.ASPECT_SECTIONS.get(query.aspects[0], r"(?!)"), re.I)
        return any(rx.search(c.section_path) for c in self._chunks_of(query.roles))

    def says_most_of_it(self, query: Query, result: SearchResult) -> bool:
        """A question about a named role with one word the documents never use, whose other words meet
        in one line of a passage found: "responsible for testing and validating models before release?"
        -> "Implement rigorous testing and validation procedures for AI systems"."""
        if not result.hits or result.best_dense < self.settings.min_relevance:
            return False
        if len(self.unknown_words(query.search_text)) != 1:
            return False
        words = _topic_words(query)
        return any(len(words & tokens_of(ln.text)) >= 2 for h in result.hits[:3] for ln in lines_of(h.chunk))


def _topic_words(query: Query) -> set[str]:
    """The question's own words: not generic, not the role's name, not the words of asking."""
    return set(tokenize(vocab.topic_text(query.text))) - _GENERIC - role_words(query) - _ASKING


def role_words(query: Query) -> set[str]:
    return {w.lower() for r in query.roles for w in re.findall(r"[A-Za-z]+", r)}

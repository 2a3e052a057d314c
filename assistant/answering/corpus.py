"""What the Assistant reads from its whole corpus, once: places, role phrases, acronyms, words, figures."""

from __future__ import annotations

import re

from assistant.facts.extraction import Figure, corpus_figures
from assistant.indexing.text import STOPWORDS, stem
from assistant.understanding import vocabulary as vocab
from assistant.understanding.roles import defined_acronyms, named_acronyms


class CorpusReading:
    """The corpus-reading half of the Assistant, memoised on its retriever.

    Expects ``self.retriever``, ``self._figures``, ``self._vocab`` and ``self._corpus_words``,
    which ``Assistant.__init__`` sets.
    """

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
            # and a role's full name that another role's document defines: "A physical therapist
            # assistant (PTA) has an associate degree" on the aides' page
            for c in self.retriever.chunks:
                for short, name in named_acronyms(c.text, self.catalog):
                    out.setdefault(short, name)
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
                # only names of people's jobs: "AI Research Scientist", not "Key Responsibilities"; a
                # table row's notes are no part of the name ("Certified Welding Inspector (Inspection
                # and quality roles)")
                bare = re.sub(r"\s*\([^()]*\)", "", name)
                out.update(p for p in role_phrases(f"a {bare} ?") if is_occupation(p.split()[-1]))
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

"""The "no model" backend: it states the answer plan's sentences as they are."""

from __future__ import annotations

from collections.abc import Iterator


class ExtractiveRenderer:
    """A Generator like the others; its draft is the plan itself, so nothing needs checking.

    >>> "".join(ExtractiveRenderer().stream("q", ["Senior engineers earn $1.", "They lead."]))
    'Senior engineers earn $1. They lead.'
    """

    name = "extractive"

    def stream(
        self, question: str, passages: list[str], *, history: list[str] | None = None
    ) -> Iterator[str]:
        for i, sentence in enumerate(passages):
            yield sentence if i == 0 else " " + sentence

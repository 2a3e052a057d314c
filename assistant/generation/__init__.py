"""Generator interface and the factory that picks a backend by name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from assistant.errors import BackendError

if TYPE_CHECKING:
    from assistant.settings import Settings

BACKENDS = ("llamacpp", "ollama", "openai", "extractive")


@runtime_checkable
class Generator(Protocol):
    """Streams a draft answer. Passages come numbered; the draft is checked by grounding later."""

    name: str

    def stream(
        self, question: str, passages: list[str], *, history: list[str] | None = None
    ) -> Iterator[str]: ...


def make_generator(settings: Settings) -> Generator | None:
    """The backend named by ``settings.backend``; None for ``extractive`` (no language model)."""
    name = settings.backend
    if name == "extractive":
        return None
    if name == "llamacpp":
        from assistant.generation.llamacpp import LlamaCppGenerator

        return LlamaCppGenerator(settings.model_path, max_tokens=settings.max_tokens)
    if name == "ollama":
        from assistant.generation.chat import ollama_generator

        return ollama_generator(settings)
    if name == "openai":
        from assistant.generation.chat import openai_generator

        return openai_generator(settings)
    raise BackendError(f"unknown backend {name!r}; choose one of {', '.join(BACKENDS)}")

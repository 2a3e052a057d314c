"""Generator interface and the registry of backends, "extractive" (no model) among them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
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


def _llamacpp(settings: Settings) -> Generator:
    from assistant.generation.llamacpp import LlamaCppGenerator

    return LlamaCppGenerator(settings.model_path, max_tokens=settings.max_tokens)


def _ollama(settings: Settings) -> Generator:
    from assistant.generation.chat import ollama_generator

    return ollama_generator(settings)


def _openai(settings: Settings) -> Generator:
    from assistant.generation.chat import openai_generator

    return openai_generator(settings)


def _extractive(settings: Settings) -> Generator:
    from assistant.generation.extractive import ExtractiveRenderer

    return ExtractiveRenderer()


# name -> factory; every backend, "no model" included, is built the same way
REGISTRY: dict[str, Callable[[Settings], Generator]] = {
    "llamacpp": _llamacpp,
    "ollama": _ollama,
    "openai": _openai,
    "extractive": _extractive,
}


def register(name: str, factory: Callable[[Settings], Generator]) -> None:
    """Add a backend (tests register fakes the same way the built-in backends are registered)."""
    REGISTRY[name] = factory


def make_generator(settings: Settings) -> Generator:
    """The backend named by ``settings.backend``."""
    factory = REGISTRY.get(settings.backend)
    if factory is None:
        raise BackendError(f"unknown backend {settings.backend!r}; choose one of {', '.join(REGISTRY)}")
    return factory(settings)

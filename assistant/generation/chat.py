"""Chat models on a server: Ollama (langchain-ollama) and OpenAI-compatible APIs (langchain-openai)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

from assistant.errors import BackendError
from assistant.generation.prompts import chat_messages
from assistant.settings import Settings


def _check_reachable(url: str, timeout: float) -> None:
    """Fail in seconds with a clear message instead of hanging on a server that is not there."""
    import socket

    u = urlparse(url)
    if u.scheme not in ("http", "https") or not u.hostname:
        raise BackendError(f"server URL {url!r} must look like http://host:port")
    port = u.port or (443 if u.scheme == "https" else 80)
    try:
        with socket.create_connection((u.hostname, port), timeout=min(timeout, 5.0)):
            pass
    except OSError as err:
        raise BackendError(
            f"cannot reach the model server at {url} ({err.strerror or err}); is it running?"
        ) from None


class ChatModelGenerator:
    def __init__(self, model, name: str, url: str, timeout: float) -> None:
        self.model = model
        self.name = name
        self.url = url
        self.timeout = timeout

    def stream(
        self, question: str, passages: list[str], *, history: list[str] | None = None
    ) -> Iterator[str]:
        _check_reachable(self.url, self.timeout)
        try:
            for chunk in self.model.stream(chat_messages(question, passages)):
                text = chunk.content if isinstance(chunk.content, str) else ""
                if text:
                    yield text
        except BackendError:
            raise
        except Exception as err:  # network and API errors from the client libraries
            raise BackendError(
                f"the model server at {self.url} failed: {type(err).__name__}: {err}"
            ) from None


def ollama_generator(settings: Settings) -> ChatModelGenerator:
    try:
        from langchain_ollama import ChatOllama
    except ImportError:
        raise BackendError("Ollama support is missing: pip install langchain-ollama") from None
    model = ChatOllama(
        model=settings.ollama_model,
        base_url=settings.ollama_url,
        temperature=0.0,
        num_predict=settings.max_tokens,
        client_kwargs={"timeout": settings.request_timeout},
    )
    return ChatModelGenerator(
        model, f"ollama:{settings.ollama_model}", settings.ollama_url, settings.request_timeout
    )


def openai_generator(settings: Settings) -> ChatModelGenerator:
    try:
        from langchain_openai import ChatOpenAI
    except ImportError:
        raise BackendError("OpenAI-compatible support is missing: pip install langchain-openai") from None
    model = ChatOpenAI(
        model=settings.openai_model,
        base_url=settings.openai_url,
        api_key=settings.openai_api_key,
        temperature=0.0,
        max_tokens=settings.max_tokens,
        timeout=settings.request_timeout,
        max_retries=0,
    )
    return ChatModelGenerator(
        model, f"openai:{settings.openai_model}", settings.openai_url, settings.request_timeout
    )

"""Chat models on a server: Ollama (langchain-ollama) and OpenAI-compatible APIs (langchain-openai)."""

from __future__ import annotations

import contextvars
import json
import queue
import threading
import time
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


class _DeadlinePassed(Exception):
    """Raised inside the HTTP read loop of a call whose deadline passed or whose caller left."""


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds
        self.cancelled = threading.Event()

    def passed(self) -> bool:
        return self.cancelled.is_set() or time.monotonic() >= self.at


# the deadline of the model call running in this thread; the transport below reads it
_current_deadline: contextvars.ContextVar[_Deadline | None] = contextvars.ContextVar(
    "role_assistant_deadline", default=None
)


def _deadline_transport():
    """An httpx transport that checks the call's deadline at every chunk of bytes received.

    httpx only has per-read timeouts, so a server that sends a keep-alive byte now and then
    holds a call open forever; checking between chunks drops the connection at the deadline.
    """
    import httpx

    class _Stream(httpx.SyncByteStream):
        def __init__(self, inner: httpx.SyncByteStream, deadline: _Deadline) -> None:
            self.inner = inner
            self.deadline = deadline

        def __iter__(self) -> Iterator[bytes]:
            for part in self.inner:
                if self.deadline.passed():
                    self.inner.close()  # hang up, so the server stops sending too
                    raise _DeadlinePassed()
                yield part

        def close(self) -> None:
            self.inner.close()

    class _Transport(httpx.BaseTransport):
        def __init__(self) -> None:
            self.inner = httpx.HTTPTransport()

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            deadline = _current_deadline.get()
            if deadline is not None and deadline.passed():
                raise _DeadlinePassed()
            response = self.inner.handle_request(request)
            if deadline is not None:
                response.stream = _Stream(response.stream, deadline)
            return response

        def close(self) -> None:
            self.inner.close()

    return _Transport()


class ChatModelGenerator:
    def __init__(self, model, name: str, url: str, timeout: float, *, protocol: str = "OpenAI") -> None:
        self.model = model
        self.name = name
        self.url = url
        self.timeout = timeout
        self.protocol = protocol

    def stream(
        self, question: str, passages: list[str], *, history: list[str] | None = None
    ) -> Iterator[str]:
        """Stream the reply; the whole call, reply included, ends within ``timeout`` seconds.

        The client library runs in a worker thread so this generator can give up at the
        deadline even while the library is blocked inside a read.
        """
        _check_reachable(self.url, self.timeout)
        deadline = _Deadline(self.timeout)
        parts: queue.Queue[tuple[str, object]] = queue.Queue()
        messages = chat_messages(question, passages)

        def work() -> None:
            _current_deadline.set(deadline)
            try:
                for chunk in self.model.stream(messages):
                    if deadline.cancelled.is_set():
                        return
                    text = chunk.content if isinstance(chunk.content, str) else ""
                    if text:
                        parts.put(("text", text))
                parts.put(("end", None))
            except BaseException as err:  # handed to the caller's thread, which raises it
                parts.put(("error", err))

        threading.Thread(target=work, name=f"{self.name} call", daemon=True).start()
        try:
            while True:
                try:
                    kind, value = parts.get(timeout=max(deadline.at - time.monotonic(), 0.001))
                except queue.Empty:
                    raise self._timed_out() from None
                if kind == "text":
                    yield value
                elif kind == "end":
                    return
                else:
                    raise self._error(value, deadline) from None
        finally:
            # the caller left (deadline, error, Stop): the worker's next read hangs up
            deadline.cancelled.set()

    def _timed_out(self) -> BackendError:
        return BackendError(
            f"the model server at {self.url} did not answer within {self.timeout:g} s "
            "(ROLE_ASSISTANT_REQUEST_TIMEOUT); is it overloaded or stuck?"
        )

    def _error(self, err: BaseException, deadline: _Deadline) -> BackendError:
        if isinstance(err, BackendError):
            return err
        if isinstance(err, _DeadlinePassed) or deadline.passed():
            return self._timed_out()
        if isinstance(err, json.JSONDecodeError):
            return BackendError(
                f"the server at {self.url} sent something that is not an {self.protocol} reply; "
                f"is it an {self.protocol} server?"
            )
        detail = (str(err).strip().splitlines() or [""])[0][:200]
        return BackendError(f"the model server at {self.url} failed: {type(err).__name__}: {detail}")


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
        sync_client_kwargs={"transport": _deadline_transport()},
    )
    return ChatModelGenerator(
        model,
        f"ollama:{settings.ollama_model}",
        settings.ollama_url,
        settings.request_timeout,
        protocol="Ollama",
    )


def openai_generator(settings: Settings) -> ChatModelGenerator:
    try:
        import httpx
        from langchain_openai import ChatOpenAI
    except ImportError:
        raise BackendError("OpenAI-compatible support is missing: pip install langchain-openai") from None
    model = ChatOpenAI(
        model=settings.openai_model,
        base_url=settings.openai_url,
        api_key=settings.openai_api_key,
        temperature=0.0,
        # langchain sends max_tokens as OpenAI's newer max_completion_tokens, which llama.cpp's
        # server ignores (it then writes until its context is full); the classic name is understood
        # by llama.cpp, vLLM and OpenAI alike
        extra_body={"max_tokens": settings.max_tokens},
        timeout=settings.request_timeout,
        max_retries=0,
        http_client=httpx.Client(transport=_deadline_transport(), timeout=settings.request_timeout),
    )
    return ChatModelGenerator(
        model, f"openai:{settings.openai_model}", settings.openai_url, settings.request_timeout
    )

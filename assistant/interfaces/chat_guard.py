"""What the chat checks before it works: API arguments, login attempts, one answer per session at a time."""

from __future__ import annotations

import asyncio
import hmac
import threading
import time
from collections import OrderedDict

from assistant.errors import InvalidInputError


def check_k(value: object, *, limit: int) -> int:
    """``k`` from an API call: a whole number from 1 to ``limit``; anything else is an error, not a default.

    >>> check_k(3, limit=50), check_k("7", limit=50)
    (3, 7)
    >>> check_k("abc", limit=50)
    Traceback (most recent call last):
    assistant.errors.InvalidInputError: k must be a whole number from 1 to 50; got 'abc'
    """
    bad = InvalidInputError(f"k must be a whole number from 1 to {limit}; got {value!r}")
    if isinstance(value, bool):
        raise bad
    if isinstance(value, float):
        if not value.is_integer():
            raise bad
        value = int(value)
    if isinstance(value, str):
        if not value.strip().isdigit():
            raise bad
        value = int(value.strip())
    if not isinstance(value, int) or not 1 <= value <= limit:
        raise bad
    return value


def check_history(value: object, *, max_turns: int, max_chars: int) -> tuple[list[str], list[str]]:
    """Earlier questions from an API call, capped like the question: (turns, notices).

    A string is refused rather than split into characters; only the last ``max_turns`` turns are
    kept and each is cut to ``max_chars`` characters.

    >>> check_history(["a", "b", "c"], max_turns=2, max_chars=10)
    (['b', 'c'], ['only the last 2 earlier turns were used'])
    """
    if value is None:
        return [], []
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise InvalidInputError(
            f"history must be a list of earlier questions (strings); got {type(value).__name__}"
        )
    if not all(isinstance(t, str) for t in value):
        raise InvalidInputError("history must be a list of earlier questions (strings)")
    notices = []
    turns = list(value)
    if len(turns) > max_turns:
        turns = turns[-max_turns:]
        notices.append(f"only the last {max_turns} earlier turns were used")
    if any(len(t) > max_chars for t in turns):
        turns = [t[:max_chars] for t in turns]
        notices.append(f"earlier turns were cut to {max_chars:,} characters")
    return turns, notices


class LoginThrottle:
    """Back-off for failed logins: after ``free`` failures for a user name, every attempt (even the
    right password) is refused for a delay that doubles with each further failure, up to ``cap``.

    Gradio awaits this in its login route, so waiting here would not block other requests; it
    refuses instead, which costs an attacker the same time and costs the server nothing.
    """

    def __init__(
        self,
        user: str,
        password: str,
        *,
        free: int = 5,
        base: float = 1.0,
        cap: float = 60.0,
        clock=time.monotonic,
    ) -> None:
        self._user = user.encode()
        self._password = password.encode()
        self.free, self.base, self.cap = free, base, cap
        self._clock = clock
        self._fails: OrderedDict[str, tuple[int, float]] = OrderedDict()  # name -> (failures, last)
        self._lock = threading.Lock()

    def locked_for(self, name: str, now: float | None = None) -> float:
        """Seconds until ``name`` may try again (0 when it may)."""
        now = self._clock() if now is None else now
        fails, last = self._fails.get(name, (0, 0.0))
        if fails < self.free:
            return 0.0
        delay = min(self.cap, self.base * 2 ** (fails - self.free))
        return max(0.0, last + delay - now)

    def check(self, name: str, password: str) -> bool:
        with self._lock:
            if self.locked_for(name) > 0:
                return False
            ok = hmac.compare_digest(name.encode(), self._user) & hmac.compare_digest(
                password.encode(), self._password
            )
            if ok:
                self._fails.pop(name, None)
                return True
            fails, _ = self._fails.pop(name, (0, 0.0))
            self._fails[name] = (fails + 1, self._clock())
            while len(self._fails) > 10_000:  # bounded: made-up user names cannot grow it forever
                self._fails.popitem(last=False)
            return False

    async def verify(self, name: str, password: str) -> bool:
        """For Gradio's ``auth=``: it awaits a coroutine function (an object with an async
        ``__call__`` would look like a plain callable, and its coroutine object is truthy)."""
        await asyncio.sleep(0)
        return self.check(name, password)


class Sessions:
    """Per browser session: is an answer running, and has Stop been pressed since Ask."""

    def __init__(self) -> None:
        self._busy: set[str] = set()
        self._stop: dict[str, threading.Event] = {}
        self._lock = threading.Lock()

    def arm(self, session: str) -> None:
        """Ask was pressed: a fresh Stop flag (the answer itself may still wait in the queue)."""
        with self._lock:
            self._stop[session] = threading.Event()

    def claim(self, session: str) -> threading.Event | None:
        """Start answering; None when this session already has an answer running."""
        with self._lock:
            if session in self._busy:
                return None
            self._busy.add(session)
            return self._stop.setdefault(session, threading.Event())

    def release(self, session: str) -> None:
        with self._lock:
            self._busy.discard(session)
            self._stop.pop(session, None)

    def stop(self, session: str) -> None:
        with self._lock:
            flag = self._stop.get(session)
        if flag is not None:
            flag.set()

    def busy(self, session: str) -> bool:
        with self._lock:
            return session in self._busy

"""Guards: API arguments, login back-off, one answer per session."""

from __future__ import annotations

import asyncio
import inspect

import pytest

from assistant.errors import InvalidInputError
from assistant.interfaces.chat_guard import LoginThrottle, Sessions, check_history, check_k


@pytest.mark.parametrize("bad", [0, -1, 51, "abc", "", 2.5, True, None, [5]])
def test_k_must_be_a_whole_number_in_range(bad):
    with pytest.raises(InvalidInputError, match="k must be a whole number from 1 to 50"):
        check_k(bad, limit=50)


def test_k_accepts_numbers_and_numeric_text():
    assert [check_k(v, limit=50) for v in (1, 50, "7", 3.0)] == [1, 50, 7, 3]


def test_history_is_a_list_of_text_capped_in_turns_and_characters():
    with pytest.raises(InvalidInputError, match="history must be a list"):
        check_history("How much does a lead engineer earn?", max_turns=20, max_chars=2000)
    with pytest.raises(InvalidInputError, match="history must be a list"):
        check_history([1, 2], max_turns=20, max_chars=2000)
    turns, notices = check_history(
        ["q" * 2_000_000] + [f"q{i}" for i in range(30)], max_turns=20, max_chars=100
    )
    assert len(turns) == 20 and turns[-1] == "q29" and len(notices) == 1
    turns, notices = check_history(["x" * 5000, "y"], max_turns=20, max_chars=100)
    assert turns == ["x" * 100, "y"] and "cut to 100" in notices[0]
    assert check_history(None, max_turns=20, max_chars=100) == ([], [])


def test_failed_logins_back_off_even_for_the_right_password():
    clock = [1000.0]
    t = LoginThrottle("coach", "s3cret", free=3, base=2.0, cap=30.0, clock=lambda: clock[0])
    assert t.check("coach", "s3cret")
    for _ in range(4):
        assert not t.check("coach", "wrong")  # the 4th comes while locked: refused, not counted
    assert not t.check("coach", "s3cret")  # 3 failures: locked for 2 s, whatever the password
    clock[0] += 1.9
    assert not t.check("coach", "s3cret")
    clock[0] += 0.2
    assert t.check("coach", "s3cret")  # waited: the right password works again and resets the count
    for _ in range(2):
        assert not t.check("coach", "wrong")
    assert t.locked_for("coach") == 0  # the free attempts are back after a success
    delays = []
    for _ in range(8):  # each failure after a wait doubles the next wait, up to the cap
        clock[0] += t.locked_for("coach") + 0.01
        t.check("coach", "wrong")
        delays.append(round(t.locked_for("coach"), 3))
    assert delays == [2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0, 30.0]
    assert not t.check("someone", "s3cret")
    clock[0] += 31
    assert asyncio.run(t.verify("coach", "s3cret"))
    assert inspect.iscoroutinefunction(t.verify)  # how Gradio decides to await it


def test_sessions_allow_one_answer_and_stop_reaches_a_queued_one():
    s = Sessions()
    s.arm("a")
    s.stop("a")  # Stop pressed while the answer still waits in the queue
    flag = s.claim("a")
    assert flag is not None and flag.is_set()
    assert s.claim("a") is None and s.busy("a")
    s.release("a")
    assert not s.busy("a") and s.claim("a") is not None

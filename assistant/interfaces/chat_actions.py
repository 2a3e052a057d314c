"""What the chat's buttons do: ``ChatApp`` holds one pool and answers, exports, saves and uploads for it."""

from __future__ import annotations

import inspect
import logging
import queue
import re
import threading
import time

from assistant.answering.assistant import ClientProfile
from assistant.build import AssistantPool
from assistant.errors import AssistantError, InvalidInputError
from assistant.facts.profile import parse_level_percentiles
from assistant.interfaces import render
from assistant.interfaces.chat_documents import DocumentActions
from assistant.interfaces.chat_files import Downloads, append_case, append_jsonl, dated, saved_case
from assistant.interfaces.chat_guard import Sessions, check_history, check_k
from assistant.interfaces.render import status_html
from assistant.understanding.roles import role_tokens
from assistant.understanding.vocabulary import ASPECT_SECTIONS, LEVEL_LABELS, LEVELS, find_levels

log = logging.getLogger(__name__)

_PLACE_OK = re.compile(r"^[A-Za-z][A-Za-z .,'-]{0,59}$")
_DONE = object()
TICK = 0.5  # seconds between elapsed-time updates while an answer is prepared


def _plural(name: str) -> bool:
    return name.endswith("s") and not name.endswith("ss")


class ChatApp(DocumentActions):
    """The chat's behaviour without its layout, so tests can drive it without a browser."""

    def __init__(self, pool: AssistantPool, *, downloads: Downloads, allow_upload: bool = False) -> None:
        self.pool = pool
        self.settings = pool.settings
        self.downloads = downloads
        self.allow_upload = allow_upload
        self.sessions = Sessions()

    # -- what the corpus holds -----------------------------------------------------------------
    def role_options(self) -> list[tuple[str, str]]:
        """The role picker's (label, value) pairs: "Any role" first; a label also names up to three
        aliases, so typing "RN" or "software engineer" finds the role among hundreds."""

        def read() -> list[tuple[str, str]]:
            out = [("Any role", "")]
            for r in self.pool.roles():
                same = role_tokens(r["role"])  # "Registered Nurse" for "Registered Nurses" adds nothing
                also = [a for a in r.get("aliases", []) if role_tokens(a) != same][:3]
                out.append((f"{r['role']} (also {', '.join(also)})" if also else r["role"], r["role"]))
            return out

        return self.pool.retriever.memo("role options", read)

    def role_names(self) -> list[str]:
        return [value for _, value in self.role_options()[1:]]

    def levels(self) -> list[tuple[str, str]]:
        """Profile levels the documents give pay for, as (label, value); "Not set" first. Official
        statistics have no levels but percentiles, which the profile reads levels as
        (``Settings.level_percentiles``). Computed once per index: every answer checks it."""

        def read() -> list[tuple[str, str]]:
            present: set[str] = set()
            percentiles = False
            for f in self.pool.figures:
                if f.low is not None:
                    present.update(find_levels(f.subject))
                    percentiles = percentiles or f.percentile is not None
            if percentiles:
                present |= set(parse_level_percentiles(self.settings.level_percentiles))
            return [("Not set", "")] + [
                (LEVEL_LABELS.get(lv, lv).capitalize(), lv) for lv in LEVELS if lv in present
            ]

        return self.pool.retriever.memo("profile levels", read)

    def aspects(self) -> list[str]:
        def read() -> list[str]:
            paths = {c.section_path for c in self.pool.retriever.chunks}
            return [a for a, rx in ASPECT_SECTIONS.items() if any(re.search(rx, p, re.I) for p in paths)]

        return self.pool.retriever.memo("aspects covered", read)

    def covers(self) -> str:
        """What a refusal says the documents do cover."""
        names = self.role_names()
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more roles" if len(names) > 4 else "")
        aspects = ", ".join(self.aspects())
        return f"The documents cover {shown}" + (f": {aspects}." if aspects else ".")

    def header(self, role: str = "") -> str:
        roles = self.pool.roles()
        docs = sum(len(r["documents"]) for r in roles)
        names = [r["role"] for r in roles]
        listed = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        scope = (
            f"Asking about **{render.md_text(role)}**."
            if role
            else "Pick a role, or name one in your question."
        )
        return (
            f"## Role assistant\nAnswers come only from {docs} document(s) about {len(names)} role(s): "
            f"{render.md_text(listed)}. Every claim cites its passage; questions the documents do not "
            f"cover are refused. {scope}"
        )

    def examples(self, limit: int = 5) -> list[str]:
        """Questions the corpus can answer, made from its roles and figures."""
        by_role: dict[str, list[str]] = {}
        names = self.role_names()
        aspects = self.aspects()
        for role in names[:3]:
            figs = [f for f in self.pool.figures if f.role == role]
            a, does = ("", "do") if _plural(role) else ("a ", "does")
            pay = [f for f in figs if f.unit == "USD" or "$" in f.value]
            premium = (getattr(f, "place", None) or f.subject for f in figs if f.kind == "regional_premium")
            place = next(premium, None) or next((f.place for f in pay if getattr(f, "place", None)), None)
            qs = []
            if pay and place:
                qs.append(f"What {does} {a}{role} earn in {place}?")
            elif pay:
                qs.append(f"How much {does} {a}{role} earn?")
            if "duties" in aspects:
                qs.append(f"What are the key responsibilities of {a}{role}?")
            if any(f.kind == "experience" for f in figs):
                qs.append(f"How many years of experience {does} {a}{role} need?")
            if any(f.kind == "degree" for f in figs):
                qs.append(f"Is a PhD required for {a}{role}?")
            by_role[role] = qs
        out: list[str] = []
        for i in range(4):  # one question per role in turn, so several roles show
            out += [qs[i] for qs in by_role.values() if i < len(qs)]
        return out[:limit] or ["What does this role involve?"]

    # -- answering ------------------------------------------------------------------------------
    def begin(self, session: str, message: str, chat: list) -> tuple[list, str, str, str, bool]:
        """Ask pressed: show the question at once; returns (chat, box, pending question, status, busy)."""
        message = " ".join((message or "").split())
        if self.sessions.busy(session):
            return chat, message, "", status_html("Still answering: wait, or press Stop."), True
        if not message:
            return chat, "", "", status_html("Type a question about a role first."), False
        self.sessions.arm(session)
        chat = [
            *chat,
            {"role": "user", "content": render.md_text(message)},
            {"role": "assistant", "content": "_Waiting for a free slot…_"},
        ]
        return chat, "", message, status_html("Waiting for a free slot…", running=True), True

    def _profile(self, level: str, location: str) -> ClientProfile | None:
        level, location = (level or "").strip(), (location or "").strip()
        if level and level not in {v for _, v in self.levels()}:
            raise InvalidInputError(f"level {level!r} is not one the documents give pay for")
        if location and not _PLACE_OK.match(location):
            raise InvalidInputError("location must be a place name (letters, spaces, commas), e.g. Seattle")
        return ClientProfile(level, location or None) if level else None

    def _stream(self, backend, question, history, k, profile, role):
        assistant = self.pool.get(backend)
        kwargs = {"k": k, "profile": profile}
        if role and "role" in inspect.signature(assistant.stream).parameters:
            kwargs["role"] = role
        return assistant.stream(question, history, **kwargs)

    def respond(self, session, question, chat, turns, backend, k, level, location, role):
        """Yields (chat, turns, sources, status, busy) while answering; None leaves an output as it is."""
        chat, turns = list(chat or []), list(turns or [])
        if not question:  # nothing was asked (or another answer of this session is running)
            yield None, None, None, None, self.sessions.busy(session)
            return
        flag = self.sessions.claim(session)
        if flag is None:  # one answer per session at a time
            yield None, None, None, status_html("Still answering the previous question."), True
            return
        try:
            yield from self._answer(flag, question, chat, turns, backend, k, level, location, role)
        finally:
            self.sessions.release(session)

    def _answer(self, flag, question, chat, turns, backend, k, level, location, role):
        t0 = time.monotonic()
        close = self.settings.min_relevance
        try:
            profile = self._profile(level, location)
            k = check_k(k, limit=self.settings.candidates)
            history = [t["question"] for t in turns][-self.settings.max_history_turns :]
            events = self._stream(backend, question, history, k, profile, role or None)
        except AssistantError as err:
            chat[-1] = {"role": "assistant", "content": f"⚠️ {render.md_text(str(err))}"}
            yield chat, turns, None, status_html(""), False
            return
        inbox: queue.Queue = queue.Queue()

        def work():  # the pipeline runs here so Stop and the clock never wait for the model
            try:
                for event in events:
                    inbox.put(event)
                    if flag.is_set():
                        break
            except BaseException as err:  # handed to the page as one line
                inbox.put(err)
            finally:
                events.close()
                inbox.put(_DONE)

        threading.Thread(target=work, daemon=True, name="chat-answer").start()
        phase, sentences, answer, failure = "Searching the documents…", [], None, None
        while True:
            try:
                item = inbox.get(timeout=TICK)
            except queue.Empty:
                item = None
            if flag.is_set():
                said = render.pending_markdown("Stopped.", sentences)
                chat[-1] = {"role": "assistant", "content": said}
                yield chat, turns, None, status_html("Stopped."), False
                return
            if item is _DONE:
                break
            if isinstance(item, BaseException):
                failure = item
                continue
            if item is not None:
                if item.kind == "status":
                    phase = item.text[:1].upper() + item.text[1:]
                elif item.kind == "token" and phase.startswith("Searching"):
                    phase = "Writing…"
                elif item.kind == "sentence":
                    sentences.append(item.text)
                elif item.kind == "answer":
                    answer = item.answer
                    continue
                chat[-1] = {"role": "assistant", "content": render.pending_markdown(phase, sentences)}
            status = status_html(f"{phase} {time.monotonic() - t0:.1f} s", running=True)
            yield list(chat), turns, None, status, True  # a copy: each step is its own state
        if answer is None:
            if isinstance(failure, AssistantError):
                log.info("answering failed: %s", failure)
                text = str(failure)
            else:
                log.error("answering %r failed", question, exc_info=failure)
                text = "Something went wrong while answering; see the server log."
            chat[-1] = {"role": "assistant", "content": f"⚠️ {render.md_text(text)}"}
            yield chat, turns, None, status_html(""), False
            return
        turn = self._turn(answer, len(chat) - 1, role, profile)
        turns.append(turn)
        chat[-1] = {
            "role": "assistant",
            "content": render.answer_markdown(turn, len(turns) - 1, covers=self.covers(), close=close),
        }
        done = status_html(f"Answered in {time.monotonic() - t0:.1f} s.")
        yield chat, turns, render.sources_html(turns, close=close), done, False

    def _turn(self, answer, msg: int, role: str, profile: ClientProfile | None) -> dict:
        turn = answer.to_dict()
        q = getattr(answer, "query", None) or {}

        def understood(name: str):  # the analysis may come as a Query or as its dict
            return q.get(name) if isinstance(q, dict) else getattr(q, name, None)

        roles = list(understood("roles") or []) or ([role] if role else [])
        level = understood("level") or (profile.level if profile else None)
        place = understood("place") or (profile.location if profile else None)
        follow = bool(understood("follow_up") or turn.get("rewritten_question"))
        turn.update(
            msg=msg,
            scope=role or "",
            profile=None if profile is None else {"level": profile.level, "location": profile.location},
            chips={
                "role": ", ".join(roles),
                "level": level or "",
                "place": place or "",
                "follow-up": "of the earlier questions" if follow else "",
            },
        )
        return turn

    def stop(self, session: str) -> None:
        self.sessions.stop(session)

    def new_chat(self, session: str):
        """Clear everything a follow-up could use: messages, answers, sources, a running answer."""
        self.sessions.stop(session)
        return [], [], render.sources_html([]), status_html("New conversation."), ""

    # -- files ----------------------------------------------------------------------------------
    def export(self, session: str, turns: list, role: str, level: str, location: str):
        """(path or None, status)."""
        if not turns:
            return None, status_html("Nothing to export yet: ask a question first.")
        labels = {v: label for label, v in self.levels()}
        profile = ", ".join(p for p in (labels.get(level, "") if level else "", location or "") if p)
        text = render.conversation_markdown(
            turns, role=role or None, profile=profile or None, close=self.settings.min_relevance
        )
        path = self.downloads.write(session, dated("conversation", role, suffix=".md"), text)
        return path, status_html(f"Exported {len(turns)} answer(s) to {path.name}.")

    def client_report(self, session: str, level: str, location: str, role: str):
        from assistant.facts.report import report_for, to_markdown

        try:
            profile = self._profile(level, location)
            if profile is None:
                raise InvalidInputError("choose the client's level first (Settings > Client profile)")
            r = report_for(
                self.pool.retriever.chunks,
                self.pool.figures,
                level=profile.level,
                location=profile.location,
                role=role or None,
            )
        except (AssistantError, ValueError) as err:
            return None, status_html(str(err))
        text = to_markdown(r).replace("<", "&lt;")  # a document's HTML stays text in the report
        name = dated("client-report", profile.level, profile.location or "", suffix=".md")
        path = self.downloads.write(session, name, text)
        return path, status_html(f"Client report ready: {path.name}.")

    def facts_csv(self, session: str, role: str):
        from assistant.facts.report import facts_csv

        # the rows the table shows: figures, not degree or skill lines
        figures = [
            f
            for f in self.pool.figures
            if (f.low is not None or f.high is not None) and (not role or f.role == role)
        ]
        path = self.downloads.write(session, dated("role-facts", role, suffix=".csv"), facts_csv(figures))
        return path

    # -- feedback -------------------------------------------------------------------------------
    def _turn_at(self, turns: list, msg: int) -> dict | None:
        return next((t for t in turns if t.get("msg") == msg), None)

    def feedback(self, turns: list, index, liked) -> tuple[dict | None, str]:
        """Thumbs on an answer: one JSON line now; returns (the turn, for a note, status)."""
        msg = index[0] if isinstance(index, list | tuple) else index
        turn = self._turn_at(turns, msg)
        if turn is None:
            return None, status_html("Feedback applies to answers only.")
        rating = "up" if liked in (True, "Like") else "down" if liked in (False, "Dislike") else str(liked)
        self._record(turn, rating=rating)
        return turn, status_html("Thanks. Add a note below if you like.")

    def note(self, turn: dict | None, text: str) -> str:
        text = (text or "").strip()[: self.settings.max_question_chars]
        if turn is None or not text:
            return status_html("Rate an answer first, then add a note.")
        self._record(turn, rating="note", note=text)
        return status_html("Note saved.")

    def _record(self, turn: dict, **extra) -> None:
        append_jsonl(
            self.settings.feedback_path,
            {
                "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "question": turn["question"],
                "answer": turn["answer"],
                "refused": turn["refused"],
                "backend": turn.get("backend"),
                "role": turn.get("scope") or (turn.get("chips") or {}).get("role", ""),
                "citations": [f"{c['source']}:{c['lines'][0]}-{c['lines'][1]}" for c in turn["citations"]],
                **extra,
            },
        )

    def save_case(self, turns: list) -> str:
        if not turns:
            return status_html("Ask a question first; its answer becomes the test case.")
        turn = turns[-1]
        case = saved_case(turn, [t["question"] for t in turns[:-1]][-self.settings.max_history_turns :])
        try:
            _validate_case(case)
            n = append_case(self.settings.saved_cases_path, case)
        except (AssistantError, ValueError) as err:
            return status_html(f"Not saved: {err}")
        return status_html(f"Saved as test case {n} in {self.settings.saved_cases_path}.")

    # -- the API --------------------------------------------------------------------------------
    def ask(self, question, history=None, backend="", k=5, role="") -> dict:
        """The ``/ask`` endpoint: validated like the chat, capped like the chat."""
        if not isinstance(question, str):
            raise InvalidInputError("question must be text")
        history, notices = check_history(
            history, max_turns=self.settings.max_history_turns, max_chars=self.settings.max_question_chars
        )
        k = check_k(k, limit=self.settings.candidates)
        if not isinstance(backend, str) or not isinstance(role, str):
            raise InvalidInputError("backend and role must be text")
        events = self._stream(backend or None, question, history, k, None, role or None)
        answer = next(e.answer for e in events if e.kind == "answer")
        out = answer.to_dict()
        out["notices"] = list(out.get("notices", [])) + notices
        return out


def _validate_case(case: dict) -> None:
    """Check a saved case the way `assistant eval` will read it."""
    try:
        from assistant.evaluation.cases import Case
    except ImportError:  # the question-set model before it moved
        from assistant.evaluation.metrics import Case
    Case(**case)

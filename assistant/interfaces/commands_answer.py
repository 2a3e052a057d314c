"""The `assistant ask` and `serve` commands: answer questions at the prompt or in the chat UI."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import threading

from assistant.errors import InvalidInputError
from assistant.interfaces.cli_common import _eprint, _settings
from assistant.settings import Settings


def build_assistant(s: Settings) -> tuple[object, threading.Thread | None]:
    """The assistant, and the thread warming its language model (join it before exiting)."""
    from assistant.answering.assistant import Assistant
    from assistant.build import open_retriever
    from assistant.generation import make_generator

    generator = make_generator(s)  # a bad backend name fails before the index loads
    warming = _warm_in_background(generator)
    return Assistant(open_retriever(s, notify=_eprint), generator, s), warming


def _warm_in_background(generator) -> threading.Thread | None:
    """Load the language model and evaluate its prompt prefix while the index loads and the
    question is retrieved; its stream() waits for this (they share the model's lock)."""
    warm = getattr(generator, "warm", None)
    if warm is None:
        return None

    def run() -> None:
        try:
            warm()
        except Exception:  # the same error comes back, as one line, when the answer is drafted
            logging.getLogger(__name__).debug("warm-up failed", exc_info=True)

    thread = threading.Thread(target=run, name="warm-up", daemon=True)
    thread.start()
    return thread


def format_answer(answer) -> str:
    """The answer, then its numbered sources (or the closest passages for a refusal)."""
    lines = [answer.answer, ""]
    for notice in answer.notices:
        lines.insert(0, f"({notice})")
    if answer.citations:
        lines.append("Sources:")
        for c in answer.citations:
            ch = c.hit.chunk
            lines.append(f"[{c.n}] {ch.source}:{ch.start_line}-{ch.end_line}  {ch.section_path}")
            lines.extend(f"      {t}" for t in ch.text.splitlines())
    elif answer.closest:
        lines.append("Closest passages:")
        for h in answer.closest:
            lines.append(
                f"  - {h.chunk.source}  {h.chunk.section_path} (similarity {h.dense_score or 0:.2f})"
            )
    return "\n".join(lines).rstrip()


def cmd_ask(args: argparse.Namespace) -> int:
    s = _settings(args)
    question = " ".join(args.question)
    if not question.strip():
        raise InvalidInputError("the question is empty; type a question about a role")
    history = args.history or []
    answer = None
    streamed = False
    profile = None
    if args.level or args.location:
        from assistant.answering.assistant import ClientProfile

        if not args.level:
            raise InvalidInputError("--location needs --level too (e.g. --level senior --location Seattle)")
        profile = ClientProfile(args.level, args.location)
    assistant, warming = build_assistant(s)  # after the checks: a user error never waits for a model
    show_status = not args.json and sys.stderr.isatty()
    for event in assistant.stream(question, history, k=s.k, profile=profile, role=args.role):
        # no model draft is shown: only what was verified is printed, once, with its sources
        if event.kind == "status" and show_status:
            sys.stderr.write(f"\r{event.text:<20}")
            sys.stderr.flush()
            streamed = True
        elif event.kind == "answer":
            answer = event.answer
    if streamed:
        sys.stderr.write("\r" + " " * 20 + "\r")
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_answer(answer))
    if warming is not None:
        warming.join()  # a refusal never needed the model; exit only once llama.cpp is idle
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from assistant.build import configured_backends, open_retriever, settle_malloc
    from assistant.interfaces.app import AssistantPool, check_exposure, launch, parse_auth

    # a malformed --auth, or uploads open to the network without a login, fail before anything loads
    creds = parse_auth(args.auth or os.environ.get("ROLE_ASSISTANT_AUTH"))
    check_exposure(args.host, allow_upload=args.allow_upload, auth=creds)
    s = _settings(args)
    settle_malloc()  # before the web, ONNX Runtime and llama.cpp threads start
    # ollama/openai are offered only when their server was named (flag or environment)
    servers = tuple(
        n
        for n in ("ollama", "openai")
        if getattr(args, f"{n}_url", None) or os.environ.get(f"ROLE_ASSISTANT_{n.upper()}_URL")
    )
    make_pool = AssistantPool(
        open_retriever(s, notify=_eprint), s, backends=configured_backends(s, servers_given=servers)
    )
    make_pool.warm_up()  # load the models now, not on the first question
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        _eprint(
            f"warning: listening on {args.host}: anyone who can reach this machine can use the chat"
            + ("" if (args.auth or os.environ.get("ROLE_ASSISTANT_AUTH")) else " (no --auth set)")
        )
    print(f"Role assistant running on http://{args.host}:{args.port}  (Ctrl-C to stop)", flush=True)
    launch(
        make_pool,
        host=args.host,
        port=args.port,
        auth=args.auth,
        concurrency=args.concurrency,
        max_queue=args.max_queue,
        allow_upload=args.allow_upload,
    )
    return 0

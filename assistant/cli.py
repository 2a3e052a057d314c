"""The `assistant` command: ingest, search, ask, serve, eval, bench. Heavy imports stay inside commands."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from assistant.errors import AssistantError, InvalidInputError
from assistant.settings import Settings


def _eprint(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be greater than 0, got {value}")
    return value


def _settings(args: argparse.Namespace) -> Settings:
    base = Settings.from_env()
    return base.with_(
        corpus_dir=getattr(args, "corpus", None),
        index_dir=getattr(args, "index", None),
        k=getattr(args, "k", None),
        backend=getattr(args, "backend", None),
        model_path=getattr(args, "model_path", None),
        ollama_model=getattr(args, "ollama_model", None),
        ollama_url=getattr(args, "ollama_url", None),
        openai_url=getattr(args, "openai_url", None),
        openai_model=getattr(args, "openai_model", None),
    )


def _add_paths(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", type=Path, help="corpus folder (default: corpus)")
    p.add_argument("--index", type=Path, help="index folder (default: index)")


def cmd_ingest(args: argparse.Namespace) -> int:
    from assistant.indexer import ingest
    from assistant.runtime import default_embedder
    from assistant.store import IndexStore

    s = _settings(args)
    report = ingest(
        s.corpus_dir,
        IndexStore(s.index_dir),
        default_embedder(s),
        budget_words=s.chunk_words,
        progress=sys.stderr.isatty(),
        force=args.force,
    )
    if report.unchanged:
        print(f"index is up to date: {report.files} files, {report.chunks} chunks ({report.seconds:.1f} s)")
    else:
        print(report.summary())
    return 0


def _print_hits(result, *, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    if not result.hits:
        print("no passages found")
    for h in result.hits:
        c = h.chunk
        print(f"[{h.rank}] {c.source}:{c.start_line}-{c.end_line}  {c.section_path}  (score {h.score:.4f})")
        for line in c.text.splitlines():
            print(f"    {line}")
        print()


def cmd_search(args: argparse.Namespace) -> int:
    from assistant.runtime import open_retriever

    s = _settings(args)
    retriever = open_retriever(s, notify=_eprint)
    if args.question:
        _print_hits(retriever.search(" ".join(args.question), s.k, mode=args.mode), as_json=args.json)
        return 0
    _eprint("Ask about a role (empty line or Ctrl-D to quit).")
    while True:
        try:
            q = input("search> ").strip()
        except EOFError:
            break
        if not q:
            break
        try:
            _print_hits(retriever.search(q, s.k, mode=args.mode), as_json=args.json)
        except AssistantError as err:
            _eprint(f"error: {err}")
    return 0


def build_assistant(s: Settings):
    from assistant.assistant import Assistant
    from assistant.generation import make_generator
    from assistant.runtime import open_retriever

    generator = make_generator(s)  # a bad backend name fails before the index loads
    return Assistant(open_retriever(s, notify=_eprint), generator, s)


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
    assistant = build_assistant(s)
    history = args.history or []
    answer = None
    streamed = False
    for event in assistant.stream(question, history, k=s.k):
        if event.kind == "token" and not args.json:
            if not streamed:
                sys.stderr.write("draft: ")
                streamed = True
            sys.stderr.write(event.text)
            sys.stderr.flush()
        elif event.kind == "answer":
            answer = event.answer
    if streamed:
        sys.stderr.write("\n\n")
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_answer(answer))
    return 0


def _add_backend(p: argparse.ArgumentParser) -> None:
    from assistant.generation import BACKENDS

    p.add_argument("--backend", choices=BACKENDS, help="generation backend (default llamacpp)")
    p.add_argument("--model-path", dest="model_path", help="a .gguf file for the llamacpp backend")
    p.add_argument("--ollama-model", dest="ollama_model", help="model name on the Ollama server")
    p.add_argument("--ollama-url", dest="ollama_url", help="Ollama base URL (default http://127.0.0.1:11434)")
    p.add_argument(
        "--openai-url", dest="openai_url", help="OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1"
    )
    p.add_argument("--openai-model", dest="openai_model", help="model name on the OpenAI-compatible server")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="Offline assistant that answers questions about job roles, with citations.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="show debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("ingest", help="build or update the index from the corpus")
    _add_paths(p)
    p.add_argument("--force", action="store_true", help="re-embed everything")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("search", help="show the passages retrieved for a question")
    p.add_argument("question", nargs="*", help="the question (omit for an interactive prompt)")
    _add_paths(p)
    p.add_argument("--k", type=_positive_int, help="number of passages (default 5)")
    p.add_argument("--mode", choices=["hybrid", "dense", "bm25"], default="hybrid")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("ask", help="answer a question with citations")
    p.add_argument("question", nargs="+", help="the question")
    _add_paths(p)
    _add_backend(p)
    p.add_argument("--k", type=_positive_int, help="number of passages (default 5)")
    p.add_argument(
        "--history",
        action="append",
        metavar="TURN",
        help="an earlier question of the conversation (repeat for several)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_ask)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s: %(message)s"
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    t0 = time.perf_counter()
    try:
        return int(args.func(args) or 0)
    except AssistantError as err:
        _eprint(f"error: {err}")
        return 2
    except KeyboardInterrupt:
        _eprint("interrupted")
        return 130
    finally:
        logging.getLogger(__name__).debug("done in %.2f s", time.perf_counter() - t0)


if __name__ == "__main__":
    sys.exit(main())

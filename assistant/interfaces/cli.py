"""The `assistant` command: the parser and main(); each command group's body is in its own module."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from assistant.errors import AssistantError
from assistant.interfaces.cli_common import _add_paths, _clean, _eprint, _positive_int
from assistant.interfaces.commands_answer import cmd_ask, cmd_serve
from assistant.interfaces.commands_eval import _OldMinimum, cmd_bench, cmd_eval
from assistant.interfaces.commands_facts import cmd_facts, cmd_import, cmd_report
from assistant.interfaces.commands_index import cmd_ingest, cmd_roles, cmd_search


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
    p.add_argument("--level", help="client profile: level (entry, mid, senior, lead) for pay questions")
    p.add_argument("--role", help="scope the question to one role of the corpus (see `assistant roles`)")
    p.add_argument("--location", help="client profile: city, e.g. Seattle")
    p.add_argument(
        "--history",
        action="append",
        metavar="TURN",
        help="an earlier question of the conversation (repeat for several)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser(
        "eval",
        help="score the assistant on question sets",
        description="Score the assistant on YAML question sets. Several files give a table per file "
        "and one --report with a section per file. A file whose header names a corpus runs on that "
        "corpus, indexed in INDEX/eval-<corpus name>-<hash>/, unless --corpus is given. "
        "--min METRIC VALUE and --max METRIC VALUE (repeatable) make the exit code 1 when a metric "
        "of any file and backend falls below or rises above VALUE.",
    )
    p.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="question sets, e.g. eval/questions.yaml"
    )
    _add_paths(p)
    p.add_argument(
        "--backend",
        dest="backends",
        metavar="NAME[,NAME...]",
        help="backends to compare (default extractive)",
    )
    p.add_argument("--model-path", dest="model_path", help="a .gguf file for the llamacpp backend")
    p.add_argument("--k", type=_positive_int, help="number of passages (default 5)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--report", type=Path, help="also write a report: PATH.md or PATH.html")
    p.add_argument(
        "--min",
        dest="minimums",
        action="append",
        nargs=2,
        metavar=("METRIC", "VALUE"),
        help="fail when METRIC is below VALUE, e.g. --min hit@5 0.9 (repeatable)",
    )
    p.add_argument(
        "--max",
        dest="maximums",
        action="append",
        nargs=2,
        metavar=("METRIC", "VALUE"),
        help="fail when a lower-is-better METRIC is above VALUE, e.g. --max false_claims 0 (repeatable)",
    )
    from assistant.evaluation.metrics import METRICS

    for metric in METRICS:
        p.add_argument(f"--min-{metric}", dest="minimums", action=_OldMinimum, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("roles", help="list the roles the corpus covers, with their documents")
    _add_paths(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_roles)

    p = sub.add_parser("serve", help="start the chat UI (builds the index if missing)")
    _add_paths(p)
    _add_backend(p)
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only)"
    )
    p.add_argument("--port", type=_positive_int, default=7860)
    p.add_argument("--auth", help="user:password to require a login (or set ROLE_ASSISTANT_AUTH)")
    p.add_argument(
        "--concurrency", type=_positive_int, default=2, help="answers generated at once (default 2)"
    )
    p.add_argument(
        "--max-queue",
        dest="max_queue",
        type=_positive_int,
        default=32,
        help="questions that may wait for a free worker; more are told the queue is full (default 32)",
    )
    p.add_argument("--k", type=_positive_int, help="default number of passages (default 5)")
    p.add_argument(
        "--allow-upload",
        action="store_true",
        help="let chat users add and remove corpus documents (beyond 127.0.0.1 only with --auth)",
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("bench", help="measure ingest, search, memory, cold start and the model")
    _add_paths(p)
    p.add_argument(
        "--sizes", default="1k,10k,100k", help="synthetic corpus sizes in chunks (default 1k,10k,100k)"
    )
    p.add_argument("--json", type=Path, help="also write the results as JSON")
    p.add_argument(
        "--embed-limit",
        type=_positive_int,
        default=2000,
        help="chunks actually embedded per size; the rest are perturbed copies (default 2000)",
    )
    p.add_argument("--no-model", action="store_true", help="skip the language-model and cold-start figures")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("facts", help="the role facts table: pay, premiums, experience, degrees, skills")
    _add_paths(p)
    g = p.add_mutually_exclusive_group()
    g.add_argument("--json", action="store_true", help="print JSON")
    g.add_argument("--csv", action="store_true", help="print CSV")
    g.add_argument("--compare", nargs=2, metavar="ROLE", help="two roles' figures side by side")
    p.add_argument("--all", action="store_true", help="also list degrees, certifications and skills")
    p.add_argument("--role", help="only this role's facts (any role or occupation in the corpus)")
    p.set_defaults(func=cmd_facts)

    p = sub.add_parser("import", help="import official statistics as role documents")
    imp = p.add_subparsers(dest="dataset", metavar="DATASET", required=True)
    p = imp.add_parser("oews", help="BLS OEWS wages: one document per US occupation")
    p.add_argument("--out", type=Path, required=True, help="folder to write, e.g. corpus/us-occupations")
    p.add_argument("--areas", default="all", help="national,states,metros or all (default all)")
    p.add_argument("--occupations", default="all", help="SOC codes, e.g. 29-1141,47-2111, or all")
    p.add_argument(
        "--from", dest="source", type=Path, help="a folder of BLS flat files (oe.area, oe.occupation, ...)"
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("report", help="write a one-page client report (.md or .html)")
    _add_paths(p)
    p.add_argument("--level", required=True, help="the client's level: entry, mid, senior, lead ...")
    p.add_argument("--location", help="the client's city, e.g. Seattle")
    p.add_argument("--role", help="which role, when the corpus holds several")
    p.add_argument("--out", type=Path, required=True, help="FILE.md or FILE.html")
    p.set_defaults(func=cmd_report)
    return parser


# option values that name files: their bytes are kept as the OS gave them
_RAW_OPTIONS = {"model_path"}


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:  # a terminal that cannot show a character gets "?", not a UnicodeEncodeError
            stream.reconfigure(errors="replace" if stream is sys.stdout else "backslashreplace")
        except (AttributeError, ValueError):
            pass
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and not getattr(args, "allow_extra", False):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    for key, value in vars(args).items():
        if key in _RAW_OPTIONS:
            continue
        if isinstance(value, str):
            setattr(args, key, _clean(value))
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            setattr(args, key, [_clean(v) for v in value])
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
    except OSError as err:  # unwritable --out, port in use, full disk: one line, no traceback
        where = f": {err.filename}" if getattr(err, "filename", None) else ""
        _eprint(f"error: {err.strerror or err}{where}")
        return 2
    except KeyboardInterrupt:
        _eprint("interrupted")
        return 130
    finally:
        logging.getLogger(__name__).debug("done in %.2f s", time.perf_counter() - t0)


if __name__ == "__main__":
    sys.exit(main())

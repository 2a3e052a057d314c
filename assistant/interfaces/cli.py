"""The `assistant` command: ingest, search, ask, serve, eval, bench. Heavy imports stay inside commands."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import threading
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
    from assistant.build import document_embedder
    from assistant.indexing.indexer import ingest
    from assistant.indexing.store import IndexStore

    s = _settings(args)
    report = ingest(
        s.corpus_dir,
        IndexStore(s.index_dir),
        document_embedder(s, notify=_eprint),
        budget_words=s.chunk_words,
        progress=sys.stderr.isatty(),
        force=args.force,
        notify=_eprint,
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
    from assistant.build import open_retriever

    s = _settings(args)
    retriever = open_retriever(s, notify=_eprint)
    if args.question:
        _print_hits(retriever.search(" ".join(args.question), s.k, mode=args.mode), as_json=args.json)
        return 0
    _eprint("Ask about a role (empty line or Ctrl-D to quit).")
    while True:
        try:
            q = _clean(input("search> ")).strip()
        except EOFError:
            break
        if not q:
            break
        try:
            _print_hits(retriever.search(q, s.k, mode=args.mode), as_json=args.json)
        except AssistantError as err:
            _eprint(f"error: {err}")
    return 0


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


def _parse_thresholds(pairs: list[list[str]] | None, *, flag: str) -> dict[str, float]:
    """``--min hit@5 0.9 --min mrr 0.8`` -> {"hit@5": 0.9, "mrr": 0.8}; ``--max`` for lower-is-better."""
    import math

    from assistant.evaluation.metrics import LOWER_IS_BETTER, METRICS

    lower = flag == "--max"
    allowed = [m for m in METRICS if (m in LOWER_IS_BETTER) == lower]
    out: dict[str, float] = {}
    for name, value in pairs or []:
        if name in METRICS and name not in allowed:
            other = "--min" if lower else "--max"
            better = "higher" if lower else "lower"
            raise InvalidInputError(f"{flag} {name}: {better} is better for {name}; use {other} {name} VALUE")
        if name not in allowed:
            raise InvalidInputError(f"{flag} {name}: no such metric; use one of {', '.join(allowed)}")
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise InvalidInputError(f"{flag} {name} needs a number, got {value!r}")
        out[name] = number
    return out


class _OldMinimum(argparse.Action):
    """``--min-hit@5 0.9``, the spelling before ``--min METRIC VALUE``: still accepted."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        pairs = getattr(namespace, self.dest) or []
        setattr(namespace, self.dest, [*pairs, [option_string.removeprefix("--min-"), values]])


def _eval_settings(base: Settings, question_set, *, corpus_given: bool) -> Settings:
    """--corpus if given, else the file's ``corpus:`` header (with an index of its own), else the defaults."""
    from assistant.errors import EvalFileError

    if corpus_given or question_set.corpus is None:
        return base
    if not question_set.corpus.is_dir():
        raise EvalFileError(f"{question_set.path}: corpus {question_set.corpus} is not a folder")
    # a folder inside the index folder, one per corpus (question sets over one corpus share it): the
    # main index of corpus/ is never rebuilt for a question set
    import hashlib

    where = str(question_set.corpus.resolve())
    digest = hashlib.sha256(where.encode()).hexdigest()[:8]
    index = base.index_dir / f"eval-{question_set.corpus.name}-{digest}"
    return base.with_(corpus_dir=question_set.corpus, index_dir=index)


def cmd_eval(args: argparse.Namespace) -> int:
    from assistant.build import AssistantPool, default_embedder, open_retriever
    from assistant.evaluation.cases import load_question_set
    from assistant.evaluation.metrics import check_thresholds, file_report, run_cases
    from assistant.evaluation.reports import failures_text, html_page, markdown, table
    from assistant.generation import BACKENDS, make_generator

    minimums = _parse_thresholds(args.minimums, flag="--min")
    maximums = _parse_thresholds(args.maximums, flag="--max")
    backends = [b.strip() for b in (args.backends or "extractive").split(",") if b.strip()]
    for b in backends:
        if b not in BACKENDS:
            raise InvalidInputError(f"unknown backend {b!r}; choose from {', '.join(BACKENDS)}")
    if args.report and args.report.suffix.lower() not in (".md", ".html", ".htm"):
        raise InvalidInputError(f"--report must end in .md or .html, got {args.report}")
    question_sets = [load_question_set(f) for f in args.files]  # every file checked before a model loads
    base = _settings(args)
    embedder = default_embedder(base)  # one embedding model, whatever the corpora
    generators: dict[str, object] = {}

    def generator_for(s: Settings):
        if s.backend not in generators:  # one language model per backend, whatever the corpora
            generators[s.backend] = make_generator(s)
        return generators[s.backend]

    pools: dict[tuple[Path, Path], AssistantPool] = {}
    files, below = [], []
    for qs in question_sets:
        s = _eval_settings(base, qs, corpus_given=args.corpus is not None)
        key = (s.corpus_dir, s.index_dir)
        if key not in pools:
            retriever = open_retriever(s, embedder=embedder, notify=_eprint)
            pools[key] = AssistantPool(
                retriever, s, generator_factory=generator_for, backends=tuple(backends)
            )
        results = {
            b: run_cases(pools[key].get(b), qs.cases, k=s.k, progress=sys.stderr.isatty()) for b in backends
        }
        files.append(file_report(results, file=str(qs.path), corpus=str(s.corpus_dir)))
        below += [
            f"{qs.path}: {msg}" for msg in check_thresholds(files[-1]["summary"], minimums, maximums=maximums)
        ]
    if args.json:
        print(json.dumps({"files": files, "failed_thresholds": below}, ensure_ascii=False, indent=2))
    else:
        for f in files:
            print(f"{f['cases_count']} cases from {f['file']} (corpus {f['corpus']})\n")
            print(table(f["summary"]))
            print()
            print(failures_text(f["cases"]))
            print()
    if args.report:
        page = markdown(files) if args.report.suffix.lower() == ".md" else html_page(files)
        args.report.parent.mkdir(parents=True, exist_ok=True)
        tmp = args.report.with_name(f".{args.report.name}.tmp")
        tmp.write_text(page, encoding="utf-8")
        tmp.replace(args.report)  # never leave a half-written report behind
        _eprint(f"report written to {args.report}")
    for msg in below:
        _eprint(f"FAIL {msg}")
    return 1 if below else 0


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


def _load_figures(s: Settings):
    """The corpus's chunks and figures, each figure named by the index's role catalog."""
    from assistant.build import open_retriever
    from assistant.facts.extraction import corpus_figures, roles_by_source

    r = open_retriever(s, notify=_eprint)
    return r.chunks, corpus_figures(r.chunks, roles_by_source=roles_by_source(r.index.manifest))


def cmd_roles(args: argparse.Namespace) -> int:
    """The roles the corpus covers, with their documents and passage counts."""
    from assistant.build import open_retriever

    catalog = open_retriever(_settings(args), notify=_eprint).catalog
    if args.json:
        print(json.dumps(catalog.to_list(), ensure_ascii=False, indent=2))
        return 0
    print(f"{len(catalog)} roles")
    for r in catalog.roles:
        also = f"  (also: {', '.join(r.aliases[:4])})" if r.aliases else ""
        print(f"{r.name}: {len(r.sources)} document(s), {r.passages} passages{also}")
        for src in r.sources:
            print(f"    {src}")
    return 0


def cmd_facts(args: argparse.Namespace) -> int:
    from assistant.facts.report import compare, facts_csv, facts_table
    from assistant.facts.table import FactTable

    _, figures = _load_figures(_settings(args))
    if args.role:
        table = FactTable(figures)
        role = table.resolve(args.role)
        if role is None:
            raise InvalidInputError(f"no role matches {args.role!r}; `assistant facts` lists every role")
        figures = table.for_role(role)
    if args.compare:
        try:
            text, _ = compare(figures, *args.compare)
        except ValueError as err:
            raise InvalidInputError(str(err)) from None
        print(text)
    elif args.json:
        print(json.dumps([f.to_dict() for f in figures], ensure_ascii=False, indent=2))
    elif args.csv:
        sys.stdout.write(facts_csv(figures))
    else:
        print(facts_table(figures, numeric_only=not args.all))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from assistant.indexing.oews import import_oews, open_bundled, open_flat_files

    data = open_flat_files(args.source) if args.source else open_bundled()
    report = import_oews(
        data, args.out, areas=args.areas, occupations=args.occupations, progress=sys.stderr.isatty()
    )
    print(f"{report.summary()} in {args.out} (BLS OEWS {data.release})")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from assistant.facts.report import report_for, to_html, to_markdown

    if args.out.suffix.lower() not in (".md", ".html", ".htm"):
        raise InvalidInputError(f"--out must end in .md or .html, got {args.out}")
    s = _settings(args)
    chunks, figures = _load_figures(s)
    try:
        r = report_for(
            chunks,
            figures,
            level=args.level,
            location=args.location,
            role=args.role,
            level_percentiles=s.level_percentiles,
        )
    except ValueError as err:
        raise InvalidInputError(str(err)) from None
    page = to_markdown(r) if args.out.suffix.lower() == ".md" else to_html(r)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_name(f".{args.out.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(args.out)  # never leave a half-written report behind
    where = f", {args.location}" if args.location else ""
    print(f"report for {r['role']} ({args.level}{where}) written to {args.out}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from assistant.evaluation.bench import parse_sizes, run, table

    try:
        sizes = parse_sizes(args.sizes)
    except ValueError as err:
        raise InvalidInputError(str(err)) from None
    s = _settings(args)
    results = run(sizes, corpus=s.corpus_dir, model=not args.no_model, embed_limit=args.embed_limit)
    print(table(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
        _eprint(f"results written to {args.json}")
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


def _clean(text: str) -> str:
    """Bytes that were not UTF-8 (argv and stdin carry them as surrogates) become U+FFFD."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a lone surrogate that did not come from bytes
        return text.encode("utf-8", "replace").decode("utf-8")


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

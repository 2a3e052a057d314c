"""The `assistant eval` and `bench` commands: score question sets, measure speed and memory."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from assistant.errors import InvalidInputError
from assistant.interfaces.cli_common import _eprint, _settings
from assistant.settings import Settings


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
    read_s: dict[tuple[Path, Path], float] = {}
    files, below = [], []
    for qs in question_sets:
        s = _eval_settings(base, qs, corpus_given=args.corpus is not None)
        key = (s.corpus_dir, s.index_dir)
        if key not in pools:
            retriever = open_retriever(s, embedder=embedder, notify=_eprint)
            pools[key] = AssistantPool(
                retriever, s, generator_factory=generator_for, backends=tuple(backends)
            )
            # what the chat does at start (embedding model, places, role names): start-up, reported on
            # its own, not in the first question's latency
            t = time.perf_counter()
            pools[key].read_corpus(tuple(backends))
            read_s[key] = time.perf_counter() - t
        results = {
            b: run_cases(pools[key].get(b), qs.cases, k=s.k, progress=sys.stderr.isatty()) for b in backends
        }
        files.append(file_report(results, file=str(qs.path), corpus=str(s.corpus_dir)))
        files[-1]["corpus_read_s"] = round(read_s.pop(key, 0.0), 2)  # once per corpus: its first file
        below += [
            f"{qs.path}: {msg}" for msg in check_thresholds(files[-1]["summary"], minimums, maximums=maximums)
        ]
    if args.json:
        print(json.dumps({"files": files, "failed_thresholds": below}, ensure_ascii=False, indent=2))
    else:
        for f in files:
            read = f" read in {f['corpus_read_s']} s, not in the latencies" if f["corpus_read_s"] else ""
            print(f"{f['cases_count']} cases from {f['file']} (corpus {f['corpus']}{read})\n")
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

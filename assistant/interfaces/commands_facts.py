"""The `assistant facts`, `import` and `report` commands: role figures as tables, documents and reports."""

from __future__ import annotations

import argparse
import json
import sys

from assistant.errors import InvalidInputError
from assistant.interfaces.cli_common import _eprint, _settings
from assistant.settings import Settings


def _load_figures(s: Settings):
    """The corpus's chunks and figures, each figure named by the index's role catalog."""
    from assistant.build import open_retriever
    from assistant.facts.extraction import corpus_figures, roles_by_source

    r = open_retriever(s, notify=_eprint)
    return r.chunks, corpus_figures(r.chunks, roles_by_source=roles_by_source(r.index.manifest))


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

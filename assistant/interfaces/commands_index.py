"""The `assistant ingest`, `search` and `roles` commands: build the index and look inside it."""

from __future__ import annotations

import argparse
import json
import sys

from assistant.errors import AssistantError
from assistant.interfaces.cli_common import _clean, _eprint, _settings


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

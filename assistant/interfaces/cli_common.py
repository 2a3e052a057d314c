"""Helpers every `assistant` command shares: settings from the options, paths, stderr, clean text."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from assistant.indexing.indexer import indexed_corpus
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
    settings = base.with_(
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
    index_given = getattr(args, "index", None) is not None or "ROLE_ASSISTANT_INDEX_DIR" in os.environ
    if (
        index_given
        and getattr(args, "corpus", None) is None
        and "ROLE_ASSISTANT_CORPUS_DIR" not in os.environ
    ):
        # `ingest --corpus mine --index mine`, then `ask --index mine`: the index's own corpus, not
        # corpus/, which would replace every passage of it (without --index, corpus/ and index/)
        settings = settings.with_(corpus_dir=indexed_corpus(settings.index_dir))
    return settings


def _add_paths(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", type=Path, help="corpus folder (default: corpus)")
    p.add_argument("--index", type=Path, help="index folder (default: index)")


def _clean(text: str) -> str:
    """Bytes that were not UTF-8 (argv and stdin carry them as surrogates) become U+FFFD."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a lone surrogate that did not come from bytes
        return text.encode("utf-8", "replace").decode("utf-8")

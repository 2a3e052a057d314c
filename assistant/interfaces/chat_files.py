"""Files the chat writes: private per-session downloads that expire, feedback, saved test cases, uploads."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path

from assistant.errors import InvalidInputError
from assistant.indexing.readers import looks_binary
from assistant.understanding.vocabulary import MONEY_RANGE_RE, MONEY_RE, PERCENT_RANGE_RE, YEARS_RE

UPLOAD_SUFFIXES = (".txt", ".md", ".pdf")
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._()-]{0,120}$")
_CITE = re.compile(r"\s*\[\d+\]")


def slug(text: str, *, limit: int = 40) -> str:
    """A file-name part without spaces or odd characters.

    >>> slug("Senior AI Engineer / Seattle, WA")
    'senior-ai-engineer-seattle-wa'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-") or "x"


def dated(*parts: str, suffix: str) -> str:
    """``conversation-2025-01-31.md``: named by what it is and the day it was made."""
    return "-".join([*(slug(p) for p in parts if p), time.strftime("%Y-%m-%d")]) + suffix


class Downloads:
    """Exports, reports and CSVs: one private folder per browser session, deleted when the session
    ends or ``ttl`` seconds after a file was written, whichever comes first.

    Put ``root`` inside Gradio's cache folder so Gradio serves the file from here instead of
    keeping a copy of its own that would outlive the session.
    """

    def __init__(self, root: Path, *, ttl: float) -> None:
        self.root = Path(root)
        self.ttl = ttl
        self._folders: dict[str, Path] = {}
        self._lock = threading.Lock()

    def write(self, session: str, name: str, text: str) -> Path:
        if Path(name).name != name or name.startswith("."):
            raise ValueError(f"download names are plain file names. Currently, name is {name!r}")
        self.sweep()
        with self._lock:
            folder = self._folders.get(session)
            if folder is None or not folder.is_dir():
                self.root.mkdir(parents=True, exist_ok=True)
                folder = Path(tempfile.mkdtemp(prefix="session-", dir=self.root))  # mode 0700
                self._folders[session] = folder
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    def end(self, session: str) -> None:
        """The browser tab closed: its files go now."""
        with self._lock:
            folder = self._folders.pop(session, None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    def sweep(self, now: float | None = None) -> int:
        """Delete files older than ``ttl`` and the folders they leave empty; returns files deleted."""
        now = time.time() if now is None else now
        gone = 0
        with self._lock:
            for session, folder in list(self._folders.items()):
                for f in list(folder.glob("*")) if folder.is_dir() else []:
                    try:
                        if now - f.stat().st_mtime > self.ttl:
                            f.unlink()
                            gone += 1
                    except FileNotFoundError:
                        pass
                if not folder.is_dir() or not any(folder.iterdir()):
                    shutil.rmtree(folder, ignore_errors=True)
                    del self._folders[session]
        return gone

    def close(self) -> None:
        for session in list(self._folders):
            self.end(session)


_append_lock = threading.Lock()


def append_jsonl(path: Path, record: dict) -> None:
    """One JSON object per line; appends from concurrent sessions never interleave."""
    path = Path(path)
    line = json.dumps(record, ensure_ascii=False) + "\n"
    with _append_lock:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            f.write(line)


def answer_figures(text: str) -> list[str]:
    """The figures an answer states, as written: ranges first, then single amounts, percentages, years.

    >>> answer_figures("Senior: $160,000 - $200,000 [1]; Seattle 5-15% above; 7+ years [2].")
    ['$160,000 - $200,000', '5-15%', '7+ years']
    """
    text = _CITE.sub("", text)
    found: list[str] = []
    taken: list[tuple[int, int]] = []
    for rx in (MONEY_RANGE_RE, PERCENT_RANGE_RE, YEARS_RE, MONEY_RE):
        for m in rx.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), m.group(0).strip()))
    return [s for _, s in sorted(found)]


_REGEX_SPECIAL = re.compile(r"([\\.^$*+?{}\[\]|()])")


def literal(text: str) -> str:
    """A regex matching ``text`` literally, escaping only what regexes treat specially.

    >>> print(literal("Senior AI Engineer: $160,000 - $200,000+"))
    Senior AI Engineer: \\$160,000 - \\$200,000\\+
    """
    return _REGEX_SPECIAL.sub(r"\\\1", text)


def saved_case(turn: dict, history: list[str]) -> dict:
    """A question-set case from a chat answer: its figures as ``facts``, its passages as ``sources``."""
    case: dict = {"question": turn["question"], "category": "saved"}
    if turn["refused"]:
        case["refuse"] = True
    else:
        figures = list(dict.fromkeys(answer_figures(turn["answer"])))
        if figures:
            case["facts"] = [literal(f) for f in figures]
        firsts = [c["text"].strip().splitlines()[0].lstrip("-*• ").strip() for c in turn["citations"]]
        case["sources"] = [literal(s) for s in dict.fromkeys(firsts) if s]
    if history:
        case["history"] = list(history)
    return case


def append_case(path: Path, case: dict) -> int:
    """Add a case to a YAML question set (a list, or a mapping with ``cases``); returns how many it holds."""
    import yaml

    path = Path(path)
    with _append_lock:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
        if data is None:
            data = []
        cases = data.get("cases") if isinstance(data, dict) else data
        if not isinstance(cases, list):
            raise InvalidInputError(
                f"{path} is not a question set (a YAML list of cases); choose another file"
            )
        cases.append(case)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        os.replace(tmp, path)
    return len(cases)


def check_upload(path: Path, name: str, *, max_bytes: int) -> str:
    """The file name to store an upload under, or InvalidInputError saying what is wrong with it."""
    name = (name or "").strip()
    if Path(name).name != name or "/" in name or "\\" in name or not _SAFE_NAME.match(name):
        raise InvalidInputError(
            f"file name {name!r} is not allowed: use letters, digits, spaces, '.', '-', '_' and no folders"
        )
    if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        raise InvalidInputError(f"{name}: only {', '.join(UPLOAD_SUFFIXES)} files can be added")
    size = Path(path).stat().st_size
    if size > max_bytes:
        raise InvalidInputError(f"{name} is {size:,} bytes; the limit is {max_bytes:,}")
    if size == 0:
        raise InvalidInputError(f"{name} is empty")
    with open(path, "rb") as f:
        head = f.read(65536)
    if name.lower().endswith(".pdf"):
        if not head.startswith(b"%PDF-"):
            raise InvalidInputError(f"{name} is not a PDF file")
    elif looks_binary(head):
        raise InvalidInputError(f"{name} is not a text file")
    return name


def store_upload(corpus_dir: Path, path: Path, name: str) -> Path:
    """Copy a checked upload into the corpus; never replaces a document already there."""
    corpus_dir = Path(corpus_dir)
    dest = corpus_dir / name
    if dest.exists():
        raise InvalidInputError(f"{name} is already in the corpus; remove it first to replace it")
    tmp = corpus_dir / f".upload-{os.getpid()}-{name}"  # hidden: ingest skips it until it is complete
    shutil.copyfile(path, tmp)
    os.replace(tmp, dest)
    return dest


def remove_document(corpus_dir: Path, source: str, known: set[str]) -> Path:
    """Delete an indexed document's file; only names the index lists, only inside the corpus."""
    corpus_dir = Path(corpus_dir).resolve()
    if source not in known:
        raise InvalidInputError(f"{source!r} is not an indexed document")
    target = (corpus_dir / source).resolve()
    if not target.is_relative_to(corpus_dir) or not target.is_file():
        raise InvalidInputError(f"{source!r} is not a file in the corpus")
    target.unlink()
    return target

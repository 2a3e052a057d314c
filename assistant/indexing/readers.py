"""Read corpus files (.txt, .md, .pdf) into Documents, reporting what was skipped and why."""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import CorpusError
from assistant.indexing.html_text import html_to_markdown
from assistant.types import Document

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED = TEXT_SUFFIXES | PDF_SUFFIXES
# words that stay lower case in a title made from a file name
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to"}


@dataclass
class CorpusScan:
    documents: list[Document] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)  # source -> sha256 of the raw bytes
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    warnings: list[str] = field(default_factory=list)


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def title_from_filename(stem: str) -> str:
    """``lead-engineer-in-ai`` -> ``Lead Engineer in AI`` (two-letter words read as acronyms)."""
    words = [w for w in re.split(r"[-_\s]+", stem) if w]
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if lw in _SMALL_WORDS and i > 0:
            out.append(lw)
        elif len(w) <= 2 and w.isalpha():
            out.append(w.upper())
        else:
            out.append(w[:1].upper() + w[1:])
    return " ".join(out)


# UTF-32 first: its little-endian BOM starts with UTF-16's
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    """``utf-16``/``utf-32`` when the bytes start with that byte-order mark (Windows Notepad's "Unicode")."""
    return next((enc for bom, enc in _BOMS if data.startswith(bom)), None)


def decode_text(data: bytes, source: str, warnings: list[str]) -> str:
    wide = bom_encoding(data)
    if wide:
        text = data.decode(wide, errors="replace")
        return text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # cp1252 covers most legacy Western text; latin-1 decodes anything as a last resort
        try:
            text = data.decode("cp1252")
            enc = "cp1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            enc = "latin-1"
        warnings.append(f"{source}: not valid UTF-8, decoded as {enc}")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def read_pdf(path: Path) -> str:
    from pypdf import PdfReader  # lazy: only PDF corpora pay for it

    # pypdf logs its repair notes ("incorrect startxref pointer") without the file name; the
    # skipped list names the file instead
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(str(path))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("encrypted")
    return "\n".join((page.extract_text() or "") for page in reader.pages)


def _title_for(text: str, stem: str, suffix: str) -> str:
    if suffix in {".md", ".markdown"}:
        # "# Title", or "Title" underlined with "===" (a setext heading), whichever comes first
        m = re.search(r"^#\s+(.+?)\s*#*\s*$|^(\w.{0,200}?)[ \t]*\n {0,3}=+[ \t]*$", text, flags=re.M)
        if m:
            return (m.group(1) or m.group(2)).strip()
    return title_from_filename(stem)


_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
# first lines that name a section, not the role: such a document is named by its file
_GENERIC_TITLES = re.compile(
    r"^(overview|introduction|summary|about|contents|table of contents|description|job description|"
    r"role overview|background)$",
    re.I,
)


# a first line naming a topic ("Pay", "Salary Guide", "Key Responsibilities") is a heading, not a role
_SECTION_WORDS = re.compile(
    r"\b(pay|salar\w*|wages?|compensation|earnings|responsibilit\w*|duties|requirements|qualifications|"
    r"skills|education|experience|career|outlook|benefits|guide|introduction)\b",
    re.I,
)


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """YAML front matter (``---`` ... ``---`` at the top) and the text with it blanked out.

    The front matter lines become empty lines, so passages keep their true line numbers.
    >>> meta, body = split_front_matter("---\\nrole: Registered Nurse\\naliases: [RN]\\n---\\n# RN\\n")
    >>> meta, body.splitlines()[4]
    ({'role': 'Registered Nurse', 'aliases': ['RN']}, '# RN')
    """
    m = _FRONT.match(text)
    if not m:
        return {}, text
    import yaml

    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return {}, text  # not front matter after all: keep the text as written
    if not isinstance(meta, dict):
        return {}, text
    blank = "\n" * m.group(0).count("\n")
    return meta, blank + text[m.end() :]


def role_for(meta: dict[str, object], text: str, title: str, suffix: str) -> tuple[str, tuple[str, ...]]:
    """The role a document is about and its aliases: front matter, else its title.

    A plain-text document whose first line is a short name (not "Overview") is titled by it.
    """
    aliases = meta.get("aliases") or ()
    if isinstance(aliases, str):
        aliases = [a for a in re.split(r"\s*[,;]\s*", aliases) if a]
    if not isinstance(aliases, list | tuple):
        aliases = ()
    aliases = tuple(str(a).strip() for a in aliases if str(a).strip())
    role = meta.get("role") or meta.get("title")
    if isinstance(role, str) and role.strip():
        return " ".join(role.split()), aliases
    if suffix not in {".md", ".markdown"}:
        first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        if (
            0 < len(first.split()) <= 8
            and not _GENERIC_TITLES.match(first)
            and not _SECTION_WORDS.search(first)
            and not re.search(r"[.:;!?]$", first)
            and not first.startswith(("-", "*", "#"))
        ):
            return first, aliases
    return title, aliases


def read_document(path: Path, source: str, scan: CorpusScan) -> Document | None:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        scan.skipped.append((source, f"unsupported file type {suffix or '(none)'}"))
        return None
    try:
        data = path.read_bytes()
    except OSError as err:
        scan.skipped.append((source, f"unreadable: {err.strerror or err}"))
        return None
    if suffix in PDF_SUFFIXES:
        try:
            text = read_pdf(path)
        except Exception as err:  # pypdf raises many types on broken files
            log.debug("%s: %s: %s", source, type(err).__name__, err)
            why = "encrypted" if str(err) == "encrypted" else "damaged or not a PDF"
            scan.skipped.append((source, f"unreadable PDF ({why})"))
            return None
    else:
        if looks_binary(data) and not bom_encoding(data):
            scan.skipped.append((source, "binary content"))
            return None
        text = decode_text(data, source, scan.warnings)
    if not text.strip():
        scan.skipped.append((source, "empty"))
        return None
    scan.hashes[source] = file_hash(data)
    meta, text = split_front_matter(text)
    if suffix in {".md", ".markdown"}:
        text = html_to_markdown(text)  # a CMS export's <h2>, <li>, <table> and &amp;
    title = _title_for(text, path.stem, suffix)
    role, aliases = role_for(meta, text, title, suffix)
    outline = str(meta.get("embed", "")).strip().lower() == "outline"
    provenance = meta.get("source")
    provenance = " ".join(provenance.split())[:120] if isinstance(provenance, str) else ""
    return Document(
        source=source,
        title=title,
        text=text,
        role=role,
        aliases=aliases,
        outline=outline,
        provenance=provenance,
    )


def printable_name(name: str) -> str:
    """A file name whose bytes are not UTF-8, with U+FFFD where those bytes were."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def corpus_files(corpus_dir: Path) -> tuple[dict[str, Path], list[tuple[str, str]]]:
    """Files under ``corpus_dir`` by relative POSIX name, and the ones refused, with why.

    Hidden files and folders are ignored. Refused: links that resolve outside the corpus (a link
    to /etc/passwd must not become a quoted passage), broken links, and names that are not
    UTF-8 (they cannot be stored or cited). Links to folders are not followed.
    """
    root = corpus_dir.resolve()
    files: dict[str, Path] = {}
    refused: list[tuple[str, str]] = []

    def outside(path: Path) -> bool:
        try:
            return not path.resolve().is_relative_to(root)
        except (OSError, RuntimeError):  # a link loop
            return True

    for dirpath, dirnames, filenames in os.walk(corpus_dir, followlinks=False):
        here = Path(dirpath)
        rel_dir = here.relative_to(corpus_dir)
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for d in dirnames:
            if (here / d).is_symlink() and outside(here / d):
                refused.append((printable_name((rel_dir / d).as_posix()), "link outside the corpus"))
        for name in filenames:
            if name.startswith("."):
                continue  # hidden files (.gitkeep, editor swap files) are not documents
            path = here / name
            rel = (rel_dir / name).as_posix()
            shown = printable_name(rel)
            if shown != rel:
                refused.append((shown, "file name is not valid UTF-8; rename the file"))
            elif path.is_symlink() and outside(path):
                refused.append((rel, "link outside the corpus"))
            elif not path.is_file():  # a dangling link, a FIFO (reading it would hang)
                refused.append((rel, "broken link" if path.is_symlink() else "not a regular file"))
            else:
                files[rel] = path
    # the order documents were always read in: by path components
    files = dict(sorted(files.items(), key=lambda item: item[0].split("/")))
    return files, sorted(refused)


def scan_corpus(corpus_dir: Path) -> CorpusScan:
    """Read every file under ``corpus_dir``; raise CorpusError if nothing usable is there."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(
            f"corpus folder {corpus_dir} does not exist; create it and add .txt, .md or .pdf files"
        )
    scan = CorpusScan()
    files, refused = corpus_files(corpus_dir)
    scan.skipped.extend(refused)
    for rel, path in files.items():
        doc = read_document(path, rel, scan)
        if doc is not None:
            scan.documents.append(doc)
    for w in scan.warnings:
        log.warning(w)
    if not scan.documents:
        detail = "; ".join(f"{s} ({r})" for s, r in scan.skipped) or "no files"
        raise CorpusError(f"corpus folder {corpus_dir} has no readable documents: {detail}")
    return scan

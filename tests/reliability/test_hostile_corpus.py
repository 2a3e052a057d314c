"""Hostile corpus folders: links out of the corpus, undecodable names, UTF-16, broken PDFs, huge files."""

from __future__ import annotations

import logging
import os
import time

import pytest

from assistant.indexing.indexer import check_freshness, ingest
from assistant.indexing.readers import scan_corpus
from assistant.indexing.store import IndexStore
from tests.fakes import FakeEmbedder

ROLE = "Pay\nIntro.\nLevels\n- Senior: $160,000\n"


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "role.txt").write_text(ROLE, encoding="utf-8")
    return d


def test_links_out_of_the_corpus_are_skipped_and_listed(corpus, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Secrets\nIntro.\nKeys\n- root password: hunter2\n")
    outside_dir = tmp_path / "elsewhere"
    outside_dir.mkdir()
    (outside_dir / "more.txt").write_text("More\nIntro.\nItems\n- hunter3\n")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "secret.txt").symlink_to(secret)
    (corpus / "linked-dir").symlink_to(outside_dir, target_is_directory=True)
    (corpus / "same.txt").symlink_to(corpus / "role.txt")  # inside the corpus: fine
    store = IndexStore(tmp_path / "index")
    report = ingest(corpus, store, FakeEmbedder())
    skipped = dict(report.skipped)
    for name in ("passwd.txt", "secret.txt", "linked-dir"):
        assert skipped[name] == "link outside the corpus"
        assert f"skipped {name}: link outside the corpus" in report.summary()
    texts = "\n".join(c.text for c in store.load().chunks)
    assert "hunter" not in texts and "root:" not in texts
    assert {c.source for c in store.load().chunks} == {"role.txt", "same.txt"}
    assert check_freshness(corpus, store.read_manifest()).fresh  # refused files are not "new" every time


def test_a_file_name_that_is_not_utf8_does_not_stop_the_ingest(corpus, tmp_path):
    bad = os.fsdecode(b"caf\xe9-\xff.txt")  # Latin-1 bytes in a name, as copied from an old disk
    (corpus / bad).write_text("Duties\nIntro.\nDaily\n- Lead the team\n", encoding="utf-8")
    store = IndexStore(tmp_path / "index")
    report = ingest(corpus, store, FakeEmbedder())
    assert [c.source for c in store.load().chunks] == ["role.txt"]
    assert dict(report.skipped)["caf\ufffd-\ufffd.txt"].startswith("file name is not valid UTF-8")
    report.summary().encode("utf-8")  # printable
    assert ingest(corpus, store, FakeEmbedder()).unchanged
    assert check_freshness(corpus, store.read_manifest()).fresh


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_files_with_a_bom_are_read(corpus, encoding):
    text = "Pay\nIntro.\nLevels\n- Lead: $180,000 \u2013 caf\u00e9\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (corpus / "wide.txt").write_bytes(data)
    scan = scan_corpus(corpus)
    doc = next(d for d in scan.documents if d.source == "wide.txt")
    assert "- Lead: $180,000 \u2013 caf\u00e9" in doc.text
    assert "wide.txt" not in dict(scan.skipped) and not scan.warnings


def _pdf_bytes() -> bytes:
    import io

    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=300, height=200)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.mark.parametrize("damage", ["truncated", "garbage", "encrypted"])
def test_broken_pdfs_name_the_file_without_pypdf_internals(corpus, caplog, damage):
    data = _pdf_bytes()
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "garbage":
        data = b"%PDF-1.7\n" + os.urandom(2000)
    else:
        import io

        import pypdf

        writer = pypdf.PdfWriter()
        writer.add_blank_page(width=300, height=200)
        writer.encrypt("secret")
        buf = io.BytesIO()
        writer.write(buf)
        data = buf.getvalue()
    (corpus / "broken.pdf").write_bytes(data)
    caplog.set_level(logging.WARNING)
    scan = scan_corpus(corpus)
    why = dict(scan.skipped)["broken.pdf"]
    assert why in ("unreadable PDF (damaged or not a PDF)", "unreadable PDF (encrypted)")
    assert [d.source for d in scan.documents] == ["role.txt"]
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]


def test_a_5mb_file_is_chunked_in_linear_time(corpus):
    from assistant.indexing.chunking import chunk_document
    from assistant.types import Document

    section = (
        "Salary Ranges\nLead engineers command salaries that vary by region and level.\n"
        "Salary by Experience Level\n- Senior AI Engineer: $160,000 - $200,000\n- Lead: $180,000\n"
    )

    def seconds(size: int) -> float:
        text = section * (size // len(section))
        t0 = time.perf_counter()
        chunks = chunk_document(Document("big.txt", "Big", text))
        assert chunks
        return time.perf_counter() - t0

    small, large = seconds(500_000), seconds(5_000_000)
    # linear: 10x the text costs about 10x; the old quadratic loop cost ~100x (and minutes at 50 MB)
    assert large < 25 * max(small, 0.01), (small, large)

from __future__ import annotations

import pytest

from assistant.errors import CorpusError
from assistant.indexing.readers import scan_corpus, title_from_filename


def test_title_from_filename():
    assert title_from_filename("lead-engineer-in-ai") == "Lead Engineer in AI"
    assert title_from_filename("data_scientist") == "Data Scientist"


def test_non_utf8_is_decoded_with_a_warning(tmp_path):
    (tmp_path / "legacy.txt").write_bytes("Pay\n- Caf\xe9 staff: \u00a330,000\n".encode("cp1252"))
    scan = scan_corpus(tmp_path)
    assert "Caf\u00e9" in scan.documents[0].text
    assert any("not valid UTF-8" in w for w in scan.warnings)


def test_empty_binary_and_unsupported_files_are_skipped_and_listed(tmp_path):
    (tmp_path / "good.md").write_text("# Role\n- duty\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "sheet.xlsx").write_bytes(b"PK")
    scan = scan_corpus(tmp_path)
    assert [d.source for d in scan.documents] == ["good.md"]
    reasons = dict(scan.skipped)
    assert reasons["empty.txt"] == "empty"
    assert reasons["blob.txt"] == "binary content"
    assert "unsupported" in reasons["sheet.xlsx"]


def test_empty_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="no readable documents"):
        scan_corpus(tmp_path)
    with pytest.raises(CorpusError, match="does not exist"):
        scan_corpus(tmp_path / "missing")


def test_pdf_is_read(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(width=300, height=200)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 20 150 Td (Salary Ranges) Tj 0 -20 Td (- Senior: $160,000) Tj ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    with open(tmp_path / "role.pdf", "wb") as fh:
        writer.write(fh)
    scan = scan_corpus(tmp_path)
    assert "Senior: $160,000" in scan.documents[0].text


def test_a_large_ingest_shows_progress_and_an_estimate(tmp_path, fake_embedder, capsys):
    from assistant.indexing.indexer import ingest
    from assistant.indexing.store import IndexStore

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sections = "".join(f"Section {i}\nIntro {i}.\nItems {i}\n- item {i}\n\n" for i in range(2500))
    (corpus / "big.txt").write_text(sections, encoding="utf-8")
    notes: list[str] = []
    report = ingest(corpus, IndexStore(tmp_path / "index"), fake_embedder, progress=True, notify=notes.append)
    assert report.chunks > 2000
    estimates = [n for n in notes if "chunks/s" in n]
    assert len(estimates) == 1 and f"embedding {report.chunks:,} chunks" in estimates[0]
    assert "to go" in estimates[0]
    assert "embedding" in capsys.readouterr().err  # the progress bar
    # a small ingest says nothing extra
    notes.clear()
    (corpus / "big.txt").write_text("Pay\nIntro.\nLevels\n- Senior: $1\n", encoding="utf-8")
    ingest(corpus, IndexStore(tmp_path / "index"), fake_embedder, progress=False, notify=notes.append)
    assert notes == []


def test_a_large_import_is_summarised_not_listed_file_by_file():
    from assistant.indexing.indexer import IngestReport

    files = [f"occupation-{i}.md" for i in range(830)]
    text = IngestReport(
        files=830, chunks=223222, embedded=223222, reused=0, added=files, seconds=2064.3
    ).summary()
    assert text.splitlines() == [
        "830 files, 223,222 chunks (223,222 embedded, 0 reused) in 34 min",
        "added (830): " + ", ".join(files[:10]) + " and 820 more",
    ]

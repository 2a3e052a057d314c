from __future__ import annotations

import numpy as np
import pytest

from assistant.build import open_retriever
from assistant.errors import IndexCorruptError, IndexMissingError, IndexWriteError, StaleIndexError
from assistant.indexing.indexer import check_freshness, ingest
from assistant.indexing.store import IndexStore
from assistant.settings import Settings
from assistant.types import Chunk
from tests.fakes import FakeEmbedder


def _chunk(i: int) -> Chunk:
    return Chunk(f"id{i}", "a.txt", "A", ("Top", f"Sub {i}"), f"text {i} \u00e9", i, i)


def test_store_round_trip(tmp_path):
    store = IndexStore(tmp_path / "index")
    chunks = [_chunk(i) for i in range(3)]
    vectors = np.eye(3, 4, dtype=np.float32)
    store.save({"embedding_model": "m", "dim": 4, "files": {}}, chunks, vectors)
    loaded = store.load()
    assert loaded.chunks == chunks
    assert np.array_equal(loaded.vectors, vectors)
    assert loaded.faiss_index.ntotal == 3
    assert loaded.manifest["count"] == 3 and loaded.manifest["index_kind"] == "flat"


def test_save_replaces_the_previous_generation_and_cleans_up(tmp_path):
    store = IndexStore(tmp_path)
    store.save({"embedding_model": "m", "dim": 4}, [_chunk(0)], np.ones((1, 4), np.float32))
    store.save({"embedding_model": "m", "dim": 4}, [_chunk(1), _chunk(2)], np.ones((2, 4), np.float32))
    gens = [p for p in tmp_path.iterdir() if p.name.startswith("gen-")]
    assert len(gens) == 1
    assert [c.chunk_id for c in store.load().chunks] == ["id1", "id2"]


def test_crash_mid_save_leaves_previous_index_usable(tmp_path, monkeypatch):
    store = IndexStore(tmp_path)
    store.save({"embedding_model": "m", "dim": 4}, [_chunk(0)], np.ones((1, 4), np.float32))
    import faiss

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(faiss, "write_index", boom)
    with pytest.raises(IndexWriteError, match="index in use is unchanged"):
        store.save({"embedding_model": "m", "dim": 4}, [_chunk(5)], np.ones((1, 4), np.float32))
    monkeypatch.undo()
    assert [c.chunk_id for c in store.load().chunks] == ["id0"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".building")]


def test_missing_index_message_names_the_fix(tmp_path):
    with pytest.raises(IndexMissingError, match="assistant ingest"):
        IndexStore(tmp_path / "nothing").load()


@pytest.mark.parametrize("victim", ["chunks.jsonl", "vectors.npy", "manifest.json"])
def test_corrupt_index_message_names_the_fix(tmp_path, victim):
    store = IndexStore(tmp_path)
    gen = store.save({"embedding_model": "m", "dim": 4}, [_chunk(0)], np.ones((1, 4), np.float32))
    (gen / victim).write_bytes(b"\x00garbage{")
    with pytest.raises(IndexCorruptError, match="assistant ingest"):
        store.load()


def test_pickled_vectors_are_refused(tmp_path):
    store = IndexStore(tmp_path)
    gen = store.save({"embedding_model": "m", "dim": 4}, [_chunk(0)], np.ones((1, 4), np.float32))
    np.save(gen / "vectors.npy", np.array([{"evil": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(IndexCorruptError):
        store.load()


def test_incremental_reingest_embeds_only_changed_files(tmp_path, fake_embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Pay\nIntro.\nLevels\n- Senior: $1\n- Junior: $2\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Duties\nIntro.\nDaily\n- Lead the team\n", encoding="utf-8")
    store = IndexStore(tmp_path / "index")

    first = ingest(corpus, store, fake_embedder)
    assert (first.files, first.embedded, first.reused) == (2, first.chunks, 0)

    again = ingest(corpus, store, fake_embedder)
    assert again.unchanged and again.embedded == 0

    (corpus / "b.txt").write_text("Duties\nIntro.\nDaily\n- Lead the team\n- Hire people\n", encoding="utf-8")
    (corpus / "c.md").write_text("# Nurse\n- Care for patients\n", encoding="utf-8")
    (corpus / "a.txt").unlink()
    third = ingest(corpus, store, fake_embedder)
    assert third.changed == ["b.txt"] and third.added == ["c.md"] and third.removed == ["a.txt"]
    assert third.embedded == third.chunks  # a.txt's chunks are gone, b and c re-embedded
    loaded = store.load()
    assert {c.source for c in loaded.chunks} == {"b.txt", "c.md"}
    assert any("Hire people" in c.text for c in loaded.chunks)

    (corpus / "d.txt").write_text("Skills\nIntro.\nTech\n- Python\n", encoding="utf-8")
    fourth = ingest(corpus, store, fake_embedder)
    assert fourth.reused == third.chunks and fourth.added == ["d.txt"]


def test_stale_index_is_detected_and_refreshed(tmp_path, fake_embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Pay\nIntro.\nLevels\n- Senior: $1\n", encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    notes: list[str] = []
    r = open_retriever(settings, embedder=fake_embedder, notify=notes.append)
    assert len(r.chunks) == 1 and any("building" in n for n in notes)

    (corpus / "a.txt").write_text("Pay\nIntro.\nLevels\n- Senior: $9\n", encoding="utf-8")
    assert not check_freshness(corpus, IndexStore(settings.index_dir).read_manifest()).fresh
    with pytest.raises(StaleIndexError, match="1 changed.*assistant ingest"):
        open_retriever(settings, embedder=fake_embedder, refresh="error")
    r = open_retriever(settings, embedder=fake_embedder, notify=notes.append)
    assert any("$9" in c.text for c in r.chunks)
    assert any("corpus changed" in n for n in notes)


def test_corrupt_index_is_rebuilt_automatically(tmp_path, fake_embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Pay\nIntro.\nLevels\n- Senior: $1\n", encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    open_retriever(settings, embedder=fake_embedder)
    (settings.index_dir / "CURRENT").write_text("../../etc\n")
    with pytest.raises(IndexCorruptError):
        open_retriever(settings, embedder=fake_embedder, refresh="error")
    assert open_retriever(settings, embedder=fake_embedder).chunks


def test_outline_documents_are_embedded_by_headings_and_labels_but_searched_by_every_word(tmp_path):
    """Front matter ``embed: outline`` (the OEWS importer's documents): the vector ignores figures."""

    class Recording(FakeEmbedder):
        def __init__(self):
            super().__init__()
            self.texts: list[str] = []

        def embed(self, texts, *, progress=False):
            self.texts.extend(texts)
            return super().embed(texts, progress=progress)

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "nurse.md").write_text(
        "---\nrole: Nurses\nembed: outline\n---\n# Nurses\n## Ohio (state)\n- Median wage: $81,230 a year\n",
        encoding="utf-8",
    )
    (corpus / "plain.md").write_text("# Cook\n## Pay\n- Median wage: $35,000 a year\n", encoding="utf-8")
    store = IndexStore(tmp_path / "index")
    emb = Recording()
    ingest(corpus, store, emb)
    assert "Nurses | Ohio (state)\nMedian wage" in emb.texts
    assert "Cook | Cook > Pay\n- Median wage: $35,000 a year" in emb.texts  # other documents as before
    loaded = store.load()
    nurse = next(c for c in loaded.chunks if c.source == "nurse.md")
    assert nurse.outline and "$81,230" in nurse.embed_text()  # BM25 and the reader still see the figure
    assert not next(c for c in loaded.chunks if c.source == "plain.md").outline


def test_a_new_front_matter_fact_is_saved_but_a_touched_file_is_not_reindexed(tmp_path, fake_embedder):
    import os

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    doc = corpus / "nurse.md"
    doc.write_text("# Nurse\n## Pay\n- Median wage: $90,000 a year\n", encoding="utf-8")
    store = IndexStore(tmp_path / "index")
    ingest(corpus, store, fake_embedder)
    first = store.load().path
    st = doc.stat()
    os.utime(doc, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # touched, same content
    assert ingest(corpus, store, fake_embedder).unchanged and store.load().path == first
    doc.write_text('---\nsource: "Survey 2025"\n---\n' + doc.read_text(encoding="utf-8"), encoding="utf-8")
    report = ingest(corpus, store, fake_embedder)
    assert report.embedded == 1  # the front matter moved the lines: new text, embedded again
    assert store.read_manifest()["files"]["nurse.md"]["provenance"] == "Survey 2025"


def test_a_new_chunker_makes_the_index_stale_and_keeps_the_vectors_of_unchanged_passages(
    tmp_path, fake_embedder, monkeypatch
):
    import assistant.indexing.indexer as indexer

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text(
        "# Nurse\n\n**Pay**\n\nAbout $90,000.\n\n## Duties\n\n- Care\n", encoding="utf-8"
    )
    (corpus / "b.md").write_text("# Welder\n\n## Pay\n\n- Median: $51,000\n", encoding="utf-8")
    store = IndexStore(tmp_path / "index")
    monkeypatch.setattr(indexer, "CHUNKER_VERSION", "headings-old")
    first = ingest(corpus, store, fake_embedder)
    assert check_freshness(corpus, store.read_manifest()).fresh
    monkeypatch.setattr(indexer, "CHUNKER_VERSION", "headings-new")
    stale = check_freshness(corpus, store.read_manifest())
    assert not stale.fresh and sorted(stale.changed) == ["a.md", "b.md"]
    again = ingest(corpus, store, fake_embedder)
    # the same chunker ran twice: every passage keeps its text, and so its vector
    assert again.changed == ["a.md", "b.md"] and again.embedded == 0 and again.reused == first.chunks
    assert store.read_manifest()["chunker_version"] == "headings-new"

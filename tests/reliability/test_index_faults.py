"""Damaged index files, a full disk, a read-only index folder and killed builds."""

from __future__ import annotations

import errno
import os
import threading
import time

import numpy as np
import pytest

from assistant.build import open_retriever
from assistant.errors import IndexWriteError
from assistant.indexing.indexer import ingest
from assistant.indexing.store import IndexStore
from assistant.interfaces import cli
from assistant.settings import Settings
from tests.fakes import FakeEmbedder


@pytest.fixture
def built(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Pay\nIntro.\nLevels\n- Senior: $160,000\n- Junior: $80,000\n")
    (corpus / "b.txt").write_text("Duties\nIntro.\nDaily\n- Lead the team\n- Review designs\n")
    store = IndexStore(tmp_path / "index")
    ingest(corpus, store, FakeEmbedder())
    return corpus, store


def _faiss_of_dim(path, dim, n):
    import faiss

    index = faiss.IndexFlatIP(dim)
    index.add(np.ones((n, dim), np.float32))
    faiss.write_index(index, str(path))


def _damage(how: str, path, n: int) -> None:
    if how == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif how == "deleted":
        path.unlink()
    elif how == "random":
        path.write_bytes(np.random.default_rng(0).bytes(path.stat().st_size))
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "wrong dimension":
        _faiss_of_dim(path, 8, n)


DAMAGE = ["truncated", "deleted", "random", "empty", "wrong dimension"]


@pytest.mark.parametrize("how", DAMAGE)
@pytest.mark.parametrize("checksum", [True, False], ids=["manifest", "old-manifest"])
def test_damaged_faiss_file_is_rebuilt_and_ingest_repairs_it(built, how, checksum):
    import json

    corpus, store = built
    loaded = store.load()
    n, dim = len(loaded.chunks), loaded.manifest["dim"]
    if not checksum:  # an index written before the checksum was recorded
        manifest = dict(loaded.manifest)
        manifest.pop("faiss_sha256", None)
        (loaded.path / "manifest.json").write_text(json.dumps(manifest))
    _damage(how, loaded.path / "vectors.faiss", n)

    again = store.load()  # search keeps working on a copy rebuilt from vectors.npy
    assert again.faiss_index.d == dim and again.faiss_index.ntotal == n
    assert again.warnings and "assistant ingest" in again.warnings[0]

    report = ingest(corpus, store, FakeEmbedder())  # no --force needed
    assert not report.unchanged and report.embedded == 0
    assert any("vectors.faiss" in w for w in report.warnings)
    repaired = store.load()
    assert not repaired.warnings and repaired.faiss_index.d == dim
    assert ingest(corpus, store, FakeEmbedder()).unchanged


def test_wrong_dimension_faiss_never_reaches_search(built):
    corpus, store = built
    loaded = store.load()
    _faiss_of_dim(loaded.path / "vectors.faiss", 8, len(loaded.chunks))
    r = open_retriever(
        Settings(corpus_dir=corpus, index_dir=store.dir), embedder=FakeEmbedder(), refresh="never"
    )
    assert r.search("senior pay", 2).hits  # was an AssertionError inside FAISS


def _short_write(file, arr, *args, **kwargs):
    with open(file, "wb") as fh:
        fh.write(b"\x93NUMPY" + b"\x00" * 100)
    raise OSError("29568 requested and 20448 written")


def _enospc(file, arr, *args, **kwargs):
    with open(file, "wb") as fh:
        fh.write(b"\x93NUMPY")
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("write", [_short_write, _enospc], ids=["numpy-short-write", "enospc"])
def test_full_disk_during_save_is_one_line_and_keeps_the_old_index(built, monkeypatch, capsys, write):
    corpus, store = built
    before = [c.chunk_id for c in store.load().chunks]
    (corpus / "c.txt").write_text("Skills\nIntro.\nTech\n- Python\n")
    import assistant.build as build
    import assistant.indexing.store as store_module

    monkeypatch.setattr(store_module.np, "save", write)
    with pytest.raises(IndexWriteError, match=r"disk is full.*index in use is unchanged"):
        ingest(corpus, store, FakeEmbedder())
    monkeypatch.setattr(build, "default_embedder", lambda s: FakeEmbedder())
    assert cli.main(["ingest", "--corpus", str(corpus), "--index", str(store.dir)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: could not write the index") and "disk is full" in err
    assert err.count("\n") == 1 and "requested and" not in err
    monkeypatch.undo()
    assert [c.chunk_id for c in store.load().chunks] == before
    assert sorted(p.name[:4] for p in store.dir.iterdir() if p.is_dir()) == ["gen-"]


@pytest.fixture
def read_only(monkeypatch):
    """Make a folder behave as on a read-only mount (chmod does not stop root, which CI may be)."""
    real_open, real_mkdir = os.open, os.mkdir

    def install(folder):
        folder = os.path.abspath(folder)

        def inside(path):
            return os.path.abspath(path).startswith(folder + os.sep) or os.path.abspath(path) == folder

        def guarded_open(path, flags, *args, **kwargs):
            if inside(path) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                raise OSError(errno.EROFS, "Read-only file system", str(path))
            return real_open(path, flags, *args, **kwargs)

        def guarded_mkdir(path, *args, **kwargs):
            if inside(path):
                raise OSError(errno.EROFS, "Read-only file system", str(path))
            return real_mkdir(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", guarded_open)
        monkeypatch.setattr(os, "mkdir", guarded_mkdir)

    return install


def test_changed_corpus_with_a_read_only_index_answers_from_the_old_index(built, read_only):
    corpus, store = built
    (corpus / "c.txt").write_text("Skills\nIntro.\nTech\n- Python\n")
    read_only(store.dir)
    notes: list[str] = []
    r = open_retriever(
        Settings(corpus_dir=corpus, index_dir=store.dir), embedder=FakeEmbedder(), notify=notes.append
    )
    assert {c.source for c in r.chunks} == {"a.txt", "b.txt"}
    assert r.search("senior pay", 1).hits
    assert any("read-only" in n and "1 new" in n for n in notes), notes


def test_killed_builds_are_removed_by_the_next_run(built):
    corpus, store = built
    leftover = store.dir / ".building-gen-20240101-000000-99999-dead"
    leftover.mkdir()
    (leftover / "vectors.npy").write_bytes(b"\x00" * 1000)
    orphan = store.dir / "gen-20240101-000000-99999-orphan"  # killed after rename, before the switch
    orphan.mkdir()
    (store.dir / ".CURRENT.tmp-99999").write_text("gen-x\n")
    live = store.current_generation()
    assert ingest(corpus, store, FakeEmbedder()).unchanged
    names = sorted(p.name for p in store.dir.iterdir())
    assert names == sorted(["CURRENT", "LOCK", live.name])


def test_a_second_writer_waits_and_leaves_a_running_build_alone(built):
    corpus, store = built
    (corpus / "c.txt").write_text("Skills\nIntro.\nTech\n- Python\n")
    running = store.dir / ".building-gen-running"
    seen: list[bool] = []
    done = threading.Event()

    def second_writer():
        ingest(corpus, store, FakeEmbedder())
        done.set()

    with store.writing():
        running.mkdir()
        t = threading.Thread(target=second_writer)
        t.start()
        time.sleep(0.5)
        seen.append(done.is_set())
        seen.append(running.exists())
        running.rmdir()  # the first writer finishes its build
    t.join(10)
    assert seen == [False, True]
    assert done.is_set() and {c.source for c in store.load().chunks} == {"a.txt", "b.txt", "c.txt"}


@pytest.mark.parametrize("victim", ["chunks.jsonl", "vectors.npy", "manifest.json", "CURRENT"])
def test_plain_ingest_rebuilds_any_other_damaged_file(built, victim):
    corpus, store = built
    gen = store.current_generation()
    path = store.dir / victim if victim == "CURRENT" else gen / victim
    path.write_bytes(b"\x00\xff garbage {")
    report = ingest(corpus, store, FakeEmbedder())
    assert not report.unchanged
    assert {c.source for c in store.load().chunks} == {"a.txt", "b.txt"}

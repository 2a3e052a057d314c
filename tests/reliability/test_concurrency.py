"""Concurrent writers and readers of one index folder: 100 rounds each, nothing lost."""

from __future__ import annotations

import subprocess
import sys
import threading

import numpy as np

from assistant.indexing.store import IndexStore
from assistant.types import Chunk
from tests.helpers import ROOT


def _content(tag: str, n: int) -> tuple[list[Chunk], np.ndarray]:
    chunks = [
        Chunk(f"{tag}{i}", f"{tag}.txt", tag, ("S",), f"{tag} text {i}", i + 1, i + 1) for i in range(n)
    ]
    rng = np.random.default_rng(n)
    return chunks, rng.random((n, 8), dtype=np.float32)


def _check_whole(store: IndexStore, allowed: dict[str, int]) -> str:
    """The live index loads, and is entirely one writer's content; returns that writer's tag."""
    loaded = store.load()
    tags = {c.chunk_id.rstrip("0123456789") for c in loaded.chunks}
    assert len(tags) == 1, tags
    tag = tags.pop()
    n = allowed[tag]
    assert len(loaded.chunks) == n and loaded.vectors.shape == (n, 8) and loaded.faiss_index.ntotal == n
    return tag


def test_100_rounds_of_two_concurrent_saves_lose_nothing(tmp_path):
    store = IndexStore(tmp_path / "index")
    contents = {"a": _content("a", 3), "b": _content("b", 5)}
    allowed = {"a": 3, "b": 5}
    for _ in range(100):
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def save(tag: str, barrier=barrier, errors=errors) -> None:
            try:
                barrier.wait()
                IndexStore(store.dir).save({"dim": 8}, *contents[tag])
            except BaseException as err:  # reported below
                errors.append(err)

        threads = [threading.Thread(target=save, args=(t,)) for t in contents]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert not errors, errors
        _check_whole(store, allowed)
        gens = [p.name for p in store.dir.iterdir() if p.name.startswith(("gen-", ".building-"))]
        assert gens == [store.current_generation().name]


def test_100_loads_while_a_writer_switches_generations(tmp_path):
    store = IndexStore(tmp_path / "index")
    contents = {"a": _content("a", 3), "b": _content("b", 40)}
    allowed = {"a": 3, "b": 40}
    store.save({"dim": 8}, *contents["a"])
    stop = threading.Event()
    saves = [0]

    def writer() -> None:
        tags = ["b", "a"]
        while not stop.is_set():
            IndexStore(store.dir).save({"dim": 8}, *contents[tags[saves[0] % 2]])
            saves[0] += 1

    failures: list[BaseException] = []
    loads = [0]

    def reader() -> None:
        # at least 25 loads each, and on until the writer has switched 20 times (bounded)
        for i in range(5000):
            if i >= 25 and saves[0] >= 20:
                break
            try:
                _check_whole(IndexStore(store.dir), allowed)
                loads[0] += 1
            except BaseException as err:  # counted below
                failures.append(err)

    w = threading.Thread(target=writer)
    w.start()
    readers = [threading.Thread(target=reader) for _ in range(4)]
    for t in readers:
        t.start()
    for t in readers:
        t.join(120)
    stop.set()
    w.join(30)
    assert saves[0] >= 20, "the writer did not switch generations during the loads"
    assert failures == [] and loads[0] >= 100


_WRITER = """
import sys
import numpy as np
from assistant.indexing.store import IndexStore
from assistant.types import Chunk

folder, tag, n, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
chunks = [Chunk(f"{tag}{i}", f"{tag}.txt", tag, ("S",), f"{tag} text {i}", i + 1, i + 1) for i in range(n)]
vectors = np.random.default_rng(n).random((n, 8), dtype=np.float32)
for _ in range(rounds):
    IndexStore(folder).save({"dim": 8}, chunks, vectors)
"""


def test_two_writer_processes_and_a_reader(tmp_path):
    store = IndexStore(tmp_path / "index")
    allowed = {"a": 3, "b": 5}
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(store.dir), tag, str(n), "30"], cwd=ROOT)
        for tag, n in allowed.items()
    ]
    loads = 0
    while any(p.poll() is None for p in procs) and loads < 2000:
        if store.exists():
            _check_whole(IndexStore(store.dir), allowed)
            loads += 1
    assert [p.wait(60) for p in procs] == [0, 0]
    _check_whole(store, allowed)
    with store.writing():  # the next run removes generations a loading reader kept alive
        pass
    assert [p.name for p in store.dir.iterdir() if p.name.startswith(("gen-", ".building-"))] == [
        store.current_generation().name
    ]

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from assistant.settings import Settings
from tests.fakes import FakeEmbedder, FakeGenerator

ROOT = Path(__file__).resolve().parent.parent
ROLE_DOC = ROOT / "corpus" / "lead-engineer-in-ai.txt"


@pytest.fixture
def role_corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    shutil.copy(ROLE_DOC, d / ROLE_DOC.name)
    return d


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pool(tmp_path_factory):
    from assistant.app import AssistantPool
    from assistant.runtime import open_retriever

    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copy(ROLE_DOC, corpus / ROLE_DOC.name)
    s = Settings(corpus_dir=corpus, index_dir=tmp_path_factory.mktemp("idx"), backend="extractive")
    retriever = open_retriever(s, embedder=FakeEmbedder())

    def factory(settings):
        if settings.backend == "extractive":
            return None
        return FakeGenerator(default="Senior AI engineers earn $160,000 - $200,000 [2].")

    return AssistantPool(retriever, s, generator_factory=factory, backends=("extractive", "llamacpp"))


@pytest.fixture(scope="session")
def server(pool):
    from assistant.app import launch

    port = _free_port()
    app = launch(pool, port=port, block=False, concurrency=2, max_queue=16)
    yield f"http://127.0.0.1:{port}/"
    app.close()

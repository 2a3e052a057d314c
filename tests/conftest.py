from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.settings import Settings
from tests.fakes import FakeEmbedder, FakeGenerator
from tests.helpers import ROLE_DOC, free_port


@pytest.fixture
def role_corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    shutil.copy(ROLE_DOC, d / ROLE_DOC.name)
    return d


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def pool(tmp_path_factory):
    from assistant.build import open_retriever
    from assistant.interfaces.app import AssistantPool

    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copy(ROLE_DOC, corpus / ROLE_DOC.name)
    s = Settings(corpus_dir=corpus, index_dir=tmp_path_factory.mktemp("idx"), backend="extractive")
    retriever = open_retriever(s, embedder=FakeEmbedder())

    def factory(settings):
        if settings.backend == "extractive":
            from assistant.generation.extractive import ExtractiveRenderer

            return ExtractiveRenderer()
        return FakeGenerator(default="Senior AI engineers earn $160,000 - $200,000 [2].")

    return AssistantPool(retriever, s, generator_factory=factory, backends=("extractive", "llamacpp"))


@pytest.fixture(scope="session")
def server(pool):
    from assistant.interfaces.app import launch

    port = free_port()
    app = launch(pool, port=port, block=False, concurrency=2, max_queue=16)
    yield f"http://127.0.0.1:{port}/"
    app.close()

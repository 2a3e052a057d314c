from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.fakes import FakeEmbedder

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

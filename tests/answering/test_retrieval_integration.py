"""The real embedding model and a real index of corpus/: the expected passage ranks in the top 5."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.build import open_retriever
from assistant.evaluation.metrics import first_source_rank, load_cases, retrieval_scores
from assistant.settings import Settings
from assistant.understanding.conversation import rewrite

ROOT = Path(__file__).resolve().parents[2]
CASES = [c for c in load_cases(ROOT / "eval" / "questions.yaml") if c.sources and not c.refuse]

pytestmark = pytest.mark.integration


@pytest.fixture(scope="session")
def real_retriever(tmp_path_factory):
    idx = tmp_path_factory.mktemp("real-index")
    return open_retriever(Settings(corpus_dir=ROOT / "corpus", index_dir=idx))


@pytest.mark.parametrize("case", CASES, ids=[f"{c.n}-{c.category}" for c in CASES])
def test_expected_passage_in_top5(real_retriever, case):
    res = real_retriever.search(rewrite(case.question, list(case.history)), 5)
    rank = first_source_rank(case, res.hits)
    assert rank is not None, f"{case.question!r}: got {[h.chunk.section_path for h in res.hits]}"


def test_fused_beats_each_ranker_alone(real_retriever):
    scores = {}
    for mode in ("dense", "bm25", "hybrid"):
        ranks = [
            first_source_rank(
                c, real_retriever.search(rewrite(c.question, list(c.history)), 10, mode=mode).hits
            )
            for c in CASES
        ]
        scores[mode] = retrieval_scores(ranks)
    assert scores["hybrid"]["mrr"] >= max(scores["dense"]["mrr"], scores["bm25"]["mrr"])
    assert scores["hybrid"]["hit@5"] >= 0.95


def test_off_corpus_questions_score_below_the_relevance_floor(real_retriever):
    floor = Settings().min_relevance
    for q in ("What is the capital of France?", "How do I bake sourdough bread?"):
        assert real_retriever.search(q, 5).best_dense < floor
    assert real_retriever.search("What does a senior AI engineer earn?", 5).best_dense > floor

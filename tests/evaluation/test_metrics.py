from __future__ import annotations

import json
import re

import pytest

from assistant.errors import EvalFileError
from assistant.evaluation.metrics import (
    check_thresholds,
    load_cases,
    parse_cases,
    percentile,
    retrieval_scores,
    score_case,
    summarize,
)
from assistant.interfaces import cli
from assistant.types import Answer, Chunk, Citation, Hit
from tests.fakes import FakeEmbedder


def hit(text: str, rank: int, section=("Pay", "Levels")) -> Hit:
    return Hit(Chunk(f"c{rank}", "r.txt", "R", section, text, 1, 1), rank, 1.0 / rank)


def answer(text: str, cited: list[Hit], retrieved: list[Hit], *, refused=False, ms=10.0) -> Answer:
    return Answer(
        question="q",
        answer=text,
        refused=refused,
        citations=[Citation(i + 1, h) for i, h in enumerate(cited)],
        retrieved=retrieved,
        timings={"total_ms": ms},
    )


SENIOR = hit("- Senior: $160,000 - $200,000", 2)
OTHER = hit("- Lead: $180,000", 1)
CASES = parse_cases(
    [
        {
            "question": "Senior pay?",
            "category": "pay",
            "facts": ["160,000", "200,000"],
            "sources": ["Senior: \\$160"],
        },
        {"question": "Capital of France?", "refuse": True},
        {"question": "Lead pay?", "category": "pay", "facts": ["180,000"], "sources": ["Lead: \\$180"]},
    ]
)


def test_metrics_on_hand_worked_cases():
    results = [
        # source at rank 2, both facts, cited right, one invented number (999)
        score_case(
            CASES[0],
            answer("Senior earns $160,000 - $200,000 [1], or 999.", [SENIOR], [OTHER, SENIOR], ms=10),
        ),
        # refused correctly
        score_case(CASES[1], answer("not covered", [], [OTHER], refused=True, ms=30)),
        # source at rank 1, fact missing, cited the wrong passage
        score_case(CASES[2], answer("Senior earns $160,000 [1].", [SENIOR], [OTHER, SENIOR], ms=20)),
    ]
    s = summarize(results)
    assert s["hit@1"] == 0.5  # ranks 2 and 1
    assert s["hit@5"] == 1.0
    assert s["mrr"] == 0.75  # (1/2 + 1) / 2
    assert s["fact_recall"] == pytest.approx(2 / 3, abs=1e-4)  # 2 of 3 fact regexes found
    assert s["citation_hit"] == 0.5
    assert s["ungrounded_numbers"] == 1  # the 999
    assert s["refusal_accuracy"] == 1.0
    assert s["latency_p50_ms"] == 20 and s["latency_p95_ms"] == 30
    assert results[2].failures == ["missing fact '180,000'", "wrong source"]


def test_refusal_accuracy_counts_both_directions():
    wrong = [
        score_case(CASES[1], answer("Paris", [], [OTHER])),  # should have refused
        score_case(CASES[0], answer("sorry", [], [OTHER], refused=True)),  # refused wrongly
        score_case(CASES[2], answer("Lead: $180,000 [1]", [OTHER], [OTHER])),
    ]
    assert summarize(wrong)["refusal_accuracy"] == pytest.approx(1 / 3, abs=1e-4)
    assert wrong[0].failures == ["should have refused"]
    assert wrong[1].failures == ["refused wrongly"]


def test_retrieval_scores_and_percentile():
    assert retrieval_scores([None, None]) == {"hit@1": 0.0, "hit@5": 0.0, "mrr": 0.0}
    assert retrieval_scores([6]) == {"hit@1": 0.0, "hit@5": 0.0, "mrr": 0.1667}
    assert percentile([5, 1, 3, 2, 4], 50) == 3
    assert percentile([1, 2, 3, 4, 100], 95) == 100


def test_thresholds():
    summary = {"extractive": {"hit@5": 0.8, "mrr": 0.9}}
    assert check_thresholds(summary, {"mrr": 0.85}) == []
    assert check_thresholds(summary, {"hit@5": 0.9}) == ["extractive: hit@5 = 0.8 is below the minimum 0.9"]


@pytest.mark.parametrize(
    "content, message",
    [
        ("- question: ok\n  facts: [a]\n- category: pay\n", "case 2: 'question' is missing"),
        ("- question: q\n  facts: [a]\n  refuse: maybe\n", "case 1: 'refuse' must be true or false"),
        ("- question: q\n  facts: '[unclosed'\n", "case 1: 'facts' has an invalid regex"),
        ("- question: q\n  sources: {a: 1}\n", "case 1: 'sources' must be a list of strings"),
        ("- question: q\n  answer: x\n  facts: [a]\n", "case 1: unknown field(s) answer"),
        ("- question: q\n", "case 1: an answerable case needs 'facts' or 'sources'"),
        ("- question: q\n  facts: [a\n", "not valid YAML at line"),
        ("{}\n", "expected a non-empty YAML list"),
    ],
)
def test_malformed_files_name_the_case_and_field(tmp_path, content, message):
    f = tmp_path / "q.yaml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(EvalFileError, match=re.escape(message)):
        load_cases(f)


def test_eval_cli_exit_codes_and_outputs(monkeypatch, role_corpus, tmp_path, capsys):
    import assistant.build as build

    monkeypatch.setattr(build, "default_embedder", lambda s: FakeEmbedder())
    qs = tmp_path / "q.yaml"
    qs.write_text(
        "- question: How much does a senior AI engineer make?\n  category: pay\n"
        "  facts: ['160,000']\n  sources: ['Senior AI Engineer: \\$160,000']\n"
        "- question: What is the capital of France?\n  refuse: true\n",
        encoding="utf-8",
    )
    common = ["eval", str(qs), "--corpus", str(role_corpus), "--index", str(tmp_path / "i")]
    report = tmp_path / "out" / "report.md"
    assert cli.main(common + ["--report", str(report), "--min-refusal_accuracy", "0.5"]) == 0
    out = capsys.readouterr().out
    assert "refusal_accuracy" in out and "extractive" in out
    assert "| hit@5 |" in report.read_text()
    assert cli.main(common + ["--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"summary", "by_category", "cases"}
    assert set(data["summary"]["extractive"]) >= {
        "hit@1",
        "hit@5",
        "mrr",
        "fact_recall",
        "citation_hit",
        "ungrounded_numbers",
        "refusal_accuracy",
    }
    assert "pay" in data["by_category"]["extractive"]
    # an impossible minimum fails the run
    assert cli.main(common + ["--min-hit@5=1.01"]) == 1
    assert "below the minimum" in capsys.readouterr().err
    # a bad metric name is a clear error
    assert cli.main(common + ["--min-speed", "3"]) == 2
    assert "no such metric" in capsys.readouterr().err
    html = tmp_path / "r.html"
    assert cli.main(common + ["--report", str(html)]) == 0
    assert html.read_text().startswith("<!doctype html>")

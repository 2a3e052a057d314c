from __future__ import annotations

import json
import shutil

import pytest

from assistant.evaluation.cases import parse_cases
from assistant.evaluation.metrics import (
    METRICS,
    check_thresholds,
    file_report,
    percentile,
    retrieval_scores,
    run_cases,
    score_case,
    summarize,
)
from assistant.indexing.store import IndexStore
from assistant.interfaces import cli
from assistant.types import Answer, Chunk, Citation, Hit
from tests.fakes import FakeEmbedder
from tests.helpers import DATA


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
PHD = hit("- A PhD is often preferred and may be necessary for advanced positions.", 1, ("Education",))
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
        {
            "question": "Is a PhD required?",
            "category": "requirements",
            "facts": ["PhD"],
            "forbid": ["phd is required", "must have a phd"],
        },
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
    assert s["false_claims"] is None  # no case here has a forbid pattern: not measured, not 0
    assert s["latency_p50_ms"] == 20 and s["latency_p95_ms"] == 30
    assert results[2].failures == ["missing fact '180,000'", "wrong source"]
    assert set(s) == set(METRICS)


def test_false_claims_count_answered_cases_matching_a_forbid_pattern():
    claimed = score_case(CASES[3], answer("Yes, a PhD is required for this role [1].", [PHD], [PHD]))
    honest = score_case(CASES[3], answer("A PhD is often preferred [1].", [PHD], [PHD]))
    # a refusal claims nothing, even if its wording matched a pattern
    refused = score_case(CASES[3], answer("Not covered: is a PhD required?", [], [PHD], refused=True))
    assert claimed.false_claims == ["phd is required"]
    assert claimed.failures == ["false claim 'phd is required'"]
    assert honest.false_claims == [] and honest.failures == []
    assert refused.false_claims == []
    assert summarize([claimed, honest, refused])["false_claims"] == 1
    assert summarize([honest])["false_claims"] == 0
    assert claimed.to_dict()["false_claims"] == ["phd is required"]


def test_refusal_accuracy_counts_both_directions():
    wrong = [
        score_case(CASES[1], answer("Paris", [], [OTHER])),  # should have refused
        score_case(CASES[0], answer("sorry", [], [OTHER], refused=True)),  # refused wrongly
        score_case(CASES[2], answer("Lead: $180,000 [1]", [OTHER], [OTHER])),
    ]
    assert summarize(wrong)["refusal_accuracy"] == pytest.approx(1 / 3, abs=1e-4)
    assert wrong[0].failures == ["should have refused"]
    assert wrong[1].failures == ["refused wrongly"]


def test_retrieval_scores():
    assert retrieval_scores([None, None]) == {"hit@1": 0.0, "hit@5": 0.0, "mrr": 0.0}
    assert retrieval_scores([6]) == {"hit@1": 0.0, "hit@5": 0.0, "mrr": 0.1667}


def test_percentile_is_nearest_rank():
    assert percentile([5, 1, 3, 2, 4], 50) == 3
    assert percentile([1, 2, 3, 4, 100], 95) == 100  # no interpolation towards 4
    assert percentile([10.0, 30.0, 20.0], 95) == 30
    assert percentile([], 50) == 0.0
    # q% of n a whole number: the value at that rank (the hand-written version took the next one)
    assert percentile(list(range(1, 67)), 50) == 33
    assert percentile(list(range(1, 21)), 95) == 19


def test_thresholds_below_a_minimum_above_a_maximum_or_not_measured():
    summary = {"extractive": {"hit@5": 0.8, "mrr": 0.9, "false_claims": 2, "ungrounded_numbers": 0}}
    assert check_thresholds(summary, {"mrr": 0.85}, maximums={"ungrounded_numbers": 0}) == []
    assert check_thresholds(summary, {"hit@5": 0.9}) == ["extractive: hit@5 = 0.8 is below the minimum 0.9"]
    assert check_thresholds(summary, {}, maximums={"false_claims": 0}) == [
        "extractive: false_claims = 2 is above the maximum 0"
    ]
    assert check_thresholds({"extractive": {"false_claims": None}}, {}, maximums={"false_claims": 0}) == [
        "extractive: false_claims was not measured (no case in the set checks it)"
    ]


class ScriptedAssistant:
    """Stands in for answering.Assistant: records what run_cases asks, answers from a script."""

    backend = "scripted"

    def __init__(self, answers: dict[str, Answer]) -> None:
        self.answers = answers
        self.asked: list[tuple[str, list[str], int | None]] = []

    def ask(self, question: str, history: list[str], *, k: int | None = None) -> Answer:
        self.asked.append((question, history, k))
        return self.answers[question]


def test_run_cases_replays_history_and_file_report_groups_by_backend():
    follow_up = parse_cases([{"question": "And senior?", "facts": ["160,000"], "history": ["Lead pay?"]}])
    bot = ScriptedAssistant({"And senior?": answer("Senior: $160,000 - $200,000 [1]", [SENIOR], [SENIOR])})
    results = run_cases(bot, follow_up, k=3)
    assert bot.asked == [("And senior?", ["Lead pay?"], 3)]
    report = file_report({"scripted": results}, file="eval/x.yaml", corpus="corpus")
    assert report["file"] == "eval/x.yaml" and report["cases_count"] == 1
    assert report["summary"]["scripted"]["fact_recall"] == 1.0
    assert list(report["by_category"]["scripted"]) == ["general"]
    assert report["cases"]["scripted"][0]["answer"].startswith("Senior")


# ---- the `assistant eval` command, with the fake embedder -------------------------------------

PAY_AND_REFUSAL = (
    "- question: How much does a senior AI engineer make?\n  category: pay\n"
    "  facts: ['160,000']\n  sources: ['Senior AI Engineer: \\$160,000']\n"
    "- question: What is the capital of France?\n  refuse: true\n"
)


@pytest.fixture
def fake_models(monkeypatch):
    import assistant.build as build

    monkeypatch.setattr(build, "default_embedder", lambda s: FakeEmbedder())


def test_eval_cli_exit_codes_and_outputs(fake_models, role_corpus, tmp_path, capsys):
    qs = tmp_path / "q.yaml"
    qs.write_text(PAY_AND_REFUSAL, encoding="utf-8")
    common = ["eval", str(qs), "--corpus", str(role_corpus), "--index", str(tmp_path / "i")]
    report = tmp_path / "out" / "report.md"
    assert cli.main(common + ["--report", str(report), "--min", "refusal_accuracy", "0.5"]) == 0
    out = capsys.readouterr().out
    assert "2 cases from" in out and "refusal_accuracy" in out and "extractive" in out
    assert "| hit@5 |" in report.read_text()
    assert cli.main(common + ["--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"files", "failed_thresholds"} and data["failed_thresholds"] == []
    (only,) = data["files"]
    assert only["file"] == str(qs) and only["corpus"] == str(role_corpus)
    assert set(only["summary"]["extractive"]) == set(METRICS)
    assert "pay" in only["by_category"]["extractive"]
    # impossible thresholds fail the run, each named
    code = cli.main(common + ["--min", "hit@5", "1.01", "--max", "latency_p95_ms", "0"])
    assert code == 1
    err = capsys.readouterr().err
    assert "FAIL " + str(qs) + ": extractive: hit@5 = 1.0 is below the minimum 1.01" in err
    assert "latency_p95_ms" in err and "above the maximum 0" in err
    # the spelling before --min METRIC VALUE still works
    assert cli.main(common + ["--min-hit@5=1.01"]) == 1
    assert cli.main(common + ["--min-hit@5", "0.5"]) == 0
    html = tmp_path / "r.html"
    assert cli.main(common + ["--report", str(html)]) == 0
    assert html.read_text().startswith("<!doctype html>")


@pytest.mark.parametrize(
    "option, message",
    [
        (["--min", "speed", "3"], "--min speed: no such metric; use one of hit@1, hit@5, mrr"),
        (["--min", "hit@5", "high"], "--min hit@5 needs a number, got 'high'"),
        (["--min", "mrr", "nan"], "--min mrr needs a number, got 'nan'"),
        (["--min", "false_claims", "0"], "lower is better for false_claims; use --max false_claims VALUE"),
        (["--max", "mrr", "0.5"], "higher is better for mrr; use --min mrr VALUE"),
        (["--backend", "gpt9"], "unknown backend 'gpt9'"),
        (["--report", "r.pdf"], "--report must end in .md or .html"),
    ],
)
def test_eval_cli_rejects_bad_options_in_one_line(tmp_path, capsys, option, message):
    qs = tmp_path / "q.yaml"
    qs.write_text(PAY_AND_REFUSAL, encoding="utf-8")
    # fails before any index or model is touched
    assert cli.main(["eval", str(qs), "--index", str(tmp_path / "i"), *option]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and err.count("\n") == 1
    assert not (tmp_path / "i").exists()


def test_eval_cli_several_files_with_their_own_corpus(
    fake_models, role_corpus, tmp_path, capsys, monkeypatch
):
    other = tmp_path / "sets" / "other-corpus"
    other.mkdir(parents=True)
    shutil.copy(DATA / "data-scientist.md", other / "data-scientist.md")
    own = tmp_path / "sets" / "scientists.yaml"
    own.write_text(
        "corpus: other-corpus\ncases:\n  - question: What does a data scientist do?\n    sources: ['.']\n",
        encoding="utf-8",
    )
    plain = tmp_path / "plain.yaml"
    plain.write_text(PAY_AND_REFUSAL, encoding="utf-8")
    monkeypatch.setenv("ROLE_ASSISTANT_CORPUS_DIR", str(role_corpus))
    index = tmp_path / "index"
    report = tmp_path / "both.md"
    args = ["eval", str(plain), str(own), "--index", str(index), "--report", str(report), "--json"]
    assert cli.main(args) == 0
    files = json.loads(capsys.readouterr().out)["files"]
    assert [f["file"] for f in files] == [str(plain), str(own)]
    assert [f["cases_count"] for f in files] == [2, 1]
    assert files[1]["corpus"] == str(other.resolve())
    # the header's corpus got an index of its own; the main index still holds only the main corpus
    assert set(IndexStore(index).read_manifest()["files"]) == {"lead-engineer-in-ai.txt"}
    (own_index,) = [p for p in index.glob("eval-*") if IndexStore(p).exists()]
    assert set(IndexStore(own_index).read_manifest()["files"]) == {"data-scientist.md"}
    text = report.read_text()
    assert text.startswith("# Evaluation of 2 question sets")
    sections = [line for line in text.splitlines() if line.startswith("## ")]
    assert [line.rsplit("/", 1)[-1] for line in sections] == ["plain.yaml", "scientists.yaml"]
    # --corpus wins over the header, so a header pointing nowhere does not matter then
    own.write_text("corpus: nowhere\ncases:\n  - question: q?\n    sources: ['.']\n", encoding="utf-8")
    assert cli.main(["eval", str(own), "--corpus", str(role_corpus), "--index", str(index)]) == 0
    capsys.readouterr()
    assert cli.main(["eval", str(own), "--index", str(index)]) == 2
    assert "scientists.yaml: corpus " in capsys.readouterr().err


def test_eval_cli_checks_every_file_before_loading_anything(tmp_path, capsys):
    good = tmp_path / "good.yaml"
    good.write_text(PAY_AND_REFUSAL, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- question: q\n  facts: {a: 1}\n", encoding="utf-8")
    assert cli.main(["eval", str(good), str(bad), "--index", str(tmp_path / "i")]) == 2
    assert "bad.yaml: case 1: 'facts': must be a list of strings" in capsys.readouterr().err
    assert not (tmp_path / "i").exists()


def test_eval_reads_the_corpus_before_timing_the_first_question(
    fake_models, role_corpus, tmp_path, capsys, monkeypatch
):
    """Reading the whole corpus (places, role names) is start-up, as in the chat: reported once per
    corpus, never inside the first question's latency."""
    import time

    from assistant.answering.assistant import Assistant

    qs = tmp_path / "q.yaml"
    qs.write_text(PAY_AND_REFUSAL, encoding="utf-8")
    read = Assistant.prepare

    def slow_prepare(self):
        time.sleep(0.5)
        read(self)

    monkeypatch.setattr(Assistant, "prepare", slow_prepare)
    args = ["eval", str(qs), str(qs), "--corpus", str(role_corpus), "--index", str(tmp_path / "i")]
    assert cli.main(args + ["--json"]) == 0
    first, second = json.loads(capsys.readouterr().out)["files"]
    assert first["corpus_read_s"] >= 0.5 and second["corpus_read_s"] == 0
    assert max(c["latency_ms"] for c in first["cases"]["extractive"]) < 500

"""CI's quality gate: the extractive backend on the project's question sets with the real model and index."""

from __future__ import annotations

import json

import pytest

from assistant.evaluation.cases import load_question_set
from assistant.indexing.store import IndexStore
from assistant.interfaces import cli
from tests.helpers import ROOT

pytestmark = pytest.mark.integration

# a little under what was measured (questions.yaml: hit@5 1.000, mrr 0.961, fact_recall 1.000,
# citation_hit 0.982, refusal_accuracy 1.000; roles.yaml: hit@1 1.000, fact_recall 0.993,
# citation_hit 1.000, refusal_accuracy 1.000): a slide in quality fails CI
MINIMUMS = {"hit@5": 0.95, "mrr": 0.9, "fact_recall": 0.97, "citation_hit": 0.96, "refusal_accuracy": 0.95}
MAXIMUMS = {"ungrounded_numbers": 0}
ROLES_MINIMUMS = {"hit@1": 0.95, "fact_recall": 0.97, "citation_hit": 0.97, "refusal_accuracy": 0.97}
ROLES_MAXIMUMS = {"ungrounded_numbers": 0, "false_claims": 0}
ROLES = ROOT / "eval" / "roles.yaml"


def test_extractive_eval_meets_the_quality_gate(tmp_path, capsys):
    args = [
        "eval",
        str(ROOT / "eval" / "questions.yaml"),
        "--backend",
        "extractive",
        "--json",
        "--corpus",
        str(ROOT / "corpus"),
        "--index",
        str(tmp_path / "index"),
    ]
    for name, value in MINIMUMS.items():
        args += ["--min", name, str(value)]
    for name, value in MAXIMUMS.items():
        args += ["--max", name, str(value)]
    code = cli.main(args)
    summary = json.loads(capsys.readouterr().out)["files"][0]["summary"]["extractive"]
    assert code == 0, summary
    assert summary["ungrounded_numbers"] == 0


@pytest.mark.skipif(not ROLES.is_file(), reason="eval/roles.yaml is being written")
def test_extractive_eval_meets_the_quality_gate_on_the_many_role_set(tmp_path, capsys):
    index = tmp_path / "index"
    report = tmp_path / "roles.md"
    args = ["eval", str(ROLES), "--backend", "extractive", "--json", "--index", str(index)]
    for name, value in ROLES_MINIMUMS.items():
        args += ["--min", name, str(value)]
    for name, value in ROLES_MAXIMUMS.items():
        args += ["--max", name, str(value)]
    code = cli.main([*args, "--report", str(report)])
    (result,) = json.loads(capsys.readouterr().out)["files"]
    question_set = load_question_set(ROLES)
    assert code == 0, result["summary"]
    assert result["corpus"] == str(question_set.corpus)
    assert result["cases_count"] == len(question_set.cases) == len(result["cases"]["extractive"])
    assert all(c["answer"].strip() for c in result["cases"]["extractive"])
    summary = result["summary"]["extractive"]
    print(json.dumps(summary))  # the numbers the lead sets thresholds from
    assert summary["refusal_accuracy"] is not None and summary["fact_recall"] is not None
    # the set's own corpus is indexed apart from the main index
    assert not IndexStore(index).exists()
    assert any(IndexStore(p).exists() for p in index.glob("eval-roles-*"))
    assert "| fact_recall |" in report.read_text(encoding="utf-8")

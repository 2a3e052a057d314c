from __future__ import annotations

import re

import pytest

from assistant.errors import EvalFileError
from assistant.evaluation.cases import Case, load_cases, load_question_set, parse_cases
from tests.helpers import ROOT


def write(tmp_path, text: str, name: str = "q.yaml"):
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return f


def test_a_list_of_cases_loads_with_numbers_defaults_and_compiled_regexes(tmp_path):
    f = write(
        tmp_path,
        "- question: '  Senior pay?  '\n  facts: ['160,000', 2024]\n  sources: 'Senior: \\$160'\n"
        "- question: Capital of France?\n  refuse: true\n"
        "- question: Is a PhD required?\n  forbid: ['PhD is required']\n"
        "  history: ['What does a lead do?']\n",
    )
    qs = load_question_set(f)
    assert qs.path == f and qs.corpus is None
    first, second, third = qs.cases
    assert [c.n for c in qs.cases] == [1, 2, 3]
    assert first.question == "Senior pay?" and first.category == "general"
    assert first.facts == ("160,000", "2024")  # a YAML number is meant as text
    assert first.sources == ("Senior: \\$160",)  # one string is a list of one
    assert first.source_matches("Pay", "- senior: $160,000")  # case-insensitive
    assert first.facts_found("They earn 160,000 a year.") == [True, False]
    assert second.refuse and second.facts == ()
    assert third.history == ("What does a lead do?",)
    assert load_cases(f) == qs.cases


def test_forbid_patterns_report_which_false_claims_an_answer_makes():
    case = Case(question="Is a PhD required?", forbid=["phd is (required|a must)", "never"])
    assert case.forbidden_found("Yes, a PhD is required for this role [1].") == ["phd is (required|a must)"]
    assert case.forbidden_found("A PhD is often preferred [1].") == []


def test_the_mapping_form_resolves_its_corpus_against_the_file_not_the_working_directory(
    tmp_path, monkeypatch
):
    sub = tmp_path / "eval"
    sub.mkdir()
    f = write(sub, "corpus: ../tests/data/roles\ncases:\n  - question: q\n    facts: [a]\n", "roles.yaml")
    monkeypatch.chdir(ROOT)
    qs = load_question_set(f)
    assert qs.corpus == (tmp_path / "tests" / "data" / "roles").resolve()
    assert [c.question for c in qs.cases] == ["q"]


@pytest.mark.parametrize(
    "content, message",
    [
        ("- question: ok\n  facts: [a]\n- category: pay\n", "q.yaml: case 2: 'question' is missing"),
        ("- question: q\n  facts: [a]\n  refuse: maybe\n", "q.yaml: case 1: 'refuse': must be true or false"),
        ("- question: q\n  facts: [a]\n  refuse: 0\n", "case 1: 'refuse': must be true or false"),
        ("- question: q\n  facts: '[unclosed'\n", "q.yaml: case 1: 'facts': invalid regex '[unclosed'"),
        ("- question: q\n  forbid: ['(a']\n", "case 1: 'forbid': invalid regex '(a'"),
        ("- question: q\n  sources: {a: 1}\n", "q.yaml: case 1: 'sources': must be a list of strings"),
        ("- question: q\n  facts: [a]\n- question: r\n  facts: [[x]]\n", "case 2: 'facts': must be a list"),
        ("- question: q\n  history: [true]\n  facts: [a]\n", "case 1: 'history': must be a list of strings"),
        ("- question: '  '\n  facts: [a]\n", "case 1: 'question': must be a non-empty string"),
        ("- question: q\n  category: ''\n  facts: [a]\n", "case 1: 'category': must be a non-empty string"),
        ("- question: q\n  answer: x\n  facts: [a]\n", "q.yaml: case 1: unknown field 'answer'"),
        ("- question: q\n", "case 1: an answerable case needs 'facts', 'sources' or 'forbid'"),
        ("- just a string\n", "case 1: expected a mapping with a 'question', got str"),
        ("- question: q\n  facts: [a\n", "not valid YAML at line"),
        ("{}\n", "'cases' is missing"),
        ("[]\n", "expected a non-empty YAML list of cases"),
        ("cases: []\n", "expected a non-empty YAML list of cases"),
        ("corpus: x\ncase: []\n", "q.yaml: unknown field 'case'"),
        ("corpus: [x]\ncases: [{question: q, facts: [a]}]\n", "'corpus' must be a folder path"),
        ("corpus: x\ncases:\n  - question: q\n    fact: [a]\n", "q.yaml: case 1: unknown field 'fact'"),
    ],
)
def test_a_malformed_file_is_one_line_naming_the_file_case_and_field(tmp_path, content, message):
    f = write(tmp_path, content)
    with pytest.raises(EvalFileError, match=re.escape(message)) as err:
        load_question_set(f)
    assert "\n" not in str(err.value)


def test_every_problem_of_a_case_is_on_its_one_line():
    with pytest.raises(EvalFileError) as err:
        parse_cases([{"question": "q", "facts": 3.5j, "refuse": "yes", "extra": 1}], origin="x.yaml")
    msg = str(err.value)
    assert msg.startswith("x.yaml: case 1: ")
    for part in ("unknown field 'extra'", "'facts': must be a list of strings", "'refuse': must be true"):
        assert part in msg


def test_a_missing_or_undecodable_file_is_a_readable_error(tmp_path):
    with pytest.raises(EvalFileError, match="does not exist"):
        load_question_set(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"- question: \xff\xfe\n")
    with pytest.raises(EvalFileError, match="unreadable"):
        load_question_set(bad)


def test_the_projects_question_set_loads():
    cases = load_cases(ROOT / "eval" / "questions.yaml")
    assert len(cases) >= 60 and all(c.n == i for i, c in enumerate(cases, start=1))

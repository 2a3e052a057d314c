from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from assistant.interfaces import cli
from tests.fakes import FakeEmbedder
from tests.helpers import ROOT


@pytest.fixture
def fake_runtime(monkeypatch):
    """Route the CLI's embedder to the fake one so these tests stay fast."""
    import assistant.build as build

    monkeypatch.setattr(build, "default_embedder", lambda settings: FakeEmbedder())


def test_help_is_fast_and_does_not_import_heavy_modules():
    t0 = time.perf_counter()
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, assistant.interfaces.cli as c\n"
            "try:\n    c.main(['--help'])\nexcept SystemExit:\n    pass\n"
            "mods = ('sentence_transformers', 'torch', 'faiss', 'gradio', 'llama_cpp')\n"
            "heavy = [m for m in mods if m in sys.modules]\n"
            "print('HEAVY', heavy)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "HEAVY []" in out.stdout
    assert "ingest" in out.stdout and "search" in out.stdout
    assert time.perf_counter() - t0 < 10


_HEAVY_AFTER = """
import sys
from assistant.interfaces import app, cli
app.launch = lambda *a, **k: None  # build the server as `assistant serve` does, without serving
code = cli.main(sys.argv[1:])
mods = ('torch', 'sentence_transformers', 'transformers', 'gradio', 'scipy', 'langchain_community')
print('EXIT', code, 'HEAVY', [m for m in mods if m in sys.modules])
"""


@pytest.mark.integration
def test_query_commands_do_not_import_pytorch(role_corpus, tmp_path):
    """With the ONNX export beside the index, search/ask/serve embed questions without PyTorch;
    ask and search do not load Gradio either (serve does, in launch(), stubbed here)."""
    idx = tmp_path / "index"
    paths = ["--corpus", str(role_corpus), "--index", str(idx)]
    assert cli.main(["ingest", *paths]) == 0
    assert (idx / "onnx" / "export.json").is_file()
    runs = {
        "search": (["search", "Seattle pay", "--k", "1", *paths], "HEAVY []"),
        "ask": (["ask", "Is a PhD required?", "--backend", "extractive", *paths], "HEAVY []"),
        "serve": (["serve", "--backend", "extractive", *paths], "HEAVY []"),  # Gradio comes with launch
    }
    for name, (argv, expected) in runs.items():
        out = subprocess.run(
            [sys.executable, "-c", _HEAVY_AFTER, *argv], capture_output=True, text=True, timeout=300
        )
        assert f"EXIT 0 {expected}" in out.stdout, (name, out.stdout[-500:], out.stderr[-500:])
        assert "sentence-transformers" not in out.stderr  # no fallback notice: the export was used


def test_ingest_then_search_json(fake_runtime, role_corpus, tmp_path, capsys):
    idx = tmp_path / "index"
    assert cli.main(["ingest", "--corpus", str(role_corpus), "--index", str(idx)]) == 0
    out = capsys.readouterr().out
    assert "1 files" in out and "chunks" in out and " s" in out
    assert (
        cli.main(
            [
                "search",
                "Seattle national average",
                "--corpus",
                str(role_corpus),
                "--index",
                str(idx),
                "--k",
                "3",
                "--json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["question"] == "Seattle national average"
    assert len(data["hits"]) == 3
    assert set(data["hits"][0]) >= {"rank", "score", "source", "section", "text", "chunk_id"}
    assert any("Seattle" in h["text"] for h in data["hits"])


def test_search_text_output_shows_source_and_section(fake_runtime, role_corpus, tmp_path, capsys):
    assert (
        cli.main(
            [
                "search",
                "Senior AI Engineer salary",
                "--corpus",
                str(role_corpus),
                "--index",
                str(tmp_path / "i"),
                "--k",
                "2",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "[1] lead-engineer-in-ai.txt:" in out and " > " in out


def test_errors_are_one_line_without_traceback(fake_runtime, tmp_path, capsys):
    assert cli.main(["ingest", "--corpus", str(tmp_path / "nope"), "--index", str(tmp_path / "i")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: corpus folder") and "Traceback" not in err


def test_bad_k_is_rejected_by_the_parser(capsys):
    with pytest.raises(SystemExit):
        cli.main(["search", "pay", "--k", "0"])
    assert "must be greater than 0" in capsys.readouterr().err


def test_unwritable_output_is_one_line(fake_runtime, role_corpus, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = cli.main(
        [
            "report",
            "--level",
            "senior",
            "--out",
            str(blocker / "sub" / "r.md"),
            "--corpus",
            str(role_corpus),
            "--index",
            str(tmp_path / "i"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("error: Not a directory")


def test_roles_lists_the_catalog_and_ask_can_be_scoped_to_one(fake_runtime, tmp_path, capsys):
    from tests.helpers import DATA

    paths = ["--corpus", str(DATA / "roles"), "--index", str(tmp_path / "idx")]
    assert cli.main(["roles", "--json", *paths]) == 0
    roles = {r["role"]: r for r in json.loads(capsys.readouterr().out)}
    assert len(roles) >= 25
    assert set(roles["Registered Nurse"]["documents"]) == {
        "registered-nurse.md",
        "registered-nurse-salary-guide.txt",
    }
    assert roles["Registered Nurse"]["passages"] > 0
    question = [
        "ask",
        "What do they earn in Seattle?",
        "--role",
        "Registered Nurse",
        "--backend",
        "extractive",
    ]
    assert cli.main([*question, "--json", *paths]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["analysis"]["roles"] == ["Registered Nurse"] and answer["analysis"]["place"] == "Seattle"
    assert all("registered-nurse" in c["source"] for c in answer["citations"])
    assert cli.main(["ask", "pay?", "--role", "Astronaut", "--backend", "extractive", *paths]) == 2
    assert "no role named 'Astronaut'" in capsys.readouterr().err


def test_an_index_keeps_answering_from_its_own_corpus(fake_runtime, tmp_path, monkeypatch, capsys):
    """`ingest --corpus mine --index mine`, then `search --index mine` without --corpus: the index's
    own corpus, not ./corpus (which would replace every passage of it)."""
    monkeypatch.chdir(ROOT)  # where ./corpus holds the seed document
    monkeypatch.delenv("ROLE_ASSISTANT_CORPUS_DIR", raising=False)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "plumber.md").write_text("# Plumber\n\n## Pay\n- Median pay: $62,970 a year\n", encoding="utf-8")
    idx = tmp_path / "index"
    assert cli.main(["ingest", "--corpus", str(mine), "--index", str(idx)]) == 0
    capsys.readouterr()
    assert cli.main(["search", "plumber pay", "--index", str(idx), "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert hits and {h["source"] for h in hits} == {"plumber.md"}
    # an explicit --corpus still rebuilds the index from that corpus
    assert cli.main(["search", "AI lead pay", "--corpus", "corpus", "--index", str(idx), "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert {h["source"] for h in hits} == {"lead-engineer-in-ai.txt"}


def test_without_index_the_default_corpus_and_index_stay_together(
    fake_runtime, tmp_path, monkeypatch, capsys
):
    """After `ask --corpus other` on the default index, a plain `ingest` indexes ./corpus again."""
    from assistant.interfaces.cli_common import _settings

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ROLE_ASSISTANT_CORPUS_DIR", raising=False)
    monkeypatch.delenv("ROLE_ASSISTANT_INDEX_DIR", raising=False)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.md").write_text("# Nurse\n\n## Pay\n- Median: $90,000\n", encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "b.md").write_text("# Plumber\n\n## Pay\n- Median: $62,970\n", encoding="utf-8")
    assert cli.main(["ingest", "--corpus", str(other)]) == 0
    assert _settings(cli.build_parser().parse_args(["ingest"])).corpus_dir.name == "corpus"
    # with --index, the index's own corpus
    assert _settings(cli.build_parser().parse_args(["ingest", "--index", "index"])).corpus_dir == other

"""Hostile settings, questions and terminals: one readable line, never a traceback."""

from __future__ import annotations

import dataclasses
import io
import os
import sys

import pytest

from assistant.errors import InvalidInputError
from assistant.interfaces import cli
from assistant.settings import Settings
from tests.fakes import FakeEmbedder


class StrictEmbedder(FakeEmbedder):
    """Like the real model's tokenizer, refuses text that is not valid Unicode (lone surrogates)."""

    def embed(self, texts, *, progress=False):
        for t in texts:
            t.encode("utf-8")
        return super().embed(texts, progress=progress)


@pytest.fixture
def fake_runtime(monkeypatch):
    import assistant.build as build

    monkeypatch.setattr(build, "default_embedder", lambda settings: StrictEmbedder())


@pytest.mark.parametrize(
    "name, raw",
    [
        ("REQUEST_TIMEOUT", "-5"),
        ("REQUEST_TIMEOUT", "nan"),
        ("REQUEST_TIMEOUT", "inf"),
        ("REQUEST_TIMEOUT", "1e300"),
        ("MIN_RELEVANCE", "-0.5"),
        ("MIN_RELEVANCE", "7"),
        ("MIN_RELEVANCE", "NaN"),
        ("K", "-3"),
        ("K", "100000000"),
        ("RRF_K", "0"),
        ("MAX_QUESTION_CHARS", "-1"),
        ("CANDIDATES", "abc"),
    ],
)
def test_bad_settings_from_the_environment_name_the_field(name, raw):
    with pytest.raises(InvalidInputError, match=name.lower() + "|ROLE_ASSISTANT_" + name) as info:
        Settings.from_env({f"ROLE_ASSISTANT_{name}": raw})
    assert "\n" not in str(info.value)


def test_settings_stay_a_frozen_dataclass_with_the_same_api():
    s = Settings(request_timeout=5, min_relevance=0)
    assert s.request_timeout == 5 and s.with_(k=3).k == 3 and s.with_(k=None).k == s.k
    with pytest.raises(InvalidInputError, match="request_timeout"):
        s.with_(request_timeout=float("nan"))
    with pytest.raises(InvalidInputError, match="k must"):
        Settings(k=2.5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.k = 4  # type: ignore[misc]


def test_cli_reports_a_bad_environment_setting_in_one_line(monkeypatch, capsys):
    monkeypatch.setenv("ROLE_ASSISTANT_REQUEST_TIMEOUT", "-5")
    assert cli.main(["search", "pay"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "request_timeout" in err and err.count("\n") == 1


def _corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "role.txt").write_text(
        "Pay\nIntro.\nLevels\n- Senior: $160,000 \U0001f680 rocket pay\n", encoding="utf-8"
    )
    return corpus


def test_question_with_invalid_utf8_is_sanitized(fake_runtime, tmp_path, capsys):
    corpus = _corpus(tmp_path)
    # what Python puts in sys.argv for the bytes b"pay \xff" (surrogateescape)
    question = os.fsdecode(b"rocket pay \xff\xfe")
    common = ["--corpus", str(corpus), "--index", str(tmp_path / "index")]
    assert cli.main(["search", question, *common]) == 0
    assert "Senior: $160,000" in capsys.readouterr().out
    assert cli.main(["ask", question, "--backend", "extractive", *common]) in (0, 2)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "TypeError" not in captured.err


def test_interactive_search_with_invalid_utf8_input(fake_runtime, tmp_path, monkeypatch, capsys):
    corpus = _corpus(tmp_path)
    lines = iter([os.fsdecode(b"rocket pay \xff"), ""])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(lines))
    assert cli.main(["search", "--corpus", str(corpus), "--index", str(tmp_path / "index")]) == 0
    captured = capsys.readouterr()
    assert "Senior: $160,000" in captured.out and "error" not in captured.err


def test_ascii_terminal_gets_replacement_characters_not_a_traceback(fake_runtime, tmp_path, monkeypatch):
    corpus = _corpus(tmp_path)
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii", errors="strict", write_through=True)
    monkeypatch.setattr(sys, "stdout", out)
    code = cli.main(["search", "rocket pay", "--corpus", str(corpus), "--index", str(tmp_path / "index")])
    out.flush()
    assert code == 0
    assert b"Senior: $160,000 ? rocket pay" in raw.getvalue()


def test_index_pointing_at_a_file_says_so(fake_runtime, tmp_path, capsys):
    corpus = _corpus(tmp_path)
    not_a_folder = tmp_path / "index.txt"
    not_a_folder.write_text("x")
    for argv in (["ingest"], ["search", "pay"]):
        assert cli.main([*argv, "--corpus", str(corpus), "--index", str(not_a_folder)]) == 2
        err = capsys.readouterr().err
        assert "is a file" in err and "File exists" not in err and err.count("\n") == 1


@pytest.mark.parametrize("command", [["ingest"], ["search", "rocket pay"], ["facts"]])
def test_binary_current_file_does_not_stop_any_command(fake_runtime, tmp_path, capsys, command):
    corpus = _corpus(tmp_path)
    index = tmp_path / "index"
    common = ["--corpus", str(corpus), "--index", str(index)]
    assert cli.main(["ingest", *common]) == 0
    (index / "CURRENT").write_bytes(b"\xff\xfe\x00\x81garbage\x00")
    assert cli.main([*command, *common]) == 0, capsys.readouterr().err
    assert cli.main(["search", "rocket pay", *common]) == 0
    assert "Senior: $160,000" in capsys.readouterr().out


@pytest.mark.integration
def test_real_model_with_invalid_utf8_argv_on_an_ascii_terminal(tmp_path):
    import subprocess

    from tests.helpers import ROOT

    corpus = _corpus(tmp_path)
    argv = [sys.executable, "-m", "assistant.interfaces.cli", "search", b"rocket pay \xff\xfe"]
    out = subprocess.run(
        [*argv, "--corpus", str(corpus), "--index", str(tmp_path / "index"), "--k", "1"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        cwd=ROOT,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr.decode(errors="replace")[-2000:]
    assert b"Senior: $160,000 ? rocket pay" in out.stdout  # the emoji, on a terminal that cannot show it
    assert b"Traceback" not in out.stderr

"""Warming the language model at start: the prompt's fixed part is evaluated before any question."""

from __future__ import annotations

import os
import threading

import pytest

from assistant.generation.llamacpp import LlamaCppGenerator
from assistant.generation.prompts import chat_messages, fewshot_prompt, load_prompt
from tests.fakes import FakeGenerator


class _Client:
    """Stands in for llama_cpp.Llama: records the completions it was asked for."""

    def __init__(self, lock: threading.Lock) -> None:
        self.lock = lock
        self.calls: list[tuple[str, object, int]] = []

    def create_completion(self, prompt, *, max_tokens, temperature):
        assert self.lock.locked(), "warm-up must hold the model's lock: a question could decode at once"
        self.calls.append(("completion", prompt, max_tokens))

    def create_chat_completion(self, *, messages, max_tokens, temperature):
        self.calls.append(("chat", messages, max_tokens))


def _generator(*, chat: bool) -> tuple[LlamaCppGenerator, _Client]:
    gen = LlamaCppGenerator(model_path="unused.gguf", chat=chat)
    client = _Client(gen._lock)
    gen._llm = type("LangchainLlamaCpp", (), {"client": client})()
    return gen, client


def test_warm_evaluates_the_fewshot_prefix_real_prompts_start_with():
    gen, client = _generator(chat=False)
    gen.warm()
    [(kind, prompt, max_tokens)] = client.calls
    assert kind == "completion" and max_tokens == 1
    real = fewshot_prompt("What does a senior earn?", ["Pay > Levels: - Senior: $1 - $2"])
    # the preamble and every example are shared, so llama.cpp reuses them for the first question
    shared = os.path.commonprefix([prompt, real])
    assert all(ex["question"] in shared for ex in load_prompt("fewshot")["examples"])
    assert len(shared) > 0.8 * len(prompt)
    assert not gen._lock.locked()


def test_warm_uses_the_chat_template_for_chat_models():
    gen, client = _generator(chat=True)
    gen.warm()
    [(kind, messages, max_tokens)] = client.calls
    system = chat_messages("q", ["p"])[0][1]
    assert kind == "chat" and max_tokens == 1 and messages[0] == {"role": "system", "content": system}


def test_pool_warm_up_loads_the_embedder_and_warms_the_default_backend(fake_embedder, tmp_path):
    from assistant.build import AssistantPool, open_retriever
    from assistant.settings import Settings
    from tests.helpers import ROLE_DOC

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / ROLE_DOC.name).write_text(ROLE_DOC.read_text(encoding="utf-8"), encoding="utf-8")
    s = Settings(corpus_dir=corpus, index_dir=tmp_path / "idx", backend="llamacpp")
    warmed = []

    class Warmable(FakeGenerator):
        def warm(self) -> None:
            warmed.append(self.name)

    pool = AssistantPool(
        open_retriever(s, embedder=fake_embedder),
        s,
        generator_factory=lambda settings: Warmable(),
        backends=("llamacpp", "extractive"),
    )
    calls_before = len(fake_embedder.calls)
    pool.warm_up()
    assert warmed == ["fake"] and len(fake_embedder.calls) == calls_before + 1


@pytest.mark.integration
def test_after_warm_up_the_first_question_reuses_the_cached_prefix():
    gen = LlamaCppGenerator(max_tokens=4)
    gen.warm()
    client = gen._llm.client
    cached = list(client._input_ids)
    real = client.tokenize(fewshot_prompt("What does a senior earn?", ["Pay: - Senior: $1 - $2"]).encode())
    common = next((i for i, (a, b) in enumerate(zip(cached, real, strict=False)) if a != b), len(cached))
    fixed = len(client.tokenize(fewshot_prompt("", []).encode()))
    # all but the last few tokens (the empty question) are already in llama.cpp's KV cache
    assert common >= fixed - 10 and common > 100

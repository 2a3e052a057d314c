"""Prompt templates live in assistant/prompts/*.yaml; this module loads and fills them."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=8)
def load_prompt(name: str) -> dict:
    import yaml

    text = resources.files("assistant").joinpath("prompts", f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def format_passages(passages: list[str]) -> str:
    return "\n".join(f"[{i}] {p}" for i, p in enumerate(passages, start=1))


def fewshot_prompt(question: str, passages: list[str]) -> str:
    """A completion prompt for base (not instruction-tuned) models: examples, then the question."""
    p = load_prompt("fewshot")
    parts = [p["preamble"].strip(), ""]
    for ex in p["examples"]:
        parts += [
            p["passages_label"],
            ex["passages"].strip(),
            f"{p['question_label']} {ex['question']}",
            f"{p['answer_label']} {ex['answer'].strip()}",
            "",
        ]
    parts += [
        p["passages_label"],
        format_passages(passages),
        f"{p['question_label']} {question}",
        p["answer_label"],
    ]
    return "\n".join(parts)


def chat_messages(question: str, passages: list[str]) -> list[tuple[str, str]]:
    p = load_prompt("chat")
    user = p["user"].format(passages=format_passages(passages), question=question)
    return [("system", p["system"].strip()), ("human", user)]


def stop_sequences() -> list[str]:
    return list(load_prompt("fewshot")["stop"])

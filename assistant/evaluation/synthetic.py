"""Role-like synthetic corpora for benchmarks, generated from a fixed seed (never committed)."""

from __future__ import annotations

import random

from assistant.types import Document

_ROLES = [
    "Data Engineer",
    "ML Engineer",
    "Product Manager",
    "Security Analyst",
    "Research Scientist",
    "Platform Engineer",
    "Data Analyst",
    "Solutions Architect",
    "QA Engineer",
    "DevOps Engineer",
]
_AREAS = [
    "Responsibilities",
    "Required Skills",
    "Education",
    "Salary by Level",
    "Regional Variations",
    "Career Progression",
    "Tools and Technologies",
    "Common Challenges",
    "Best Practices",
    "Benefits",
]
_VERBS = [
    "Design",
    "Lead",
    "Review",
    "Maintain",
    "Coordinate",
    "Evaluate",
    "Mentor",
    "Plan",
    "Build",
    "Monitor",
]
_OBJECTS = [
    "data pipelines",
    "model deployments",
    "security audits",
    "stakeholder reports",
    "cloud budgets",
    "team roadmaps",
    "test suites",
    "feature stores",
    "incident reviews",
    "hiring loops",
]
_LEVELS = ["Entry-Level", "Mid-Level", "Senior", "Lead", "Principal"]
_CITIES = ["Austin", "Boston", "Denver", "Chicago", "Seattle", "Atlanta", "Portland", "Miami"]


def synthetic_documents(n_chunks: int, seed: int = 0) -> list[Document]:
    """Deterministic role-like documents with about ``n_chunks`` heading-delimited sections."""
    rng = random.Random(seed)
    docs, made, d = [], 0, 0
    while made < n_chunks:
        role = f"{rng.choice(_ROLES)} {d}"
        lines = []
        for s in range(min(40, n_chunks - made)):
            top = f"{rng.choice(_AREAS)} {s}"
            lines += [top, f"This section covers {top.lower()} for a {role}.", f"Details {s}"]
            for _ in range(rng.randint(3, 5)):
                if "Salary" in top:
                    lo = rng.randrange(60, 200) * 1000
                    lines.append(
                        f"- {rng.choice(_LEVELS)} {role}: ${lo:,} - ${lo + rng.randrange(20, 80) * 1000:,}"
                    )
                elif "Regional" in top:
                    a = rng.randint(2, 20)
                    lines.append(
                        f"- {rng.choice(_CITIES)}: {a}-{a + rng.randint(5, 10)}% above national average"
                    )
                else:
                    lines.append(
                        f"- {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} with {rng.choice(_OBJECTS)}."
                    )
            made += 1
        docs.append(Document(f"synthetic/{d:05d}.txt", role, "\n".join(lines) + "\n"))
        d += 1
    return docs

"""Career steps: what comes after the role (or the level asked), and what comes before it.

"What comes after lead?" is answered by the career lines that name a step above the level: a more
senior level ("Principal AI Engineer"), a manager, director or head, or "more senior positions".
"What jobs do people hold before lead?" by the lines that name the steps up to it ("Junior to Senior",
"Senior to Lead"); "what other career moves are open?" by the moves out of the track ("Transition into
AI product management"). A question with no direction ("what is the career path?") is left to the list.
"""

from __future__ import annotations

import re

from assistant.answering import phrasing
from assistant.answering.lines import Line, lines_of
from assistant.answering.plan import Plan, Planned, Scope
from assistant.understanding import vocabulary as vocab
from assistant.understanding.analysis import Query

_CAREER_SECTION = re.compile(vocab.ASPECT_SECTIONS["career"], re.I)
_MOST_STEPS = 5


def _level_index(level: str | None) -> int | None:
    return vocab.LEVELS.index(level) if level in vocab.LEVELS else None


def _names_a_step_up(text: str, current: int | None) -> bool:
    """The line names a step above the current level: a higher level, or a role above any level."""
    if vocab.ABOVE_LEVELS.search(text):
        return True
    found = [_level_index(lv) for lv in vocab.find_levels(vocab.MORE_SENIOR.sub(" ", text))]
    return current is not None and any(i is not None and i > current for i in found)


def _names_a_step_before(text: str, target: int | None, start: int | None) -> bool:
    """The line names a step up to the target level, from the asker's level if given: "Senior to Lead",
    "Junior to Senior: Start as a junior ..."; not one past it ("more senior positions", "Director")."""
    if target is None or vocab.ABOVE_LEVELS.search(text):
        return False
    found = [i for i in (_level_index(lv) for lv in vocab.find_levels(text)) if i is not None]
    return (
        bool(found) and max(found) <= target and min(found) < target and (start is None or max(found) > start)
    )


def _career_lines(scope: Scope) -> list[tuple[Line, bool]]:
    """The bullets of the role's career sections, in document order, each with whether it sits under
    an item that introduces steps up ("Advanced Roles:")."""
    out: list[tuple[Line, bool]] = []
    for c in sorted(scope.chunks, key=lambda c: (c.source, c.start_line)):
        if not _CAREER_SECTION.search(c.section_path):
            continue
        under_up = False
        for ln in lines_of(c):
            if ln.text.endswith(":"):
                under_up = bool(vocab.ABOVE_LEVELS.search(ln.text))
                continue
            if ln.is_bullet:
                out.append((ln, under_up))
    return out


def plan_career_step(query: Query, scope: Scope, plan: Plan) -> bool:
    """The steps after (or before) the level asked about, from the role's career sections."""
    direction = vocab.career_direction(query.text)
    if direction is None:
        return False
    current = _level_index(query.level or scope.role_level)
    if direction == "aside":
        # moves out of the track: no level, no step above ("Cross-functional Roles: Transition into AI
        # product management", "Entrepreneurship: Found AI startups")
        chosen = [
            ln
            for ln, under in _career_lines(scope)
            if not under
            and vocab.MOVE_ASIDE.search(ln.text)
            and not vocab.find_levels(ln.text)
            and not vocab.ABOVE_LEVELS.search(ln.text)
        ]
    elif direction == "before":
        # the steps up to the role's level, from the asker's own ("I'm a junior engineer, what's the path?")
        target = _level_index(scope.role_level)
        target = current if target is None else target
        start = current if current is not None and target is not None and current < target else None
        chosen = [ln for ln, _ in _career_lines(scope) if _names_a_step_before(ln.text, target, start)]
    else:
        chosen = [ln for ln, under in _career_lines(scope) if under or _names_a_step_up(ln.text, current)]
    if not chosen:
        return False
    for ln in chosen[:_MOST_STEPS]:
        plan.add(Planned(phrasing.line_sentence(ln), (ln,)))
    return True

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
from assistant.indexing.text import tokenize
from assistant.understanding import vocabulary as vocab
from assistant.understanding.analysis import Query

_CAREER_SECTION = re.compile(vocab.ASPECT_SECTIONS["career"], re.I)
_PAY_SECTION = re.compile(vocab.ASPECT_SECTIONS["pay"], re.I)
_MOST_STEPS = 5


def _level_index(level: str | None) -> int | None:
    # "staff" is the bottom rung for nurses and accountants and above senior for engineers: no rank
    return vocab.LEVELS.index(level) if level in vocab.LEVELS and level != "staff" else None


def _levels_in(text: str) -> list[int]:
    """The ranks of the levels a text names ("more senior" names none: it is a step above any)."""
    found = (_level_index(lv) for lv in vocab.find_levels(vocab.MORE_SENIOR.sub(" ", text)))
    return [i for i in found if i is not None]


def _above(text: str, own: set[str]) -> bool:
    """The text names a role above any level ("Director", "more senior positions"), not by the words
    of the role's own name ("manager" of a Product Manager)."""
    return any(set(tokenize(m.group(0))) - own for m in vocab.ABOVE_LEVELS.finditer(text))


def _names_a_step_up(text: str, current: int | None, own: set[str]) -> bool:
    """The line names a step above the current level: a higher level, or a role above any level."""
    return _above(text, own) or (current is not None and any(i > current for i in _levels_in(text)))


def _at_or_below(text: str, current: int | None) -> bool:
    """The line names only levels at or below the current one ("Principal AI Engineer" for a principal)."""
    found = _levels_in(text)
    return current is not None and bool(found) and max(found) <= current


def _names_a_step_before(text: str, target: int | None, start: int | None, own: set[str]) -> bool:
    """The line names a step up to the target level, from the asker's level if given: "Senior to Lead",
    "Junior to Senior: Start as a junior ..."; not one past it ("more senior positions", "Director")."""
    if target is None or _above(text, own):
        return False
    found = _levels_in(text)
    if not found or max(found) > target or min(found) >= target:
        return False
    return start is None or max(found) > start


def _career_lines(scope: Scope, own: set[str]) -> list[tuple[Line, bool]]:
    """The bullets of the role's career sections (not its pay by career stage), in document order,
    each with whether it sits under an item that introduces steps up ("Advanced Roles:")."""
    out: list[tuple[Line, bool]] = []
    for c in sorted(scope.chunks, key=lambda c: (c.source, c.start_line)):
        if not _CAREER_SECTION.search(c.section_path) or _PAY_SECTION.search(c.section_path):
            continue
        under_up = False
        for ln in lines_of(c):
            if ln.text.endswith(":"):
                under_up = _above(ln.text, own)
                continue
            if ln.is_bullet and not ln.has_money:
                out.append((ln, under_up))
    return out


def _sentence(line: Line) -> str:
    """A step keeps its label: "Staff Nurse to Senior Nurse: After three years ..." says which step."""
    if line.label:
        return phrasing.sentence(f"{line.label}: {line.body}")
    return phrasing.line_sentence(line)


def plan_career_step(query: Query, scope: Scope, plan: Plan) -> bool:
    """The steps after (or before, or aside from) the level asked about, from the role's career sections."""
    direction = vocab.career_direction(query.text)
    if direction is None:
        return False
    current = _level_index(query.level or scope.role_level)
    own = set(tokenize(" ".join((scope.role or "", *scope.aliases))))
    lines = _career_lines(scope, own)
    if direction == "aside":
        # moves out of the track: no level, no step above ("Cross-functional Roles: Transition into AI
        # product management", "Entrepreneurship: Found AI startups")
        chosen = [
            ln
            for ln, under in lines
            if not under
            and vocab.MOVE_ASIDE.search(ln.text)
            and not vocab.find_levels(ln.text)
            and not _above(ln.text, own)
        ]
    elif direction == "before":
        # the steps up to the role's level, from the asker's own ("I'm a junior engineer, what's the path?")
        target = _level_index(scope.role_level)
        target = current if target is None else target
        start = current if current is not None and target is not None and current < target else None
        chosen = [ln for ln, _ in lines if _names_a_step_before(ln.text, target, start, own)]
    else:
        # an item under "Advanced Roles:" naming the level asked (or one below) is no step up from it
        chosen = [
            ln
            for ln, under in lines
            if _names_a_step_up(ln.text, current, own) or (under and not _at_or_below(ln.text, current))
        ]
    if not chosen:
        return False
    for ln in chosen[:_MOST_STEPS]:
        plan.add(Planned(_sentence(ln), (ln,)))
    return True

from __future__ import annotations

from assistant.answering.extractive import extract, units_with_kind
from assistant.types import Chunk, Hit
from assistant.understanding.vocabulary import levels


def test_run_on_closing_paragraph_is_split_from_the_last_bullet():
    text = (
        "- Create well-documented APIs and reports for AI systems By mastering these skills, leads "
        "manage teams. These skills complement expertise."
    )
    assert units_with_kind(text) == [
        ("Create well-documented APIs and reports for AI systems", True),
        ("By mastering these skills, leads manage teams.", False),
        ("These skills complement expertise.", False),
    ]


def test_levels_normalise_aliases():
    assert levels("What would a new grad make?") == {"entry"}
    assert levels("Entry-Level AI Engineer: $90,000") == {"entry"}
    assert levels("Senior AI Engineer") == {"senior"}


def test_bullets_beat_the_sections_lead_in_prose():
    text = (
        "Communication skills matter for every lead.\n"
        "- Communication skills: explain concepts clearly\n- Listening"
    )
    chunk = Chunk("c1", "r.txt", "R", ("Soft Skills", "Communication"), text, 1, 3)
    # the prose shares 3 words with the question, the bullet 2: the bullet still wins
    picked = extract("What communication skills matter?", [Hit(chunk, 1, 1.0)], max_units=1)
    assert picked == [("Communication skills: explain concepts clearly", 0)]


def test_a_unit_naming_another_level_is_demoted():
    chunk = Chunk(
        "c1",
        "r.txt",
        "R",
        ("Pay", "Levels"),
        "- Entry-Level Engineer: $90,000 - $120,000\n- Senior Engineer: $160,000 - $200,000",
        1,
        2,
    )
    picked = extract("What does a senior engineer earn?", [Hit(chunk, 1, 1.0)], max_units=1)
    assert picked == [("Senior Engineer: $160,000 - $200,000", 0)]


def test_a_sub_item_belongs_to_its_bullet_and_questions_are_no_pieces():
    from assistant.answering.extractive import units_with_kind

    text = (
        "- Commercial driver's license (CDL)\n"
        "    - needed if the operator hauls equipment\n"
        "    - preferred by many contractors\n"
        "- Crane operators must be certified\n"
        "**Q:** Is it a full-time job?\n"
        "**A:** Most work part time.\n"
    )
    assert units_with_kind(text) == [
        (
            "Commercial driver's license (CDL): needed if the operator hauls equipment; "
            "preferred by many contractors",
            True,
        ),
        ("Crane operators must be certified", True),
        ("Most work part time.", False),
    ]


def test_labelled_or_priced_sub_items_under_a_lead_in_stay_items():
    from assistant.answering.extractive import units_with_kind

    text = "- Salary by experience:\n    - Entry level: $55,000 - $65,000\n    - Senior: $95,000 - $120,000\n"
    assert [u for u, _ in units_with_kind(text)] == [
        "Salary by experience:",
        "Entry level: $55,000 - $65,000",
        "Senior: $95,000 - $120,000",
    ]

"""Words of a question expanded to the words role documents use for the same thing."""

from __future__ import annotations

from assistant.indexing.text import stem, tokenize


def test_a_question_word_reaches_the_documents_word_for_it():
    # "regular software leads" are the documents' "traditional" ones; "split" names a "Breakdown"
    assert stem("traditional") in tokenize("regular software leads", expand=True)
    assert stem("traditional") in tokenize("normal software leads", expand=True)
    assert stem("breakdown") in tokenize("how is pay split", expand=True)
    # an "individual contributor" leads by technical work
    assert stem("technical") in tokenize("senior individual contributor", expand=True)
    assert stem("traditional") not in tokenize("software leads", expand=True)


def test_markdown_inline_marks_are_read_as_what_they_mean():
    from assistant.indexing.text import read_tables

    text = (
        "**Median pay (2025):** $66,290 per year\n"
        "1. **Record proceedings** — Attend depositions and hearings.\n"
        "+ *Typing test*: some employers ask for 35 words per minute, see [the guide](https://x.org).\n"
        "| **Level** | Pay |\n|---|---|\n| **Entry level** | $55,000 |\n"
        "Pay is 5 * 3 stars and a_b_c stays."
    )
    read = [r for _, r in read_tables(text)]
    assert read == [
        "Median pay (2025): $66,290 per year",
        "1. Record proceedings: Attend depositions and hearings.",
        "+ Typing test: some employers ask for 35 words per minute, see the guide.",
        "- Entry level: $55,000",
        "Pay is 5 * 3 stars and a_b_c stays.",
    ]


def test_a_table_row_with_several_figures_says_each_ones_column():
    from assistant.indexing.text import table_row

    assert (
        table_row(["75th", "$37.10", "$77,170"], ["Percentile", "Hourly", "Annual"])
        == "- 75th percentile: $37.10 an hour; $77,170 a year"
    )
    assert table_row(["Median pay", "$42,260", "$64,400"], ["", "CNA", "LPN"]) == (
        "- Median pay: $42,260 (CNA); $64,400 (LPN)"
    )


def test_a_quoted_quick_facts_box_is_read_without_its_quote_marks():
    from assistant.indexing.text import read_tables

    assert [r for _, r in read_tables("> **Median pay:** $58,450 a year\n>\n> Hours: part time")] == [
        "Median pay: $58,450 a year",
        "",
        "Hours: part time",
    ]


def test_each_thread_stems_with_its_own_stemmer():
    """PyStemmer's stemmer objects may not be shared between threads; the chat answers in several."""
    import threading

    from assistant.indexing.text import _stemmer

    seen = []
    threads = [threading.Thread(target=lambda: seen.append(_stemmer())) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(s) for s in seen}) == 3 and _stemmer() is _stemmer()

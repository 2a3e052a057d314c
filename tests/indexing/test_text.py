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

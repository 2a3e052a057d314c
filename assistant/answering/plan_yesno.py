"""Plans for yes/no questions: the line that answers, how strongly it says so, what else is said."""

from __future__ import annotations

import re

from assistant.answering import phrasing
from assistant.answering.lines import Line, lines_of, tokens_of
from assistant.answering.plan import (
    _GENERIC_TOKENS,
    _TYPE_WORDS,
    ASKS_MORE,
    Plan,
    Planned,
    Scope,
    role_words,
    specific_tokens,
)
from assistant.answering.plan_lists import _ASPECT_NOUNS
from assistant.indexing.text import tokenize
from assistant.understanding import vocabulary as vocab
from assistant.understanding.analysis import Query

_ASKS_REQUIRED = re.compile(
    r"\b(required|require|requirement|must|need|needed|necessary|mandatory|have to|essential)\b", re.I
)


_BENEFIT_WORDS = set(tokenize("benefit benefits perk perks offer offered come with"))
_DEFINITE = re.compile(r"\b(required|mandatory)\b", re.I)
# generic words of a yes/no question other than its verb of need ("necessary" matches "may be necessary")
_FILLER = _GENERIC_TOKENS - set(tokenize("required require requires need needs needed necessary must should"))


def _yes_no_lines(query: Query, scope: Scope) -> list[tuple[float, Line]]:
    """Every line scored as the answer to a yes/no question, best first."""
    q_tokens = set(tokenize(query.text, expand=True)) - role_words(query, scope, aliases=False)
    # "do I need", "is ... required": the question's verb, not what it is about
    # and words that say nothing about the topic ("to get one of these jobs")
    q_tokens = (q_tokens - (_TYPE_WORDS - _ASPECT_NOUNS) - _FILLER) or q_tokens
    q_numbers = set(vocab.asked_figures(query.text))
    asks_required = bool(_ASKS_REQUIRED.search(query.text))
    # the question itself, not the situation told before it ("~15 papers, never led an industry team.")
    asked = vocab.asked_part(query.text)
    in_question = q_tokens & set(tokenize(asked, expand=True)) if asked != query.text else set()
    scored: list[tuple[float, Line]] = []
    demand = query.aspects[:1] == ("demand",)
    drivers_only = bool(re.search(r"licen[cs]", query.text, re.I)) and not vocab.ASKS_DRIVING.search(
        query.text
    )
    for c in scope.chunks:
        rank = scope.rank(c)
        for ln in lines_of(c):
            own = set(tokenize(ln.text))
            t = own | set(tokenize(c.section_path))
            s = len(q_tokens & t) / (len(q_tokens) ** 0.5 + 1e-9)
            s += 0.2 * len(q_tokens & own)  # the line itself says it, not only its heading
            s += 0.3 * len(in_question & own)
            if asks_required:
                # "need any certification?": the line that says what is (not) required, then one that
                # says how much it is wanted, over one that only names it
                # ("Oregon does not require a state forester license" is as definite as "required")
                definite = _DEFINITE.search(ln.text) or _NOT_REQUIRED.search(ln.text)
                s += 0.3 if definite else 0.2 if vocab.claim_strength(ln.text) else 0.0
            if q_numbers and q_numbers & set(ln.numbers):
                s += 2
            for aspect in query.aspects[:1]:
                rx = vocab.ASPECT_SECTIONS.get(aspect)
                if rx and re.search(rx, c.section_path, re.I):
                    s += 0.5
                if rx and ln.label and re.search(rx, ln.label, re.I):
                    s += 0.05  # a tie-break: "Education: ..." names what is asked
            if rank:
                s += 0.6 / rank
            if ln.text.endswith(":"):
                continue
            if demand and vocab.PROJECTION.search(ln.text):
                s += 0.6  # "are sysadmin jobs growing?": the projection ("to decline about 3%"), first
            if (
                drivers_only
                and vocab.DRIVERS_LICENSE.search(ln.text)
                and not vocab.JOB_LICENSE.search(ln.text)
            ):
                s -= 1.0  # "do they need a license?" asks of the job's license, not a driver's license
            scored.append((s, ln))
    # a stable sort: the first line found wins a tie (document order within a passage)
    return sorted(scored, key=lambda t: -t[0])


def _strength_line(query: Query, scope: Scope, line: Line, ranked: list[tuple[float, Line]]) -> Line | None:
    """For "are certifications required?" answered by a line that names them without saying how much
    they are wanted ("AI Certifications: ... AWS Certified ..."): the best line on the same thing that
    does say it ("certifications ... can be highly beneficial"), close enough in score to answer too."""
    if not _ASKS_REQUIRED.search(query.text) or vocab.claim_strength(line.text):
        return None
    credentials = [a for a in query.aspects[:2] if a in ("certifications", "education")]
    if query.aspects[:1] not in (("certifications",), ("education",)):
        return None  # a credential is what is asked; "experience with cloud platforms" asks of the platforms
    # the thing asked about, as the question names it ("certifications") and as the line does
    named = set(tokenize(" ".join(vocab.aspect_words(query.text, credentials))))
    thing = named & tokens_of(line.text)
    if not thing:
        return None
    specific = specific_tokens(query, scope)
    found = [
        (len(specific & tokens_of(ln.text)), s, ln)
        for s, ln in ranked
        if s >= 1.0 and ln is not line and vocab.claim_strength(ln.text) and thing <= tokens_of(ln.text)
    ]
    # the one naming most of what else the question says ("machine learning" of an AWS ML cert)
    return max(found, key=lambda t: (t[0], t[1]))[2] if found else None


def plan_yes_no(query: Query, scope: Scope, plan: Plan) -> bool:
    ranked = _yes_no_lines(query, scope)  # scored once: the answer, its strength and a second statement
    if not ranked or ranked[0][0] < 1.0:
        return False
    line = _on_the_credential(query, ranked) or ranked[0][1]
    exception = None
    if (rule := _rule_before(line, ranked)) is not None:
        line, exception = rule, line  # the rule, then its exception ("If you run your own business, ...")
    elif (after := _exception_after(line, ranked)) is not None:
        exception = after  # the rule found first, its exception next to it
    said = _strength_line(query, scope, line, ranked)
    if said is not None:
        _plan_yes_no_line(query, scope, plan, said)  # how much it is wanted, then what it names
        plan.add(Planned(phrasing.line_sentence(line), (line,)))
        return True
    done = _plan_yes_no_line(query, scope, plan, line)
    if (more := exception or _goes_on(line)) is not None:
        plan.add(Planned(phrasing.line_sentence(more), (more,)))  # "It is not strictly required, though"
    for other in _labels_named(query, scope, line):
        plan.add(Planned(phrasing.line_sentence(other), (other,)))  # "company size or my specialization"
    also = _second_statement(query, line, ranked)
    if also is not None:
        plan.add(Planned(phrasing.line_sentence(also), (also,)))
    return done


def _second_statement(query: Query, line: Line, ranked: list[tuple[float, Line]]) -> Line | None:
    """For a yes/no question on how much a credential or experience is wanted ("would a master's
    help?"), what another passage says of the same thing, in its own strength ("... may be necessary for
    more advanced positions"): documents often state a requirement twice, each with a different nuance."""
    if query.aspects[:1] not in (("education",), ("certifications",), ("experience",)):
        return None
    if not vocab.claim_strength(line.text):
        return None
    thing = set(tokenize(" ".join(vocab.aspect_words(query.text, query.aspects[:1])))) & tokens_of(line.text)
    if not thing:
        return None
    best = ranked[0][0] if ranked else 0.0
    for s, ln in ranked:
        if s < max(1.0, 0.7 * best):
            break
        if (
            ln.chunk is not line.chunk
            and vocab.claim_strength(ln.text)
            and thing <= tokens_of(ln.text)
            and not ln.has_money
            # it adds a nuance ("... may be necessary"), not the same claim again in other words
            and vocab.modal_strength(ln.text) != vocab.modal_strength(line.text)
            # of a bachelor's, not of "advanced degrees"
            and vocab.degrees(line.text) <= vocab.degrees(ln.text)
        ):
            return ln
    return None


def _labels_named(query: Query, scope: Scope, line: Line) -> list[Line]:
    """The other lines of the answer's passage whose labels the question names in full ("does company
    size or my specialization change it?" -> "Company Size: ...", "Specialization: ...")."""
    if not line.label:
        return []
    asked = specific_tokens(query, scope)

    def named(ln: Line) -> set[str]:
        label = set(tokenize(ln.label or "")) - _GENERIC_TOKENS
        return label if ln.label and label and label <= asked and not ln.text.endswith(":") else set()

    out = [ln for ln in lines_of(line.chunk) if ln is not line and named(ln)]
    # one word naming one label ("degree" of "Degree: ...") may only be the kind of thing asked about;
    # two labels named, or one of two words ("Company Size"), are things asked about
    names = [named(ln) for ln in out] + ([named(line)] if named(line) else [])
    return out if len(names) >= 2 or any(len(n) >= 2 for n in names) else []


def _plan_yes_no_line(query: Query, scope: Scope, plan: Plan, line: Line) -> bool:
    verdict = None
    text = line.text
    q_numbers = set(vocab.asked_figures(query.text))
    if q_numbers and q_numbers & set(line.numbers) and ASKS_MORE.search(query.text):
        if re.search(r"exceed|above|over|more than|\+", text, re.I):
            verdict = "yes"
    elif _ASKS_REQUIRED.search(query.text):
        strength = vocab.claim_strength(text)
        if vocab.NEGATION.search(text) and _NOT_REQUIRED.search(text):
            # "may be necessary for clinical positions; not required for retail": it depends
            depends = re.search(
                r"\b(may|might|can|often|sometimes|but)\b[^.;]*\b(necessary|required|needed|requires?|must)\b"
                r"|\b(?:necessary|required|needed)\s+(?:if|when|only if)\b",  # "needed if it hauls equipment"
                text,
                re.I,
            )  # "not required for all positions, but required to sign audit reports": it depends
            verdict = "not_always" if depends else "no"
        else:
            verdict = {
                "required": "yes",
                "typical": "usually",
                "preferred": "not_always",
                "possible": "not_always",
            }.get(strength or "", None)
        here = query.place and re.search(rf"\b{re.escape(query.place)}\b[^.;]*?\brequires?\b", text, re.I)
        if verdict in ("not_always", "usually") and here:
            verdict = "yes"  # "a few states require it; Texas requires two years", asked of Texas
    elif vocab.ASKS_WORTH.search(query.text):
        if vocab.claim_strength(text) in ("preferred", "possible", "typical", "required"):
            verdict = "yes"
    elif vocab.ASKS_GROWING.search(query.text) and (projected := vocab.PROJECTION.search(text)):
        # "are sysadmin jobs growing?" - "projected to decline about 3%": the projection's direction
        verdict = "no" if re.search(r"declin|shrink|decreas|fall", projected.group(0), re.I) else "yes"
    sentence = phrasing.line_sentence(line)
    if line.label and phrasing.words(line.label).lower() not in sentence.lower():
        sentence = phrasing.sentence(f"{line.label}: {line.body}")  # "EPA Section 608: required for..."
    elif not line.label and line.is_bullet and len(line.text.split()) <= 6 and line.chunk.section:
        # a bare list item says little alone: "Additional Benefits: 401(k) matching"
        sentence = phrasing.sentence(f"{line.chunk.section[-1]}: {line.text}")
        named = specific_tokens(query, scope) - _BENEFIT_WORDS
        if (
            verdict is None
            and "benefits" in query.aspects
            and re.search(vocab.ASPECT_SECTIONS["benefits"], line.chunk.section_path, re.I)
            and named
            and named <= tokens_of(line.text)  # the line names every word of what was asked, no more
        ):
            verdict = "yes"  # "do they get health insurance?": it is one of the benefits listed
    if verdict and not _names_the_credential(query, line):
        verdict = None  # the line is about something else; it is shown, but it answers no "yes"
    says_it = re.match(
        r"(yes|no)\s*[\u2014\u2013,.!:-]", sentence, re.I
    )  # "Yes — every state requires PTAs to be licensed"
    if says_it and verdict in ("yes", "no") and says_it.group(1).lower() == verdict:
        pass  # the line gives the answer in its own first word
    elif verdict and not vocab.asks_either_or(query.text):  # "A or B?" is answered by the line, not "Yes"
        sentence = phrasing.render(f"verdict_{verdict}", sentence=sentence)
    plan.add(Planned(sentence, (line,)))
    if verdict in ("not_always", "no") and "education" in query.aspects[:1]:
        # "Do I need a PhD?" - "Not always. ... often preferred"; and what the documents do require
        base = _required_instead(line, scope)
        if base is not None:
            plan.add(Planned(phrasing.line_sentence(base), (base,)))
    return True


# "not required", "not strictly required", "No license is needed", "does not need", "isn't required"
_NOT_REQUIRED = re.compile(
    r"\bnot\s+(?:\w+\s+)?(?:required|necessary|needed|mandatory|req'?d)\b"
    # "No professional license (e.g., LPC or LCSW) is required", "No state license required", "No
    # license needed", "none req'd", "No license for PCAs in most states"
    r"|\bno\s+(?:[\w'(),.-]+\s+){0,6}?(?:(?:is|are)\s+(?:\w+\s+)?)?(?:required|necessary|needed|mandatory|req'?d)\b"
    r"|\bnone\s+(?:is\s+|are\s+)?(?:required|needed|req'?d)\b"
    r"|\bno\s+(?:state\s+|professional\s+|federal\s+)?licen[cs](?:e|es|ing)\s+(?:for|in)\b"
    r"|\b(?:does|do)\s+not\s+need\b|\b(?:doesn't|don't)\s+need\b|\b(?:isn't|aren't)\s+(?:required|needed)\b"
    # "No state in the U.S. requires a license", "most employers don't require one"
    r"|\bno\s+(?:(?!but\b|and\b|however\b|though\b|while\b)[\w.'-]+\s+){0,4}(?:requires?|mandates?)\b"
    r"|\b(?:does|do)\s+not\s+require\b"
    r"|\b(?:doesn't|don't)\s+require\b",
    re.I,
)
_CONDITION = re.compile(r"(?:If|Unless|Only if|Those who|Anyone who|For those)\b")


def _rule_before(line: Line, ranked: list[tuple[float, Line]]) -> Line | None:
    """For an answer that is an exception ("If you want to run your own business, a contractor license
    may be required"), the sentence before it that states the rule ("No license is needed to work as
    a carpenter for a contractor"), when it answers nearly as well."""
    if not _CONDITION.match(line.text) or line.index == 0 or line.is_bullet:
        return None
    before = lines_of(line.chunk)[line.index - 1]
    best = ranked[0][0]
    close = any(ln is before and s >= 0.7 * best for s, ln in ranked)
    return before if close and not before.is_bullet and vocab.claim_strength(before.text) else None


def _exception_after(line: Line, ranked: list[tuple[float, Line]]) -> Line | None:
    """For an answer that states a rule ("No license is needed to work as a carpenter for a
    contractor"), the exception the next sentence makes ("If you want to run your own business, ...")."""
    following = lines_of(line.chunk)[line.index + 1 : line.index + 2]
    if line.is_bullet or not following or not _CONDITION.match(following[0].text) or following[0].is_bullet:
        return None
    best = ranked[0][0]
    close = any(ln is following[0] and s >= 0.7 * best for s, ln in ranked)
    return following[0] if close and vocab.claim_strength(following[0].text) else None


def _goes_on(line: Line) -> Line | None:
    """The sentence after the answer when it goes on about the same thing ("Many editors have a
    bachelor's degree ... It is not strictly required, though: a strong reel matters more")."""
    lines = lines_of(line.chunk)
    nxt = lines[line.index + 1] if line.index + 1 < len(lines) else None
    if nxt is None or line.is_bullet or nxt.is_bullet:
        return None
    if _GOES_ON.match(nxt.text) or (_BUT.match(nxt.text) and vocab.claim_strength(nxt.text)):
        return nxt
    return None


def _on_the_credential(query: Query, ranked: list[tuple[float, Line]]) -> Line | None:
    """When the best line is about another credential ("Licensing: ..." for "need a degree?"), a line
    nearly as good that names the one asked, else one labelled with its aspect ("Education: ...")."""
    if _names_the_credential(query, ranked[0][1]):
        return None
    close = [ln for s, ln in ranked if s >= max(1.0, 0.7 * ranked[0][0])]
    named = next((ln for ln in close if _names_the_credential(query, ln)), None)
    if named is not None:
        return named
    rx = vocab.ASPECT_SECTIONS.get(query.aspects[0] if query.aspects else "", "^$")
    return next(
        (ln for ln in close if ln.label and re.search(rx, ln.label, re.I) and not _another_degree(query, ln)),
        None,
    )


_GOES_ON = re.compile(r"(?:It|This|That|These|Those|One)\b")
# the next sentence qualifies the answer: "BUT almost every health system near me requires or strongly
# prefers a CMA", "However, most employers ..."
_BUT = re.compile(r"(?:But|BUT|However|That said|Still|Even so|In practice)\b")


def _names_the_credential(query: Query, line: Line) -> bool:
    """Does the line speak of the credential the question asks about? "a degree?" is not answered by
    a line on licensing, nor "a bachelor's?" by "an associate's degree" (which says nothing of it)."""
    said = f"{line.label or ''} {line.text}"
    if _GOES_ON.match(line.text) and line.index > 0:
        # "It is not strictly required, though": of the degree the sentence before names
        said = f"{lines_of(line.chunk)[line.index - 1].text} {said}"
    degree, certificate = bool(vocab.DEGREE.search(query.text)), bool(vocab.CERTIFICATE.search(query.text))
    if degree and not certificate:
        return bool(vocab.DEGREE.search(said)) and not _another_degree(query, line)
    if certificate and not degree:
        return bool(vocab.CERTIFICATE.search(said))
    return True


def _another_degree(query: Query, line: Line) -> bool:
    """The line names degrees, none of them the one asked ("an associate's" for "a bachelor's?")."""
    asked = vocab.degrees(query.text) - {"degre"}
    stated = vocab.degrees(f"{line.label or ''} {line.text}") - {"degre"}
    return bool(asked and stated and not asked & stated)


_REQUIREMENT_SECTIONS = re.compile(
    "|".join(vocab.ASPECT_SECTIONS[a] for a in ("education", "experience", "certifications", "skills")), re.I
)


def plan_strengths(query: Query, scope: Scope, plan: Plan) -> bool:
    """ "What's a must-have vs a nice-to-have?": the requirement lines that say they are required (or
    typically required), then those that say they are preferred or helpful, in the documents' words."""
    must: list[Line] = []
    nice: list[Line] = []
    for c in sorted(scope.chunks, key=lambda c: (scope.rank(c) or 99, c.start_line)):
        if not _REQUIREMENT_SECTIONS.search(c.section_path):
            continue
        for ln in lines_of(c):
            strength = vocab.claim_strength(ln.text)
            if not ln.is_bullet or ln.text.endswith(":") or ln.has_money or not strength:
                continue
            group = (
                must if strength in ("required", "typical") and not vocab.NEGATION.search(ln.text) else nice
            )
            if all(o.text != ln.text for o in must + nice):
                group.append(ln)
    if not must or not nice:
        return False
    for key, lines in (("must_have", must[:2]), ("nice_to_have", nice[:3])):
        for i, ln in enumerate(lines):
            text = phrasing.line_sentence(ln)
            plan.add(Planned(phrasing.render(key, sentence=text) if i == 0 else text, (ln,)))
    return True


def _required_instead(line: Line, scope: Scope) -> Line | None:
    """The degree line that says what is required or typical, next to one about a degree that is not."""
    for c in sorted(scope.chunks, key=lambda c: (scope.rank(c) or 99, c.start_line)):
        for ln in lines_of(c):
            if ln is line or ln.text == line.text or not vocab.DEGREE.search(ln.text):
                continue
            if vocab.claim_strength(ln.text) in ("required", "typical") and not vocab.NEGATION.search(
                ln.text
            ):
                return ln
    return None

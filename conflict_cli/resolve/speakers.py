"""Pronoun speakers: "he said" -> the speaker it refers to, as the article first names it.

A claim whose speaker is a pronoun (he, she, it, they) keeps the pronoun in ``speaker_text`` and
gets as ``speaker`` the nearest earlier speaker of the right kind: a person for he/she (the
subject of the sentence just before counts too: "Minister X visited ... He said ..."), a body
for it, a group for they; failing that, the nearest earlier speaker of any kind. The antecedent
is then replaced by its first, fullest form in the article ("Al-Qedra" -> "Ashraf al-Qedra",
"Mr Tarry" -> "Shadow transport minister Sam Tarry").
"""

from __future__ import annotations

import functools

from ..lazyrx import plain as _plain
from ..models import Claim

_LOOKBACK = 12  # sentences
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "mr.", "mrs.", "ms.", "dr."})


@functools.cache
def _lex():
    from ..lexicons import load

    src = load("claim_sources")["sources"]
    return (
        frozenset(src["pronouns"]),
        frozenset(src["bodies"]),
        frozenset(w.lower() for w in src["heads"]),
    )


# Both patterns run on the stdlib ``re`` engine for plain text (ASCII without \x1c-\x1f, where its
# ``\w`` and ``\s`` are those of ``regex``): about twice as fast to match; ``regex`` for the rest.
# the subject phrase at the start of a sentence, up to its (past-tense or present) verb
_SUBJECT = (
    r"^\s*((?:[A-Z][\w.'’-]*|[a-z][a-z-]{1,20})(?:\s+(?:[A-Z][\w.'’-]*|[a-z][a-z-]{1,20})){0,7}?)"
    r"\s+(?:has\s+|had\s+|also\s+|later\s+|then\s+)?[a-z]{2,20}(?:ed|s)(?![\w-])"
)
# "First Last, the mother of ...", "First Last, a nurse who ...", "First Last, who ...", "First Last, 64, ..."
_APPOSITION = r"^\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}),\s+(?:(?:a|an|the)\s+((?:[\w'’-]+\s+){0,3}?[\w'’-]+)|who|\d{1,3},)(?![\w-])"


@functools.cache
def _subject_rx():
    import regex

    return regex.compile(_SUBJECT)


@functools.cache
def _subject_re():
    import re

    return re.compile(_SUBJECT)


def _subject(text: str):
    return (_subject_re() if _plain(text) else _subject_rx()).match(text)


def _kind(speaker: str) -> str:
    """person | body | group for a speaker phrase."""
    _, bodies, heads = _lex()
    toks = [t.strip(".,;:'\"()").lower() for t in speaker.split()]
    toks = [t[:-2] if t.endswith("'s") or t.endswith("’s") else t for t in toks]
    last = toks[-1] if toks else ""
    words = speaker.split()
    if last in bodies:
        return "body"
    if any(t in bodies for t in toks) and not any(t in heads and t not in bodies and not t.endswith("s") for t in toks):
        return "body"
    if " and " in f" {speaker} " or (last.endswith("s") and last in heads and not words[-1][:1].isupper()):
        return "group"
    if last in heads or any(w[:1].isupper() for w in words):
        return "person"
    return "group"


def _fits(pronoun: str, kind: str) -> bool:
    p = pronoun.lower()
    if p in ("he", "she"):
        return kind == "person"
    if p == "it":
        return kind == "body"
    if p == "they":
        return kind in ("group", "body")
    return True


_UNSET = object()  # "no ``_subject`` match given": the functions below then find it


def _person_subject(text: str, m=_UNSET) -> str | None:
    """'Shadow transport minister Sam Tarry joined ...' -> 'Shadow transport minister Sam Tarry';
    'Jane Doe, the mother of a victim, was ...' -> 'Jane Doe'. ``m``: ``_subject(text)``, when known."""
    if m is _UNSET:
        m = _subject(text)
    if not m:
        return _named_apposition(text)
    subj = m.group(1).strip()
    words = subj.split()
    if len(words) < 2 or not words[-1][:1].isupper() or not words[-2][:1].isupper():
        return None
    if "," in subj or _kind(subj) != "person":
        return None
    return subj


@functools.cache
def _apposition_rx():
    import regex

    return regex.compile(_APPOSITION)


@functools.cache
def _apposition_re():
    import re

    return re.compile(_APPOSITION)


def _named_apposition(text: str) -> str | None:
    m = (_apposition_re() if _plain(text) else _apposition_rx()).match(text)
    if not m:
        return None
    _, bodies, heads = _lex()
    name = m.group(1)
    if any(w.lower() in heads or w.lower() in bodies for w in name.split()):
        return None  # "The Interior Ministry, the ..." is a body
    if m.group(2) is not None and not any(w.lower() in heads and w.lower() not in bodies for w in m.group(2).split()):
        return None  # "Kabul, the capital, ..." is no person
    return name


def _own_subject(text: str, m=_UNSET) -> str | None:
    """The subject phrase at the start of a sentence, if it is short and plain."""
    if m is _UNSET:
        m = _subject(text)
    if not m:
        return None
    subj = m.group(1).strip()
    words = subj.split()
    if (
        not 1 <= len(words) <= 6
        or "," in subj
        or words[0].lower() not in ("the", "a", "an")
        and not words[0][:1].isupper()
    ):
        return None
    if words[0].lower() in ("of", "in", "on", "at", "after", "before", "parts", "some", "many"):
        return None
    return subj


def _body_subject(text: str, m=_UNSET) -> str | None:
    """'French police issued ...' -> 'French police': a subject that names a body or a group."""
    subj = _own_subject(text, m)
    if not subj:
        return None
    _, bodies, heads = _lex()
    last = subj.split()[-1].strip(".,;:'\"()").lower()
    return subj if last in heads and _kind(subj) in ("body", "group") else None


def _in_relative_clause(text: str, pronoun: str) -> bool:
    """'... identified him as X, who it said ...': the pronoun opens a clause inside the sentence.

    Not after a quote or an inverted attribution ('"The roof fell in," he said'; 'A shell hit
    the gate, he said'), where the pronoun points back to an earlier sentence.
    """
    words = text.lower().split()
    p = pronoun.lower()
    for i in range(1, len(words)):
        if words[i] == p and words[i - 1] in ("who", "whom", "which", "that", "and", "but"):
            return True
    return False


def _first_form(name: str, earlier: list[str]) -> str:
    """The first, fullest earlier form that ends with the same surname."""
    words = name.split()
    if not words:
        return name
    surname = words[-1].strip(".,").lower()
    for cand in earlier:
        cw = cand.split()
        if cw and cw[-1].strip(".,").lower() == surname and len(cw) > len(words):
            return cand
        if len(words) == 1 or words[0].lower() in _HONORIFICS:
            for w in cw:
                if w.strip(".,").lower() == surname and len(cw) > len(words) and cw[-1][:1].isupper():
                    return cand
    return name


def resolve(doc, records, settings) -> None:
    pronouns, _, _ = _lex()
    claims = [r for r in records if isinstance(r, Claim)]
    # only pronoun speakers change; the claims after the last of them change nothing (they only add
    # antecedents for later pronouns), so they and the subject scans they would cause are skipped
    last = max((i for i, r in enumerate(claims) if (r.speaker or "").lower() in pronouns), default=-1)
    if last < 0:
        return
    claims = claims[: last + 1]
    sentences = doc.sentences
    seen: list[tuple[int, str]] = []  # (sentence index, speaker) of named speakers, in order
    bodies: dict[int, str] = {}  # sentence index -> its subject, when that is a body or group
    named_forms: list[str] = []  # every named speaker and person subject, in article order
    last_subject_scan = -1
    for rec in claims:
        spk = rec.speaker or ""
        # person subjects of sentences before this one become candidates too
        for i in range(max(last_subject_scan + 1, rec.sentence - _LOOKBACK), rec.sentence):
            if 0 <= i < len(sentences):
                text = sentences[i].text
                m = _subject(text)  # (read once for both questions)
                subj = _person_subject(text, m)
                if subj:
                    seen.append((i, subj))
                    named_forms.append(subj)
                else:
                    body = _body_subject(text, m)
                    if body:
                        bodies[i] = body
                        named_forms.append(body)
        last_subject_scan = max(last_subject_scan, rec.sentence - 1)
        if spk.lower() not in pronouns:
            if spk:
                seen.append((rec.sentence, spk))
                named_forms.append(spk)
            continue
        pick = None
        # "The military identified him as X, who it said ...": the sentence's own subject
        if 0 <= rec.sentence < len(sentences) and spk.lower() in ("he", "she", "it"):
            own = sentences[rec.sentence].text
            if _in_relative_clause(own, spk):
                subj = _own_subject(own)
                if subj and _fits(spk, _kind(subj)):
                    pick = subj
        # "Police issued an appeal for witnesses. They described the man as dangerous.": the body
        # that is the subject of the sentence just before, unless that sentence has a speaker
        prev = rec.sentence - 1
        if pick is None and spk.lower() in ("they", "it") and prev in bodies and not (seen and seen[-1][0] == prev):
            if _fits(spk, _kind(bodies[prev])):
                pick = bodies[prev]
        for idx, cand in reversed(seen):
            if pick is not None:
                break
            if rec.sentence - idx > _LOOKBACK:
                break
            if _fits(spk, _kind(cand)):
                pick = cand
                break
        if pick is None and seen and rec.sentence - seen[-1][0] <= _LOOKBACK:
            pick = seen[-1][1]
        if pick is None:
            # nothing in the window: the nearest earlier speaker of the right kind, however far back
            pick = next((cand for _, cand in reversed(seen) if _fits(spk, _kind(cand))), None)
        rec.speaker_text = spk
        if pick is None:
            continue
        rec.speaker = _first_form(pick, named_forms)

"""Weapon resolver: a generic attack word takes the weapon the article reports for that incident.

The strike extractor marks a record whose words name no weapon ("the strike", "attacked", "the
aerial operation") with a rule ending in ``:generic-strike`` or ``:generic-attack``
(``lexicons/en/weapons.toml`` [generic]).

- a generic *strike* word ("strike", "struck", "hit", "aerial") takes the article's main weapon: the
  weapon most strike records of the document name (the first named wins a tie);
- a blast or explosion with no bomb named takes the article's main weapon when the article reports
  air, drone, missile, rocket or artillery fire and no bombing of its own;
- a generic *attack* word takes the weapon of the nearest strike record with a weapon in the same
  or the previous two sentences; an attack by gunmen or militants with no weapon named stays
  ``unspecified`` (GOLD_FORMAT).
"""

from __future__ import annotations

from collections import Counter

from ..models import Strike

_WINDOW = 3
_STRIKE_WEAPONS = {"air", "drone", "missile", "rocket", "artillery"}
_DEFINITE = {"the", "this", "that", "latest", "another"}
_PRONOUNS = {"they", "it", "he", "she", "we"}
_STOP = {"the", "a", "an", "of", "and", "forces", "group", "groups"}
_UNSPECIFIED_ACTORS = ("gunmen", "gunman", "militants", "militant", "attackers", "assailants", "terror")


def _weapons(rec: Strike) -> list[str]:
    w = rec.weapon
    if isinstance(w, list):
        return [x for x in w if x != "unspecified"]
    if w and w != "unspecified":
        return [w]
    return []


def resolve(doc, records, settings) -> None:
    strikes = [r for r in records if isinstance(r, Strike)]
    if not strikes:
        return
    specific = [r for r in strikes if _weapons(r)]
    if not specific:
        return
    tally: Counter = Counter()
    first: dict[str, int] = {}
    for i, r in enumerate(specific):
        for w in _weapons(r):
            tally[w] += 1
            first.setdefault(w, i)
    bombs = any("explosive" in _weapons(r) and not (r.rule or "").endswith(":generic-blast") for r in specific)
    strike_like = [w for w in tally if w in _STRIKE_WEAPONS]
    main = max(strike_like, key=lambda w: (tally[w], -first[w])) if strike_like else None
    for r in strikes:
        rule = r.rule or ""
        if ":generic-" not in rule or (_weapons(r) and not rule.endswith(":generic-blast")):
            continue
        if rule.endswith(":generic-blast"):
            # "the blasts hit the district" in a missile report: the blast is the missile's
            if main and not bombs:
                r.weapon = main
            continue
        if rule.endswith(":generic-strike"):
            if main:
                r.weapon = main
            continue
        actor = (r.actor or "").lower()
        if any(a in actor for a in _UNSPECIFIED_ACTORS):
            continue
        trig = (r.trigger or "").lower()
        evidence = (doc.norm or doc.text)[r.start : r.end].lower()
        k = evidence.find(trig) if trig else -1
        before = evidence[max(0, k - 25) : k].split() if k >= 0 else []
        definite = bool(set(before[-3:]) & _DEFINITE) and not trig.endswith("s")
        pronoun = actor in _PRONOUNS
        same_actor = (
            bool(actor)
            and not trig.endswith("s")
            and any(s.actor and (set(s.actor.lower().split()) & set(actor.split())) - _STOP for s in specific)
        )
        if not (definite or pronoun or same_actor):
            continue
        near = [s for s in specific if 0 <= r.sentence - s.sentence <= _WINDOW]
        if not near and (definite or pronoun) and main:
            r.weapon = main
        if near:
            best = max(near, key=lambda s: (s.sentence, -abs(s.start - r.start)))
            ws = _weapons(best)
            r.weapon = ws[0] if len(ws) == 1 else list(ws)

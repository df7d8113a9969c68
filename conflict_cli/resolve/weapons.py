"""Weapon resolver: a generic attack word takes the weapon the article reports for that incident.

The strike extractor marks a record whose words name no weapon ("the strike", "attacked", "the
aerial operation") with a rule ending in ``:generic-strike`` or ``:generic-attack``
(``lexicons/en/weapons.toml`` [generic]).

- a generic *strike* word ("strike", "struck", "hit", "aerial") takes the article's main weapon: the
  weapon most strike records of the document name (the first named wins a tie);
- a generic *attack* word takes the weapon of the nearest strike record with a weapon in the same
  or the previous two sentences; an attack by gunmen or militants with no weapon named stays
  ``unspecified`` (GOLD_FORMAT).
"""

from __future__ import annotations

from collections import Counter

from ..models import Strike

_WINDOW = 2
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
    main = max(tally, key=lambda w: (tally[w], -first[w]))
    for r in strikes:
        rule = r.rule or ""
        if _weapons(r) or ":generic-" not in rule:
            continue
        if rule.endswith(":generic-strike"):
            r.weapon = main
            continue
        actor = (r.actor or "").lower()
        if any(a in actor for a in _UNSPECIFIED_ACTORS):
            continue
        near = [s for s in specific if 0 <= r.sentence - s.sentence <= _WINDOW]
        if near:
            best = max(near, key=lambda s: (s.sentence, -abs(s.start - r.start)))
            ws = _weapons(best)
            r.weapon = ws[0] if len(ws) == 1 else list(ws)

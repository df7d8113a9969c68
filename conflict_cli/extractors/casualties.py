"""Casualty extractor: every killed / injured / missing / kidnapped / detained figure of a sentence.

A sentence that passes one trigger regex of casualty words is cut into word tokens; each figure
(``numbers.find_quantities``, plus singular victims such as "a child", "a 34-year-old man") becomes
one token. Years, ages, percentages, labels ("No. 5", "#158") and compounds ("14-month-old") are
dropped first. A figure is tied to a casualty word only by the shape of the sentence, inside
bounded token windows (never "any number anywhere in the sentence"):

- ``num+participle``: figure + victims + auxiliaries + participle ("34 people were killed",
  "40 dead", "100 feared dead", "17 people working at a mill lost their lives", "five civilians,
  three children and two women, were killed", "14 fighters and six foreigners were killed")
- ``verb+num``: active verb + figure ("killed 34 rebels", "killing at least 8", "wounding 50
  others", "the bodies of six shepherds"); "killed or captured several" gives one record per verb;
  ``verb+num+list`` carries the verb to a second object ("killed 5 soldiers and 12 insurgents")
- ``toll+num``: toll noun + figure ("the death toll rose to 120", "of the dead, 17 ...")
- ``subgroup``: "including three children" takes the kind of the figure it belongs to
- ``claimed+num+lives``: "the floods claimed 40 lives"
- ``num+hostages`` / ``take+num+hostage``: people held ("holding 130 hostages", "took two drivers
  hostage", "threatened to kill three hostages"), never when they are freed or released
- ``possessive``: a singular victim's killing, death or arrest ("a judge's killing")
- ``num+before+being``: the sentence subject "before/after being killed|arrested" later in its clause

``who`` is the victims' phrase, else the previous record's, else "people"; ``cumulative`` and
``hedged`` come from sentence-level patterns. Every word list and pattern is data
(``lexicons/en/casualties.toml``); regexes are compiled once, on first use. Sentences longer than
``_LONG`` characters are read only in windows around their casualty words, so time stays bounded.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from ..lexicons import load
from ..models import Casualty, Document, Sentence
from ..numbers import _plain, _trie, find_quantities

NAME = "casualties"
VERSION = "1"

KINDS = ("killed", "injured", "missing", "kidnapped", "detained")
_NP_STOP = frozenset(
    "in at on by from after during near when as with across inside outside into for to over under since while "
    "before amid following including and or but who that which were was is are have has had been be said "
    "says say told according than out this these those when where whose whom not no if earlier yesterday today tonight "
    "overnight recently last later monday tuesday wednesday thursday friday saturday sunday".split()
)
_PAREN_START = frozenset(
    "including among mostly mainly most many all some both incl plus mostly largely among them".split()
)
_SUBGROUP = (("including",), ("among", "them"), ("of", "whom"), ("of", "them"), ("among", "whom"), ("incl",))
_NOT_SINGULAR = frozenset(
    "police personnel staff army militia crew elderly people others more them us whom those lives other "
    "sudanese men women children policemen servicemen gunmen militiamen fishermen airmen policewomen "
    "servicewomen kids forces".split()
)
_PRE_SKIP = frozenset(("another", "a", "further", "an", "additional", "other"))
_QUOTES = frozenset("\"'`")
_NOMINAL = frozenset("deaths death fatalities bodies corpses injuries injury casualties wounds".split())
_IRREALIS = frozenset("to could would may might will can cannot not never threaten threatens threatened".split())
_REPORTED = frozenset("said reported believed thought alleged claimed known confirmed feared estimated".split())
_OF_THE = {"dead": "killed", "deaths": "killed", "killed": "killed", "fatalities": "killed", "victims": "killed",
           "injured": "injured", "wounded": "injured", "casualties": "injured"}  # fmt: skip
_CLOSER = {",": ",", "-": "-", "(": ")"}
_AGES = ("-year-old", "-month-old", "-week-old", "-day-old")
_LIVES_VERBS = frozenset("claimed claiming claim claims cost costing costs took taking takes".split())
_SUFFER = frozenset("suffered suffering sustained sustaining suffer sustain".split())
_WOUNDS = frozenset("injuries injury wounds wound burns".split())
_HOSTAGES = frozenset("hostage hostages captive captives".split())
_TAKE = frozenset("took take takes taking taken held hold holds holding seized seize seizing kept keep keeping".split())
_FREED = frozenset("released release releasing freed free freeing swapped exchanged exchange rescued".split())
_POSS = {"killing": "killed", "death": "killed", "murder": "killed", "assassination": "killed",
         "abduction": "kidnapped", "kidnapping": "kidnapped", "arrest": "detained", "detention": "detained"}  # fmt: skip
_ARTICLES = frozenset(("a", "an", "another"))
_COORD_AUX = frozenset("were was have has had been be being also later reportedly allegedly then".split())


class _Tok:
    __slots__ = ("start", "end", "low", "q", "single", "span")

    def __init__(self, start: int, end: int, low: str, q=None, single: bool = False, span: int = 0) -> None:
        self.start = start
        self.end = end
        self.low = low
        self.q = q  # a Quantity, or "one" for a singular victim
        self.single = single
        self.span = span  # a singular victim whose name has "of" in it: its phrase is this many tokens


class _WordTok(_Tok):
    """A token made straight from a match of the token pattern (one call per token, not three)."""

    __slots__ = ()

    def __init__(self, m) -> None:
        self.start, self.end = m.span()
        self.low = m.group()
        self.q = None
        self.single = False
        self.span = 0


def _phrases(terms) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for term in terms:
        words = tuple(term.lower().split())
        if words:
            out.setdefault(words[0], []).append(words)
    for v in out.values():
        v.sort(key=len, reverse=True)
    return out


@functools.cache
def _rules():
    """The lexicon as Python sets and dicts (cheap to build; the regexes are in ``_patterns``)."""
    lex = load("casualties")
    after = {k: _phrases(lex["after"].get(k, [])) for k in KINDS}
    before = {k: _phrases(lex["before"].get(k, [])) for k in KINDS}
    # backwards lookup: index phrases by their last word
    before_rev: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for kind in KINDS:
        for term in lex["before"].get(kind, []):
            words = tuple(term.lower().split())
            before_rev.setdefault(words[-1], []).append((words, kind))
    for v in before_rev.values():
        v.sort(key=lambda x: len(x[0]), reverse=True)
    nouns_rev: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for kind in ("killed", "injured"):
        for term in lex["nouns"][kind]:
            words = tuple(term.lower().split())
            nouns_rev.setdefault(words[-1], []).append((words, kind))
    for v in nouns_rev.values():
        v.sort(key=lambda x: len(x[0]), reverse=True)
    category = {}
    for cat, key in (("civilians", "civilians"), ("combatants", "combatants"), ("security", "security forces")):
        for w in lex["victims"][cat]:
            category[w.lower()] = key
    victims = set(category)
    victims.update(w.lower() for w in lex["victims"]["unknown"])
    singular = {
        w for w in victims if " " not in w and not w.endswith("s") and w not in _NOT_SINGULAR and w != "another"
    }
    return {
        "after": after,
        "before": before,
        "before_rev": before_rev,
        "nouns_rev": nouns_rev,
        "bridge": frozenset(lex["nouns"]["bridge"]),
        "aux": frozenset(lex["aux"]["words"]),
        "victims": frozenset(victims),
        "singular": frozenset(singular),
        "category": category,
        "not_victims": frozenset(w.lower() for w in lex["not_victims"]["words"]),
        "not_before": frozenset(w.lower() for w in lex["not_counts"]["before"]),
    }


def _trigger_terms():
    lex = load("casualties")
    terms = [t for part in ("after", "before") for k in KINDS for t in lex[part].get(k, [])]
    return terms + lex["nouns"]["killed"] + lex["nouns"]["injured"] + lex["nouns"].get("trigger_extra", [])


# The source of each pattern, compiled the first time it is needed, once per engine: stdlib ``re`` for
# plain text (ASCII, see ``numbers._plain``), where it matches exactly as ``regex`` does and runs two
# to three times faster, ``regex`` for any other text.
_SOURCES = {
    # a prefix tree, not a flat alternation: every sentence of every article passes through this test;
    # searched in the lower-cased sentence: case-insensitive matching costs a fifth more
    "trigger": lambda: rf"\b(?:{_trie(_trigger_terms())})\b",
    "token": lambda: r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:['\-][^\W_]+)*|[^\w\s\"'`]",
    # a sentence with no figure can only give a singular victim: this finds every word that may be one
    # (searched in the lower-cased sentence)
    "maybe_single": lambda: rf"\b(?:{_trie(_rules()['singular'])})|-(?:year|month|week|day)-old",
    "compound": lambda: r"-[^\W\d_]|\s*(?:%|per\s*cent\b|percent\b)|\)",
}
_IGNORECASE = ("compound",)


class _Patterns:
    def __init__(self, engine) -> None:
        self._engine = engine

    def __getattr__(self, name: str):
        if name not in _SOURCES:
            raise AttributeError(name)
        flags = self._engine.IGNORECASE if name in _IGNORECASE else 0
        pattern = self._engine.compile(_SOURCES[name](), flags)
        setattr(self, name, pattern)
        return pattern


@functools.cache
def _re_patterns() -> _Patterns:
    import re

    return _Patterns(re)


@functools.cache
def _regex_patterns() -> _Patterns:
    import regex

    return _Patterns(regex)


def _required(pattern: str) -> tuple[tuple[str, ...], ...] | None:
    """Lower-cased strings a match of ``pattern`` must contain: each tuple names alternatives of which
    one must occur. Read from the pattern's top level (a literal run, or a group of literal
    alternatives); None when the stdlib parser cannot read the pattern."""
    try:
        from re import _parser  # the stdlib's own parser: exact about what is literal

        items = list(_parser.parse(pattern))
    except Exception:  # a syntax only ``regex`` has: no prefilter, the pattern is always tried
        return None
    literal = _parser.LITERAL

    def alternatives(item):
        op, av = item
        if op is _parser.SUBPATTERN and len(av[3]) == 1:
            op, av = list(av[3])[0]
        if op is not _parser.BRANCH:
            return None
        alts = []
        for seq in av[1]:
            seq = list(seq)
            if not seq or any(o is not literal for o, _ in seq):
                return None
            alts.append("".join(chr(c) for _, c in seq).lower())
        return tuple(alts)

    out = []
    run = ""
    for item in [*items, (None, None)]:
        if item[0] is literal:
            run += chr(item[1])
            continue
        if len(run) >= 2:
            out.append((run.lower(),))
        run = ""
        if item[0] is not None:
            alts = alternatives(item)
            if alts:
                out.append(alts)
    return tuple(out)


@functools.cache
def _sentence_patterns(name: str) -> list:
    """[(strings of which a match needs one, source, compiled pattern or None until first needed)] of
    the ``cumulative`` or ``hedged`` patterns, one regex each (``regex`` engine, ignoring case, as
    written in the lexicon). Of what a pattern needs, the most selective part is checked (the one
    with the longest shortest string): a single test per pattern."""
    out = []
    for p in load("casualties")[name]["patterns"]:
        need = _required(p)
        best = max(need, key=lambda alts: min(map(len, alts))) if need else ()
        out.append([best, p, None])
    return out


def _any_sentence_pattern(name: str, text: str, low: str | None) -> bool:
    """Whether one of the ``name`` patterns is found in ``text``. With ``low`` (the lower-cased plain
    text) a pattern is tried only when the words it needs occur: most sentences need no regex here,
    and a pattern is compiled only the first time it is tried."""
    for entry in _sentence_patterns(name):
        need, source, compiled = entry
        if low is not None and need:
            if len(need) == 1:
                if need[0] not in low:
                    continue
            elif not any(s in low for s in need):
                continue
        if compiled is None:
            import regex

            compiled = entry[2] = regex.compile(source, regex.IGNORECASE)
        if compiled.search(text):
            return True
    return False


@functools.cache
def _compiled() -> dict:
    """Every pattern of the module, compiled: not used when reading text (each compiles on first
    use), but lets a test reach every pattern (tests/test_regex_safety.py)."""
    import regex

    out = {}
    for name, P in (("re", _re_patterns()), ("regex", _regex_patterns())):
        for key in _SOURCES:
            out[f"{name}.{key}"] = getattr(P, key)
    for name in ("cumulative", "hedged"):
        for i, p in enumerate(load("casualties")[name]["patterns"]):
            out[f"{name}[{i}]"] = regex.compile(p, regex.IGNORECASE)
    return out


def _tokens(text: str, low: str, quants, P) -> list[_Tok]:
    if len(low) != len(text):  # a letter whose lower case is longer: keep offsets of the text
        toks = [_Tok(m.start(), m.end(), m.group().lower()) for m in P.token.finditer(text)]
    else:
        toks = list(map(_WordTok, P.token.finditer(low)))
    if not quants:
        return toks
    # each figure replaces the tokens it overlaps; the tokens between figures are copied in slices
    # (found by bisection), not looked at one by one
    ends = [t.end for t in toks]
    out: list[_Tok] = []
    qi = 0
    i = 0
    n = len(toks)
    nq = len(quants)
    while i < n:
        if qi >= nq:
            out += toks[i:]
            break
        q = quants[qi]
        t = toks[i]
        if q.end <= t.start:  # a figure no token is left to overlap
            qi += 1
            continue
        if t.end <= q.start:  # the tokens before the figure
            j = bisect_right(ends, q.start, i)
            out += toks[i:j]
            i = j
            continue
        s, e = t.start, t.end
        while i + 1 < n and toks[i + 1].start < q.end:
            i += 1
            e = toks[i].end
        out.append(_Tok(min(s, q.start), max(e, q.end), text[q.start : q.end].lower(), q))
        qi += 1
        i += 1
    return out


def _keep(q, text: str, toks: list[_Tok], i: int, R, P) -> bool:
    """False for a figure that is a year, an age, a percentage, a label or part of a compound."""
    if q.vague:
        return True
    tail = text[q.end : q.end + 9]
    if P.compound.match(tail):
        return False
    num = text[q.num_start : q.end]
    if num.isdigit() and len(num) == 4 and 1900 <= int(num) <= 2100 and q.count == int(num):
        nxt = toks[i + 1].low if i + 1 < len(toks) else ""
        if nxt not in R["victims"]:
            return False
    if q.start > 0 and text[q.start - 1] in "#(":
        return False
    if (
        2 <= i < len(toks) - 1
        and toks[i - 1].low == ","
        and toks[i + 1].low == ","
        and q.count is not None
        and q.count < 120
        and toks[i - 2].q is None
        and text[toks[i - 2].start].isupper()
    ):
        return False  # an age after a name: "Jane Doe, 29, who was killed"
    if i > 0 and toks[i - 1].low in R["not_before"]:
        return False
    if i > 1 and toks[i - 1].low == "of" and toks[i - 2].low == "out":  # "14 out of 40"
        return False
    if i > 2 and toks[i - 1].low == "the" and toks[i - 2].low == "of" and toks[i - 3].low == "out":
        return False
    if i > 0 and toks[i - 1].low == "." and i > 1 and toks[i - 2].low == "no":
        return False
    return True


def _match_after(toks, j, R):
    """(kind, length) of the casualty word(s) starting at token j, else None."""
    if j >= len(toks) or toks[j].q is not None:
        return None
    w = toks[j].low
    if w in _SUFFER:  # "suffered (mostly minor) injuries", "sustained serious wounds"
        for k in range(j + 1, min(len(toks), j + 5)):
            t = toks[k]
            if t.low in _WOUNDS:
                return "injured", k - j + 1
            if t.q is not None or not t.low[0].isalpha() or t.low in _NP_STOP:
                break
        return None
    best = None
    for kind in KINDS:
        for words in R["after"][kind].get(w, ()):
            if len(words) <= len(toks) - j and all(toks[j + k].low == words[k] for k in range(len(words))):
                if best is None or len(words) > best[1]:
                    best = (kind, len(words))
                break
    return best


def _match_before(toks, k, R):
    """(kind, first token index) of an active casualty verb ending at token k, else None."""
    if k < 0 or toks[k].q is not None:
        return None
    for words, kind in R["before_rev"].get(toks[k].low, ()):
        s = k - len(words) + 1
        if s >= 0 and all(toks[s + x].low == words[x] for x in range(len(words))):
            return kind, s
    return None


def _np(toks, j, R, limit=5):
    """Token indices of the victims' noun phrase starting at j (may be empty)."""
    n = len(toks)
    out: list[int] = []
    if j < n and toks[j].low in ("of", "from") and toks[j].q is None:
        out.append(j)
        j += 1
        limit += 1
        if j < n and toks[j].low == "whom" and toks[j - 1].low == "of":  # "two of whom were among the dead"
            out.append(j)
            j += 1
    while j < n and toks[j].low in ("other", "more", "further", "additional") and toks[j].q is None:
        out.append(j)  # "five other Palestinians"
        j += 1
    of_at = None  # "members of the security forces": a group noun and what it belongs to
    while j < n and len(out) < limit:
        t = toks[j]
        if t.q is not None or _match_after(toks, j, R):
            break
        if t.low.endswith("ed") and j + 2 < n and toks[j + 1].low in ("and", "or") and _match_after(toks, j + 2, R):
            break  # "scores trapped and missing": a participle, not a noun
        if out and j + 1 < n and toks[out[-1]].low in R["victims"] and toks[j + 1].q is None:
            nxt = toks[j + 1].low
            if t.low == "of" and of_at is None and nxt in ("the", "its", "their", "his", "her"):
                of_at = j
                out += [j, j + 1]
                j += 2
                limit += 3
                continue
            if t.low == "and" and nxt in R["victims"] and nxt not in _NP_STOP and nxt not in R["aux"]:
                if j + 2 >= n or toks[j + 2].low not in ("said", "say", "says", "told"):
                    out.append(j)  # "police officers and soldiers": one group of victims
                    j += 1
                    continue
        if not (t.low[0].isalnum()):
            if t.low == "-" and out and j + 1 < n and toks[j + 1].start == t.end:
                out.append(j)
                j += 1
                continue
            break
        if t.low in _NP_STOP or (t.low in R["aux"] and t.low not in ("the", "all", "both")):
            if not (t.low in ("the", "its", "his", "their") and out and toks[out[0]].low in ("of", "from")):
                break
        out.append(j)
        j += 1
    # "35 people hours after ...": the phrase ends at its last victim noun
    last = max((x for x in out if toks[x].low in R["victims"]), default=None)
    if last is not None and of_at is None:
        out = [x for x in out if x <= last]
    return out


def _head(toks, np_idx) -> str | None:
    words = [toks[k].low for k in np_idx if toks[k].low[0].isalnum()]
    return words[-1] if words else None


def _scan_right(toks, i, np_idx, R):
    """Kinds tied to figure i by the words after it, and whether a relative clause was crossed."""
    n = len(toks)
    j = (np_idx[-1] + 1) if np_idx else i + 1
    direct = _match_after(toks, j, R)
    rel = False
    if not direct and j < n and toks[j].low == "of" and np_idx and toks[np_idx[-1]].low in R["victims"]:
        # "a local commander of the militia, ..., was killed": what the victim belongs to
        for k in range(j + 1, min(n, j + 7)):
            t = toks[k]
            stop = t.q is not None or not t.low[0].isalnum() or (t.low in _NP_STOP and t.low != "the")
            if stop or _match_after(toks, k, R):
                if k > j + 1 and not (k == j + 2 and toks[j + 1].low == "the"):
                    j = k
                elif not stop:
                    return [], rel  # "a sister of slain officer X": the casualty word describes the owner
                break
    if not direct:
        # a parenthesis ", including children," or a list ", three children and two women,"
        if j < n and toks[j].low in _CLOSER and j + 1 < n:
            nxt = toks[j + 1]
            closer = _CLOSER[toks[j].low]
            if nxt.q is not None or nxt.single or nxt.low in _PAREN_START or nxt.low in ("a", "an"):
                for k in range(j + 1, min(n, j + 14)):
                    if toks[k].low == closer:
                        j = k + 1
                        break
                    if _match_after(toks, k, R) or toks[k].low in (".", ";", ":"):
                        break
        # "14 lawyers out of 40 were injured": the part, not the whole
        if j + 2 < n and toks[j].low == "out" and toks[j + 1].low == "of" and toks[j + 2].q is None:
            j += 2
            if j < n and toks[j].low in ("the", "them", "those"):
                j += 1
            j += 1  # the whole, a figure dropped by _keep
            rest = _np(toks, j, R)
            j = (rest[-1] + 1) if rest else j
        # list continuation: "14 fighters and six foreigners were killed"
        for _ in range(3):
            if (
                np_idx
                and j + 1 < n
                and toks[j].low in ("and", "or")
                and (toks[j + 1].q is not None or toks[j + 1].single or toks[j + 1].low in ("a", "an"))
            ):
                nxt = _np(toks, j + 2, R)
                j = (nxt[-1] + 1) if nxt else j + 2
            else:
                break
        if (
            j < n
            and toks[j].low == ","
            and j + 1 < n
            and toks[j + 1].low in ("were", "was", "had", "have", "has", "who")
        ):
            j += 1
        steps = 0
        while j < n and steps < 7 and toks[j].q is None and toks[j].low in R["aux"] and not _match_after(toks, j, R):
            if toks[j].low in ("who", "that"):
                rel = True
            if toks[j].low in ("may", "might") and (j + 1 >= n or toks[j + 1].low != "have"):
                break  # "hundreds might be killed if ..." is a warning, not a toll
            j += 1
            steps += 1
        direct = _match_after(toks, j, R)
        # "left scores trapped and missing", "40 miners trapped or missing": the second participle
        p = j
        if np_idx and p == np_idx[-1] + 1 and not any(toks[k].low in R["victims"] for k in np_idx):
            p = np_idx[-1]  # "scores trapped": the participle was read as the noun phrase
        if (
            not direct
            and p + 2 < n
            and toks[p].low.endswith("ed")
            and toks[p].q is None
            and toks[p + 1].low in ("and", "or")
            and (p != j or not np_idx or any(toks[k].low in R["victims"] for k in np_idx))
        ):
            m = _match_after(toks, p + 2, R)
            if m:
                direct, j = m, p + 2
        if not direct and np_idx and any(toks[k].low in R["victims"] for k in np_idx):
            # loose: "17 people working at a flour mill lost their lives"
            first = toks[j].low if j < n else ""
            gap = range(0)
            if first.endswith(("ing", "ed")) or first in ("who", "that", "from", "of"):
                gap = range(j, min(n, j + 7))
            for k in gap:
                t = toks[k]
                if t.q is not None or not t.low[0].isalnum() or t.low in ("and", "or", "but", "said", "says"):
                    break
                m = _match_after(toks, k, R)
                if m:
                    if first == "of" and (k == j + 1 or (k == j + 2 and toks[j + 1].low == "the")):
                        break  # "relatives of slain soldiers": the casualty word describes the owner
                    direct, j = m, k
                    break
    if not direct:
        return [], rel
    kind, length = direct
    if toks[i].single and toks[j].low in _NOMINAL:  # "a civilian injury", "a child's death"
        return [], rel
    if toks[j].low in _NOMINAL and (len(np_idx) > 2 or j != (np_idx[-1] + 1 if np_idx else i + 1)):
        return [], rel  # "40 civilian deaths", not "17 carried the possibility of a death ..."
    # "many of the wounded are ...": a part of casualties already counted, not a new figure
    if np_idx and all(toks[k].low in ("of", "the", "those") for k in np_idx):
        return [], rel
    end = j + length
    # an active verb with its own object ("Five gunmen killed three soldiers") is not ours
    if end < n and (toks[end].q is not None or toks[end].single):
        return [], rel
    kinds = [kind]
    # "killed and injured", "arrested and detained"
    if end + 1 < n and toks[end].low in ("and", "or"):
        k = end + 1
        steps = 0
        while k < n and steps < 3 and toks[k].low in _COORD_AUX:
            k += 1
            steps += 1
        m = _match_after(toks, k, R)
        if m and m[0] not in kinds and not (k + m[1] < n and toks[k + m[1]].q is not None):
            if toks[end].low == "or" and {kind, m[0]} == {"killed", "injured"}:
                kinds = ["killed"]  # "50 killed or wounded": one casualty figure, counted as killed
            else:
                kinds.append(m[0])
    return kinds, rel


def _scan_left(toks, i, R):
    k = i - 1
    skipped = 0
    while k >= 0 and skipped < 2 and toks[k].low in _PRE_SKIP and toks[k].q is None:
        k -= 1
        skipped += 1
    m = _match_before(toks, k, R)
    if not m:
        return []
    if m[1] > 0 and toks[m[1] - 1].low in _IRREALIS:
        # "threatened to kill three hostages" is not a toll; "said to have killed", "said to kill" is
        if not (toks[m[1] - 1].low == "to" and m[1] > 1 and toks[m[1] - 2].low in _REPORTED):
            return []
    kinds = [m[0]]
    s = m[1]
    if s >= 2 and toks[s - 1].low in ("and", "or"):
        m2 = _match_before(toks, s - 2, R)
        if m2 and m2[0] not in kinds:
            if toks[s - 1].low == "or" and {m2[0], kinds[0]} == {"killed", "injured"}:
                kinds = ["killed"]  # "killed or wounded 50": one casualty figure
            else:
                kinds.insert(0, m2[0])
    return kinds


def _scan_toll(toks, i, R):
    k = i - 1
    steps = 0
    while k >= 0 and steps < 7:
        t = toks[k]
        if t.q is not None:
            return None
        for words, kind in R["nouns_rev"].get(t.low, ()):
            s = k - len(words) + 1
            if s >= 0 and all(toks[s + x].low == words[x] for x in range(len(words))):
                return kind
        if t.low == "," and k >= 3 and toks[k - 2].low == "the" and toks[k - 3].low in ("of", "among"):
            # "Of the dead, 17 were children"
            return _OF_THE.get(toks[k - 1].low)
        if t.low == "toll" and steps > 0 and toks[i - 1].low in R["bridge"]:
            return "killed"
        if t.low not in R["bridge"] and any(x.low == "toll" for x in toks[max(0, k - 6) : k]):
            # "the toll from the blast has climbed to 73": plain words between the toll and the figure
            if t.low[0].isalpha() and toks[i - 1].low in R["bridge"]:
                k -= 1
                steps += 1
                continue
        if t.low not in R["bridge"]:
            return None
        k -= 1
        steps += 1
    return None


def _is_subgroup(toks, i) -> bool:
    for words in _SUBGROUP:
        s = i - len(words)
        if s >= 0 and all(toks[s + x].low == words[x] for x in range(len(words))):
            return True
    return False


def _who(toks, np_idx, text) -> str | None:
    idx = list(np_idx)
    while idx and toks[idx[0]].low in (
        "of",
        "the",
        "its",
        "his",
        "her",
        "their",
        "our",
        "them",
        "us",
        "whom",
        "a",
        "an",
        "other",
        "more",
        "further",
        "additional",
    ):
        if toks[idx[0]].low == "from":
            break
        idx.pop(0)
    while idx and not toks[idx[-1]].low[0].isalnum():
        idx.pop()
    before = toks[idx[-2]] if len(idx) > 1 else None
    if (
        before is not None
        and toks[idx[-1]].low in ("hostage", "captive")
        and (before.low.endswith("s") or before.low == "people")
        and not text[before.start : before.end].isupper()  # "US hostage"
    ):
        # "took two drivers hostage"
        idx.pop()
    if idx and toks[idx[-1]].low.endswith("'s"):  # "a state prosecutor's killing"
        return text[toks[idx[0]].start : toks[idx[-1]].end - 2]
    if idx and toks[idx[-1]].low in ("lives", "souls"):  # "claimed 85 Palestinian lives"
        idx.pop()
        if not idx:
            return "people"
    if not idx or all(toks[k].low in ("others", "more", "other", "another", "all", "both", "lives") for k in idx):
        return None
    return text[toks[idx[0]].start : toks[idx[-1]].end]


def _category(who: str | None, R) -> str:
    if not who:
        return "unknown"
    cat = R["category"]
    words = who.lower().split()
    for w in reversed(words):
        if w in cat:
            return cat[w]
    return "unknown"


def _singulars(text: str, toks: list[_Tok], R) -> list[_Tok]:
    """Mark "a child", "an elderly man", "a 34-year-old man" as figures of one."""
    out: list[_Tok] = []
    n = len(toks)
    # only an article or an age can start one: the other tokens are copied in slices
    starts = [i for i, t in enumerate(toks) if t.q is None and (t.low in _ARTICLES or t.low.endswith(_AGES))]
    done = 0
    for i in starts:
        t = toks[i]
        age = t.low.endswith(_AGES) and not (i > 0 and toks[i - 1].low in ("a", "an", "another"))
        if t.low in ("a", "an", "another") or age:  # "Four-year-old boy killed"
            out += toks[done:i]
            done = i
            named_of = False
            for k in range(i + 1, min(n, i + 9)):
                w = toks[k]
                if (
                    w.low == "of"
                    and k + 1 < n
                    and text[toks[k - 1].start].isupper()
                    and text[toks[k + 1].start].isupper()
                ):
                    named_of = True  # a name with "of" in it: "a University of Chicago student"
                    continue
                if w.q is not None or not w.low[0].isalnum() or w.low in _NP_STOP:
                    break
                nxt = toks[k + 1] if k + 1 < n else None
                ends = (
                    nxt is None
                    or not nxt.low[0].isalnum()
                    or nxt.low in _NP_STOP
                    or (named_of and nxt.q is not None)
                    or (nxt.low == "of" and not named_of)
                    or nxt.low.endswith(("ed", "ing"))
                    or nxt.low in R["aux"]
                    or _match_after(toks, k + 1, R) is not None
                    or _match_before(toks, k + 1, R) is not None
                )
                aged = any(toks[x].low.endswith(_AGES) for x in range(i, k + 1))
                if aged and w.low not in R["singular"] and k - 1 > i:
                    prev = text[toks[k - 1].start : toks[k - 1].end]
                    if prev[:1].isupper() and not prev.lower().endswith(_AGES):
                        aged = False  # "19-year-old backpacker Jane Doe": a named person, not a count
                if w.low.endswith("'s") and w.low[:-2] in R["singular"] and nxt is not None and nxt.low in _POSS:
                    # "a police officer's killing": the victim and what happened to them
                    out.append(_Tok(t.start, t.end, t.low, "one", True, k - i + 1))
                    break
                if (w.low in R["singular"] or aged) and ends:  # "a 17-year-old Palestinian"
                    out.append(_Tok(t.start, t.end, t.low, "one", True, k - i + 1 if named_of else 0))
                    break
    out += toks[done:]
    return out


_LONG = 2000  # a "sentence" longer than this is read only in windows around its casualty words
_WINDOW = 300


def extract(sent: Sentence, doc: Document) -> list[Casualty]:
    text = sent.text
    P = _re_patterns() if _plain(text) else _regex_patterns()
    if not P.trigger.search(text.lower()):
        return []
    R = _rules()
    if len(text) <= _LONG:
        return _extract(text, R, P)
    out: list[Casualty] = []
    for a, b in _windows(text, P):
        out.extend(_extract(text[a:b], R, P))
    return out


def _windows(text: str, P):
    """Spans of at most _LONG characters around the casualty words of a very long text."""
    a = b = -1
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer: offsets would shift
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for m in P.trigger.finditer(low):
        s, e = max(0, m.start() - _WINDOW), min(len(text), m.end() + _WINDOW)
        if a >= 0 and s <= b and e - a <= _LONG:
            b = e
            continue
        if a >= 0:
            yield a, b
            s = max(s, b)  # windows never overlap, so no figure is read twice
        a, b = s, e
    if a >= 0:
        yield a, b


def _extract(text: str, R, P) -> list[Casualty]:
    quants = find_quantities(text)
    low = text.lower()
    maybe_single = P.maybe_single.search(low) is not None
    if not quants and not maybe_single:
        return []
    toks = _tokens(text, low, quants, P)
    for i, t in enumerate(toks):
        if t.q is not None and not _keep(t.q, text, toks, i, R, P):
            t.q = None
            t.low = text[t.start : t.end].lower()
    if maybe_single:
        toks = _singulars(text, toks, R)

    found: list[tuple[int, list[str], list[int], str]] = []  # (token index, kinds, np, rule)
    pending_sub: list[tuple[int, list[int]]] = []
    for i, t in enumerate(toks):
        if t.q is None:
            continue
        if t.single and t.span:
            np_idx = list(range(i + 1, i + 1 + t.span))
        elif t.single:
            np_idx = _np(toks, i + 1, R)
            # the singular marker's noun phrase is the victim
        else:
            np_idx = _np(toks, i + 1, R)
        head = _head(toks, np_idx)
        if t.single and head and head.endswith("'s") and i + 1 + t.span < len(toks):
            k = i + 1 + t.span
            poss = _POSS.get(toks[k].low)
            if k + 1 < len(toks) and toks[k + 1].low in ("sentence", "penalty", "threat", "threats", "warrant", "row"):
                poss = None  # "a soldier's death sentence", "a journalist's arrest warrant"
            if poss and head[:-2] in R["singular"] and not _scan_left(toks, i, R):
                found.append((i, [poss], np_idx, "possessive"))
                continue
        if head in R["not_victims"] or (np_idx and toks[np_idx[0]].low in R["not_victims"]):
            continue  # "two missiles", "eight hours of video"
        if t.single and head not in R["singular"]:
            # "a commander of the militia": the noun before "of" is the victim
            cut = next((x for x, k in enumerate(np_idx) if toks[k].low == "of" and x > 0), None)
            if cut is not None:
                head = toks[np_idx[cut - 1]].low
        if t.single and head not in R["singular"] and not any(toks[k].low.endswith(_AGES) for k in np_idx):
            continue
        left = _scan_left(toks, i, R)
        right, rel = _scan_right(toks, i, np_idx, R)
        kinds: list[str] = []
        rule = ""
        if left:
            kinds, rule = list(left), "verb+num"
            e = np_idx[-1] + 1 if np_idx else i + 1
            if e + 1 < len(toks) and toks[e].low == "to" and toks[e + 1].low == "death":
                kinds = ["killed" if k == "injured" else k for k in kinds]  # "stabbed eight people to death"
            for k in right:
                if k not in kinds and rel:
                    kinds.append(k)
                    rule = "verb+num+rel"
        elif right:
            kinds, rule = list(right), "num+participle"
        elif head == "lives" and i > 0 and toks[i - 1].low in _LIVES_VERBS:
            kinds, rule = ["killed"], "claimed+num+lives"  # "the floods claimed 40 lives"
        else:
            toll = None if t.single else _scan_toll(toks, i, R)
            if toll:
                kinds, rule = [toll], "toll+num"
        if not kinds and np_idx and all(x.low in ("the", "all", "a", "an") for x in toks[:i]):
            # the subject of the sentence: "Two gunmen stormed the compound before being shot dead"
            for k in range(np_idx[-1] + 1, min(len(toks) - 2, np_idx[-1] + 26)):
                x = toks[k]
                numeric = x.q is not None and (x.single or not x.q.vague)
                if numeric or x.low in (".", ";", ":", "who", "which", "that", "but", "while", "when", "as"):
                    break
                if x.low in ("before", "after", "until") and toks[k + 1].low == "being":
                    m = _match_after(toks, k + 2, R)
                    if m:
                        kinds, rule = [m[0]], "num+before+being"
                    break
        if not kinds and not t.single and not (i > 0 and toks[i - 1].low in _FREED):
            # people held: "holding 130 hostages", "took two drivers hostage", "to kill three hostages"
            end = np_idx[-1] + 1 if np_idx else i + 1
            after = toks[end].low if end < len(toks) else ""
            if after not in _FREED and after not in ("were", "was", "have", "has", "are"):
                if head in _HOSTAGES:
                    kinds, rule = ["kidnapped"], "num+hostages"
                elif after in _HOSTAGES and i > 0 and toks[i - 1].low in _TAKE:
                    kinds, rule = ["kidnapped"], "take+num+hostage"
        if (
            not kinds
            and found
            and np_idx
            and i >= 2
            and (toks[i - 1].low == "and" or (toks[i - 1].low == "," and not t.single and not t.q.vague))
        ):
            # "killed five soldiers and 12 insurgents": the second object of the same verb
            prev_i, prev_kinds, prev_np, prev_rule = found[-1]
            prev_end = prev_np[-1] if prev_np else prev_i
            if prev_end == i - 2 and prev_rule.startswith("verb+num"):
                kinds, rule = list(prev_kinds), "verb+num+list"
        if not kinds:
            if _is_subgroup(toks, i) and not np_idx and i + 2 < len(toks) and toks[i + 1].low in ("were", "are", "was"):
                if toks[i + 2].low in R["victims"]:
                    np_idx = [i + 2]  # "of whom 300 were children"
            if _is_subgroup(toks, i) and np_idx:
                pending_sub.append((i, np_idx))
            elif pending_sub and i >= 1 and toks[i - 1].low in ("and", ",") and np_idx and i - pending_sub[-1][0] <= 8:
                pending_sub.append((i, np_idx))
            continue
        found.append((i, kinds, np_idx, rule))

    for i, np_idx in pending_sub:
        prev = [f for f in found if f[0] < i]
        nxt = [f for f in found if f[0] > i]
        ref = prev[-1] if prev else (nxt[0] if nxt else None)
        if ref is not None:
            found.append((i, [ref[1][0]], np_idx, "subgroup"))
    found.sort(key=lambda f: f[0])
    if not found:
        return []
    plain_low = low if P is _re_patterns() else None  # the keyword prefilter reads plain text only
    cumulative = _any_sentence_pattern("cumulative", text, plain_low)
    hedged = _any_sentence_pattern("hedged", text, plain_low)

    out: list[Casualty] = []
    last_who: str | None = None
    for i, kinds, np_idx, rule in found:
        t = toks[i]
        who = _who(toks, np_idx, text)
        if t.single:
            who = _who(toks, np_idx, text)
        if who is None:
            who = last_who or "people"
        else:
            last_who = who
        for kind in kinds:
            out.append(_record(t, kind, who, rule, cumulative, hedged, text, R))
    return out


def _record(t: _Tok, kind, who, rule, cumulative, hedged, text, R) -> Casualty:
    if t.single:
        return Casualty(
            kind=kind, count=1, min=1, max=1, who=who, category=_category(who, R), cumulative=cumulative,
            hedged=hedged, number_text=text[t.start : t.end], rule=rule + "/singular",
        )  # fmt: skip
    q = t.q
    return Casualty(
        kind=kind,
        count=q.count,
        min=q.min,
        max=q.max,
        vague=q.vague,
        qualifier=q.qualifier,
        who=who,
        category=_category(who, R),
        cumulative=cumulative,
        hedged=hedged,
        number_text=text[q.num_start : q.end],
        rule=rule,
    )

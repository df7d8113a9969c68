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
from itertools import accumulate

from ..lazyrx import LazyPatterns
from ..lazyrx import plain as _plain
from ..lexicons import load, trie
from ..models import Casualty, Document, Sentence
from ..numbers import find_quantities

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
# "including 3", "incl 3" (one word before the figure) and these two-word openers mark a subgroup
_SUBGROUP2 = frozenset((("among", "them"), ("of", "whom"), ("of", "them"), ("among", "whom")))
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
_ATTACKERS = frozenset("bomber bombers gunman gunmen attacker attackers assailant assailants shooter".split())
_WHO_SKIP = frozenset(
    "of the its his her their our them us whom a an other more further additional".split()
)  # words before the victims
# the word before a figure that lets a rule of words before it apply: "claimed 40 lives", a list
# ("killed five soldiers and 12 insurgents"), a subgroup's second figure ("including 3 women and 2 children")
_BEFORE_LATE = _LIVES_VERBS | {"and", ","}
_COORD_AUX = frozenset("were was have has had been be being also later reportedly allegedly then".split())


_ONE = "one"  # the figure of a singular victim ("a child", "a 34-year-old man")


class _Toks:
    """The word tokens of a sentence as parallel lists, not one object per word (building those
    objects cost more than all the rules that read them): ``low`` the lower-cased token, ``start`` /
    ``end`` its offsets, ``q`` its figure (a Quantity, ``_ONE`` for a singular victim, else None);
    ``span`` maps a singular victim whose name has "of" in it to the number of tokens of its phrase;
    ``fig`` the indices of the figures of ``find_quantities``, in order (kept as the tokens are cut,
    so the rules need not look for them in every token)."""

    __slots__ = ("low", "start", "end", "q", "span", "n", "fig")


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
        # every word _match_after can start at: a set test before the call, in loops over tokens
        "after_any": frozenset(w for kind in KINDS for w in after[kind]) | _SUFFER,
        # the "after" phrases by their first word, by kind then longest first: one lookup per token
        "after_first": {
            w: [(kind, words, len(words)) for kind in KINDS for words in after[kind].get(w, ())]
            for w in {w for kind in KINDS for w in after[kind]}
        },
        "before": before,
        "before_rev": before_rev,
        "nouns_rev": nouns_rev,
        "bridge": frozenset(lex["nouns"]["bridge"]),
        "aux": frozenset(lex["aux"]["words"]),
        "victims": frozenset(victims),
        "singular": frozenset(singular),
        # a token _singulars can mark a victim at: a singular noun or its possessive ("child's")
        "singular_any": frozenset(singular) | {w + "'s" for w in singular},
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
    "trigger": lambda: rf"\b(?:{trie(_trigger_terms())})\b",
    # one capturing group: ``split`` returns the tokens with the text between them
    "token_split": lambda: r"((?:[A-Za-z]\.){2,}|[^\W_]+(?:['\-][^\W_]+)*|[^\w\s\"'`])",
    # a sentence with no figure can only give a singular victim: this finds every word that may be one
    # (searched in the lower-cased sentence)
    "maybe_single": lambda: rf"\b(?:{trie(_rules()['singular'])})|-(?:year|month|week|day)-old",
    "compound": lambda: r"-[^\W\d_]|\s*(?:%|per\s*cent\b|percent\b)|\)",
}
_IGNORECASE = ("compound",)
# The stdlib engine's version of a pattern where it differs: the token pattern with ASCII classes, as
# ``re`` reads only plain text, lower-cased (a third faster than Unicode classes, same tokens there),
# and possessive repeats (nothing follows them in the pattern, so they match what the greedy ones do,
# without keeping backtracking points: splitting ~15% faster)
_RE_SOURCES = {
    "token_split": lambda: r"((?:[a-z]\.){2,}+|[a-z0-9]++(?:['\-][a-z0-9]++)*+|[^0-9a-z_\s\"'`])",
}


@functools.cache
def _re_patterns() -> LazyPatterns:
    import re

    return LazyPatterns(re, _SOURCES, _IGNORECASE.__contains__, _RE_SOURCES)


@functools.cache
def _regex_patterns() -> LazyPatterns:
    import regex

    return LazyPatterns(regex, _SOURCES, _IGNORECASE.__contains__)


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
    """[strings a match needs, source, ``re`` pattern for plain text or None, ``regex`` pattern or
    None until first needed] of the ``cumulative`` or ``hedged`` patterns (ignoring case, as written
    in the lexicon). What a pattern needs is a list of tuples, the most selective first (the one with
    the longest shortest string): each tuple names strings of which one must occur."""
    out = []
    for p in load("casualties")[name]["patterns"]:
        need = sorted(_required(p) or (), key=lambda alts: -min(map(len, alts)))
        out.append([need, p, None, None])
    return out


def _plain_pattern(entry):
    """The pattern compiled with the stdlib ``re`` engine, which reads plain text (see
    ``numbers._plain``) as ``regex`` does and runs faster; False when ``re`` cannot compile it (a
    variable-width look-behind) or it is not ASCII."""
    import re

    try:
        compiled = re.compile(entry[1], re.IGNORECASE | re.ASCII) if entry[1].isascii() else False
    except re.error:
        compiled = False
    entry[2] = compiled
    return compiled


def _any_sentence_pattern(name: str, text: str, low: str | None) -> bool:
    """Whether one of the ``name`` patterns is found in ``text``. With ``low`` (the lower-cased plain
    text) a pattern is tried only when the words it needs occur (most sentences need no regex here),
    with ``re`` where it can; a pattern is compiled only the first time it is tried."""
    for entry in _sentence_patterns(name):
        if low is not None:
            missing = False
            for alts in entry[0]:  # loops, not all()/any() of generators: this runs for every record
                for s in alts:
                    if s in low:
                        break
                else:
                    missing = True
                    break
            if missing:
                continue
            compiled = entry[2]
            if compiled is None:
                compiled = _plain_pattern(entry)
            if compiled:
                if compiled.search(text):
                    return True
                continue
        compiled = entry[3]
        if compiled is None:
            import regex

            compiled = entry[3] = regex.compile(entry[1], regex.IGNORECASE)
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
        for key, pattern in P.all().items():
            out[f"{name}.{key}"] = pattern
    for name in ("cumulative", "hedged"):
        for i, p in enumerate(load("casualties")[name]["patterns"]):
            out[f"{name}[{i}]"] = regex.compile(p, regex.IGNORECASE)
    return out


def _tokens(text: str, low: str, quants, P) -> _Toks:
    # one ``split`` on the token pattern (a capturing group) gives the tokens and the text between
    # them; the offsets are the running sums of their lengths: no Python code per word
    if len(low) != len(text):  # a letter whose lower case is longer: keep offsets of the text
        parts = P.token_split.split(text)
        lows = [p.lower() for p in parts[1::2]]
    else:
        parts = P.token_split.split(low)
        lows = parts[1::2]
    acc = list(accumulate(map(len, parts)))
    starts = acc[0:-1:2]
    ends = acc[1::2]
    T = _Toks()
    T.span = {}
    n = len(lows)
    if not quants:
        T.low, T.start, T.end, T.q, T.n, T.fig = lows, starts, ends, [None] * n, n, []
        return T
    # each figure replaces the tokens it overlaps; the tokens between figures are copied in slices
    # (found by bisection), not looked at one by one
    L: list[str] = []
    S: list[int] = []
    E: list[int] = []
    Q: list = []
    F: list[int] = []
    qi = 0
    i = 0
    nq = len(quants)
    while i < n:
        if qi >= nq:
            L += lows[i:]
            S += starts[i:]
            E += ends[i:]
            Q += [None] * (n - i)
            break
        q = quants[qi]
        if q.end <= starts[i]:  # a figure no token is left to overlap
            qi += 1
            continue
        if ends[i] <= q.start:  # the tokens before the figure
            j = bisect_right(ends, q.start, i)
            L += lows[i:j]
            S += starts[i:j]
            E += ends[i:j]
            Q += [None] * (j - i)
            i = j
            continue
        s, e = starts[i], ends[i]
        while i + 1 < n and starts[i + 1] < q.end:
            i += 1
            e = ends[i]
        F.append(len(L))
        L.append(text[q.start : q.end].lower())
        S.append(min(s, q.start))
        E.append(max(e, q.end))
        Q.append(q)
        qi += 1
        i += 1
    T.low, T.start, T.end, T.q, T.n, T.fig = L, S, E, Q, len(L), F
    return T


def _keep(q, text: str, T: _Toks, i: int, R, P) -> bool:
    """False for a figure that is a year, an age, a percentage, a label or part of a compound."""
    if q.vague:
        return True
    tail = text[q.end : q.end + 9]
    if P.compound.match(tail):
        return False
    low = T.low
    n = T.n
    num = text[q.num_start : q.end]
    if num.isdigit() and len(num) == 4 and 1900 <= int(num) <= 2100 and q.count == int(num):
        nxt = low[i + 1] if i + 1 < n else ""
        if nxt not in R["victims"]:
            return False
    if q.start > 0 and text[q.start - 1] in "#(":
        return False
    if (
        2 <= i < n - 1
        and low[i - 1] == ","
        and low[i + 1] == ","
        and q.count is not None
        and q.count < 120
        and T.q[i - 2] is None
        and text[T.start[i - 2]].isupper()
    ):
        return False  # an age after a name: "Jane Doe, 29, who was killed"
    if i > 0 and low[i - 1] in R["not_before"]:
        return False
    if i > 1 and low[i - 1] == "of" and low[i - 2] == "out":  # "14 out of 40"
        return False
    if i > 2 and low[i - 1] == "the" and low[i - 2] == "of" and low[i - 3] == "out":
        return False
    if i > 0 and low[i - 1] == "." and i > 1 and low[i - 2] == "no":
        return False
    return True


def _match_after(T: _Toks, j, R):
    """(kind, length) of the casualty word(s) starting at token j, else None."""
    if j >= T.n or T.q[j] is not None:
        return None
    low = T.low
    w = low[j]
    if w in _SUFFER:  # "suffered (mostly minor) injuries", "sustained serious wounds"
        Q = T.q
        for k in range(j + 1, min(T.n, j + 5)):
            x = low[k]
            if x in _WOUNDS:
                return "injured", k - j + 1
            if Q[k] is not None or not x[0].isalpha() or x in _NP_STOP:
                break
        return None
    cands = R["after_first"].get(w)
    if cands is None:  # most words start no casualty phrase
        return None
    best = None
    room = T.n - j
    for kind, words, size in cands:  # by kind, longest first: the longest wins, the first kind on ties
        if size <= room and all(low[j + k] == words[k] for k in range(1, size)):
            if best is None or size > best[1]:
                best = (kind, size)
    return best


def _match_before(T: _Toks, k, R):
    """(kind, first token index) of an active casualty verb ending at token k, else None."""
    if k < 0 or T.q[k] is not None:
        return None
    low = T.low
    for words, kind in R["before_rev"].get(low[k], ()):
        s = k - len(words) + 1
        if s >= 0 and all(low[s + x] == words[x] for x in range(len(words))):
            return kind, s
    return None


def _np(T: _Toks, j, R, limit=5):
    """Token indices of the victims' noun phrase starting at j (may be empty)."""
    n = T.n
    low = T.low
    Q = T.q
    victims = R["victims"]
    aux = R["aux"]
    after_any = R["after_any"]
    out: list[int] = []
    if j < n and low[j] in ("of", "from") and Q[j] is None:
        out.append(j)
        j += 1
        limit += 1
        if j < n and low[j] == "whom" and low[j - 1] == "of":  # "two of whom were among the dead"
            out.append(j)
            j += 1
    while j < n and low[j] in ("other", "more", "further", "additional") and Q[j] is None:
        out.append(j)  # "five other Palestinians"
        j += 1
    of_at = None  # "members of the security forces": a group noun and what it belongs to
    while j < n and len(out) < limit:
        w = low[j]
        if Q[j] is not None or (w in after_any and _match_after(T, j, R)):
            break
        if w.endswith("ed") and j + 2 < n and low[j + 1] in ("and", "or") and _match_after(T, j + 2, R):
            break  # "scores trapped and missing": a participle, not a noun
        if out and j + 1 < n and low[out[-1]] in victims and Q[j + 1] is None:
            nxt = low[j + 1]
            if w == "of" and of_at is None and nxt in ("the", "its", "their", "his", "her"):
                of_at = j
                out += [j, j + 1]
                j += 2
                limit += 3
                continue
            if w == "and" and nxt in victims and nxt not in _NP_STOP and nxt not in aux and nxt not in _ARTICLES:
                if j + 2 >= n or low[j + 2] not in ("said", "say", "says", "told"):
                    out.append(j)  # "police officers and soldiers": one group of victims
                    j += 1
                    continue
        if not (w[0].isalnum()):
            if w == "-" and out and j + 1 < n and T.start[j + 1] == T.end[j]:
                out.append(j)
                j += 1
                continue
            break
        if w in _NP_STOP or (w in aux and w not in ("the", "all", "both")):
            if not (w in ("the", "its", "his", "their") and out and low[out[0]] in ("of", "from")):
                break
        out.append(j)
        j += 1
    # "35 people hours after ...": the phrase ends at its last victim noun
    if of_at is None:
        for x in range(len(out) - 1, -1, -1):  # ``out`` is in increasing order
            if low[out[x]] in victims:
                del out[x + 1 :]
                break
    return out


def _head(T: _Toks, np_idx) -> str | None:
    low = T.low
    words = [low[k] for k in np_idx if low[k][0].isalnum()]
    return words[-1] if words else None


def _scan_right(T: _Toks, i, np_idx, R):
    """Kinds tied to figure i by the words after it, and whether a relative clause was crossed."""
    n = T.n
    low = T.low
    Q = T.q
    victims = R["victims"]
    j = (np_idx[-1] + 1) if np_idx else i + 1
    if np_idx and j + 2 < n and low[j] == "(" and low[j + 2] == ")" and Q[j + 1] is None:
        j += 3  # an acronym in brackets: "40 members of the Revolutionary Guard (IRGC) were killed"
    direct = _match_after(T, j, R)
    rel = False
    if not direct and j < n and low[j] == "of" and np_idx and low[np_idx[-1]] in victims:
        # "a local commander of the militia, ..., was killed": what the victim belongs to
        k = j
        hi = min(n, j + 7)
        while (k := k + 1) < hi:
            w = low[k]
            if w == "(" and k + 2 < n and low[k + 2] == ")" and Q[k + 1] is None:
                # an acronym in brackets: "members of the National Security Directorate (NDS) were killed"
                k += 2
                hi = min(n, hi + 3)
                continue
            stop = Q[k] is not None or not w[0].isalnum() or (w in _NP_STOP and w != "the")
            if stop or _match_after(T, k, R):
                if k > j + 1 and not (k == j + 2 and low[j + 1] == "the"):
                    j = k
                elif not stop:
                    return [], rel  # "a sister of slain officer X": the casualty word describes the owner
                break
    if not direct:
        # a parenthesis ", including children," or a list ", three children and two women,"
        if j < n and low[j] in _CLOSER and j + 1 < n:
            nxt = low[j + 1]
            closer = _CLOSER[low[j]]
            if Q[j + 1] is not None or nxt in _PAREN_START or nxt in ("a", "an"):
                for k in range(j + 1, min(n, j + 14)):
                    if low[k] == closer:
                        j = k + 1
                        break
                    if _match_after(T, k, R) or low[k] in (".", ";", ":"):
                        break
        # "14 lawyers out of 40 were injured": the part, not the whole
        if j + 2 < n and low[j] == "out" and low[j + 1] == "of" and Q[j + 2] is None:
            j += 2
            if j < n and low[j] in ("the", "them", "those"):
                j += 1
            j += 1  # the whole, a figure dropped by _keep
            rest = _np(T, j, R)
            j = (rest[-1] + 1) if rest else j
        # list continuation: "14 fighters and six foreigners were killed"
        for _ in range(3):
            if (
                np_idx
                and j + 1 < n
                and low[j] in ("and", "or")
                and (
                    Q[j + 1] is not None
                    or low[j + 1] in ("a", "an")
                    # "26 people and the bomber were killed"
                    or (low[j + 1] == "the" and j + 2 < n and (low[j + 2] in victims or low[j + 2] in _ATTACKERS))
                )
            ):
                nxt = _np(T, j + 2, R)
                j = (nxt[-1] + 1) if nxt else j + 2
            else:
                break
        if j < n and low[j] == "," and j + 1 < n and low[j + 1] in ("were", "was", "had", "have", "has", "who"):
            j += 1
        steps = 0
        aux = R["aux"]
        after_any = R["after_any"]
        while (
            j < n
            and steps < 7
            and Q[j] is None
            and low[j] in aux
            and not (low[j] in after_any and _match_after(T, j, R))
        ):
            if low[j] in ("who", "that"):
                rel = True
            if low[j] in ("may", "might") and (j + 1 >= n or low[j + 1] != "have"):
                break  # "hundreds might be killed if ..." is a warning, not a toll
            j += 1
            steps += 1
        direct = _match_after(T, j, R)
        # "left scores trapped and missing", "40 miners trapped or missing": the second participle
        p = j
        if np_idx and p == np_idx[-1] + 1 and not any(low[k] in victims for k in np_idx):
            p = np_idx[-1]  # "scores trapped": the participle was read as the noun phrase
        if (
            not direct
            and p + 2 < n
            and low[p].endswith("ed")
            and Q[p] is None
            and low[p + 1] in ("and", "or")
            and (p != j or not np_idx or any(low[k] in victims for k in np_idx))
        ):
            m = _match_after(T, p + 2, R)
            if m:
                direct, j = m, p + 2
        if not direct and np_idx and any(low[k] in victims for k in np_idx):
            # loose: "17 people working at a flour mill lost their lives"
            first = low[j] if j < n else ""
            gap = range(0)
            if first.endswith(("ing", "ed")) or first in ("who", "that", "from", "of"):
                gap = range(j, min(n, j + 7))
            for k in gap:
                w = low[k]
                if Q[k] is not None or not w[0].isalnum() or w in ("and", "or", "but", "said", "says"):
                    break
                m = _match_after(T, k, R)
                if m:
                    if first == "of" and (k == j + 1 or (k == j + 2 and low[j + 1] == "the")):
                        break  # "relatives of slain soldiers": the casualty word describes the owner
                    direct, j = m, k
                    break
    if not direct:
        return [], rel
    kind, length = direct
    if Q[i] is _ONE and low[j] in _NOMINAL:  # "a civilian injury", "a child's death"
        return [], rel
    if low[j] in _NOMINAL and (len(np_idx) > 2 or j != (np_idx[-1] + 1 if np_idx else i + 1)):
        return [], rel  # "40 civilian deaths", not "17 carried the possibility of a death ..."
    # "many of the wounded are ...": a part of casualties already counted, not a new figure
    if np_idx and all(low[k] in ("of", "the", "those") for k in np_idx):
        return [], rel
    end = j + length
    # an active verb with its own object ("Five gunmen killed three soldiers") is not ours; a figure
    # of time or distance is no object ("three workers abducted three weeks ago", "injured 2 km away")
    if end < n and Q[end] is not None and not (end + 1 < n and low[end + 1] in R["not_victims"]):
        return [], rel
    kinds = [kind]
    # "killed and injured", "arrested and detained"
    if end + 1 < n and low[end] in ("and", "or"):
        k = end + 1
        steps = 0
        while k < n and steps < 3 and low[k] in _COORD_AUX:
            k += 1
            steps += 1
        m = _match_after(T, k, R)
        if m and m[0] not in kinds and not (k + m[1] < n and Q[k + m[1]] is not None):
            if low[end] == "or" and {kind, m[0]} == {"killed", "injured"}:
                kinds = ["killed"]  # "50 killed or wounded": one casualty figure, counted as killed
            else:
                kinds.append(m[0])
    return kinds, rel


def _scan_left(T: _Toks, i, R):
    low = T.low
    Q = T.q
    k = i - 1
    skipped = 0
    while k >= 0 and skipped < 2 and low[k] in _PRE_SKIP and Q[k] is None:
        k -= 1
        skipped += 1
    m = _match_before(T, k, R)
    if not m:
        return []
    if m[1] > 0 and low[m[1] - 1] in _IRREALIS:
        # "threatened to kill three hostages" is not a toll; "said to have killed", "said to kill" is
        if not (low[m[1] - 1] == "to" and m[1] > 1 and low[m[1] - 2] in _REPORTED):
            return []
    kinds = [m[0]]
    s = m[1]
    if s >= 2 and low[s - 1] in ("and", "or"):
        m2 = _match_before(T, s - 2, R)
        if m2 and m2[0] not in kinds:
            if low[s - 1] == "or" and {m2[0], kinds[0]} == {"killed", "injured"}:
                kinds = ["killed"]  # "killed or wounded 50": one casualty figure
            else:
                kinds.insert(0, m2[0])
    return kinds


def _scan_toll(T: _Toks, i, R):
    low = T.low
    Q = T.q
    bridge = R["bridge"]
    k = i - 1
    steps = 0
    while k >= 0 and steps < 7:
        w = low[k]
        if Q[k] is not None:
            return None
        for words, kind in R["nouns_rev"].get(w, ()):
            s = k - len(words) + 1
            if s >= 0 and all(low[s + x] == words[x] for x in range(len(words))):
                return kind
        if w == "," and k >= 3 and low[k - 2] == "the" and low[k - 3] in ("of", "among"):
            # "Of the dead, 17 were children"
            return _OF_THE.get(low[k - 1])
        if w == "toll" and steps > 0 and low[i - 1] in bridge:
            return "killed"
        if w not in bridge and "toll" in low[max(0, k - 6) : k]:
            # "the toll from the blast has climbed to 73": plain words between the toll and the figure
            if w[0].isalpha() and low[i - 1] in bridge:
                k -= 1
                steps += 1
                continue
        if w not in bridge:
            return None
        k -= 1
        steps += 1
    return None


def _is_subgroup(T: _Toks, i) -> bool:
    low = T.low
    if i >= 1 and low[i - 1] in ("including", "incl"):
        return True
    return i >= 2 and (low[i - 2], low[i - 1]) in _SUBGROUP2


def _who(T: _Toks, np_idx, text) -> str | None:
    low = T.low
    idx = list(np_idx)
    while idx and low[idx[0]] in _WHO_SKIP:
        idx.pop(0)
    while idx and not low[idx[-1]][0].isalnum():
        idx.pop()
    if len(idx) > 1 and low[idx[-1]] in ("hostage", "captive"):
        b = idx[-2]
        bl = low[b]
        if (bl.endswith("s") or bl == "people") and not text[T.start[b] : T.end[b]].isupper():  # "US hostage"
            # "took two drivers hostage"
            idx.pop()
    if idx and low[idx[-1]].endswith("'s"):  # "a state prosecutor's killing"
        return text[T.start[idx[0]] : T.end[idx[-1]] - 2]
    if idx and low[idx[-1]] in ("lives", "souls"):  # "claimed 85 Palestinian lives"
        idx.pop()
        if not idx:
            return "people"
    if not idx or all(low[k] in ("others", "more", "other", "another", "all", "both", "lives") for k in idx):
        return None
    return text[T.start[idx[0]] : T.end[idx[-1]]]


def _category(who: str | None, R) -> str:
    if not who:
        return "unknown"
    cat = R["category"]
    words = who.lower().split()
    for w in reversed(words):
        if w in cat:
            return cat[w]
    return "unknown"


def _singulars(text: str, T: _Toks, R, aged: bool) -> _Toks:
    """Mark "a child", "an elderly man", "a 34-year-old man" as figures of one: a figure token is
    put before the article (or age) that starts the victim's phrase."""
    low = T.low
    Q = T.q
    S = T.start
    n = T.n
    singular = R["singular"]
    aux = R["aux"]
    after_any = R["after_any"]
    marks: list[tuple[int, int]] = []  # (token index, phrase length or 0)
    # only an article or an age can start one (an age only when the text has "-old")
    if aged:
        starts = [i for i, w in enumerate(low) if (w in _ARTICLES or w.endswith(_AGES)) and Q[i] is None]
    else:
        starts = [i for i, w in enumerate(low) if w in _ARTICLES and Q[i] is None]
    for i in starts:
        w0 = low[i]
        age = w0.endswith(_AGES) and not (i > 0 and low[i - 1] in _ARTICLES)
        if not (w0 in _ARTICLES or age):  # "Four-year-old boy killed"
            continue
        named_of = False
        age_seen = w0.endswith(_AGES)  # an age among the tokens i..k
        for k in range(i + 1, min(n, i + 9)):
            w = low[k]
            if w == "of" and k + 1 < n and text[S[k - 1]].isupper() and text[S[k + 1]].isupper():
                named_of = True  # a name with "of" in it: "a University of Chicago student"
                continue
            if Q[k] is not None or not w[0].isalnum() or w in _NP_STOP:
                break
            nxt = low[k + 1] if k + 1 < n else None
            if w.endswith(_AGES):
                age_seen = True
            aged = age_seen
            if aged and w not in singular and k - 1 > i:
                prev = text[S[k - 1] : T.end[k - 1]]
                if prev[:1].isupper() and not prev.lower().endswith(_AGES):
                    aged = False  # "19-year-old backpacker Jane Doe": a named person, not a count
            if w.endswith("'s") and w[:-2] in singular and nxt is not None and nxt in _POSS:
                # "a police officer's killing": the victim and what happened to them
                marks.append((i, k - i + 1))
                break
            # whether the phrase ends at k, asked only of a word that can be the victim
            if (w in singular or aged) and (
                nxt is None
                or not nxt[0].isalnum()
                or nxt in _NP_STOP
                or (named_of and Q[k + 1] is not None)
                or (nxt == "of" and not named_of)
                or nxt.endswith(("ed", "ing"))
                or nxt in aux
                or (nxt in after_any and _match_after(T, k + 1, R) is not None)
                or _match_before(T, k + 1, R) is not None
            ):  # "a 17-year-old Palestinian"
                marks.append((i, k - i + 1 if named_of else 0))
                break
    if not marks:
        return T
    E = T.end
    out = _Toks()
    L2: list[str] = []
    S2: list[int] = []
    E2: list[int] = []
    Q2: list = []
    span: dict[int, int] = {}
    done = 0
    for i, size in marks:
        L2 += low[done:i]
        S2 += S[done:i]
        E2 += E[done:i]
        Q2 += Q[done:i]
        if size:
            span[len(L2)] = size
        L2.append(low[i])
        S2.append(S[i])
        E2.append(E[i])
        Q2.append(_ONE)
        done = i
    L2 += low[done:]
    S2 += S[done:]
    E2 += E[done:]
    Q2 += Q[done:]
    out.low, out.start, out.end, out.q, out.span, out.n = L2, S2, E2, Q2, span, len(L2)
    return out


_LONG = 2000  # a "sentence" longer than this is read only in windows around its casualty words
_WINDOW = 300


def extract(sent: Sentence, doc: Document) -> list[Casualty]:
    text = sent.text
    P = _re_patterns() if _plain(text) else _regex_patterns()
    low = text.lower()
    if not P.trigger.search(low):
        return []
    R = _rules()
    if len(text) <= _LONG:
        out = _extract(text, R, P, low)
        if sent.index <= 1 and _title_case(text):
            out.extend(_title_singulars(text, R, {r.kind for r in out}))
        return out
    out: list[Casualty] = []
    for a, b in _windows(text, P):
        part = text[a:b]
        out.extend(_extract(part, R, P, part.lower()))
    return out


def _title_case(text: str) -> bool:
    """A title at the head of a document: most of its longer words capitalised."""
    if len(text) > 160:
        return False
    words = [w for w in text.split() if len(w) > 3 and w[:1].isalpha()]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


# Titles drop the article of a singular victim: "Troops Kill Taliban Commander", "Policeman Killed in Blast"
_TITLE_ACTIVE = {
    "kill": "killed", "kills": "killed", "wound": "injured", "wounds": "injured", "injure": "injured",
    "injures": "injured", "kidnap": "kidnapped", "kidnaps": "kidnapped", "abduct": "kidnapped",
    "abducts": "kidnapped", "arrest": "detained", "arrests": "detained", "detain": "detained", "detains": "detained",
}  # fmt: skip
_IRREALIS_BEFORE = frozenset("to will would could may might can cannot not never".split())  # "Vow to Kill UN Hostage"
_TITLE_PASSIVE = {
    "killed": "killed", "dies": "killed", "wounded": "injured", "injured": "injured", "hurt": "injured",
    "kidnapped": "kidnapped", "abducted": "kidnapped", "arrested": "detained", "detained": "detained",
}  # fmt: skip


def _title_singulars(text: str, R, kinds: set[str]) -> list[Casualty]:
    """A singular victim without its article in a title, counted as one: after an active verb ("Kill
    Palestinian Gunman in Gaza") or before a participle ("Aid Worker Abducted in Iraq"). The victim
    noun must end its run of capitalised words (so "Kills Hamas Founder Yassin", a named person,
    gives nothing), and a kind the sentence's figures already gave is not given again."""
    words = text.split()
    bare = [w.strip(",.;:!?\"'()") for w in words]
    singular = R["singular"]
    out: list[Casualty] = []
    n = len(words)
    for i, w in enumerate(bare):
        low = w.lower()
        kind = _TITLE_ACTIVE.get(low)
        if kind and kind not in kinds and w[:1].isupper() and not (i and bare[i - 1].lower() in _IRREALIS_BEFORE):
            k = i + 1
            nxt = ""
            while k < n and k - i <= 4 and bare[k][:1].isupper() and bare[k].isalpha():
                k += 1
                if words[k - 1][-1:] in ",.;:":
                    break  # the run ends at its punctuation ("Kills Policeman, Wounds 3")
            else:
                nxt = bare[k] if k < n else ""
            run = bare[i + 1 : k]
            if run and run[-1].lower() in singular and not nxt[:1].isupper():
                kinds.add(kind)
                out.append(_one(kind, " ".join(run), R, "title+singular"))
            continue
        kind = _TITLE_PASSIVE.get(low)
        if kind and kind not in kinds and w[:1].isupper() and i:
            j = i
            while (
                j > 0
                and i - j < 4
                and bare[j - 1][:1].isupper()
                and bare[j - 1].isalpha()
                and words[j - 1][-1:] not in ",.;:"
            ):
                j -= 1
            run = bare[j:i]
            before = bare[j - 1].lower() if j else ""
            if run and run[-1].lower() in singular and not (before and (before[:1].isdigit() or before in _ARTICLES)):
                kinds.add(kind)
                out.append(_one(kind, " ".join(run), R, "singular+title"))
    return out


def _one(kind: str, who: str, R, rule: str) -> Casualty:
    return Casualty(kind=kind, count=1, min=1, max=1, who=who, category=_category(who, R), number_text=None, rule=rule)


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


def _extract(text: str, R, P, low: str | None = None) -> list[Casualty]:
    """The records of ``text``; ``low`` its lower-cased copy, when the caller has it."""
    quants = find_quantities(text)
    if low is None:
        low = text.lower()
    if not quants and P.maybe_single.search(low) is None:
        return []  # no figure and no word that can be a singular victim: nothing to cut into tokens
    T = _tokens(text, low, quants, P)
    figs = T.fig
    if figs:
        L = T.low
        Q = T.q
        for i in figs:
            if not _keep(Q[i], text, T, i, R, P):
                Q[i] = None
                L[i] = text[T.start[i] : T.end[i]].lower()
        figs = [i for i in figs if Q[i] is not None]
    # _singulars marks a victim only at a singular noun, its possessive or an age ("34-year-old"):
    # one set test on the tokens (cheaper than a regex on the text) tells whether there can be one
    aged = "-old" in low
    if aged or not R["singular_any"].isdisjoint(T.low):
        T2 = _singulars(text, T, R, aged)
        if T2 is not T:  # victims marked: the figures moved
            T = T2
            figs = [i for i, q in enumerate(T.q) if q is not None]
    if not figs:
        return []  # no figure and no singular victim: no rule applies
    L = T.low
    Q = T.q
    n = T.n

    # A figure after the last word a casualty phrase can start with (and after every hostage word)
    # can take a kind only from the words before it: see the fast path below
    # (looked for only from the first figure on: a word before it compares with every figure alike)
    after_any = R["after_any"]
    last_after = -1
    for k in range(n - 1, figs[0] - 1, -1):
        if L[k] in after_any:
            last_after = k
            break
    last_held = -1
    if not _HOSTAGES.isdisjoint(L):
        last_held = next(k for k in range(n - 1, -1, -1) if L[k] in _HOSTAGES)

    found: list[tuple[int, list[str], list[int], str]] = []  # (token index, kinds, np, rule)
    pending_sub: list[tuple[int, list[int]]] = []
    for i in figs:
        q = Q[i]
        single = q is _ONE
        left = None
        if not single and i >= last_after and i >= last_held:
            # Fast path (exact): the rules that read words after the figure (participles, "before
            # being ...", hostages) all need a casualty phrase start or a hostage word after it, and
            # there is none. What is left reads words before it: an active verb, "claimed 40 lives",
            # a toll, the second object of a list, a subgroup. When none of them can apply, the
            # figure gives nothing, and its noun phrase need not be read.
            left = _scan_left(T, i, R)
            if (
                not left
                and not (i >= 1 and L[i - 1] in _BEFORE_LATE)
                and not _is_subgroup(T, i)
                and _scan_toll(T, i, R) is None
            ):
                continue
        span = T.span.get(i, 0) if single else 0
        if span:
            np_idx = list(range(i + 1, i + 1 + span))
        else:
            np_idx = _np(T, i + 1, R)  # for a singular marker, its noun phrase is the victim
        head = _head(T, np_idx)
        if single and head and head.endswith("'s") and i + 1 + span < n:
            k = i + 1 + span
            poss = _POSS.get(L[k])
            if k + 1 < n and L[k + 1] in ("sentence", "penalty", "threat", "threats", "warrant", "row"):
                poss = None  # "a soldier's death sentence", "a journalist's arrest warrant"
            if poss and head[:-2] in R["singular"] and not _scan_left(T, i, R):
                found.append((i, [poss], np_idx, "possessive"))
                continue
        if head in R["not_victims"] or (np_idx and L[np_idx[0]] in R["not_victims"]):
            continue  # "two missiles", "eight hours of video"
        if single and head not in R["singular"]:
            # "a commander of the militia": the noun before "of" is the victim
            cut = next((x for x, k in enumerate(np_idx) if L[k] == "of" and x > 0), None)
            if cut is not None:
                head = L[np_idx[cut - 1]]
        if single and head not in R["singular"] and not any(L[k].endswith(_AGES) for k in np_idx):
            continue
        if left is None:
            left = _scan_left(T, i, R)
        right, rel = _scan_right(T, i, np_idx, R)
        kinds: list[str] = []
        rule = ""
        if left:
            kinds, rule = list(left), "verb+num"
            e = np_idx[-1] + 1 if np_idx else i + 1
            if e + 1 < n and L[e] == "to" and L[e + 1] == "death":
                kinds = ["killed" if k == "injured" else k for k in kinds]  # "stabbed eight people to death"
            for k in right:
                if k not in kinds and rel:
                    kinds.append(k)
                    rule = "verb+num+rel"
        elif right == ["detained"] and head in _HOSTAGES:
            kinds, rule = ["kidnapped"], "num+hostages"  # "two hostages held in Iraq": held by their captors
        elif right:
            kinds, rule = list(right), "num+participle"
        elif head == "lives" and i > 0 and L[i - 1] in _LIVES_VERBS:
            kinds, rule = ["killed"], "claimed+num+lives"  # "the floods claimed 40 lives"
        else:
            toll = None if single else _scan_toll(T, i, R)
            if toll:
                kinds, rule = [toll], "toll+num"
        if not kinds and np_idx and all(w in ("the", "all", "a", "an") for w in L[:i]):
            # the subject of the sentence: "Two gunmen stormed the compound before being shot dead"
            for k in range(np_idx[-1] + 1, min(n - 2, np_idx[-1] + 26)):
                x = Q[k]
                numeric = x is not None and (x is _ONE or not x.vague)
                w = L[k]
                if numeric or w in (".", ";", ":", "who", "which", "that", "but", "while", "when", "as"):
                    break
                if w in ("before", "after", "until") and L[k + 1] == "being":
                    m = _match_after(T, k + 2, R)
                    if m:
                        kinds, rule = [m[0]], "num+before+being"
                    break
        if not kinds and not single and not (i > 0 and L[i - 1] in _FREED):
            # people held: "holding 130 hostages", "took two drivers hostage", "to kill three hostages"
            end = np_idx[-1] + 1 if np_idx else i + 1
            after = L[end] if end < n else ""
            if after not in _FREED and after not in ("were", "was", "have", "has", "are"):
                if head in _HOSTAGES:
                    kinds, rule = ["kidnapped"], "num+hostages"
                elif after in _HOSTAGES and i > 0 and L[i - 1] in _TAKE:
                    kinds, rule = ["kidnapped"], "take+num+hostage"
        if (
            not kinds
            and found
            and np_idx
            and i >= 2
            and (L[i - 1] == "and" or (L[i - 1] == "," and not single and not q.vague))
            and not (i + 2 < n and L[i + 1] == "of" and L[i + 2] in ("them", "whom"))  # "12 of whom were ..."
        ):
            # "killed five soldiers and 12 insurgents": the second object of the same verb
            prev_i, prev_kinds, prev_np, prev_rule = found[-1]
            prev_end = prev_np[-1] if prev_np else prev_i
            if prev_end == i - 2 and prev_rule.startswith("verb+num"):
                kinds, rule = list(prev_kinds), "verb+num+list"
        if not kinds:
            sub = _is_subgroup(T, i)
            if sub and not np_idx and i + 2 < n and L[i + 1] in ("were", "are", "was"):
                if L[i + 2] in R["victims"]:
                    np_idx = [i + 2]  # "of whom 300 were children"
            if not sub and i + 3 < n and L[i + 1] == "of" and L[i + 2] in ("them", "whom") and (single or not q.vague):
                # "496 had been killed, 258 of them civilians" (or "258 of whom were civilians")
                k = i + 4 if L[i + 3] in ("were", "are", "was") else i + 3
                if k < n and L[k] in R["victims"]:
                    sub, np_idx = True, [k]
            if sub and np_idx:
                pending_sub.append((i, np_idx))
            elif pending_sub and i >= 1 and L[i - 1] in ("and", ",") and np_idx and i - pending_sub[-1][0] <= 8:
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
        who = _who(T, np_idx, text)
        if who is None:
            who = last_who or "people"
        elif rule != "subgroup":  # "killed 16 people, including five children, and wounded 40 others"
            last_who = who
        for kind in kinds:
            out.append(_record(Q[i], T.start[i], T.end[i], kind, who, rule, cumulative, hedged, text, R))
    return out


def _record(q, start: int, end: int, kind, who, rule, cumulative, hedged, text, R) -> Casualty:
    if q is _ONE:
        return Casualty(
            kind=kind, count=1, min=1, max=1, who=who, category=_category(who, R), cumulative=cumulative,
            hedged=hedged, number_text=text[start:end], rule=rule + "/singular",
        )  # fmt: skip
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

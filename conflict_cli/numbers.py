"""Find and read the figures of a sentence: "34", "1,200", "3.5 million", "2.5m", "thirty-four",
"a dozen", "half a million", "10 to 15", "between 10 and 15", "at least 8", "dozens".

``parse_number`` reads one number expression; ``find_quantities`` finds every figure in a text with
its character offsets, its bounds and its qualifier. Qualifiers and vague words are data
(``lexicons/en/quantities.toml``). Number-word libraries were weighed and rejected: none of them
gives character offsets, reads digits with separators and scales, ranges or "a dozen" (see the
project's notes on libraries), and this small table is faster.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .lazyrx import LazyPatterns
from .lazyrx import plain as _plain
from .lexicons import load, trie

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
SUFFIX_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure found in a text. Offsets index the text that was searched."""

    start: int  # the whole expression, qualifier included
    end: int
    num_start: int  # the number itself (after the qualifier)
    count: int | None
    min: int | None
    max: int | None
    vague: str | None = None
    qualifier: str | None = None
    words: bool = False  # written in words ("seven"), not digits

    @property
    def is_range(self) -> bool:
        return self.min is not None and self.max is not None and self.min != self.max


_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_AFTER = r"(?:\s*(?:million|billion|thousand)\b|(?:k|m|mn|mln|bn|b)\b)"
_SCALE_WORDS = ("hundred", "dozen", "thousand", "million", "billion")
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# every spelling _MONTHS matches, for the look-behind "not right after a month" (stdlib ``re`` wants
# look-behinds of one width, so they are grouped by width instead of one variable-width alternation)
_MONTH_FORMS = (
    "jan january feb february march apr april may jun june jul july aug august sep sept sepember september "
    "oct october nov november dec december"
).split()


# How a quantity is read. One regex used to do it all ("qualifier? (between X and Y | from X to Y |
# X (-|to|or) Y) | vague"), with the number sub-pattern written out six times: compiling it cost
# ~30 ms in every process. The same grammar is now matched piece by piece (``_match_at``), in the
# order in which that regex tried its alternatives, from a dozen small patterns:
#   qual     a qualifier ("at least"), longest first, followed by whitespace
#   lead     "between " / "from "
#   digits   a figure in digits ("1,200", "3.5 million", "2.5m") that is not a date, time or code
#   lb_first / lb_num   what may not stand right before a figure (the first / the second of a range)
#   head, tail          a number in words: its first word, then one more word per ``tail`` match
#   vague    a vague amount ("dozens", "a number of")
# Only two places can backtrack in a way that matters: the qualifier (a shorter one is tried when
# nothing follows the longest) and the first number of "between X and Y" / "from X to Y" ("between
# two hundred and fifty": X is "two hundred", not "two hundred and fifty"); both are enumerated.


def _quantity_lexicon():
    data = load("quantities")
    quals = data["qualifiers"]
    return [*quals["min"], *quals["max"], *quals["approx"]], data["vague"]["words"]


def _anchor_trie() -> str:
    # every place a quantity can start: a qualifier, "between"/"from", a number word, a vague word or
    # a digit. Scanning for these with one prefix-tree regex and trying the full grammar only there is
    # several times faster than trying it at every position, with the same matches.
    quals, vague = _quantity_lexicon()
    starts = [*quals, *vague, "between", "from", *UNITS, *TENS]
    starts += [f"{h}{a} {s}" for h in ("", "half ") for a in ("a", "an") for s in _SCALE_WORDS]
    return trie(starts)


def _not_month() -> str:
    by_width: dict[int, list[str]] = {}
    for form in _MONTH_FORMS:
        by_width.setdefault(len(form) + 1, []).append(form + r"\s")
        by_width.setdefault(len(form) + 2, []).append(form + r"\.\s")
    return "".join(rf"(?<!\b(?:{'|'.join(v)}))" for _, v in sorted(by_width.items()))


def _by_length(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


# the source of each piece, built when the piece is first compiled
_SOURCES = {
    "anchor": lambda: rf"\b(?:{_anchor_trie()})(?!\w)",
    # for plain text (``re``): a digit run, or (by look-ahead) where an anchor starts
    "starts": lambda: rf"\d+|\b(?=(?:{_anchor_trie()})(?!\w))",
    "qual": lambda: rf"\b(?:{trie(_quantity_lexicon()[0])})\s",
    "vague": lambda: rf"\b(?:{trie(_quantity_lexicon()[1])})\b",
    "lead": lambda: r"\b(?:(between)|from)\s+",
    "conn_and": lambda: r"\s+and\s+",
    "conn_to": lambda: r"\s+to\s+",
    "conn_range": lambda: r"\s*(?:-|to|or)\s*",
    "space": lambda: r"\s+",
    "end": lambda: r"\s*$",
    "bound": lambda: r"\b",
    "digits": lambda: rf"(?:{_DIGITS}){_SCALE_AFTER}?(?![\w]|[.,]\d|:\d)(?!\.?\s+{_MONTHS}\b)",
    "lb_first": lambda: rf"(?<![\w.,\-/:$€£]){_not_month()}",
    "lb_num": lambda: r"(?<![\w.,/:$€£])",
    "head": lambda: rf"\b(?:(?:half\s+)?(?:a|an)\s+(?:{'|'.join(_SCALE_WORDS)})|(?:{_by_length([*UNITS, *TENS])}))",
    "tail": lambda: (
        r"\s+and\s+a\s+half|(?:[ \t]*-[ \t]*|\s+|(?:(?<=hundred|million|billion)|(?<=thousand))\s+and\s+)"
        rf"(?:{_by_length([*UNITS, *TENS, 'hundred', 'dozen', *SCALES])})"
    ),
    "digit_run": lambda: r"\d+",
    "token": lambda: r"[a-z]+|\d[\d,]*(?:\.\d+)?",
}


_CASED = ("anchor", "digit_run", "starts")  # matched as they are; every other piece ignores case


def _ignorecase(name: str) -> bool:
    return name not in _CASED


@functools.cache
def _re_pieces() -> LazyPatterns:
    """Pieces for plain text (see ``_plain``): stdlib ``re`` compiles and runs these several times faster."""
    import re

    return LazyPatterns(re, _SOURCES, _ignorecase)


@functools.cache
def _regex_pieces() -> LazyPatterns:
    """The same pieces for any other text, with the ``regex`` engine (Unicode word and space classes)."""
    import regex

    return LazyPatterns(regex, _SOURCES, _ignorecase)


def _pieces(text: str) -> LazyPatterns:
    return _re_pieces() if _plain(text) else _regex_pieces()


def _word_ends(P: LazyPatterns, text: str, p: int, end: int) -> list[int]:
    """Where a number in words starting at ``p`` may end (followed by a word boundary), longest first."""
    m = P.head.match(text, p, end)
    if m is None:
        return []
    e = m.end()
    ends = [e]
    tail = P.tail.match
    while (m := tail(text, e, end)) is not None:
        e = m.end()
        ends.append(e)
    bound = P.bound.match
    return [e for e in reversed(ends) if bound(text, e, end) is not None]


def _first_ends(P: LazyPatterns, text: str, p: int, end: int, lb) -> list[int]:
    """Ends of a number at ``p`` in the order the grammar tries them; ``lb`` guards a figure in digits.
    A figure in digits has one end that can matter (a shorter one is never followed by a connector)."""
    if p >= end:
        return []
    if text[p].isdigit():  # every \\d is a str.isdigit() character; a number in words starts with a letter
        if lb.match(text, p, end) is None:
            return []
        m = P.digits.match(text, p, end)
        return [] if m is None else [m.end()]
    return _word_ends(P, text, p, end)


def _numbers_at(P: LazyPatterns, text: str, p: int, end: int):
    """(first start, first end, second start, second end) of "between X and Y", "from X to Y" or
    "X (-|to|or) Y" at ``p`` (the second pair None when there is no Y), else None."""
    m = P.lead.match(text, p, end)
    if m is not None:
        conn = P.conn_and if m.group(1) is not None else P.conn_to
        s1 = m.end()
        for e1 in _first_ends(P, text, s1, end, P.lb_first):
            c = conn.match(text, e1, end)
            if c is not None:
                s2 = c.end()
                e2 = _first_ends(P, text, s2, end, P.lb_num)
                if e2:
                    return s1, e1, s2, e2[0]
    e1 = _first_ends(P, text, p, end, P.lb_first)
    if not e1:
        return None
    c = P.conn_range.match(text, e1[0], end)
    if c is not None:
        s2 = c.end()
        e2 = _first_ends(P, text, s2, end, P.lb_num)
        if e2:
            return p, e1[0], s2, e2[0]
    return p, e1[0], None, None


@functools.cache
def _words_only() -> bool:
    """Whether every qualifier and vague amount starts with a letter (so none starts at a digit)."""
    quals, vague = _quantity_lexicon()
    return all(w.strip()[:1].isalpha() for w in [*quals, *vague])


def _match_at(P: LazyPatterns, text: str, a: int, end: int):
    """The quantity starting at ``a``: (end, qualifier text or None, numbers) or (end, vague words),
    else None."""
    if text[a].isdigit() and _words_only():
        # most starts are digits: no qualifier, "between"/"from" or vague word can start there, so
        # only the figure and a second figure of a range are tried (what _numbers_at does there)
        if P.lb_first.match(text, a, end) is None:
            return None
        m = P.digits.match(text, a, end)
        if m is None:
            return None
        e1 = m.end()
        c = P.conn_range.match(text, e1, end)
        if c is not None:
            s2 = c.end()
            e2 = _first_ends(P, text, s2, end, P.lb_num)
            if e2:
                return e2[0], None, (a, e1, s2, e2[0])
        return e1, None, (a, e1, None, None)
    limit = end
    while (q := P.qual.match(text, a, limit)) is not None:
        qe = q.end() - 1  # the qualifier, without the whitespace the piece checks after it
        nums = _numbers_at(P, text, P.space.match(text, qe, end).end(), end)
        if nums is not None:
            return (nums[3] if nums[2] is not None else nums[1]), text[a:qe], nums
        limit = qe  # then the next shorter qualifier, as the regex backtracked to it
    nums = _numbers_at(P, text, a, end)
    if nums is not None:
        return (nums[3] if nums[2] is not None else nums[1]), None, nums
    v = P.vague.match(text, a, end)
    if v is not None:
        return v.end(), v.group()
    return None


def _words_value(text: str) -> int | None:
    tokens = [t for t in _pieces(text).token.findall(text.lower()) if t != "and"]
    if not tokens:
        return None
    if tokens[0] == "half":
        rest = _words_value(" ".join(tokens[1:]))
        return None if rest is None else rest // 2
    total = 0.0
    current = 0.0
    seen = False
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t in ("a", "an"):
            if i + 1 < len(tokens) and tokens[i + 1] == "half":  # "two and a half million"
                current += 0.5
                i += 2
                continue
            current += 1 if not seen else 0
        elif t in UNITS:
            current += UNITS[t]
        elif t in TENS:
            current += TENS[t]
        elif t == "hundred":
            current = (current or 1) * 100
        elif t == "dozen":
            current = (current or 1) * 12
        elif t in SCALES:
            total += (current or 1) * SCALES[t]
            current = 0
        else:
            return None
        seen = True
        i += 1
    return int(round(total + current))


_SUFFIXES = sorted(SUFFIX_SCALES, key=len, reverse=True)


def _digits_value(text: str) -> int | None:
    s = text.strip().lower()
    if s.isdecimal():  # the common case, "34": no scale word, suffix, separator or decimal point
        try:
            return int(s)
        except ValueError:  # more digits than int() reads
            return None
    scale = 1
    for word, mult in SCALES.items():
        if s.endswith(word):
            s, scale = s[: -len(word)].strip(), mult
            break
    else:
        for suffix in _SUFFIXES:
            if s.endswith(suffix) and s[: -len(suffix)][-1:].isdigit():
                s, scale = s[: -len(suffix)], SUFFIX_SCALES[suffix]
                break
    s = s.replace(",", "")
    try:
        value = float(s) if "." in s else int(s)
    except ValueError:
        return None
    return int(round(value * scale))


def parse_number(text: str) -> int | None:
    """The integer a number expression stands for, or None: "1,200" → 1200, "thirty-four" → 34,
    "3.5 million" → 3500000, "2.5m" → 2500000, "a dozen" → 12, "half a million" → 500000."""
    if not text or not text.strip():
        return None
    s = text.strip()
    if s[0].isdigit():
        return _digits_value(s)
    # the whole of ``s`` must be one number in words (it cannot be digits: s[0] is no digit)
    P = _pieces(s)
    if not any(P.end.match(s, e) is not None for e in _first_ends(P, s, 0, len(s), P.lb_first)):
        return None
    return _words_value(s)


@functools.lru_cache(maxsize=1024)
def _squeeze(phrase: str) -> str:
    """A qualifier or vague amount as the lexicon writes it: lower case, single spaces (a few
    phrases recur: cached)."""
    return " ".join(phrase.lower().split())


@functools.lru_cache(maxsize=4096)
def _value(s: str | None) -> tuple[int | None, bool]:
    """The value of one number's text ("34", "1,200", "two hundred") and whether it is in words. A
    pure function of a short phrase, and the same few figures recur: cached, bounded."""
    if s is None:
        return None, False
    words = not s[:1].isdigit()
    return (_words_value(s) if words else _digits_value(s)), words


def _starts(P: LazyPatterns, text: str, pos: int, end: int) -> list[int]:
    """Where a quantity may start in ``text[pos:end]`` (text that is not plain, read with ``regex``):
    every digit run and every word of ``anchor``."""
    starts = [a.start() for a in P.digit_run.finditer(text, pos, end)]
    low = text[pos:end].lower()
    if len(low) != end - pos:  # a letter whose lower case is longer: keep every offset in place
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text[pos:end])
    # slicing only adds candidates (a word boundary at the cut); the full grammar decides on ``text``
    words = [a.start() + pos for a in P.anchor.finditer(low, overlapped=True)]
    if words:
        starts = sorted(set(starts).union(words)) if starts else words
    return starts


def find_quantities(text: str, pos: int = 0, endpos: int | None = None) -> list[Quantity]:
    """Every figure in ``text[pos:endpos]``, left to right, with offsets into ``text``."""
    P = _pieces(text)
    out: list[Quantity] = []
    end = len(text) if endpos is None else endpos
    last = pos
    if P is _re_pieces():
        # plain text: one scan finds both kinds of start (a digit run; a word a quantity can start
        # with, by look-ahead: ``re`` has no overlapped search). Neither can start inside a digit run (no word boundary there), so
        # this is the sorted union of the two scans of ``_starts``, for one pass instead of two and a sort
        starts = [a.start() + pos for a in P.starts.finditer(text[pos:end].lower())]
    else:
        starts = _starts(P, text, pos, end)
    for a in starts:
        if a < last:
            continue
        m = _match_at(P, text, a, end)
        if m is None:
            continue
        last = m[0]
        if len(m) == 2:
            word = _squeeze(m[1])
            out.append(Quantity(a, m[0], a, None, None, None, vague=word))
            continue
        m_end, qual, (s1, e1, s2, e2) = m
        qual_norm = _squeeze(qual) if qual else None
        first = text[s1:e1]
        second = text[s2:e2] if s2 is not None else None
        lo, words = _value(first)
        hi, _ = _value(second)
        if lo is None:
            continue
        if hi is not None and hi > lo:
            cmin, cmax = lo, hi
        else:
            if hi is not None and second is not None:
                # "2014-2015" or "5-3": not a range of counts; keep the first number only
                out.append(_bounded(a if qual else s1, e1, s1, lo, qual_norm, words))
                continue
            out.append(_bounded(a, m_end, s1, lo, qual_norm, words))
            continue
        out.append(Quantity(a, m_end, s1, lo, cmin, cmax, qualifier=qual_norm, words=words))
    return out


@functools.cache
def _qual_kind() -> dict[str, str]:
    quals = load("quantities")["qualifiers"]
    return {" ".join(term.lower().split()): kind for kind in ("min", "max", "approx") for term in quals[kind]}


def _bounded(start: int, end: int, num_start: int, value: int, qual: str | None, words: bool) -> Quantity:
    kind = _qual_kind().get(qual) if qual else None
    if kind == "min":
        return Quantity(start, end, num_start, value, value, None, qualifier=qual, words=words)
    if kind == "max":
        return Quantity(start, end, num_start, value, None, value, qualifier=qual, words=words)
    if kind == "approx":
        return Quantity(start, end, num_start, value, None, None, qualifier=qual, words=words)
    return Quantity(start, end, num_start, value, value, value, qualifier=None, words=words)


@functools.cache
def _compiled() -> dict:
    """Every piece of both engines, compiled: not used when reading text (pieces compile on first
    use), but lets a test reach every pattern of the module (tests/test_regex_safety.py)."""
    out = {}
    for name, P in (("re", _re_pieces()), ("regex", _regex_pieces())):
        for key, pattern in P.all().items():
            out[f"{name}.{key}"] = pattern
    return out

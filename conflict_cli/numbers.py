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

from .lexicons import load

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


def _word_number_pattern() -> str:
    word = "|".join(sorted([*UNITS, *TENS, "hundred", "dozen", *SCALES], key=len, reverse=True))
    small = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
    scale = "|".join(_SCALE_WORDS)
    w = rf"(?:{word})"
    # "one hundred and twenty", "thirty-four", "two and a half million", "a hundred", "half a million";
    # a scale word alone ("$5 million", "millions") is not a number: it needs "a"/"an" or a number before it
    return (
        rf"(?:(?:(?:half\s+)?(?:a|an)\s+(?:{scale}))|(?:{small}))"
        rf"(?:(?:\s+and\s+a\s+half)|(?:[ \t]*-[ \t]*|\s+|(?<=hundred|thousand|million|billion)\s+and\s+){w})*"
    )


_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_AFTER = r"(?:\s*(?:million|billion|thousand)\b|(?:k|m|mn|mln|bn|b)\b)"


_SCALE_WORDS = ("hundred", "dozen", "thousand", "million", "billion")


def _trie(terms) -> str:
    """A prefix-tree alternation of ``terms`` (lower-cased; a space matches any whitespace run). The
    engine gives up on a position after one character instead of trying every term in turn."""
    import regex

    root: dict = {}
    for term in terms:
        node = root
        for ch in " ".join(term.lower().split()):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [(r"\s+" if ch == " " else regex.escape(ch)) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@functools.cache
def _patterns():
    import regex

    data = load("quantities")
    quals = data["qualifiers"]
    qual_all = _trie([*quals["min"], *quals["max"], *quals["approx"]])
    vague = _trie(data["vague"]["words"])
    words = _word_number_pattern()
    months = (
        r"(?:jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
        r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
    )
    # digits that are not part of a date ("26 April", "April 26"), a time ("14:00") or a code ("MQ-9")
    digits = rf"(?:{_DIGITS}){_SCALE_AFTER}?(?![\w]|[.,]\d|:\d)(?!\.?\s+{months}\b)"
    first = rf"(?:(?<![\w.,\-/:$€£])(?<!\b{months}\.?\s){digits}|\b{words}\b)"
    num = rf"(?:(?<![\w.,/:$€£]){digits}|\b{words}\b)"
    q = rf"""
        (?:\b(?P<qual>{qual_all})\s+)?
        (?:
            \bbetween\s+(?P<b1>{first})\s+and\s+(?P<b2>{num})
          | \bfrom\s+(?P<f1>{first})\s+to\s+(?P<f2>{num})
          | (?P<n1>{first})(?:\s*(?:-|to|or)\s*(?P<n2>{num}))?
        )
      | \b(?P<vague>{vague})\b
    """
    # every place a quantity can start: a qualifier, "between"/"from", a number word, a vague word or
    # a digit. Scanning for these with one prefix-tree regex and trying the full pattern only there is
    # several times faster than letting the full pattern try every position, with the same matches.
    starts = [*quals["min"], *quals["max"], *quals["approx"], *data["vague"]["words"], "between", "from"]
    starts += [*UNITS, *TENS]
    starts += [f"{h}{a} {s}" for h in ("", "half ") for a in ("a", "an") for s in _SCALE_WORDS]
    anchor = rf"\b(?:{_trie(starts)})(?!\w)"
    qual_kind = {}
    for kind in ("min", "max", "approx"):
        for term in quals[kind]:
            qual_kind[" ".join(term.lower().split())] = kind
    return {
        "quantity": regex.compile(q, regex.IGNORECASE | regex.VERBOSE),
        "anchor": regex.compile(anchor),  # searched in the lower-cased text (faster than IGNORECASE)
        "digits": regex.compile(r"\d+"),
        "number": regex.compile(rf"^\s*{first}\s*$", regex.IGNORECASE),
        "qual_kind": qual_kind,
        "token": regex.compile(r"[a-z]+|\d[\d,]*(?:\.\d+)?", regex.IGNORECASE),
    }


def _words_value(text: str) -> int | None:
    tokens = [t for t in _patterns()["token"].findall(text.lower()) if t != "and"]
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


def _digits_value(text: str) -> int | None:
    s = text.strip().lower()
    scale = 1
    for word, mult in SCALES.items():
        if s.endswith(word):
            s, scale = s[: -len(word)].strip(), mult
            break
    else:
        for suffix in sorted(SUFFIX_SCALES, key=len, reverse=True):
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
    if not _patterns()["number"].match(s):
        return None
    return _words_value(s)


def _value(m, group: str) -> tuple[int | None, bool]:
    s = m.group(group)
    if s is None:
        return None, False
    words = not s[:1].isdigit()
    return (_words_value(s) if words else _digits_value(s)), words


def find_quantities(text: str, pos: int = 0, endpos: int | None = None) -> list[Quantity]:
    """Every figure in ``text[pos:endpos]``, left to right, with offsets into ``text``."""
    p = _patterns()
    out: list[Quantity] = []
    end = len(text) if endpos is None else endpos
    match = p["quantity"].match
    last = pos
    starts = [a.start() for a in p["digits"].finditer(text, pos, end)]
    low = text[pos:end].lower()
    if len(low) != end - pos:  # a letter whose lower case is longer: keep every offset in place
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text[pos:end])
    # slicing only adds candidates (a word boundary at the cut); the full pattern decides on ``text``
    words = [a.start() + pos for a in p["anchor"].finditer(low, overlapped=True)]
    if words:
        starts = sorted(set(starts).union(words)) if starts else words
    for a in starts:
        if a < last:
            continue
        m = match(text, a, end)
        if m is None:
            continue
        last = m.end()
        if m.group("vague"):
            word = " ".join(m.group("vague").lower().split())
            out.append(Quantity(m.start(), m.end(), m.start(), None, None, None, vague=word))
            continue
        qual = m.group("qual")
        qual_norm = " ".join(qual.lower().split()) if qual else None
        for a, b in (("b1", "b2"), ("f1", "f2"), ("n1", "n2")):  # noqa: B007 (b is read after the loop)
            if m.group(a) is not None:
                break
        lo, words = _value(m, a)
        hi, _ = _value(m, b)
        if lo is None:
            continue
        num_start = m.start(a)
        if hi is not None and hi > lo:
            cmin, cmax = lo, hi
        else:
            if hi is not None and m.group(b) is not None:
                # "2014-2015" or "5-3": not a range of counts; keep the first number only
                out.append(_bounded(m.start() if qual else num_start, m.end(a), num_start, lo, qual_norm, words))
                continue
            out.append(_bounded(m.start(), m.end(), num_start, lo, qual_norm, words))
            continue
        out.append(Quantity(m.start(), m.end(), num_start, lo, cmin, cmax, qualifier=qual_norm, words=words))
    return out


def _bounded(start: int, end: int, num_start: int, value: int, qual: str | None, words: bool) -> Quantity:
    kind = _patterns()["qual_kind"].get(qual) if qual else None
    if kind == "min":
        return Quantity(start, end, num_start, value, value, None, qualifier=qual, words=words)
    if kind == "max":
        return Quantity(start, end, num_start, value, None, value, qualifier=qual, words=words)
    if kind == "approx":
        return Quantity(start, end, num_start, value, None, None, qualifier=qual, words=words)
    return Quantity(start, end, num_start, value, value, value, qualifier=None, words=words)

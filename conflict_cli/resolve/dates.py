"""Dates: the publication date of a document and the event date of every record.

Publication date, in order of preference: ``--date`` (``settings.published``), the input's date
field (``doc.published``, any date string, parsed to ISO), or a date line among the first lines
of the article ("Published: 5 November 2023", "Nov 6, 2023", "2023-11-06"); else none.

Event date: the date phrases of a record's sentence are found with compiled patterns (with
offsets); when the sentence has none, the nearest sentence of the same paragraph that has one is
used. ``date_text`` is the phrase as written and ``date`` its ISO form: ``YYYY-MM-DD``, or the
reduced forms ``YYYY-MM`` / ``YYYY`` when the text names only a month or a year. Relative phrases
are resolved against the publication date and stay unresolved (``date`` null) without one:

- a weekday ("on Monday", "late on Sunday") is the most recent such day ON OR BEFORE the
  publication date; "last Monday" is the most recent one strictly before it;
- "yesterday", "last night", "overnight" and "in the past 24 hours" are the day before the
  publication date; "today", "this morning", "tonight" are the publication date;
- "N days / weeks / months / years ago" and "last week" count back from it; "last month" and "last
  year" give the month (``YYYY-MM``) or the year (``YYYY``);
- spans ("in recent weeks", "over the past two days", "earlier this month") keep ``date_text`` only;
- a day and month without a year ("Nov. 5", "5 November") take the publication year, or the year
  before when that would put the date more than a week after publication.

Anything else that was detected but not understood goes, once and cached, to ``dateparser``
(imported lazily, never at module import time).
"""

from __future__ import annotations

import functools
import operator
from datetime import date, timedelta

from ..lexicons import trie

UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
# The words a phrase of ``_patterns`` can begin with, besides digits, months, weekdays and number
# words, by what must follow them: anything ("mid-November", "lateMarch" is not excluded), a
# non-word character, or whitespace (number words are always followed by whitespace too).
FIRST_FREE = "late early mid"
FIRST_ALONE = "yesterday today tonight overnight"
FIRST_SPACED = "on of in by the this last past previous since from until earlier later over during"


@functools.cache
def _words() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """(month, weekday, number word) tables of ``lexicons/en/dates.toml``, keys lower-cased."""
    from ..lexicons import load

    lex = load("dates")
    low = lambda table: {" ".join(k.lower().split()): v for k, v in table.items()}  # noqa: E731
    return low(lex["months"]), low(lex["weekdays"]), low(lex["numbers"])


@functools.cache
def _patterns():
    """The compiled date-phrase detector: one alternation of named groups, tried left to right."""
    import regex

    return regex.compile(_source(), regex.V0)


# The patterns' ``\s`` as the ``regex`` module reads it on ASCII text (``re``'s ``\s`` also takes
# \x1c-\x1f, which ``str.isspace`` counts as space).
_ASCII_SPACE = r"[\t\n\x0b\x0c\r ]"


def _ascii(source: str) -> str:
    """``source`` for the ``re`` engine, to be run on ASCII text only."""
    assert "\\\\s" not in source  # every ``\s`` of the source is the class, none an escaped backslash
    return source.replace("\\s", _ASCII_SPACE)


@functools.cache
def _ascii_patterns():
    r"""``_patterns()`` for ASCII text, compiled with ``re``: three times quicker to compile (a
    one-article run pays that) and about twice as quick to run. On ASCII text the two engines
    agree: ``\w``, ``\b`` and ``\d`` are the ASCII classes in both, and ``\s`` is spelled out."""
    import re

    return re.compile(_ascii(_source()))


def _pattern_for(text: str):
    """The engine that gives ``_patterns()``'s matches on ``text`` at the lowest cost."""
    return _ascii_patterns() if text.isascii() else _patterns()


@functools.cache
def _source() -> str:
    """The source of the date-phrase detector (see ``_patterns``)."""
    import regex

    from ..lexicons import alternation, load

    lex = load("dates")
    months = [m for m in lex["months"]]
    _MONTH = (
        "(?:"
        + "|".join(
            rf"{regex.escape(m)}\.?" if len(m) <= 4 else regex.escape(m) for m in sorted(months, key=len, reverse=True)
        )
        + ")"
    )
    _WEEKDAY = f"(?:{alternation(lex['weekdays'])})"
    _NUMW = rf"(?:\d{{1,3}}|{alternation(lex['numbers'])})"
    # Order matters: longer, more specific forms first.
    parts = [
        r"(?P<iso>\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)",
        # Monday, 6 November 2023 / 6th of November, 2023 / 6 Nov
        rf"(?P<dmy>\b(?:on\s+)?(?:{_WEEKDAY},?\s+(?:the\s+)?)?(?P<dd>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
        rf"(?P<dm>{_MONTH})(?![a-z])(?:,?\s+(?P<dy>(?:19|20)\d\d)\b)?)",
        # Monday, November 6, 2023 / Nov. 6 / November 6th
        rf"(?P<mdy>\b(?:on\s+)?(?:{_WEEKDAY},?\s+)?(?P<mm>{_MONTH})\s+(?P<md>[0-3]?\d)(?:st|nd|rd|th)?(?![\d,.]\d|\d)"
        rf"(?:,?\s+(?P<my>(?:19|20)\d\d)\b)?)",
        rf"(?P<monyear>\b(?:(?:early|late|mid)-?\s*)?(?P<ym>{_MONTH})(?![a-z])\s+(?:of\s+)?(?P<yy>(?:19|20)\d\d)\b)",
        rf"(?P<ago>\b(?P<an>{_NUMW})\s+(?P<au>day|week|fortnight|month|year)s?\s+ago\b)",
        r"(?P<hours>\b(?:in|over|during)\s+the\s+(?:past|previous|last|preceding)\s+(?P<hn>24|48|72|twenty-four)\s+hours\b)",
        r"(?P<lastunit>\b(?P<lq>last|past|previous)\s+(?P<lu>week|weekend|month|year)\b)",
        rf"(?P<wd>\b(?P<wq>(?:late|early)\s+on\s+|(?:late|early)\s+|on\s+|last\s+|this\s+|(?:since|from|by|until)\s+)?"
        rf"(?P<wn>{_WEEKDAY})(?:'s)?{_PART}\b)",
        r"(?P<yday>\b(?:(?:late|early)\s+)?(?:the\s+day\s+before\s+)?yesterday(?:\s+(?:morning|afternoon|evening))?\b)",
        r"(?P<night>\b(?:last\s+night|overnight|late\s+last\s+night)\b)",
        r"(?P<today>\b(?:(?:earlier|later)\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))\b)",
        r"(?P<vague>\b(?:earlier|later)\s+(?:this|last)\s+(?:week|month|year)\b"
        r"|\bin\s+recent\s+(?:days|weeks|months)\b|\bthis\s+(?:week|month|weekend)\b"
        r"|\b(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:few|several|couple\s+of|two|three|four|five|six|seven"
        r"|\d{1,2})\s+(?:days|weeks|months|years)\b)",
        r"(?P<year>\b(?P<yq>in|since|during|of|by|until)\s+(?P<yv>(?:19|20)\d\d)\b(?![-/]\d))",
    ]
    # one shared test first: a word start that begins like the first word of some phrase (a digit,
    # a month, a weekday, a number word, "on", "last", "since", ...); most positions fail it at once
    free = trie(set(FIRST_FREE.split()) | set(lex["months"]) | set(lex["weekdays"]), lower=False)
    alone = trie(FIRST_ALONE.split(), lower=False)
    spaced = trie(set(FIRST_SPACED.split()) | {k.split()[0] for k in lex["numbers"]}, lower=False)
    first = rf"(?=\d|{free}|(?:{alone})(?!\w)|(?:{spaced})\s)"
    return rf"\b{first}(?:" + "|".join(parts) + ")"


BACK, AHEAD = 28, 32  # characters searched before and after an anchor (longer than any phrase part)
SHORT = 4  # characters searched after an anchor that ends its phrase ("week" -> "weekend")
# Anchors: every date phrase contains one, so the full pattern runs only near them. They are found
# with ``str.find`` (much cheaper per character than a regex scan): a short key, then the longer
# anchor that key is part of ("Jan" -> "January", "day" -> "Monday" / "yesterday" / "today").
_MONTH_ANCHORS = {
    "Jan": "January", "Feb": "February", "Mar": "March", "Apr": "April", "May": "May", "Jun": "June",
    "Jul": "July", "Aug": "August", "Sep": "September", "Oct": "October", "Nov": "November", "Dec": "December",
}  # fmt: skip
_DAY_STEMS = ("Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun", "yester", "to")
_WORD_ANCHORS = ("ago", "hours", "week", "month", "year", "morning", "afternoon", "evening")


def _anchor_spans(text: str) -> list[tuple[int, int]]:
    """(start, end + look-ahead) of the date anchors of ``text``: month and weekday names, yesterday
    / today / tonight / night / morning / ..., ago, hours, day / week / month / year, and years
    19xx / 20xx. Names and years can open a phrase ("Monday, 6 November 2023", "2023-11-06") and
    look ``AHEAD`` characters on; the other words end theirs ("two days ago", "last weekend")."""
    out: list[tuple[int, int]] = []
    find = text.find
    for key, full in _MONTH_ANCHORS.items():
        i = find(key)
        while i >= 0:
            out.append((i, i + (len(full) if text.startswith(full, i) else 3) + AHEAD))
            i = find(key, i + 3)
    i = find("day")
    while i >= 0:
        start, ahead = i, SHORT  # "days", "today"
        for stem in _DAY_STEMS:
            if i >= len(stem) and text.startswith(stem, i - len(stem)):
                start = i - len(stem)
                if stem != "to":
                    ahead = AHEAD
                break
        out.append((start, i + 3 + ahead))
        i = find("day", i + 3)
    i = find("night")
    while i >= 0:
        out.append((i - 2 if i >= 2 and text.startswith("to", i - 2) else i, i + 5 + SHORT))
        i = find("night", i + 5)
    for key in _WORD_ANCHORS:
        i = find(key)
        while i >= 0:
            out.append((i, i + len(key) + SHORT))
            i = find(key, i + len(key))
    if "19" in text or "20" in text:
        years = []
        for key in ("19", "20"):
            i = find(key)
            while i >= 0:
                if text[i + 2 : i + 4].isdecimal() and len(text[i + 2 : i + 4]) == 2:
                    years.append(i)
                i = find(key, i + 1)
        last = -1
        for i in sorted(years):  # like a left-to-right scan: "2020" is one year, not two
            if i >= last:
                out.append((i, i + 4 + AHEAD))
                last = i + 4
    return out


MAX_SENTENCE = 4000  # characters of a sentence searched for its date

# The same anchors found once per document: ``str.find`` over the whole text costs about what it
# costs over one sentence, so ~24 finds per document replace ~24 per sentence searched. Each
# occurrence is then read inside its own sentence exactly as ``_anchor_spans`` reads it there.
_MONTH, _DAY, _NIGHT, _WORD, _YEAR = range(5)
_first = operator.itemgetter(0)


@functools.cache
def _month_keys():
    import re

    return re.compile("|".join(_MONTH_ANCHORS))


def _doc_anchors(norm: str) -> list[tuple[int, int, object]]:
    """(position, kind, detail) of every anchor key of ``norm``, by position."""
    out: list[tuple[int, int, object]] = []
    find = norm.find
    # month keys never overlap one another (each opens with its only capital), so one scan finds
    # them all; it skips to capitals in C, where twelve ``find`` would read the text twelve times
    full = _MONTH_ANCHORS
    for m in _month_keys().finditer(norm):
        out.append((m.start(), _MONTH, full[m.group()]))
    i = find("day")
    while i >= 0:
        out.append((i, _DAY, None))
        i = find("day", i + 3)
    i = find("night")
    while i >= 0:
        out.append((i, _NIGHT, None))
        i = find("night", i + 5)
    for key in _WORD_ANCHORS:
        i = find(key)
        while i >= 0:
            out.append((i, _WORD, len(key)))
            i = find(key, i + len(key))
    for key in ("19", "20"):
        i = find(key)
        while i >= 0:
            two = norm[i + 2 : i + 4]
            if len(two) == 2 and two.isdecimal():
                out.append((i, _YEAR, None))
            i = find(key, i + 1)
    out.sort(key=_first)
    return out


_KEY_LEN = {_MONTH: 3, _DAY: 3, _NIGHT: 5, _YEAR: 4}


def _sentence_spans(norm: str, s: int, n: int, anchors) -> list[tuple[int, int]]:
    """``_anchor_spans(norm[s : s + n])`` from the document's anchors that lie in that span."""
    out: list[tuple[int, int]] = []
    e = s + n
    last = -1
    for p, kind, detail in anchors:
        i = p - s
        if kind == _WORD:
            if p + detail <= e:
                out.append((i, i + detail + SHORT))
        elif p + _KEY_LEN[kind] > e:
            continue
        elif kind == _MONTH:
            out.append((i, i + (len(detail) if norm.startswith(detail, p, e) else 3) + AHEAD))
        elif kind == _DAY:
            start, ahead = i, SHORT
            for stem in _DAY_STEMS:
                if i >= len(stem) and norm.startswith(stem, p - len(stem), p):
                    start = i - len(stem)
                    if stem != "to":
                        ahead = AHEAD
                    break
            out.append((start, i + 3 + ahead))
        elif kind == _NIGHT:
            out.append((i - 2 if i >= 2 and norm.startswith("to", p - 2, p) else i, i + 5 + SHORT))
        elif i >= last:  # a year, left to right as in ``_anchor_spans``
            out.append((i, i + 4 + AHEAD))
            last = i + 4
    return out


@functools.cache
def _dateline_source() -> str:
    from ..lexicons import alternation, load

    words = alternation(load("dates")["dateline"]["prefixes"])
    return rf"^\s*(?:(?:{words})\s*:?\s*)?"


@functools.cache
def _dateline_pattern():
    import regex

    return regex.compile(_dateline_source(), regex.IGNORECASE)


@functools.cache
def _dateline_ascii_pattern():
    """``_dateline_pattern()`` for ASCII lines, with ``re`` (see ``_ascii_patterns``; the prefix
    words are ASCII, so on an ASCII line case-insensitive matching is plain ASCII case folding)."""
    import re

    return re.compile(_ascii(_dateline_source()), re.IGNORECASE)


# ---------------------------------------------------------------------------------------------
# Phrase detection and resolution


def find_phrases(text: str) -> list[tuple[int, int, str, object]]:
    """Every date phrase in ``text`` as (start, end, surface, match)."""
    return list(iter_phrases(text))


def iter_phrases(text: str, spans: list[tuple[int, int]] | None = None):
    """The date phrases of ``text`` one at a time, left to right, as (start, end, surface, match);
    ``spans`` are its anchor spans when already known."""
    if not text:
        return
    if spans is None:
        spans = _anchor_spans(text)
    if not spans:
        return
    pat = _pattern_for(text)
    n = len(text)
    # merge the windows around anchors into regions and scan each region once
    spans.sort()
    regions: list[list[int]] = []
    for a, b in spans:
        lo, hi = max(0, a - BACK), min(n, b)
        if regions and lo <= regions[-1][1]:
            if hi > regions[-1][1]:
                regions[-1][1] = hi
        else:
            regions.append([lo, hi])
    for lo, hi in regions:
        for m in pat.finditer(text, lo, hi):
            yield m.start(), m.end(), m.group(0), m


def _month(name: str) -> int:
    return _words()[0][name.lower().rstrip(".")]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _add_months(base: date, months: int) -> date:
    total = base.year * 12 + (base.month - 1) + months
    y, m = divmod(total, 12)
    m += 1
    for d in (base.day, 30, 29, 28):
        res = _safe_date(y, m, d)
        if res:
            return res
    return base  # pragma: no cover


def weekday_on_or_before(pub: date, weekday: int, strictly_before: bool = False) -> date:
    """The most recent ``weekday`` (Monday = 0) on or before ``pub`` (strictly before if asked)."""
    back = (pub.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return pub - timedelta(days=back)


def _day_month(pub: date | None, month: int, day: int, year: str | None) -> str | None:
    if year:
        d = _safe_date(int(year), month, day)
        return d.isoformat() if d else None
    if pub is None:
        return None
    d = _safe_date(pub.year, month, day)
    if d is None:
        return None
    if d > pub + timedelta(days=7):
        d = _safe_date(pub.year - 1, month, day) or d
    return d.isoformat()


def _count(word: str) -> int | None:
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    return _words()[2].get(w) or None


KINDS = ("iso", "dmy", "mdy", "monyear", "ago", "hours", "lastunit", "wd", "yday", "night", "today", "vague", "year")


class _Groups:
    """``match[name]`` -> the group's text or None (cheaper than ``groupdict`` on a big pattern)."""

    __slots__ = ("group",)

    def __init__(self, m):
        self.group = m.group

    def __getitem__(self, name: str):
        return self.group(name)


def resolve_match(m, pub: date | None) -> tuple[str | None, bool]:
    """(ISO date or None, understood): ``understood`` False sends the phrase to dateparser."""
    kind = m.lastgroup  # the phrase's own group closes last (``groupdict`` is slow on 30 groups)
    if kind not in KINDS:  # pragma: no cover - defensive
        kind = next((k for k in KINDS if m.group(k)), None)
    g = _Groups(m)
    if kind == "iso":
        d = _safe_date(int(g["iy"]), int(g["im"]), int(g["id"]))
        return (d.isoformat() if d else None), True
    if kind == "dmy":
        return _day_month(pub, _month(g["dm"]), int(g["dd"]), g["dy"]), True
    if kind == "mdy":
        return _day_month(pub, _month(g["mm"]), int(g["md"]), g["my"]), True
    if kind == "monyear":
        return f"{int(g['yy']):04d}-{_month(g['ym']):02d}", True
    if kind == "year":
        return g["yv"], True
    if pub is None:
        return None, True
    if kind == "ago":
        n = _count(g["an"])
        if n is None:
            return None, True
        unit = g["au"].lower()
        if unit in UNIT_DAYS:
            return (pub - timedelta(days=n * UNIT_DAYS[unit])).isoformat(), True
        months = n * (12 if unit == "year" else 1)
        return _add_months(pub, -months).isoformat(), True
    if kind == "hours":
        return (pub - timedelta(days=1)).isoformat(), True
    if kind == "lastunit":
        unit = g["lu"].lower()
        if unit == "week":
            return (pub - timedelta(days=7)).isoformat(), True
        if unit == "weekend":
            return weekday_on_or_before(pub, 5, strictly_before=True).isoformat(), True
        if unit == "month":  # the month, not a day in it
            return _add_months(pub, -1).isoformat()[:7], True
        return str(pub.year - 1), True
    if kind == "wd":
        q = (g["wq"] or "").lower().split()
        wd = _words()[1][g["wn"].lower()]
        if q and q[0] in ("since", "from", "by", "until"):
            return weekday_on_or_before(pub, wd).isoformat(), True
        return weekday_on_or_before(pub, wd, strictly_before=bool(q) and q[0] == "last").isoformat(), True
    if kind == "yday":
        back = 2 if "day before" in " ".join(m.group(0).lower().split()) else 1
        return (pub - timedelta(days=back)).isoformat(), True
    if kind == "night":
        return (pub - timedelta(days=1)).isoformat(), True
    if kind == "today":
        return pub.isoformat(), True
    if kind == "vague":
        return None, True
    return None, False  # pragma: no cover - every group is handled above


@functools.lru_cache(maxsize=4096)
def _dateparser(phrase: str, base: str | None) -> str | None:
    """``dateparser.parse`` on one phrase, English only, relative to ``base``; cached."""
    import warnings
    from datetime import datetime

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import dateparser

        settings = {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False}
        if base:
            settings["RELATIVE_BASE"] = datetime.fromisoformat(base)
        try:
            res = dateparser.parse(phrase, languages=["en"], settings=settings)
        except Exception:
            return None
    return res.date().isoformat() if res else None


def to_iso(value: str | None) -> str | None:
    """Any written date (ISO, "5 November 2023", "Nov 6, 2023", "2023-11-06T10:00:00Z") as YYYY-MM-DD."""
    if not value:
        return None
    value = str(value).strip()
    if not value:
        return None
    head = value[:10]
    if len(head) == 10 and head[4] == "-" and head[7] == "-":
        try:
            return date.fromisoformat(head).isoformat()
        except ValueError:
            pass
    for _s, _e, _t, m in iter_phrases(value):
        if m.group("iso") or (m.group("dmy") and m.group("dy")) or (m.group("mdy") and m.group("my")):
            iso, _ok = resolve_match(m, None)
            if iso:
                return iso
    if len(value) > 200:
        return None
    return _dateparser(value, None)


def detect_dateline(text: str, max_lines: int = 6) -> str | None:
    """The publication date written on a short line at the top of the article, as ISO."""
    if not text:
        return None
    for line in text[:2000].splitlines()[:max_lines]:
        s = line.strip()
        if not s or len(s) > 100:
            continue
        if not _anchor_spans(s):  # no date phrase in the line, so none in the rest of it
            continue
        prefix = _dateline_ascii_pattern() if s.isascii() else _dateline_pattern()
        rest = s[prefix.match(s).end() :]
        for start, _e, _t, m in iter_phrases(rest):
            if start > 40:
                break
            full = m.group("iso") or (m.group("dmy") and m.group("dy")) or (m.group("mdy") and m.group("my"))
            if full:
                iso, _ok = resolve_match(m, None)
                if iso:
                    return iso
    return None


def publication_date(doc, settings) -> str | None:
    if settings is not None and getattr(settings, "published", None):
        iso = to_iso(settings.published)
        if iso:
            return iso
    if doc.published:
        iso = to_iso(doc.published)
        if iso:
            return iso
    return detect_dateline(doc.text)


# ---------------------------------------------------------------------------------------------
# The resolver


def _best(text: str, pub: date | None, pub_iso: str | None, spans=None) -> tuple[str | None, str | None] | None:
    """(date, date_text) of the best phrase in ``text``: the first resolved one, else the first."""
    first = None
    for _s, _e, surface, m in iter_phrases(text[:MAX_SENTENCE], spans):
        iso, understood = resolve_match(m, pub)
        if not understood and pub_iso:
            iso = _dateparser(" ".join(surface.split()), pub_iso)
        surface = surface.strip()
        if surface[:3].lower() == "on ":
            surface = surface[3:]
        if iso:
            return iso, surface
        if first is None:
            first = (None, surface)
    return first


def _bucket(norm: str, sents) -> dict[int, list] | None:
    """The anchors of ``norm`` by the index of the sentence they lie in; None unless the sentences
    are disjoint spans of ``norm`` in order (then each sentence finds its own anchors)."""
    from bisect import bisect_right

    end = 0
    for sent in sents:
        if sent.start < end or sent.end - sent.start != len(sent.text) or not norm.startswith(sent.text, sent.start):
            return None  # pragma: no cover - split gives disjoint spans of ``norm``, in order
        end = sent.end
    starts = [s.start for s in sents]
    out: dict[int, list] = {}
    for a in _doc_anchors(norm):
        k = bisect_right(starts, a[0]) - 1
        if k >= 0 and a[0] < sents[k].end:
            out.setdefault(k, []).append(a)
    return out


def resolve(doc, records, settings) -> None:
    pub_iso = publication_date(doc, settings)
    doc.published = pub_iso  # ISO or None: an unreadable input date is not passed on
    if not records:
        return
    pub = date.fromisoformat(pub_iso) if pub_iso and len(pub_iso) == 10 else None
    sents = doc.sentences
    cache: dict[int, tuple[str | None, str | None] | None] = {}
    norm = doc.norm
    # the anchors of the document by sentence (None: find them sentence by sentence)
    by_sentence = _bucket(norm, sents) if norm else None

    def of_sentence(i: int):
        if i in cache:
            return cache[i]
        sent = sents[i]
        text = sent.text
        if by_sentence is None:
            found = _best(text, pub, pub_iso)
        else:
            spans = _sentence_spans(norm, sent.start, min(len(text), MAX_SENTENCE), by_sentence[i])
            found = _best(text, pub, pub_iso, spans) if spans else None
        cache[i] = found
        return found

    # a sentence without anchors has no date phrase: known at once, without a call
    dated = by_sentence.__contains__ if by_sentence is not None else lambda i: True
    near: dict[int, tuple[str | None, str | None] | None] = {}

    def of_paragraph(i: int):
        """The date of sentence ``i``, else of the nearest sentence of its paragraph: earlier ones
        first, then later ones (each sentence is searched at most once per document)."""
        found = of_sentence(i) if dated(i) else None
        if found is None:
            para = sents[i].paragraph
            j = i - 1
            while found is None and j >= 0 and sents[j].paragraph == para:
                if dated(j):
                    found = of_sentence(j)
                j -= 1
            j = i + 1
            while found is None and j < len(sents) and sents[j].paragraph == para:
                if dated(j):
                    found = of_sentence(j)
                j += 1
        near[i] = found
        return found

    n = len(sents)
    for rec in records:
        if rec.date is not None or rec.date_text is not None:
            continue
        i = rec.sentence
        if not (0 <= i < n):
            continue
        found = near[i] if i in near else of_paragraph(i)
        if found:
            rec.date, rec.date_text = found

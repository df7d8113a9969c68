"""Normalize a decoded text without moving any character.

Every replacement is one character for one character, so the normalized text has the length of
the input and an offset in one is the same offset in the other: records can quote the original
text at the offsets the extractors found in the normalized one. Boilerplate lines (for example
"Advertisement") are blanked with spaces, which keeps them out of every sentence.
"""

from __future__ import annotations

import functools

_FOLD = {
    # quotes and primes
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4\u0060", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    # dashes and minus signs
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    # spaces (no-break, thin, figure, ideographic ...), tabs and form feeds
    **dict.fromkeys(
        "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v", " "
    ),
    # line and paragraph separators become newlines
    **dict.fromkeys("\u2028\u2029\x85\r", "\n"),
    "\u2026": ".",  # ellipsis
    "\u2022": "*",  # bullet
    "\u25cf": "*",
    "\u25aa": "*",
    "\u00b7": "*",
    "\ufeff": " ",  # byte-order mark / zero-width no-break space
    # a backslash is a line break flattened by a feed or a scraper ("shot and killed a\\Palestinian
    # gunman"), never part of a word of a news text
    "\\": " ",
}
# Why not ``str.translate``: on a text that is not pure ASCII it looks every character up in the
# table (~30 ns each), while an article holds only a handful of distinct foldable characters. A
# ``c in text`` test per table character (memchr speed; instant for a character wider than any in
# the text) and one ``str.replace`` per character present is about ten times cheaper. No target is
# itself a key, so the order of the replacements does not matter.
_FOLD_ITEMS = tuple(_FOLD.items())

# Characters a boilerplate line may open with before its words (the pattern's ``[ \t*#>-]*``).
_LEAD = " \t*#>-"


@functools.cache
def _boilerplate():
    import regex

    from .lexicons import alternation

    data = _lines()
    exact = alternation(data["exact"])
    prefixes = alternation(data["prefix"])
    return regex.compile(
        rf"^[ \t*#>-]*(?:(?:{exact})[ .:]*|(?:{prefixes})(?:(?<=\W)|\b)[^\n]*)$",
        regex.MULTILINE | regex.IGNORECASE,
    )


@functools.cache
def _lines() -> dict:
    from .lexicons import load

    return load("boilerplate")["lines"]


@functools.cache
def _openers() -> tuple[str, ...]:
    """Lower-cased opening letters of every boilerplate surface (its first run of letters), or the
    first character of a surface that opens with something else ("(c) Copyright")."""
    data = _lines()
    out = set()
    for term in list(data["exact"]) + list(data["prefix"]):
        t = term.strip()
        if not t:
            continue
        n = 0
        while n < len(t) and t[n].isalpha():
            n += 1
        out.add(t[:n].lower() if n else t[0])
    if any(o[0] in _LEAD for o in out):  # a surface opening with a lead character: no prefilter
        out.add("")
    return tuple(sorted(out))


@functools.cache
def _head() -> int:
    return max(map(len, _openers()), default=1)


def _candidate(head: str) -> bool:
    """May a line whose text (after its lead characters) starts with ``head`` be boilerplate?
    A superset test: the compiled pattern decides. A match's text opens with the letters a surface
    opens with, in any case; non-ASCII letters (Kelvin sign, long s ...) can fold to ASCII ones
    under IGNORECASE, so such a line is always handed to the pattern."""
    return head.lower().startswith(_openers()) or not head.isascii()


@functools.cache
def _entity_pattern():
    import re

    return re.compile(
        # an HTML tag left as entities by a feed: "&lt;b&gt;" (blanked)
        r"&lt;/?[A-Za-z]{1,10}&gt;"
        # a contraction or possessive written with an entity, often after a space (AG News:
        # "Afghanistan #39;s", "don #39;t"): the apostrophe and its letters move to the word
        r"|(?<=[A-Za-z0-9]) ?&?#0*(?:39|146|8217);(s|t|re|ll|ve|m|d)(?![A-Za-z])"
        # any other numeric or common named entity, with its "&" or without ("#36;", "quot;")
        r"|&?#(\d{2,4});|&(quot|amp|apos|lt|gt|nbsp);|(?<![A-Za-z])(quot);"
    )


def _entity(m) -> str:
    """The same-length replacement of one entity match (see ``_entity_pattern``)."""
    import html

    whole = m.group()
    if m.group(1) is not None:  # contraction: "'s" then the spaces the entity took
        return ("'" + m.group(1)).ljust(len(whole))
    if m.group(2) is not None:
        ch = html.unescape(f"&#{m.group(2)};")  # (cp1252 numbers too: "#151;" is a dash)
    elif m.group(3) is not None or m.group(4) is not None:
        ch = html.unescape(f"&{m.group(3) or m.group(4)};")
    else:
        return " " * len(whole)  # a tag
    if len(ch) != 1 or not ch.isprintable():
        return whole
    return _FOLD.get(ch, ch).rjust(len(whole))  # the character last: it opens what follows ("#36;40")


def _entities(text: str) -> str:
    """HTML entities left in a text by a feed or a scraper, each read as its character padded with
    spaces to the entity's length ("#39;" as "   '", "quot;" as '    "'), so offsets never move."""
    if ";" not in text or not ("#" in text or "&" in text or "quot;" in text):
        return text
    return _entity_pattern().sub(_entity, text)


def normalize(text: str) -> str:
    """Return ``text`` with quotes, dashes and spaces folded, HTML entities read and boilerplate
    lines blanked.

    The result always has ``len(text)`` characters.
    """
    out = _entities(text)
    for ch, to in _FOLD_ITEMS:
        if ch in out:
            out = out.replace(ch, to)
    # Boilerplate: the pattern (one big case-insensitive alternation anchored at line starts) is
    # tried only at the start of a line whose first word a boilerplate surface also opens with, so
    # most texts never compile it; it matches exactly where ``pattern.sub`` would have.
    spans = None
    pos = 0
    n = len(out)
    find = out.find
    while pos < n:
        nl = find("\n", pos)
        if nl < 0:
            nl = n
        s = pos
        while s < nl and out[s] in _LEAD:
            s += 1
        if s < nl and _candidate(out[s : s + _head()]):
            m = _boilerplate().match(out, pos)
            if m is not None:
                if spans is None:
                    spans = []
                spans.append((pos, m.end()))
                if m.end() > nl:  # a surface's space matched across a line break
                    nl = out.find("\n", m.end())
                    if nl < 0:
                        break
        pos = nl + 1
    if spans is None:
        return out
    parts = []
    last = 0
    for s, e in spans:
        parts.append(out[last:s])
        parts.append(" " * (e - s))
        last = e
    parts.append(out[last:])
    return "".join(parts)

"""Normalize a decoded text without moving any character.

Every replacement is one character for one character, so the normalized text has the length of
the input and an offset in one is the same offset in the other: records can quote the original
text at the offsets the extractors found in the normalized one. Boilerplate lines (for example
"Advertisement") are blanked with spaces, which keeps them out of every sentence.
"""

from __future__ import annotations

import functools

from .lexicons import alternation, load

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
}
_TABLE = str.maketrans(_FOLD)


@functools.cache
def _boilerplate():
    import regex

    data = load("boilerplate")
    exact = alternation(data["lines"]["exact"])
    prefixes = alternation(data["lines"]["prefix"])
    return regex.compile(
        rf"^[ \t*#>-]*(?:(?:{exact})[ .:]*|(?:{prefixes})(?:(?<=\W)|\b)[^\n]*)$",
        regex.MULTILINE | regex.IGNORECASE,
    )


def normalize(text: str) -> str:
    """Return ``text`` with quotes, dashes and spaces folded and boilerplate lines blanked.

    The result always has ``len(text)`` characters.
    """
    out = text.translate(_TABLE)
    if "\ufeff" in out:
        out = out.replace("\ufeff", " ")
    pattern = _boilerplate()
    if pattern.search(out) is None:
        return out
    return pattern.sub(lambda m: " " * len(m.group()), out)

"""Lexicons: the rules-as-data of every extractor.

Each file in ``lexicons/en/`` is TOML with a ``[meta]`` table (``version``, ``notes``) and lists of
surfaces. Files are read once per process, the first time an extractor asks for one, and
``alternation`` turns a list of surfaces into one longest-first, whitespace-tolerant regex.
"""

from __future__ import annotations

import functools
import sys
from importlib import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class LexiconError(ValueError):
    """A lexicon file is not valid: the message names the file and, where known, the line."""


@functools.cache
def load(name: str, lang: str = "en") -> dict:
    """The parsed lexicon ``lexicons/<lang>/<name>.toml``."""
    path = resources.files(__package__).joinpath(lang, f"{name}.toml")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:  # a packaging bug, not a user error
        raise LexiconError(f"lexicon {lang}/{name}.toml: {exc}") from exc


def _surface(term: str) -> str:
    import regex

    parts = term.strip().split()
    return r"\s+".join(regex.escape(p) for p in parts)


def alternation(terms) -> str:
    """One regex alternation of ``terms``, longest first; spaces match any run of whitespace.

    The result has no groups, so it can be placed inside any other pattern.
    """
    uniq = sorted({t.strip() for t in terms if t and t.strip()}, key=lambda t: (-len(t), t))
    return "|".join(_surface(t) for t in uniq)


def surface_map(table: dict[str, list[str]]) -> dict[str, str]:
    """Map every surface (lower-cased, single-spaced) of ``{key: [surfaces]}`` to its key."""
    out: dict[str, str] = {}
    for key, terms in table.items():
        for term in terms:
            out[" ".join(term.lower().split())] = key
    return out

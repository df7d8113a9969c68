"""Lexicons: the rules-as-data of every extractor.

Each file in ``lexicons/en/`` is TOML with a ``[meta]`` table (``version``, ``notes``) and lists of
surfaces. Files are read once per process, the first time an extractor asks for one, and
``alternation`` turns a list of surfaces into one longest-first, whitespace-tolerant regex.
"""

from __future__ import annotations

import functools
import json
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUNDLE = "bundle.json"  # per language: every lexicon already parsed, with the checksum of its source


class LexiconError(ValueError):
    """A lexicon file is not valid: the message names the file and, where known, the line."""


def checksum(source: bytes) -> str:
    """Identifies one version of a lexicon's TOML source (change detection, not security)."""
    return f"{len(source)}:{zlib.crc32(source):08x}"


@functools.cache
def _bundle(lang: str) -> dict:
    # Parsing TOML costs about 1.5 ms per file, a fifth of a one-article run's budget over all of them;
    # the same tables read from JSON cost a few hundredths of that. The bundle is only a cache: an entry
    # is used when its checksum matches the TOML file beside it, so an edited lexicon is never shadowed
    # by a stale bundle (``make lexicons`` rebuilds it; a test checks it is current).
    try:
        return json.loads((HERE / lang / BUNDLE).read_bytes())
    except (OSError, ValueError):
        return {}


@functools.cache
def load(name: str, lang: str = "en") -> dict:
    """The parsed lexicon ``lexicons/<lang>/<name>.toml``."""
    source = (HERE / lang / f"{name}.toml").read_bytes()
    cached = _bundle(lang).get(name)
    if cached and cached.get("checksum") == checksum(source):
        return cached["data"]
    return parse(name, source, lang)


def parse(name: str, source: bytes, lang: str = "en") -> dict:
    """Parse one lexicon's TOML source (``load`` does this only when the bundle is out of date)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(source.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:  # a packaging bug, not a user error
        raise LexiconError(f"lexicon {lang}/{name}.toml: {exc}") from exc


def build_bundle(lang: str = "en") -> dict:
    """``{name: {"checksum", "data"}}`` of every lexicon of ``lang``, parsed from TOML."""
    out = {}
    for path in sorted((HERE / lang).glob("*.toml")):
        source = path.read_bytes()
        out[path.stem] = {"checksum": checksum(source), "data": parse(path.stem, source, lang)}
    return out


def trie(terms, lower: bool = True) -> str:
    """One regex alternation of ``terms`` factored as a prefix tree: the engine gives up on a position
    after one character instead of trying every term in turn, and compiling costs far less than a
    flat alternation of hundreds of terms. Like ``alternation``: the longest term that fits wins,
    a space matches any run of whitespace, no groups, valid for ``re`` and ``regex`` alike. Terms
    are lower-cased unless ``lower`` is false (then they match as written, unless the pattern
    ignores case)."""
    import re

    root: dict = {}
    for term in terms:
        term = " ".join(term.split())
        if not term:
            continue
        node = root
        for ch in term.lower() if lower else term:
            node = node.setdefault(ch, {})
        node[""] = {}

    def esc(ch: str) -> str:
        return r"\s+" if ch == " " else ch if ch.isalnum() else re.escape(ch)

    def emit(node: dict) -> str:
        chain = ""  # a run of nodes with one child and no term ending: plain text, no recursion
        while len(node) == 1 and "" not in node:
            ch = next(iter(node))
            chain += esc(ch)
            node = node[ch]
        branches = [esc(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return chain
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return chain + (f"(?:{body})?" if "" in node else body)

    return emit(root)


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

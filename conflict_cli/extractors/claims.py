"""Claim extractor: attributed statements ("X said", "according to X", "'...,' X told Reuters").

One sentence gives at most one claim: the main attribution of the sentence. Reporting verbs and
their stances come from ``lexicons/en/claim_verbs.toml``; what may end a speaker phrase (names,
acronyms, generic source nouns) from ``claim_sources.toml``; outlet words and platforms, which
fill ``via``, from ``outlets.toml``. Speakers are found by the shape of the sentence, never by
lists of names:

- ``X said ...`` / ``..., X said`` / ``"...," X told reporters``: the noun phrase between the
  last clause boundary (comma, quote, colon, dash, sentence start) and the verb, trimmed of
  connectives, auxiliaries and time words;
- ``X, a spokesman for Y, said``: an apposition is skipped and the name kept;
- ``"...," said X, the head of ...``: inverted attribution after a comma or a quote;
- ``according to X`` / ``as per X``; ``Y quoted X as saying``; ``with X criticising Y``;
- a headline ending in ``: X`` or ``- X``.

Pronoun speakers ("he said") are kept as written; ``resolve/speakers.py`` replaces them later.
"""

from __future__ import annotations

import functools

from ..lazyrx import plain as _plain
from ..lexicons import alternation, load, trie
from ..models import Claim, Document, Sentence

NAME = "claims"
VERSION = "1"

_WINDOW = 320  # characters looked at on either side of a verb
_MAX_WORDS = 14  # longest speaker phrase
_MAX_VERBS = 10  # reporting verbs looked at per sentence
_ING_OK = frozenset(
    """ruling governing leading neighbouring neighboring opposing building monitoring reporting coordinating
    investigating peacekeeping fighting striking visiting outgoing incoming caretaking demining training
    leading-edge""".split()
)
_NOT_BEFORE = frozenset(
    """is was were are be been being to not n't never would could should might may must cannot can
    the a an for of with in on at by from into its their his her our your any no some this that these
    those latest unconfirmed unverified widely frequently""".split()
)
_TITLE_VERBS = frozenset({"said", "told", "claimed", "denied", "warned", "accused", "blamed", "confirmed", "condemned"})
_ING_CUT_NEXT = frozenset(
    "to the a an on in at for with his her their its from of off over out up hostage two three four five several some".split()
)
_PREPS = frozenset(
    "on in at late earlier later during after before by from to near as with of into under over since until".split()
)
_DETERMINERS = frozenset("the a an their its his her our one two three several some both another".split())
_PERIODS = frozenset("year week month weekend night morning spring summer autumn fall winter".split())
_NO_ADVERB_AFTER = _DETERMINERS | _PREPS  # "the newly (declared)": the adverb belongs to a verb
# present-tense plural forms that are also infinitives ("Prosecutors claim ...", "to ... and claim the title")
_BARE_FORMS = frozenset("claim deny warn confirm accuse insist allege admit".split())
_NOT_AFTER = frozenset({"to", "by", "have", "has", "had", "are", "were", "is", "was", "about"})
# every word the "tail" pattern can end with (besides a day number): a cheap gate before the regex
_TAIL_LAST = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night statement
    post tweet message interview video briefing week month year weekend today day late on""".split()
)
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTHS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|May|June|July|August|September|October|November|December"


@functools.cache
def _lex():
    verbs = load("claim_verbs")["verbs"]
    src = load("claim_sources")["sources"]
    out = load("outlets")["outlets"]
    finite: dict[str, str] = {}
    parts: dict[str, str] = {}
    invert: set[str] = set()
    needs_object: set[str] = set()
    needs_clause: set[str] = set()
    needs_platform: set[str] = set()
    needs_as: set[str] = set()
    weak: set[str] = set()
    stance: dict[str, str] = {}
    for lemma, spec in verbs.items():
        stance[lemma] = spec.get("stance", "assert")
        for f in spec.get("forms", []):
            finite[" ".join(f.lower().split())] = lemma
        for f in spec.get("participles", []):
            parts[f.lower()] = lemma
        invert.update(f.lower() for f in spec.get("invert", []))
        if spec.get("needs_object"):
            needs_object.add(lemma)
        if spec.get("needs_clause"):
            needs_clause.add(lemma)
        if spec.get("needs_platform"):
            needs_platform.add(lemma)
        if spec.get("needs_as"):
            needs_as.add(lemma)
        if spec.get("weak"):
            weak.add(lemma)
    by_first: dict[str, list[str]] = {}
    for f in [*finite, *parts, "quoted"]:
        by_first.setdefault(f.split()[0], []).append(f)
    return {
        "firsts": frozenset(by_first),
        "by_first": by_first,
        "finite": finite,
        "parts": parts,
        "invert": invert,
        "needs_object": needs_object,
        "needs_clause": needs_clause,
        "needs_platform": needs_platform,
        "needs_as": needs_as,
        "weak": frozenset(weak),
        "stance": stance,
        "heads": frozenset(w.lower() for w in src["heads"]),
        "person_heads": frozenset(w.lower() for w in src["heads"])
        - frozenset(src["bodies"])
        - frozenset(src["not_speakers"]),
        "pronouns": frozenset(src["pronouns"]),
        "not_heads": frozenset(src["not_heads"]),
        "trailing": frozenset(src["trailing"]),
        "leading": frozenset(src["leading"]),
        "cut": frozenset(src["cut"]),
        "ed_words": frozenset(src["ed_words"]),
        "verbs": frozenset(src["verbs"]),
        "not_speakers": frozenset(src["not_speakers"]),
        "outlet_types": out["types"],
        "outlet_words": frozenset(w.lower() for t in out["types"] for w in t.split()),
        "platforms": out["platforms"],
        "platform_words": frozenset(p.split()[0].lower() for p in out["platforms"]),
        # the same word sets as bytes, for plain text tokenised without decoding (see ``_tokens``)
        "firsts_b": frozenset(f.encode() for f in by_first),
        "platform_words_b": frozenset(p.split()[0].lower().encode() for p in out["platforms"]),
        "channel_words_b": frozenset(w.encode() for w in _CHANNEL_WORDS),
        "audiences": frozenset(w.lower() for w in out["audiences"]),
        "listeners": frozenset(" ".join(w.lower().split()) for w in out["listeners"]),
        "carriers": out["carriers"],
        # one word of every outlet type and every carrier: in every text their patterns match
        "outlet_type_words": tuple(sorted({t.lower().split()[-1] for t in out["types"]})),
        "carrier_words": tuple(sorted({c.lower().split()[-1] for c in out["carriers"]})),
    }


@functools.cache
def _punct_table() -> dict[int, str]:
    """str.translate table mapping every character that may touch a verb to a space."""
    import string

    return {ord(c): " " for c in string.punctuation + "«»‹›„“”‘’…•·¿¡°§¶†‡"}


@functools.cache
def _ascii_table() -> bytes:
    """bytes.translate table of ``_punct_table`` for ASCII text, lower-casing at the same time."""
    table = bytearray(range(256))
    for c, repl in _punct_table().items():
        if c < 128:
            table[c] = ord(repl)
    for c in range(ord("A"), ord("Z") + 1):
        table[c] = c + 32
    return bytes(table)


def _tokens(text: str, plain: bool) -> list:
    """The lower-cased words of ``text`` split on spaces and punctuation, as ``_words`` finds them.

    Plain text gives bytes words (one ``bytes.translate`` lower-cases and blanks punctuation; not
    decoding saves about a third of the cost); compare them with the ``*_b`` sets of ``_lex``.
    """
    if plain:
        return text.encode("ascii").translate(_ascii_table()).split()
    return _blank_punct(text.lower()).split()


def _words(text: str) -> set[str]:
    """The lower-cased words of ``text``, split on spaces and punctuation: for cheap prefilters."""
    return set(_blank_punct(text.lower()).split())


@functools.cache
def _non_ascii_punct():
    import re

    return re.compile("[" + "".join(chr(c) for c in _punct_table() if c >= 128) + "]")


def _blank_punct(low: str) -> str:
    """``low.translate(_punct_table())`` for lower-cased text, several times faster on long text.

    ``str.translate`` with a dict looks every character up in Python; here ASCII punctuation is
    blanked with one ``bytes.translate`` of the UTF-8 bytes (bytes below 128 are ASCII characters
    there) and the few non-ASCII marks with one character-class substitution.
    """
    if low.isascii():
        return low.encode("ascii").translate(_ascii_table()).decode("ascii")
    return _non_ascii_punct().sub(
        " ", low.encode("utf-8", "surrogatepass").translate(_ascii_table()).decode("utf-8", "surrogatepass")
    )


# words one of which the "channel" pattern needs ("in an interview with", "speaking to", "via", ...)
_CHANNEL_WORDS = frozenset(
    "interview speaking comments remarks via quoted cited carried broadcast aired writing wrote op article column".split()
)


@functools.cache
def _verb_rx(first: str):
    """The trigger pattern restricted to the verb forms that begin with the word ``first``.

    A sentence is scanned only for the forms whose first word it contains (usually one or two),
    which is much faster than scanning it for all of them; the matches are the same.
    """
    import regex

    forms = _lex()["by_first"][first]
    return regex.compile(r"\b(?<!-)(?:" + trie(forms, lower=False) + r")(?![\w-])", regex.I)


def _verb_matches(text: str, present, plain: bool = False) -> list:
    if plain:
        return _verb_matches_plain(text, present)
    if len(present) == 1:
        out = []
        for m in _verb_rx(next(iter(present))).finditer(text):
            out.append(m)
            if len(out) >= _MAX_VERBS:
                break
        return out
    ms = [m for w in present for m in _verb_rx(w).finditer(text)]
    ms.sort(key=lambda m: m.start())
    return ms[:_MAX_VERBS]


class _Hit:
    """A verb found by ``_verb_matches_plain``: the parts of a match object the extractor uses."""

    __slots__ = ("_start", "_end", "_text", "form")

    def __init__(self, start: int, end: int, text: str, form: str):
        self._start, self._end, self._text = start, end, text
        self.form = form  # the form's words in lower case, one space apart

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text


_SPACE = frozenset(" \t\n\v\f\r")  # what \s matches in plain text
_WORD_OR_HYPHEN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


@functools.cache
def _forms_words(first: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The verb forms that begin with ``first`` as (word tuple, form) pairs, most words first."""
    words = sorted((tuple(f.split()) for f in _lex()["by_first"][first]), key=len, reverse=True)
    return tuple((w, " ".join(w)) for w in words)


def _verb_matches_plain(text: str, present) -> list:
    """``_verb_matches`` for plain text (see ``_plain``), found with ``str.find`` instead of a pattern.

    Same matches as ``_verb_rx(w).finditer`` for each word ``w``: a form starts after a non-word,
    non-hyphen character, its words are separated by runs of whitespace, it ends before a non-word,
    non-hyphen character, and of the forms that match at one place the longest wins (the prefix-tree
    alternation tries longer continuations first). Saves compiling a pattern per verb word.
    """
    low = text.lower()  # plain text: the same length, and case-insensitive matching is lower-casing
    n = len(low)
    ms = []
    for w in present:
        forms = _forms_words(w)
        found = 0
        i = low.find(w)
        while i >= 0:
            if i and low[i - 1] in _WORD_OR_HYPHEN:
                i = low.find(w, i + 1)
                continue
            end = -1
            for words, form in forms:
                pos = i + len(words[0])
                ok = True
                for word in words[1:]:
                    if pos >= n or low[pos] not in _SPACE:
                        ok = False
                        break
                    pos += 1
                    while pos < n and low[pos] in _SPACE:
                        pos += 1
                    if not low.startswith(word, pos):
                        ok = False
                        break
                    pos += len(word)
                if ok and (pos >= n or low[pos] not in _WORD_OR_HYPHEN):
                    end = pos
                    hit_form = form
                    break
            if end < 0:
                i = low.find(w, i + 1)
                continue
            ms.append(_Hit(i, end, text[i:end], hit_form))
            found += 1
            if found >= _MAX_VERBS:
                break
            i = low.find(w, end)
    if len(present) > 1:
        ms.sort(key=_Hit.start)
    return ms[:_MAX_VERBS]


# Every pattern of the module: name -> (source, ignore case), given the lexicons. Each pattern is
# compiled the first time a sentence needs it (a short article reaches only a few of them), and in
# two flavours: the ``regex`` engine for any text, and the stdlib ``re`` engine for plain text
# (ASCII without the separators \x1c-\x1f), where both engines match the same (``\w``, ``\b``,
# ``\d`` and case folding agree on ASCII; ``\s`` differs only on \x1c-\x1f) and ``re`` is faster to
# compile and to run.
_SOURCES = {
    # where a speaker phrase before a verb starts
    "boundary": lambda lx: (r"""[,;:!?"]|(?<=^|[\s,.;:(])'|'(?=\s|$)|\s-{1,3}\s|^-""", False),
    # the same, searched backwards from the verb: the last boundary without scanning the window
    "boundary_r": lambda lx: (r"""(?r)[,;:!?"]|(?<=^|[\s,.;:(])'|'(?=\s|$)|\s-{1,3}\s|^-""", False),
    # where a phrase after a verb / "according to" ends
    "np_end": lambda lx: (
        r"""[,;:!?"(\[]|'(?=\s|$)|(?<=\s)'|\.\s*["']?\s*$|\s-\s|"""
        r"\s(?:who|whom|whose|which|that|speaking|citing|adding|saying|as|when|while|after|before|"
        r"because|since|on\s+condition|in\s+a\s+(?:\w+\s+)?(?:statement|post|tweet|message|interview)|"
        r"on\s+(?:" + _WEEKDAYS + r")|on\s+(?:" + _MONTHS + r")\b|late\s+on|earlier|later|last\s+\w+|"
        r"(?:" + _WEEKDAYS + r")|yesterday|today|tonight|overnight)(?![\w-])",
        False,
    ),
    # where the object of "told" ends
    "obj_end": lambda lx: (
        r"""[,;:!?"(\[]|'(?=\s|$)|(?<=\s)'|\.\s*["']?\s*$|\s-\s|"""
        r"\s(?:that|on|in|at|as|by|about|during|after|before|when|while|over|via|from|of|"
        r"he|she|they|it|we|i|there|this|his|her|their|its|the\s+(?:attack|strike|bombing|group|army|military)|"
        r"(?:" + _WEEKDAYS + r")|yesterday|today|tonight|late|earlier|later|last)(?![\w-])",
        False,
    ),
    # time words, "in a statement", ... at the end of a phrase before a verb
    "tail": lambda lx: (
        r"(?:\s+(?:on\s+)?(?:(?:" + _WEEKDAYS + r")(?:\s+(?:morning|afternoon|evening|night))?|"
        r"(?:" + _MONTHS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?)|"
        r"\s+in\s+an?\s+(?:(?:\w+\s+){0,2})(?:statement|post|tweet|message|interview|video|briefing)|"
        r"\s+(?:late\s+)?(?:last|this)\s+(?:week|month|night|year|morning|weekend)|"
        r"\s+(?:later|earlier)\s+(?:today|on|in\s+the\s+day)|\s+late|\s+on)$",
        True,
    ),
    "platform": lambda lx: (
        r"\b(?<!-)(?:on|via)\s+(?:(?:its|his|her|their|the|an?)\s+)?(?:official\s+|verified\s+|own\s+)?"
        r"(" + alternation(lx["platforms"]) + r")(?![\w-])",
        False,
    ),
    "outlet_type": lambda lx: (r"\b(?<!-)(?:" + alternation(lx["outlet_types"]) + r")(?![\w-])", True),
    "carrier": lambda lx: (
        r"^(?:an?|the|its|his|her|their)?\s*(?:(?:new|latest|separate|joint|brief|written|official|"
        r"emailed|televised|video|online)\s+){0,2}(?:" + alternation(lx["carriers"]) + r")\s+"
        r"(?:from|by|in|on|of|carried\s+by|published\s+by|broadcast\s+by)\s+(.+)$",
        True,
    ),
    "quote": lambda lx: (r'"([^"]{2,})"|(?<![\w])\'([^\']{12,}?)\'(?![\w])', False),
    "headline": lambda lx: (r"(?:\s[:-]|:|\s-)\s*([^:,;()\d-]{2,60}?)\s*[.]?\s*$", False),
    "dateline": lambda lx: (r"^[A-Z][\w .,'-]{0,60}?(?:\([\w .]{1,30}\))?(?:\s+-+\s+|:\s+)", False),
    "channel": lambda lx: (
        r"\b(?<!-)(?:in\s+an?\s+(?:\w+\s+)?interview\s+with|speaking\s+to|in\s+(?:comments|remarks)\s+to|"
        r"via|quoted\s+by|cited\s+by|carried\s+by|broadcast\s+(?:by|on)|aired\s+(?:by|on)|writing\s+in|"
        r"wrote\s+in|in\s+an?\s+(?:op-ed|article|column)\s+(?:for|in))\s+(?:its|his|her|their)?\s*",
        True,
    ),
    # a sentence end glued to the next sentence: 'said Sunday.The', 'attack."He', 'scenario."AD'
    # and a tokenised sentence end ('... he said . The army ...', as in some corpora)
    "glued": lambda lx: (
        r"""(?<=[a-z]{2}[.!?]["']?|[a-z][.!?]["'])(?=(?:AD)*(?:[A-Z][a-z]|[AI]\s|"\s?[A-Z"])|(?:AD)+[A-Z"])"""
        r"""|(?<=\w\s[.!?])(?=\s(?:"\s)?[A-Z])""",
        False,
    ),
    # a cheap superset of "glued" (no lookbehind: about five times faster to scan)
    "glued_gate": lambda lx: (r"""[.!?]["']?[A-Z"]|\s[.!?]\s""", False),
    # advertisement markers glued to a word ('ADThe police said', '"ADHe said', 'ADAD"We ...')
    "ad_any": lambda lx: (r"""(?<![A-Za-z])(?:AD)+(?=[A-Z][a-z]|")""", False),
    "dq": lambda lx: (r'"[^"]{1,1500}"', False),
    "lead_in": lambda lx: (
        r"(?:(?:in|on|late|earlier|later|via|at)\b[^,\"]{0,80}?\s)?that\s+|(?:in|on)\s[^,\"]{0,60}?:\s*",
        False,
    ),
    "with_part": lambda lx: (r"(?<![\w-])with\s+([^,;:]{2,90}?)\s*$", True),
    "quoted_as": lambda lx: (
        r"^\s+(?:by\s+(?P<by>[^,;:\"]{2,80}?)\s+)?(?:as\s+(?:saying|stating|telling))?(?![\w-])",
        False,
    ),
    "quoted_obj": lambda lx: (r"^\s+(?P<spk>[^,;:\"]{2,120}?)\s+as\s+(?:saying|stating)(?![\w-])", False),
}
# patterns kept on the ``regex`` engine: a reverse search and variable-width lookbehinds, which ``re``
# cannot express, and the "quoted" patterns, which ``re`` would retry at every position when
# scanned (``^\s+...``: the safety test's finditer would take quadratic time; used only with match)
_REGEX_ONLY = frozenset({"boundary", "boundary_r", "glued", "quoted_as", "quoted_obj"})


class _Patterns(dict):
    """name -> compiled pattern of ``_SOURCES``, compiled on first use (``plain``: stdlib engine)."""

    def __init__(self, plain: bool):
        super().__init__()
        self.plain = plain

    def __missing__(self, name: str):
        if self.plain and name in _REGEX_ONLY:
            pat = _RX[name]
        else:
            src, ignore_case = _SOURCES[name](_lex())
            if self.plain:
                import re

                pat = re.compile(src, re.I if ignore_case else 0)
            else:
                import regex

                pat = regex.compile(src, regex.I if ignore_case else 0)
        self[name] = pat
        return pat


_RX = _Patterns(plain=False)  # for any text
_RX_PLAIN = _Patterns(plain=True)  # for plain text (see ``_plain``)


@functools.cache
def _all_rx() -> dict:
    """Every pattern in both flavours, compiled (for the regex safety tests; the extractor never needs all)."""
    return {
        f"{flavour}:{name}": pats[name] for flavour, pats in (("regex", _RX), ("re", _RX_PLAIN)) for name in _SOURCES
    }


def _lead_in(rest: str, rx) -> str:
    """The reported clause after the verb: drop "in a statement ... that", ":" and "that"."""
    r = rest.lstrip(" :,")
    if "that" not in r and ":" not in r:
        return r  # every match of "lead_in" holds one or the other
    m = rx["lead_in"].match(r)
    return r[m.end() :] if m else r


def regex_added_ok(rest: str) -> bool:
    """After "X added": a reported clause, a quote or a time/channel phrase, not an object."""
    r = rest.lstrip()
    return r[:1] in (":", ",", '"', "'", ".", "") or r.split()[0].lower() in ("that", "in", "on", "later")


def _bare(tok: str) -> str:
    tok = tok.strip(".,;:!?\"'()[]")
    if tok[-2:].lower() == "'s":
        tok = tok[:-2]
    if tok[-2:].lower() == "’s":
        tok = tok[:-2]
    return tok


# per-word classes of _clean's checks (a pure function of one word and the lexicons: cached by word)
_W_OK, _W_BAD, _W_AUX, _W_ED = 0, 1, 2, 3
_WORD_CLASS: dict[str, tuple] = {}


def _word_class(t: str, lx) -> tuple:
    """(lower-case, cut class, check class, tail flag, head kind, bare word, bare word in lower case)
    of a token for ``_clean`` (and ``_describes_person``, ``_pure_name``).

    cut class bits: 1 a cut word ("who", ...), 2 an -ed form or irregular participle (cut before "by"),
    4 a lower-case -ing form that cuts when followed by the right word, 8 a word after which such an
    -ing form cuts (an ``_ING_CUT_NEXT`` word or a capitalised one). check class: ``_W_BAD`` never in a
    speaker, ``_W_AUX`` "has/have/had" (only last), ``_W_ED`` an -ed form (only first, with allow_ed).
    """
    info = _WORD_CLASS.get(t)
    if info is not None:
        return info
    low = t.lower()
    cut = 0
    if low in lx["cut"]:
        cut |= 1
    if low.endswith("ed") or low in _PARTICIPLES:
        cut |= 2
    if low.endswith("ing") and t[:1].islower() and len(low) > 5 and low not in _ING_OK and low not in lx["heads"]:
        cut |= 4
    if low in _ING_CUT_NEXT or t[:1].isupper():
        cut |= 8
    head = _bare(t)
    b = head.lower()
    if b in lx["verbs"] or "n't" in b:
        chk = _W_BAD
    elif b in ("has", "have", "had"):
        chk = _W_AUX
    elif t[:1].islower() and "-" not in t:
        if b.endswith("ing") and len(b) > 5 and b not in _ING_OK and b not in lx["heads"]:
            chk = _W_BAD
        elif b.endswith("ed") and b not in lx["ed_words"]:
            chk = _W_ED
        else:
            chk = _W_OK
    else:
        chk = _W_OK
    # whether the word, last in a phrase, lets ``_strip_tail_norm`` look further (its first test)
    tail = low in _TAIL_LAST or low[:1].isdigit() or low in lx["trailing"] or _adverb(low, lx)
    # the word as the head (last word) of a phrase: 0 nothing left of it, 1 a pronoun, 2 a head
    # (``_is_head``), 3 neither
    hk = 0 if not head else 1 if b in lx["pronouns"] else 2 if _is_head(head, lx) else 3
    info = (low, cut, chk, tail, hk, head, b)
    if len(_WORD_CLASS) < 50_000:
        _WORD_CLASS[t] = info
    return info


def _clean(np: str, lx, rx, strip_tail: bool = True, allow_ed: bool = False, toks=None, infos=None) -> str | None:
    """Trim a candidate speaker phrase; None unless it reads as a speaker.

    ``toks`` and ``infos``: ``np.split()`` and its words' ``_word_class``es when the caller has them.
    """
    if toks is None:
        toks = np.split()
    if not toks:
        return None
    np = " ".join(toks)
    if len(np) > 200:
        return None
    # the word checks below read each token's classes, cached by word (see ``_word_class``)
    wc = _WORD_CLASS
    if infos is None:
        infos = [wc.get(t) or _word_class(t, lx) for t in toks]
    if strip_tail and infos[-1][3]:  # only a last word that may end a tail lets _strip_tail_norm cut
        new = _strip_tail_norm(np, lx, rx)
        if new != np:
            toks = new.split()
            infos = [wc.get(t) or _word_class(t, lx) for t in toks]
    # connectives at the start
    leading = lx["leading"]
    k = 0
    while k < len(toks) and infos[k][0].strip(",") in leading:
        k += 1
    if k:
        toks, infos = toks[k:], infos[k:]
    # a time phrase at the start ("Last year Ghani said") and a party tag at the end ("Smith (D)")
    if len(toks) > 2 and infos[0][0] in ("last", "this", "earlier", "later") and infos[1][0] in _PERIODS:
        toks, infos = toks[2:], infos[2:]
    if len(toks) > 1 and _party_tag(toks[-1]):
        toks, infos = toks[:-1], infos[:-1]
    # cut a relative clause or participle ("an official who asked not to be named")
    n = len(toks)
    for i in range(1, n):
        cut = infos[i][1]
        if cut and (
            cut & 1
            or (cut & 2 and i + 1 < n and toks[i + 1] == "by")
            or (cut & 4 and (i + 1 == n or infos[i + 1][1] & 8))
        ):
            toks, infos = toks[:i], infos[:i]
            break
    n = len(toks)
    if not n or n > _MAX_WORDS or infos[0][0] in _PREPS:
        return None
    if toks[-1][:1].islower() and infos[-1][0].endswith("ly"):
        return None  # "the newly (declared)", "the recently (reported)"
    for i, info in enumerate(infos):
        chk = info[2]
        if chk and (chk == _W_BAD or (chk == _W_AUX and i < n - 1) or (chk == _W_ED and not (i == 0 and allow_ed))):
            return None
    hk = infos[-1][4]  # the checks of the last word as the phrase's head, cached with its classes
    if not hk:
        return None
    if hk == 1:  # a pronoun
        return toks[-1].strip(".,;:") if len(toks) == 1 else None
    if len(toks) == 1 and infos[0][0] in lx["not_heads"]:
        return None
    if hk == 2:
        return " ".join(toks).strip(" .,;:") or None
    head = infos[-1][5]
    low = head.lower()
    # a described source with a determiner: "their company", "a scientist", "Bangladesh's coach"
    first = toks[0].lower()
    if (
        len(toks) <= 6
        and (first in _DETERMINERS or first.endswith("'s"))
        and head[:1].islower()
        and head.isalpha()
        and low not in lx["not_speakers"]
        and not low.endswith(("ed", "ing", "ly"))
    ):
        return " ".join(toks).strip(" .,;:")
    # "the minister of defense", "The BBC's reporter at the scene"
    for i in range(len(toks) - 2, 0, -1):
        w = toks[i].lower()
        if w in ("of", "for", "from") and _is_head(_bare(toks[i - 1]), lx):
            return " ".join(toks).strip(" .,;:")
        if w in ("at", "near", "on", "inside", "outside", "in") and _is_head(_bare(toks[i - 1]), lx):
            return " ".join(toks[:i]).strip(" .,;:")
    return None


def _party_tag(tok: str) -> bool:
    """'(D)', '(R-Texas)': a party tag after a politician's name, not an acronym like '(UN)'."""
    if len(tok) < 3 or tok[0] != "(" or tok[-1] != ")" or not tok[1].isupper():
        return False
    return len(tok) == 3 or (tok[2] == "-" and len(tok) <= 12)


def _headline_source(np: str, lx) -> bool:
    """A headline's trailing attribution: a source noun ("army", "security sources") or an acronym."""
    toks = np.split()
    if len(toks) > 5 or np.lower() in lx["pronouns"]:
        return False
    if _bare(toks[-1]).lower() in lx["heads"]:
        return True
    t = toks[0]
    return (
        len(toks) == 1
        and sum(c.isupper() for c in t) >= 2
        and t.isalpha()
        and not t.isupper()
        or (len(toks) == 1 and t.isupper() and t.isalpha() and 2 <= len(t) <= 6)
    )


def _is_head(head: str, lx) -> bool:
    low = head.lower()
    if not head or low in lx["not_heads"] or low in lx["pronouns"]:
        return False
    if head[:1].isupper() or low in lx["heads"]:
        return True
    if "-" in head:
        parts = head.split("-")
        return any(p[:1].isupper() for p in parts[1:]) or parts[-1].lower() in lx["heads"]
    return False


def _np_after(text: str, pos: int, rx) -> str:
    seg = text[pos : pos + _WINDOW]
    m = rx["np_end"].search(seg)
    if m:
        seg = seg[: m.start()]
    return seg


def _last_boundary(text: str, end: int, rx) -> tuple[int, str]:
    """Start of the phrase that ends at ``end`` and the boundary character before it."""
    lo = max(0, end - _WINDOW)
    if rx is _RX_PLAIN and end > 0:
        return _last_boundary_plain(text, lo, end)
    last = rx["boundary_r"].search(text, lo, end)
    if last is None:
        return lo, ""
    return last.end(), last.group().strip() or "'"


_QUOTE_AFTER = frozenset(" \t\n\v\f\r,.;:(")  # what a quote that opens a phrase follows (plain text)


def _last_boundary_plain(text: str, lo: int, end: int) -> tuple[int, str]:
    """``boundary_r`` searched in ``text[lo:end]`` for plain text, with ``str.rfind`` (several times faster).

    The reverse search returns the boundary that ends last. As there, a quote may look at the
    characters around the window (a quote just before ``end`` always counts: ``$`` matches at the end
    of the window), and a " -- " must lie inside it.
    """
    best = -1  # end of the last boundary found
    bchar = ""
    for c in ',;:!?"':
        j = text.rfind(c, lo, end)
        if j >= 0 and j + 1 > best:
            best, bchar = j + 1, c
    j = text.rfind("'", max(lo, best), end)
    while j >= 0:
        if j == 0 or text[j - 1] in _QUOTE_AFTER or j + 1 == end or text[j + 1] in _SPACE:
            best, bchar = j + 1, "'"
            break
        j = text.rfind("'", max(lo, best), j)
    # " - ", " -- ", " --- ": a run of at most three hyphens between spaces, ending at the last space
    j = text.rfind("-", lo, end)
    while j >= 0 and j + 2 > best:
        r0 = j
        while r0 > j - 3 and r0 > 0 and text[r0 - 1] == "-":
            r0 -= 1  # r0: where the run starts (looked at no further than a run of four)
        if j - r0 < 3 and r0 - 1 >= lo and text[r0 - 1] in _SPACE and j + 2 <= end and text[j + 1] in _SPACE:
            best, bchar = j + 2, "-" * (j - r0 + 1)
            break
        if r0 <= lo:
            break
        j = text.rfind("-", lo, r0)
    if best < 0 and lo == 0 and text[:1] == "-":
        best, bchar = 1, "-"  # "^-"
    if best < 0:
        return lo, ""
    return best, bchar


_RELATIVE = ("who", "which", "that", "whom")
_RELATIVE_SET = frozenset(_RELATIVE)
_CONJ = ("and", "but", "while", "as", "after", "when", "because", "since", "whereas", "although", "though")


# irregular past participles that open a reduced passive ("communities hit by the decision")
_PARTICIPLES = frozenset(
    "hit hurt shot struck caught held made kept left brought sent cut spread run told led taken seen driven "
    "given written chosen beaten known shaken stricken forgotten".split()
)
# lower-case words in -ly that are nouns or adjectives, not adverbs before a verb
_LY_NOUNS = frozenset(
    "family assembly daily weekly monthly quarterly yearly ally rally supply reply italy anomaly monopoly "
    "only early likely unlikely elderly friendly deadly holy bully july".split()
)


def _adverb(tok: str, lx) -> bool:
    """'energetically', 'strongly': an adverb between a speaker and the verb."""
    return (
        len(tok) > 4
        and tok.endswith("ly")
        and tok.islower()
        and tok.isalpha()
        and tok not in _LY_NOUNS
        and tok not in lx["heads"]
    )


def _strip_tail(np: str, lx, rx) -> str:
    """Drop time words, "in a statement" and trailing fillers from the end of a phrase."""
    return _strip_tail_norm(" ".join(np.split()), lx, rx)


def _strip_tail_norm(np: str, lx, rx) -> str:
    """``_strip_tail`` of a phrase whose words are already separated by single spaces."""
    for _ in range(6):
        last = np.rsplit(None, 1)[-1].lower() if np else ""
        if not (last in _TAIL_LAST or last[:1].isdigit() or last in lx["trailing"] or _adverb(last, lx)):
            break  # neither the "tail" pattern nor a trailing word can match: skip the regex
        new = _cut_tail(" " + np, rx).strip()
        toks = new.split()
        while toks and (
            toks[-1].lower() in lx["trailing"]
            or (_adverb(toks[-1], lx) and len(toks) > 1 and toks[-2].lower() not in _NO_ADVERB_AFTER)
        ):
            toks.pop()
        new = " ".join(toks)
        if new == np:
            break
        np = new
    return np


def _cut_tail(s: str, rx) -> str:
    """``rx["tail"].sub("", s)`` for a phrase whose words are separated by single spaces.

    For plain text the pattern (anchored at the end) is tried only where it can start: at one of
    the last five spaces, as no alternative spans more than five words ("in a brief written
    statement"). The first of them that matches is where ``sub`` would cut. ``sub`` scans every
    position of the phrase, several times slower.
    """
    if rx is not _RX_PLAIN:
        return rx["tail"].sub("", s)
    parts = s.rsplit(" ", 5)
    pos = len(parts[0])  # the space before parts[1]
    pat = rx["tail"]
    for tok in parts[1:]:
        # every alternative begins with one of these words: try the pattern only there
        if tok.lower().rstrip(".") in _TAIL_FIRST and pat.match(s, pos):
            return s[:pos]
        pos += 1 + len(tok)
    return s


# the first word of every alternative of the "tail" pattern (months may carry a dot)
_TAIL_FIRST = frozenset(
    ("on in late last this later earlier " + _WEEKDAYS.replace("|", " ") + " " + _MONTHS.replace("|", " "))
    .lower()
    .split()
)


def _np_run(toks: list[str], lx) -> list[str]:
    """The longest run of name-like tokens (capitalised, heads, small joining words)."""
    out = []
    for t in toks:
        b = _bare(t)
        low = b.lower()
        if not b:
            break
        if (
            (b[:1].isupper() and not (low.endswith("ing") and not out))
            or low in lx["heads"]
            or low in ("of", "for", "the", "and", "al", "bin", "de")
            or ("-" in b and b.split("-")[-1][:1].isupper())
        ):
            out.append(t)
        else:
            break
    while out and out[-1].lower() in ("of", "for", "the", "and"):
        out.pop()
    return out


def _leading_np(text: str, lx, rx) -> str | None:
    """The subject at the start of a clause: 'North Korea hurled ...' -> 'North Korea'."""
    toks = text.split()[:10]
    run = _np_run(toks, lx)
    if not run or run[-1].endswith(","):
        run = [t.rstrip(",") for t in run]
    return _clean(" ".join(run), lx, rx) if run else None


def _trailing_np(text: str, lx, rx) -> str | None:
    """The noun phrase at the end of a clause: '... a furious response from Jakarta' -> 'Jakarta'."""
    toks = text.split()[-10:]
    run = list(reversed(_np_run(list(reversed(toks)), lx)))
    while run and run[0].lower() in ("of", "for", "and"):
        run.pop(0)
    # a determiner just before the run belongs to it ("the Royal Navy")
    i = len(toks) - len(run)
    if run and i > 0 and toks[i - 1].lower() in ("the", "a", "an", "its", "their"):
        run.insert(0, toks[i - 1])
    return _clean(" ".join(run), lx, rx) if run else None


def _sentence_subject(text: str, lx, rx) -> str | None:
    """The subject of the sentence, after a dateline ("SEOUL (Reuters) - ")."""
    m = rx["dateline"].match(text)
    body = text[m.end() :] if m else text
    first = body.split()[:1]
    if first and first[0].lower() in _PREPS and "," in body[:120]:
        body = body[body.index(",") + 1 :]  # "In the north, rebels ... and said"
    return _leading_np(body, lx, rx)


def _speaker_before(text: str, vstart: int, lx, rx) -> tuple[str | None, int]:
    """The speaker phrase that ends just before a verb, and where it starts."""
    start, bchar = _last_boundary(text, vstart, rx)
    phrase = text[start:vstart]
    pw = phrase.split()  # split once: the checks below and ``_clean`` share the words
    if bchar == "," and pw:
        trailing = lx["trailing"]
        w = pw[0]  # the first word decides most phrases: looked at before setting up the loop
        if (w.endswith("ly") and w.islower() or w in trailing) and all(
            w.endswith("ly") and w.islower() or w in trailing for w in pw
        ):
            phrase, pw = "", []  # "Name, a local teacher, angrily told ...": only adverbs after the apposition
    if pw:
        wc = _WORD_CLASS
        infos = [wc.get(t) or _word_class(t, lx) for t in pw]
        # a relative pronoun among the last words (the lower-cased words are in ``infos``)
        ends_relative = not _RELATIVE_SET.isdisjoint([i[0] for i in infos[-4:][1 if len(pw) <= 4 else 0 :]])
        sp = None if ends_relative else _clean(phrase, lx, rx, toks=pw, infos=infos)
        if sp:
            if bchar == "," and _describes_person(sp, lx):
                # "Name Surname, a spokesman for the governor said": the name before the description
                s1_start, _ = _last_boundary(text, start - 1, rx)
                name = _pure_name(text[s1_start : start - 1], lx)
                if name:
                    return name, s1_start
            return sp, start
        core = _strip_tail(phrase, lx, rx)
        words = core.split()
        if words:
            low = [w.lower() for w in words]
            # "a powder which police said", "the navy, which denied", "an official who ... said"
            for i in range(len(words) - 1, -1, -1):
                if low[i] == "what":
                    # "was killed in what officials say was a robbery": only the words after "what"
                    sp = _clean(" ".join(words[i + 1 :]), lx, rx) if i + 1 < len(words) else None
                    if sp and sp.lower() not in lx["pronouns"]:
                        return sp, start
                    continue
                if low[i] in _RELATIVE:
                    after = " ".join(words[i + 1 :])
                    if after:
                        sp = _clean(after, lx, rx)
                        if sp:
                            if low[i] == "that" and i and low[i - 1] in lx["finite"]:
                                # "said that the army confirmed": the speaker starts after "that"
                                at = phrase.find(words[i + 1], len(" ".join(words[: i + 1])))
                                return sp, start + max(at, 0)
                            return sp, start
                    if not i and bchar == ",":
                        return _antecedent(text, start - 1, lx, rx), start
                    before = " ".join(words[:i]) if i else text[max(0, start - 200) : start].rstrip(" ,")
                    return (_trailing_np(before, lx, rx) or (_clean(before, lx, rx) if i else None)), start
            # "... and the prime minister said"
            for i in range(len(words) - 1, 0, -1):
                if low[i] in _CONJ:
                    if i == len(words) - 1 and low[i] in ("and", "but"):
                        # "X did Y and said Z": the subject of the clause speaks
                        sub = _leading_np(phrase, lx, rx) if len(words) > 2 else None
                        return (sub or _sentence_subject(text, lx, rx)), start
                    sp = _clean(" ".join(words[i + 1 :]), lx, rx)
                    if sp:
                        return sp, start
                    break
            if len(words) == 1 and low[0] in ("and", "but"):
                return _sentence_subject(text, lx, rx), start
            # "Graham said the FBI told him ...": the speaker of a reported clause starts after the
            # reporting verb (or its "that") of the speaker before
            finite = lx["finite"]
            for i in range(len(words) - 2, 0, -1):
                if low[i] in finite or (low[i] == "that" and low[i - 1] in finite):
                    sp = _clean(" ".join(words[i + 1 :]), lx, rx)
                    if sp and sp.lower() not in lx["pronouns"]:
                        at = phrase.find(words[i + 1], len(" ".join(words[: i + 1])))
                        return sp, start + max(at, 0)
                    break
            return None, start
    if bchar != ",":
        return None, start
    # "X, a spokesman for Y, said": look at the two phrases before the comma
    comma = start - 1
    s1_start, b1 = _last_boundary(text, comma, rx)
    s1 = text[s1_start:comma].strip()
    if not s1:
        return None, start
    first = s1.split()[0]
    appositive = first[:1].islower() or first[:1].isdigit() or first.lower() in ("a", "an", "the")
    if not appositive:
        if b1 == "," and _describes_person(s1, lx, titled=True):
            # "Name Surname, Assistant Director of the Field Office, said": the name, not the title
            s0_start, _ = _last_boundary(text, s1_start - 1, rx)
            name = _pure_name(text[s0_start : s1_start - 1], lx)
            if name:
                return name, s0_start
        if b1 == "," and len(s1.split()) <= 3:
            # "A shopkeeper in Kassala, Sudan, said": the region of a place, not the speaker
            s0_start, _ = _last_boundary(text, s1_start - 1, rx)
            s0 = text[s0_start : s1_start - 1].split()
            k = len(s0)
            while k > 0 and k > len(s0) - 3 and s0[k - 1][:1].isupper():
                k -= 1  # the place's capitalised words
            if k > 1 and k < len(s0) and s0[k - 1].lower() in ("in", "of", "from", "near", "at"):
                sp = _clean(" ".join(s0), lx, rx)
                if sp:
                    return sp, s0_start
        return _clean(s1, lx, rx), s1_start
    if b1 not in (",", "", '"', "'", "-"):
        return None, start
    if b1 == ",":
        # "Name, whose son, Omar, was killed in the raid, said": the relative clause, commas and
        # all, describes the name before it
        seg_end, seg_start, b = s1_start - 1, s1_start, b1
        for _ in range(3):
            if b != ",":
                break
            seg_end = seg_start - 1
            seg_start, b = _last_boundary(text, seg_end, rx)
            first = text[seg_start:seg_end].split()[:1]
            if first and first[0].lower() in ("who", "whose") and b == ",":
                p_start, _ = _last_boundary(text, seg_start - 1, rx)
                name = _clean(text[p_start : seg_start - 1], lx, rx)
                if name:
                    return name, p_start
                break
    s0_start, _ = _last_boundary(text, s1_start - 1, rx) if b1 else (s1_start, "")
    if not b1:
        return None, start
    s0 = text[s0_start : s1_start - 1]
    return _clean(s0, lx, rx, strip_tail=False), s0_start


def _antecedent(text: str, comma: int, lx, rx) -> str | None:
    """The noun phrase that a relative clause opening after ``comma`` describes.

    Place phrases and descriptions between them are skipped: "prosecutors called Ana Ruiz, owner
    of a cafe, in Dover, who testified ..." -> "Ana Ruiz".
    """
    end = comma
    for _ in range(3):
        seg_start, b = _last_boundary(text, end, rx)
        seg = text[seg_start:end]
        first = seg.split()[:1]
        if b != "," or not first or not (first[0].lower() in _PREPS or _is_description(seg, lx)):
            break
        end = seg_start - 1
    before = text[max(0, end - 200) : end].rstrip(" ,")
    return _trailing_np(before, lx, rx)


def _is_description(seg: str, lx) -> bool:
    """'owner of a cafe', 'a nurse at the clinic': a person's description, with no verb in it
    (unlike 'prosecutors called Ana Ruiz')."""
    toks = seg.split()
    if not toks or not (toks[0][:1].islower() or toks[0].lower() in ("a", "an", "the")):
        return False
    if any(t[:1].islower() and t.endswith("ed") and t not in lx["ed_words"] for t in toks):
        return False
    return any(t[:1].islower() and _bare(t).lower() in lx["person_heads"] for t in toks[:3])


def _describes_person(phrase: str, lx, titled: bool = False) -> bool:
    """'a member of the council', 'spokesman for the governor', 'the group's spokesman':
    a description of a person (an apposition) rather than a name. With ``titled``, a
    capitalised title ('Assistant Director of ...') counts too."""
    toks = phrase.split()
    first = toks[0]
    if not titled and not (first[:1].islower() or first.lower() in ("a", "an", "the")):
        return False
    wc = _WORD_CLASS  # the bare lower-case word, cached with the word's classes (see ``_word_class``)
    for t in toks[:6]:
        low = (wc.get(t) or _word_class(t, lx))[6]
        if low in lx["person_heads"] and (titled or t[:1].islower()):
            return True
        if low in ("of", "for", "at", "in", "from"):
            break  # the head comes before its complement
    return False


def _pure_name(phrase: str, lx) -> str | None:
    """A bare personal name of two to five capitalised words ('Abdul Karim Rahimi'), else None."""
    toks = phrase.split()
    if not 2 <= len(toks) <= 5:
        return None
    wc = _WORD_CLASS
    for t in toks:
        info = wc.get(t) or _word_class(t, lx)
        b, low = info[5], info[6]
        if not b or not (b[:1].isupper() or low in ("al", "bin", "de", "van", "von", "abu", "el")):
            return None
        if low in lx["heads"] or low in lx["not_heads"] or low in lx["leading"] or low in _PREPS:
            return None
        if b.isupper() and len(b) > 1:
            return None  # an acronym: a body, not a person
    return " ".join(toks).strip(" .,;:")


def _trim_object(obj: str, lx) -> str:
    """The object of "told": a listener ("reporters") or an outlet ("the Associated Press")."""
    toks = obj.split()
    low = [t.lower() for t in toks]
    for n in (3, 2, 1):
        if len(toks) >= n and " ".join(low[:n]) in lx["listeners"]:
            return obj[: obj.index(toks[n - 1]) + len(toks[n - 1])]
    keep = []
    seen_cap = False
    for i, t in enumerate(toks):
        lw = low[i]
        if i and lw in ("the", "a", "an"):
            break
        if (
            seen_cap
            and t[:1].islower()
            and lw not in ("of", "and", "&", "de", "al", "news")
            and lw not in lx["outlet_words"]
        ):
            break
        seen_cap = seen_cap or t[:1].isupper()
        keep.append(t)
    if not keep:
        return ""
    return obj[: obj.index(keep[-1]) + len(keep[-1])] if keep else obj


def _is_outlet(phrase: str | None, rx) -> bool:
    if not phrase:
        return False
    if rx is _RX_PLAIN and not _has_any(phrase.lower(), _lex()["outlet_type_words"]):
        return False  # no outlet type can match: the pattern is not even compiled
    return bool(rx["outlet_type"].search(phrase))


def _has_any(low: str, words) -> bool:
    """Whether one of ``words`` occurs in ``low``: a necessary condition for a pattern built from them.

    For plain text only, where the patterns' case-insensitive matching is lower-casing.
    """
    for w in words:
        if w in low:
            return True
    return False


def _via_from_object(obj: str, lx, rx) -> str | None:
    obj = " ".join(obj.split()).strip(" .,;:")
    if not obj:
        return None
    low = obj.lower()
    if low in lx["listeners"] or low.split()[0] in (
        "me",
        "us",
        "him",
        "her",
        "them",
        "you",
        "reporters",
        "journalists",
    ):
        return None
    if _bare(obj.split()[-1]).lower() in lx["audiences"]:
        return None  # "told the UN Security Council", "told a rally"
    if any(w[:1].isupper() for w in obj.split()) or _is_outlet(obj, rx):
        return obj
    return None


def _quote_content(text: str, rx) -> str | None:
    """The quoted words of a sentence, when it quotes someone."""
    if "'" not in text:
        # only the first alternative of "quote" can match: the first '"' with two or more other
        # characters before the next '"' (found with str.find: most sentences quote nobody)
        i = text.find('"')
        if i < 0:
            return None
        k = text.find('"', i + 1)
        while k >= 0:
            if k - i > 2:
                return text[i + 1 : k].strip(" ,.")
            i, k = k, text.find('"', k + 1)
    else:
        m = rx["quote"].search(text)
        if m:
            return (m.group(1) or m.group(2)).strip(" ,.")
    n = text.count('"')
    if n == 1:  # a quote that opens or closes in another sentence
        i = text.index('"')
        part = text[:i] if i > len(text) / 2 else text[i + 1 :]
        part = part.strip(" ,.")
        return part or None
    return None


def _multi_sentence_quote(sent: Sentence, doc: Document, close: int) -> str | None:
    """A quote that closes in ``sent`` at ``close`` but opened in an earlier sentence."""
    parts = [sent.text[:close]]
    idx = sent.index
    for back in range(1, 6):
        j = idx - back
        if j < 0 or j >= len(doc.sentences):
            return None
        prev = doc.sentences[j]
        if prev.paragraph != sent.paragraph:
            return None
        t = prev.text
        parts.append(t)
        if t.count('"') % 2 == 1:
            k = t.rfind('"')
            parts[-1] = t[k + 1 :]
            return " ".join(p.strip() for p in reversed(parts)).strip(" ,.")
    return None


def _strip_credit(text: str) -> str:
    """A title without its trailing wire credit: '...: army (AFP).' -> '...: army'."""
    t = text.rstrip(" .")
    if t.endswith(")"):
        i = t.rfind("(")
        if i > 0 and 0 < len(t) - i <= 30:
            return t[:i].rstrip(" .")
    return text


def _title_like(text: str, sent: Sentence, doc: Document) -> bool:
    """A title run into the body text: the first sentence of a document in Title Case, or a
    sentence that ends with a wire credit in brackets ('... near the border: army (AFP).')."""
    if sent.index > 1:
        return False
    t = text.rstrip(" .")
    if t.endswith(")") and len(t) < 200:
        i = t.rfind("(")
        credit = t[i + 1 : -1] if i >= 0 else ""
        if credit[:1].isupper() and len(credit.split()) <= 3 and not any(c.isdigit() for c in credit):
            return True
    if sent.index != 0 or len(t) > 150:
        return False
    words = [w for w in t.split() if len(w) > 3 and w[:1].isalpha()]
    if len(words) < 3:
        return False
    return sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


# ``Claim``'s fields in order, as ``_make`` passes them by position (checked by a test)
_CLAIM_FIELDS = (
    "doc sentence start end evidence date date_text rule speaker speaker_text speaker_norm speaker_type "
    "via verb stance content quote"
).split()


def _make(lemma, speaker, via, content, quote, rule, lx) -> Claim:
    # by position: about a third cheaper than by keyword (the fields are listed in ``_CLAIM_FIELDS``)
    return Claim(
        "",
        0,
        0,
        0,
        "",
        None,
        None,
        rule,
        speaker,
        None,
        None,
        None,
        via,
        lemma,
        lx["stance"].get(lemma, "assert"),
        (content or "").strip(" ,.;:\"'") or None,
        quote,
    )


def extract(sent: Sentence, doc: Document) -> list[Claim]:
    text = sent.text
    lx = _lex()
    plain = _plain(text)
    toks = _tokens(text, plain)
    # the first words of verb forms in the sentence: one set operation on the word list
    present = (lx["firsts_b"] if plain else lx["firsts"]).intersection(toks)
    headline = sent.headline or _title_like(text, sent, doc)
    if not present:
        if not headline:
            return []  # the common case: no reporting verb and no title
    elif plain:
        present = {w.decode("ascii") for w in present}
    rx = _RX_PLAIN if plain else _RX
    raw = text
    blanked = False
    if "AD" in text and _ad_marker_possible(text):
        # advertisement markers glued to a word ('"ADHe said', 'ADADThe'): blanked, same length
        text = rx["ad_any"].sub(lambda m: " " * len(m.group()), text)
        blanked = text != raw
    if present:
        glued = []
        end = len(raw) - 1  # a boundary needs a character after its stop
        if raw.find(".", 0, end) >= 0 or raw.find("!", 0, end) >= 0 or raw.find("?", 0, end) >= 0:
            if rx is _RX_PLAIN:
                # no gate pattern first: looking at the stops directly (about 2 us) is cheaper than
                # scanning the sentence with "glued_gate" (about 3 us, the stops still to look at after)
                ends = _glued_plain(raw)
            else:
                ends = [m.end() for m in rx["glued"].finditer(raw)] if rx["glued_gate"].search(raw) else []
            for pos in ends:
                if _abbreviation_before(raw, pos):
                    continue
                if raw[pos : pos + 1] == '"' and raw.count('"', 0, pos) % 2 == 1:
                    pos += 1  # the quote closes the sentence before: '..., he said."The ...' vs '...said."We'
                glued.append(pos)
        if glued or blanked:
            # sentences run together ("... said.The army ...", '..." he said.AD"We ...'): one claim each
            out: list[Claim] = []
            for a, b in zip([0, *glued], [*glued, len(text)], strict=True):
                seg = text[a:b]
                a += len(seg) - len(seg.lstrip())
                seg = text[a:b]
                sw = _tokens(seg, plain)
                sp = (lx["firsts_b"] if plain else lx["firsts"]).intersection(sw)
                if sp:
                    if plain:
                        sp = {w.decode("ascii") for w in sp}
                    sub = Sentence(sent.index, sent.start + a, sent.start + b, seg, sent.paragraph, headline and a == 0)
                    out.extend(_extract(seg, sub, doc, lx, rx, sw, sp, headline and a == 0))
            return out
    return _extract(text, sent, doc, lx, rx, toks, present, headline)


def _ad_marker_possible(text: str) -> bool:
    """Whether some "AD" in ``text`` follows no ASCII letter, as every match of "ad_any" does.

    Most "AD"s are inside words ("BAGHDAD", "CHAD"); then the pattern, scanned at every
    position, cannot match and is not run.
    """
    i = text.find("AD")
    while i >= 0:
        if i == 0 or not ("A" <= text[i - 1] <= "Z" or "a" <= text[i - 1] <= "z"):
            return True
        i = text.find("AD", i + 1)
    return False


_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_UPPER_OR_DQ = _UPPER | {'"'}


def _glued_plain(raw: str) -> list[int]:
    """The positions ``rx["glued"].finditer(raw)`` finds, for plain text, found from the stops.

    The pattern's lookbehinds make the ``regex`` engine try them at every character (about 25 us a
    sentence); every match sits just after a stop or after a stop and a quote, so looking at the few
    stops of a sentence gives the same positions, in the same order, much faster.
    """
    out = []
    n = len(raw)
    for i in _stops(raw):
        if i + 1 >= n:
            break
        nxt = raw[i + 1]
        # after the stop: '[a-z]{2}[.!?]' then the start of a sentence, or '\w\s[.!?]' then '\s(?:"\s)?[A-Z]'
        if (i >= 2 and raw[i - 1] in _LOWER and raw[i - 2] in _LOWER and _sentence_start(raw, i + 1, n)) or (
            i >= 2
            and raw[i - 1] in _SPACE
            and raw[i - 2] in _WORD
            and nxt in _SPACE
            and (
                (i + 2 < n and raw[i + 2] in _UPPER)
                or (i + 4 < n and raw[i + 2] == '"' and raw[i + 3] in _SPACE and raw[i + 4] in _UPPER)
            )
        ):
            out.append(i + 1)
        # after the stop and a quote: '[a-z][.!?]["']' then the start of a sentence
        if (
            (nxt == '"' or nxt == "'")
            and i >= 1
            and raw[i - 1] in _LOWER
            and i + 2 < n
            and _sentence_start(raw, i + 2, n)
        ):
            out.append(i + 2)
    return out


def _stops(raw: str) -> list[int]:
    """Positions of '.', '!' and '?' in ``raw``, in order."""
    out = []
    for c in ".!?":
        j = raw.find(c)
        while j >= 0:
            out.append(j)
            j = raw.find(c, j + 1)
    out.sort()
    return out


def _sentence_start(raw: str, k: int, n: int) -> bool:
    r"""The lookahead of "glued" at ``k``: '(?:AD)*(?:[A-Z][a-z]|[AI]\s|"\s?[A-Z"])|(?:AD)+[A-Z"]'."""
    ads = 0
    while k < n:
        c = raw[k]
        c1 = raw[k + 1] if k + 1 < n else ""
        if c in _UPPER and c1 in _LOWER and c1:
            return True
        if (c == "A" or c == "I") and c1 and c1 in _SPACE:
            return True
        if c == '"' and c1 and (c1 in _UPPER_OR_DQ or (c1 in _SPACE and k + 2 < n and raw[k + 2] in _UPPER_OR_DQ)):
            return True
        if ads and c in _UPPER_OR_DQ:
            return True
        if c == "A" and c1 == "D":
            k += 2
            ads += 1
            continue
        return False
    return False


def _abbreviation_before(text: str, pos: int) -> bool:
    """'Gov.Andrew', 'Sen.Smith': a short capitalised word before the stop is a title, no sentence end."""
    word = text[max(0, pos - 12) : pos].rstrip("\"'.!?").rsplit(None, 1)[-1:]
    w = word[0].rsplit(".", 1)[-1] if word else ""
    return w[:1].isupper() and len(w) < 5


def _extract(text, sent, doc, lx, rx, words, present, headline) -> list[Claim]:
    matches = _verb_matches(text, present, rx is _RX_PLAIN) if present else []
    if not matches and not headline:
        return []
    cands: list[tuple[int, int, dict]] = []  # (priority, position, fields)
    for m in matches:
        if len(cands) >= 3 and sum(1 for c in cands if c[0] == 0) >= 3:
            break  # the main attribution and an outlet are among the first ones
        g = m.group()
        if m.__class__ is _Hit:
            form, vs, ve = m.form, m._start, m._end  # normalised when found (see ``_verb_matches_plain``)
        else:
            form, vs, ve = " ".join(g.lower().split()), m.start(), m.end()
        before = text[max(0, vs - 40) : vs].split()
        prev = before[-1].lower() if before else ""
        prev2 = before[-2].lower() if len(before) > 1 else ""
        if form == "quoted":
            c = _quoted(text, vs, ve, prev, prev2, lx, rx)
            if c:
                cands.append((0, vs, c))
            continue
        lemma = lx["finite"].get(form)
        if g[:1].isupper() and lemma != "according_to":
            if not headline or g.isupper() or lemma not in _TITLE_VERBS:
                continue  # "The United States", "Key Highlights", "WEEKLY HIGHLIGHTS"
        if lemma == "according_to":
            np = _clean(_np_after(text, ve, rx), lx, rx, allow_ed=True)
            if np:
                content = (text[:vs] + text[ve + len(np) + 1 :]).strip(" ,.")
                cands.append((0, vs, dict(lemma=lemma, speaker=np, after=True, content=content, rule="according_to")))
            continue
        if lemma is None:  # a participle
            part = lx["parts"].get(form)
            if part is None:
                continue
            if prev == "as" and prev2 == "quoted":
                continue
            c = _participle(text, vs, ve, part, lx, rx)
            if c:
                cands.append((2, vs, c))
            continue
        # a finite verb: skip passives ("it is said"), infinitives and negations
        if prev in _NOT_BEFORE or (prev[:1].isdigit() and prev[-1:].isalnum()):
            continue  # passives, infinitives, negations; "for alleged abuse", "the reported attack"
        if prev.endswith(("'s", "’s", "s'")):
            continue  # a noun after a possessive: "the rebels' claim that ...", "Kyiv's warning"
        if prev in ("and", "or") and form in _BARE_FORMS:
            continue  # an infinitive run on: "to beat the champion and claim the title"
        if prev.endswith("n't") or (
            prev in ("also", "later", "earlier") and prev2 in ("was", "were", "is", "are", "been")
        ):
            continue
        after = text[ve:]
        nxt = after[:12].split()[:1]
        nw = nxt[0].lower() if nxt else ""
        if lemma == "claimed" and nw != "that" and ("lives" in after[:40].lower() or " life " in after[:20].lower()):
            continue  # "the blast claimed the lives of 12", "Typhoon Claims 25 Lives", "Clashes claim more than 150 lives"
        if headline and g[:1].isupper() and nxt:
            if nxt[0][:1].isupper() and nw.endswith("ed") and form == "said":
                continue  # "Two Soldiers Said Killed in Blast": a passive report, no speaker
            if form.endswith("ed") and nw in ("in", "for", "as", "after", "on"):
                continue  # "Rivalry Blamed in Leader's Death": a passive title
        if lemma in lx["needs_platform"] and not rx["platform"].match(text, len(text) - len(after.lstrip())):
            continue  # "posted on Twitter", not "troops posted at the border"
        if lemma in lx["needs_as"] and (
            nw in ("as", "themselves", "himself", "herself", "itself") or " as " not in after[:100]
        ):
            continue  # "police identified the gunman as ...", not "a man identified as ..." or "identified the bodies"
        if (lemma == "accused" and nw == "of") or (lemma == "blamed" and nw == "on"):
            continue  # "a man accused of kidnapping"
        if nw == "to" and lemma in ("threatened", "warned", "pledged", "vowed"):
            nw = ""
        if (
            after[:1] == "-"
            or nw in ("to", "by", "about")
            or (nw in _NOT_AFTER and form.endswith("s") and form != "says")
            or (nw in ("of", "and", "or") and form.endswith("s"))
        ):
            continue  # "said to be", "reported by", "claims have not been verified"
        c = None
        tail = text[max(0, vs - 3) : vs].rstrip()
        if form in lx["invert"] and (tail.endswith(",") or tail.endswith('"') or tail.endswith("'")):
            np = _clean(_np_after(text, ve, rx), lx, rx)
            if np and tail.endswith(","):
                # "X's foreign minister, Alexander Downer, says ...": the name before wins
                pre, _ = _speaker_before(text, vs, lx, rx)
                s1 = text[: text.rfind(",", 0, vs)].rsplit(",", 1)[-1].strip()
                if pre and s1[:1].isupper() and len(s1.split()) <= 5 and pre == _clean(s1, lx, rx):
                    np = None
                # "Name, who lost a leg in the attack, said X ...": the relative clause describes the
                # speaker before it; what follows the verb is the reported clause
                elif s1.split()[:1] and s1.split()[0].lower() in ("who", "whose") and pre:
                    np = None
            if np and np.lower() not in lx["pronouns"]:
                q = _quote_content(text[:vs], rx)
                c = dict(lemma=lemma, speaker=np, after=True, content=q or text[:vs], quote=bool(q), rule="said_X")
        if c is None:
            spk, sstart = _speaker_before(text, vs, lx, rx)
            if not spk:
                continue
            if lemma in lx["needs_object"]:
                om = rx["obj_end"].search(text, ve, min(len(text), ve + 120))
                obj = _trim_object(text[ve : om.start() if om else min(len(text), ve + 60)], lx)
                if not obj.strip() or len(obj.split()) > 8:
                    continue
                via = _via_from_object(obj, lx, rx)
                rest = text[ve + len(obj) :]
                if rest.lstrip().lower().startswith(("to ", "not to ")):
                    continue  # "told residents to leave": an order, not a statement
            else:
                via, rest = None, after
                if lemma in lx["needs_clause"] and rest.strip(" .\"'") and not regex_added_ok(rest):
                    continue  # "added another feather to her cap"
            if sstart > 0 and text[:sstart].strip(" ,\"'"):
                lead = text[:sstart]
                q = _quote_content(lead, rx)
                content = q or lead
                quote = bool(q)
                rule = "quote_X_said" if quote else "clause_X_said"
                tail_clause = _lead_in(rest, rx).strip(" .")
                tw = tail_clause.split()
                if not q and len(lead.split()) <= 10 and len(tw) >= 4 and tw[0].lower() not in _PREPS:
                    # "In an interview, the minister said ...": the clause follows the verb
                    q = _quote_content(tail_clause, rx)
                    content, quote = q or tail_clause, bool(q)
            else:
                if len(rest.strip(" .\"'").split(None, 2)) < 2 and not via:
                    continue  # "Key Highlights": no reported clause
                q = _quote_content(rest, rx)
                content = q or _lead_in(rest, rx)
                quote = bool(q)
                rule = "X_said_quote" if quote else "X_said"
            c = dict(lemma=lemma, speaker=spk, via=via, content=content, quote=quote, rule=rule, sstart=sstart)
        cands.append((0 if c["rule"] != "X_said" or vs < 200 else 1, vs, c))
        if lemma in lx["weak"]:
            cands[-1] = (cands[-1][0] + 1, vs, c)
    if not cands and headline:
        h = rx["headline"].search(_strip_credit(text))
        if h and len(text[: h.start()].split()) >= 3:
            np = _clean(h.group(1), lx, rx)
            if np and _headline_source(np, lx):
                cands.append((0, h.start(), dict(lemma="said", speaker=np, content=text[: h.start()], rule="headline")))
    if not cands:
        return []
    main = _choose(cands, text, sent, doc, lx, rx, words)
    out = [main]
    # "X said ..., while Y denied ...": one record per speaker
    mine = None  # the main speaker's words, made only when a candidate gets that far
    main_end = None  # where the main speaker's verb ends, found only when needed
    for _, vs, c in cands:
        st = c.get("sstart")
        if not st or c["rule"] not in ("X_said", "clause_X_said") or c["speaker"].lower() in lx["pronouns"]:
            continue
        if mine is None:
            mine = {w.lower() for w in (main.speaker or "").split()}
        if mine & {w.lower() for w in c["speaker"].split()} - {"the", "a", "an", "of"}:
            continue
        opener = text[st:vs].lstrip().split()[:1]
        if main_end is None:
            main_end = _verb_end(text, cands, main)
        # "officials say Dzhokhar told them ...", "Graham said the FBI told him ...": a speaker whose
        # clause is what the main speaker reports is a speaker of its own
        nested = (
            main_end is not None
            and st >= main_end
            and text[main_end:st].strip(" ,").lower() in ("", "that")
            and _past_or_says(text, vs)  # not a noun: "dismissed newspaper claims the ..."
        )
        before = text[:st].rstrip()
        first = opener[0].lower() if opener else ""
        if (
            nested
            or before.endswith(";")
            or first in ("while", "but", "whereas")
            # "Police said they have confessions, and the suspect's lawyer says ...": a new clause
            or (first == "and" and before.endswith(",") and text.lower().find(c["speaker"].lower(), st, vs) >= 0)
        ):
            rest = text[vs:].split(None, 1)[1:]
            content = _lead_in(rest[0], rx) if rest else None
            out.append(_make(c["lemma"], c["speaker"], c.get("via"), content, False, "second_speaker", lx))
            break
    return out


def _past_or_says(text: str, vs: int) -> bool:
    """Whether the verb at ``vs`` is a past form or "says" (a form in -s can be a plural noun)."""
    word = text[vs : vs + 20].split(None, 1)
    return bool(word) and (not word[0].lower().endswith("s") or word[0].lower() == "says")


def _verb_end(text, cands, main) -> int | None:
    """Where the reporting verb of ``main`` (an X_said claim) ends in ``text``, else None."""
    if main.rule not in ("X_said", "clause_X_said"):
        return None
    for _, vs, c in cands:
        if c["speaker"] == main.speaker and c["lemma"] == main.verb and c.get("sstart") is not None:
            word = text[vs:].split(None, 1)
            return vs + len(word[0]) if word else None
    return None


def _quoted(text, vs, ve, prev, prev2, lx, rx):
    """'Y quoted X as saying' and 'X was quoted (by Y) as saying'."""
    after = text[ve : ve + _WINDOW]
    if prev in ("was", "were", "is", "been"):
        m = rx["quoted_as"].match(after)
        if not m or "as" not in after[: m.end() + 1]:
            return None
        cut = vs - len(prev) - 1
        spk, _ = _speaker_before(text, max(0, cut), lx, rx)
        if not spk:
            return None
        via = m.group("by")
        via = _clean(via, lx, rx) if via else None
        return dict(lemma="said", speaker=spk, via=via, content=text[vs + len(m.group()) :], rule="quoted_as")
    m = rx["quoted_obj"].match(after)
    if not m:
        return None
    spk = _clean(m.group("spk"), lx, rx)
    via, _ = _speaker_before(text, vs, lx, rx)
    if not spk:
        return None
    return dict(lemma="said", speaker=spk, via=via, content=after[m.end() :], rule="Y_quoted_X")


def _participle(text, vs, ve, lemma, lx, rx):
    """', adding: ...' (the sentence subject speaks) and 'with X criticising Y'."""
    before = text[:vs]
    wm = rx["with_part"].search(before[-120:])
    if wm:
        spk = _clean(wm.group(1), lx, rx)
        if spk:
            return dict(lemma=lemma, speaker=spk, content=text[ve:], rule="with_X_ing")
    if not before.rstrip().endswith(","):
        return None
    after = text[ve : ve + 12].lstrip()
    if lemma == "added" and not (after[:1] in (":", '"', "'") or after.startswith("that")):
        return None
    if lemma not in ("said", "added", "claimed", "warned", "denied", "accused", "blamed"):
        return None
    # the subject at the start of the sentence
    toks = []
    for t in text.split()[:8]:
        b = _bare(t)
        if b[:1].isupper() or b.lower() in ("the", "a", "an", "of", "for") or b.lower() in lx["heads"]:
            toks.append(t)
            if t.endswith(","):
                break
        else:
            break
    spk = _clean(" ".join(toks), lx, rx) if toks else None
    if not spk or spk.lower() in lx["pronouns"]:
        return None
    q = _quote_content(text[ve:], rx)
    return dict(lemma=lemma, speaker=spk, content=q or text[ve:], quote=bool(q), rule="subject_adding")


# the words of the "carrier" pattern after the carrier noun, each between whitespace
_CARRIER_PREPS = frozenset("from by in on of carried published broadcast".split())


def _choose(cands, text, sent, doc, lx, rx, words) -> Claim:
    if '"' in text:
        # a reporting verb inside a closed quote ('"He said he would come," his mother told AFP') is the
        # quoted person's, not the sentence's attribution
        spans = [(m.start(), m.end()) for m in rx["dq"].finditer(text)]
        cands = [(p + (2 if any(a < v < b for a, b in spans) else 0), v, c) for p, v, c in cands]
    if len(cands) > 1:
        cands.sort(key=lambda c: (c[0], c[1]))
    best = None
    outlet_via = None
    for _, _, c in cands:
        spk = c["speaker"]
        if rx is _RX_PLAIN and (
            _CARRIER_PREPS.isdisjoint(spk.lower().split()) or not _has_any(spk.lower(), lx["carrier_words"])
        ):
            # no word the pattern needs after the carrier ("from", "by", ...) or no carrier noun
            # ("statement", "report", ...): the pattern cannot match
            carrier = None
        else:
            carrier = rx["carrier"].match(spk)
        is_outlet = bool(carrier) or (c["lemma"] in ("reported", "according_to") and _is_outlet(spk, rx))
        if is_outlet and len(cands) > 1:
            if outlet_via is None:
                outlet_via = carrier.group(1).strip(" .,") if carrier else spk
            continue
        if best is None:
            best = c
    if best is None:
        best = cands[0][2]
        outlet_via = None
    via = best.get("via")
    if not via:
        # ``words``: the sentence's word list from ``_tokens`` (bytes for plain text)
        pw = lx["platform_words_b"] if rx is _RX_PLAIN else lx["platform_words"]
        pm = rx["platform"].search(text) if not pw.isdisjoint(words) else None
        if pm:
            via = pm.group(1)
    if not via and not (lx["channel_words_b"] if rx is _RX_PLAIN else _CHANNEL_WORDS).isdisjoint(words):
        for cm in rx["channel"].finditer(text):
            obj = _trim_object(_np_after(text, cm.end(), rx), lx)
            v = _via_from_object(obj, lx, rx)
            if v and v != best["speaker"]:
                via = v
                break
    if not via and outlet_via and outlet_via != best["speaker"]:
        via = outlet_via
    content = best.get("content")
    quote = best.get("quote", False)
    if quote and content and text.count('"') == 1 and not text.lstrip().startswith('"'):
        close = text.index('"')
        more = _multi_sentence_quote(sent, doc, close)
        if more:
            content = more
    return _make(best["lemma"], best["speaker"], via, content, quote, best["rule"], lx)

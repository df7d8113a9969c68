"""Actors: ``actor``, ``target``, ``speaker`` and ``who`` gain a normalized form and a type.

The text as written is kept; the resolver fills ``actor_norm``/``actor_type`` and
``target_norm``/``target_type`` of strikes, ``speaker_norm``/``speaker_type`` of claims and
``who_norm`` of casualties (their ``category`` belongs to the casualty extractor and is left alone).

Types: ``state forces``, ``armed group``, ``militia``, ``civilians``, ``government``,
``international organisation``, ``media/monitor``.

How a phrase is normalized, first rule that applies:

1. a named actor of ``lexicons/en/actors.toml`` (or of the user's ``--actors`` file) whose alias
   occurs in the phrase, longest alias first ("SOHR", "the Syrian Observatory for Human Rights"
   -> Syrian Observatory for Human Rights / media/monitor);
2. "<Country>-backed / -aligned / -linked ... groups", "pro-<Country> fighters" -> "<Country>-backed
   militias" / militia;
3. shape words (``[shapes]`` of the lexicon): a country (demonym, name or capital) with forces /
   army / military / troops / jets ... -> that country / state forces; a bare country as a strike
   actor -> the country / state forces, as a speaker -> the country / government; militants /
   gunmen / insurgents -> armed group; officials / ministry / government -> government; news
   agency / TV / Observatory / monitor -> media/monitor; UN agencies, ICRC, WHO -> international
   organisation; civilians / residents / children -> civilians;
4. otherwise the phrase itself, tidied (leading article and quotes dropped), with no type.

User file (``--actors FILE``), TOML, merged over the built-in entries (a user alias wins)::

    [[actor]]
    name = "Rapid Support Forces"          # required: the normalized name
    type = "armed group"                    # required: one of the types above
    aliases = ["RSF", "the paramilitary RSF"]   # optional: other surfaces (the name is one too)

Any other key, a missing name, an unknown type or a non-list ``aliases`` is an error that names the
file, the entry number and its line.
"""

from __future__ import annotations

import functools
import sys

from ..lexicons import trie

TYPES = (
    "state forces",
    "armed group",
    "militia",
    "civilians",
    "government",
    "international organisation",
    "media/monitor",
)
ENTRY_KEYS = {"name", "type", "aliases"}
_ABBREV_END = __import__("re").compile(r"(?:^|[\s.])(?:[A-Z]|Gen|Col|Lt|Maj|Capt|Sgt|Jr|Sr|Co|Inc|Ltd)\.$")
MAX_ACTOR = 300  # characters of an actor phrase that are looked at


def _entry_lines(text: str) -> list[int]:
    """Line numbers (1-based) of the ``[[actor]]`` headers of a TOML text."""
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if s.startswith("[[") and s[2:].split("]]")[0].strip() == "actor":
            out.append(n)
    return out


def check_entries(data: dict, source: str, text: str = "") -> list[dict]:
    """Validated ``[[actor]]`` entries of a parsed TOML document; ValueError names source and entry."""
    lines = _entry_lines(text)
    extra = [k for k in data if k not in ("actor", "meta")]
    if extra:
        raise ValueError(f"{source}: unknown table or key {extra[0]!r} (expected [[actor]] entries)")
    entries = data.get("actor", [])
    if not isinstance(entries, list):
        raise ValueError(f"{source}: 'actor' must be an array of tables written [[actor]]")
    out = []
    for i, e in enumerate(entries, 1):
        where = f"{source}: entry {i}" + (f" (line {lines[i - 1]})" if i <= len(lines) else "")
        if not isinstance(e, dict):
            raise ValueError(f"{where}: expected a table of name, type and aliases")
        unknown = sorted(set(e) - ENTRY_KEYS)
        if unknown:
            raise ValueError(f"{where}: unknown key {unknown[0]!r} (allowed: name, type, aliases)")
        name = e.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"{where}: 'name' must be a non-empty string")
        typ = e.get("type")
        if typ not in TYPES:
            raise ValueError(
                f"{where} {name!r}: 'type' must be one of {', '.join(repr(t) for t in TYPES)}; got {typ!r}"
            )
        aliases = e.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise ValueError(f"{where} {name!r}: 'aliases' must be a list of non-empty strings")
        out.append({"name": name.strip(), "type": typ, "aliases": [a.strip() for a in aliases]})
    return out


@functools.cache
def load_user(path: str) -> tuple:
    """The validated entries of a user actors file (TOML); ValueError naming the file and the entry."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise ValueError(f"--actors {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"--actors {path}: not UTF-8 text (byte {exc.start})") from None
    if sys.version_info >= (3, 11):  # imported here: only an --actors file is read as TOML at run time
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        if "line" not in msg:  # "Invalid value (at end of document)": name the last line
            msg = f"line {max(1, len(text.splitlines()))}: {msg}"
        raise ValueError(f"--actors {path}: {msg}") from None
    return tuple(check_entries(data, f"--actors {path}", text))


def _esc(ch: str) -> str:
    """One character of a surface as regex source: a space matches any run of whitespace."""
    if ch.isalnum():
        return ch
    if ch == " ":
        return r"\s+"
    import regex

    return regex.escape(ch)


_PLAIN = __import__("re").compile(r"[\w\s-]+")


class _Grams:
    """The lower-cased word n-grams of a phrase (words are runs of letters, digits, ``_`` and
    ``-``; an n-gram joins words separated by whitespace only), for the last phrase asked about."""

    def __init__(self, most: int):
        self.most = most
        self.word_re = _LazyRegex(r"[\w-]+")
        self.text: str | None = None
        self.grams: frozenset[str] = frozenset()

    def of(self, text: str) -> frozenset[str]:
        if text != self.text:
            # on ASCII text ``re`` finds the same runs, and compiling it costs next to nothing
            word_re = _ascii_word_re() if text.isascii() else self.word_re
            runs = [(m.group().lower(), m.start(), m.end()) for m in word_re.finditer(text)]
            out = set()
            for i, (w, _s, end) in enumerate(runs):
                out.add(w)
                gram = w
                for j in range(i + 1, min(i + self.most, len(runs))):
                    w2, s2, e2 = runs[j]
                    if not text[end:s2].isspace():
                        break
                    gram = f"{gram} {w2}"
                    out.add(gram)
                    end = e2
            self.text, self.grams = text, frozenset(out)
        return self.grams


class _WordShape:
    r"""``search(text)`` is true when the phrase contains one of ``terms`` as whole words, any case:
    the same answer as ``(?<![\w-])(?:terms)(?![\w-])`` with IGNORECASE, without a regex scan."""

    def __init__(self, terms, grams: _Grams):
        self.terms = frozenset(" ".join(t.lower().split()) for t in terms if t.strip())
        self.grams = grams

    def search(self, text: str) -> bool:
        return not self.terms.isdisjoint(self.grams.of(text))


class _LazyRegex:
    """A pattern compiled the first time it is used (most runs never reach the rarer ones)."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern, flags: int = 0):
        # ``pattern``: the source, or a function that writes it (prefix trees take a while to write)
        self.pattern, self.flags, self._compiled = pattern, flags, None

    def _get(self):
        if self._compiled is None:
            import regex

            if callable(self.pattern):
                self.pattern = self.pattern()
            self._compiled = regex.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, text: str):
        return self._get().search(text)

    def finditer(self, text: str):
        return self._get().finditer(text)


@functools.cache
def _ascii_word_re():
    import re

    return re.compile(r"[\w-]+")


class _TreeShape:
    r"""``search(text)``: does the phrase contain one of ``terms`` between ``(?<![\w-])`` and
    ``(?![\w-])``, any case? By a walk of a prefix tree on ASCII text (see ``_Tree``), else by the
    pattern, compiled when first needed."""

    __slots__ = ("terms", "tree", "regex")

    def __init__(self, terms):
        self.terms = terms
        self.tree = _Tree(terms, True)
        self.regex: _LazyRegex | None = None

    def search(self, text: str) -> bool:
        if text.isascii():
            return next(self.tree.finditer(text), None) is not None
        if self.regex is None:
            import regex

            self.regex = _LazyRegex(rf"(?<![\w-])(?:{trie(self.terms, lower=True)})(?![\w-])", regex.IGNORECASE)
        return self.regex.search(text) is not None


def _key(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").lower().split())


# ASCII characters of the patterns' classes: ``\s`` of the ``regex`` module (not \x1c-\x1f, which
# ``str.isspace`` counts), and ``[\w-]``.
_SPACE = frozenset(" \t\n\r\x0b\x0c")
_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_WORD_DASH = _WORD | {"-"}


class _Tree:
    r"""Surfaces in a prefix tree of dicts, walked over ASCII text in Python: the matches of
    ``lexicons.trie(terms, lower)`` between the guards ``(?<![\w-])`` and ``(?![\w-])`` (or, for
    ``possessive``, ``(?:'s)?(?![\w])``), as the ``regex`` module finds them, without compiling the
    pattern (tens of milliseconds, which a one-article run would pay). The regex engine tries the
    prefix tree depth first, longer continuations first; a space of a surface matches a run of
    whitespace, and no two branches of a node can match the same character, so at a start the
    text follows one path and the match is the longest surface on it whose end passes the guard.
    Callers fall back to the compiled pattern on other text (``\w`` and case folding beyond ASCII)."""

    __slots__ = ("root", "lower", "pending", "starts")

    def __init__(self, terms, lower: bool):
        self.lower = lower
        self.starts = None  # see ``_starts``
        self.root: dict = {}  # first character -> subtree, built the first time a walk needs it
        self.pending: dict[str, list[str]] = {}  # first character -> the surfaces not yet in ``root``
        for t in terms:
            t = " ".join(t.split())
            if t:
                t = t.lower() if lower else t
                self.pending.setdefault(t[0], []).append(t)

    def _head(self, ch: str):
        """The subtree of the surfaces that start with ``ch``, or None."""
        node = self.root.get(ch)
        if node is None:
            terms = self.pending.pop(ch, None)
            if terms is None:
                return None
            node = self.root[ch] = {}
            for t in terms:
                at = node
                for c in t[1:]:
                    nxt = at.get(c)
                    if nxt is None:
                        nxt = at[c] = {}
                    at = nxt
                at[""] = None
        return node

    def _ends(self, text: str, start: int) -> list[int]:
        """Where a surface read from ``start`` ends, shortest first."""
        i, n, lower = start, len(text), self.lower
        ch = text[i]
        node = self._head(ch.lower() if lower else ch) if ch not in _SPACE else None
        if node is None:
            return []
        i += 1
        ends = []
        while True:
            if "" in node:
                ends.append(i)
            if i >= n:
                return ends
            ch = text[i]
            if ch in _SPACE:
                node = node.get(" ")
                i += 1
                while i < n and text[i] in _SPACE:
                    i += 1
            else:
                node = node.get(ch.lower() if lower else ch)
                i += 1
            if node is None:
                return ends

    def _match_at(self, text: str, start: int, possessive: bool) -> int:
        """End of the match at ``start``, or -1."""
        n = len(text)
        for end in reversed(self._ends(text, start)):
            if possessive:
                if text.startswith("'s", end) and (end + 2 == n or text[end + 2] not in _WORD):
                    return end + 2
                if end == n or text[end] not in _WORD:
                    return end
            elif end == n or text[end] not in _WORD_DASH:
                return end
        return -1

    def finditer(self, text: str, possessive: bool = False):
        """(start, end) of the matches, left to right, as ``finditer`` gives them (ASCII text)."""
        search = self._starts().search
        pos = 0
        while True:
            m = search(text, pos)
            if m is None:
                return
            i = m.start()
            end = self._match_at(text, i, possessive)
            if end > i:
                yield i, end
                pos = end
            else:
                pos = i + 1

    def _starts(self):
        """A small stdlib pattern for where a match can start: a first letter of some surface (in
        either case when ``lower``) not preceded by ``[\\w-]``; it skips the other characters in C."""
        rx = self.starts
        if rx is None:
            import re

            heads = set(self.root) | set(self.pending)
            if self.lower:
                heads |= {h.upper() for h in heads if h.isascii()}
            chars = "".join(sorted(heads))
            rx = self.starts = re.compile(rf"(?<![\w-])[{re.escape(chars)}]") if chars else re.compile(r"(?!)")
        return rx


class _LazyAttr:
    """An attribute computed the first time it is read (a compiled fallback pattern)."""

    def __init__(self, build):
        self.build = build

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.build(obj)
        return value


class Normalizer:
    """Alias table, country words and shape words, built once: dicts, sets and prefix trees, with
    the equivalent regexes compiled only when a phrase beyond ASCII needs them."""

    def __init__(self, user_entries: tuple = ()):
        from ..lexicons import load

        lex = load("actors")
        self.country: dict[str, str] = {}
        self.demonym_of: dict[str, str] = {}
        for k, v in lex.get("demonyms", {}).items():
            self.country[_key(k)] = v
            self.demonym_of.setdefault(v, k)
        for k, v in lex.get("countries", {}).items():
            self.country[_key(k)] = v
        self.alias: dict[str, tuple[str, str]] = {}
        surfaces: list[str] = []
        for e in list(lex.get("actor", [])) + list(user_entries):
            # a country's name is not an alias of its forces: "Russia said" is the government speaking
            names = [e["name"]] if _key(e["name"]) not in self.country else []
            for a in names + list(e.get("aliases", [])):
                self.alias[_key(a)] = (e["name"], e["type"])
                surfaces.append(a)
        # acronyms ("IS", "UN", "WHO", "AP") match only as written in capitals; other aliases in any case
        acronym = [_is_acronym(a) for a in surfaces]
        self._caps = [a for a, is_acr in zip(surfaces, acronym, strict=True) if is_acr]
        self._rest = [a for a, is_acr in zip(surfaces, acronym, strict=True) if not is_acr]
        # country words are matched case-sensitively ("US", not "us")
        self._country_terms = list(lex.get("demonyms", {})) + list(lex.get("countries", {}))
        self.alias_tree = _Tree(self._rest, True)
        self.acronym_tree = _Tree(self._caps, False) if self._caps else None
        self.country_tree = _Tree(self._country_terms, False)
        shapes = lex.get("shapes", {})
        backed = shapes.get("backed", [])
        # "-backed" (...) or "pro-" must occur for the pattern to match; None: no such shortcut
        self._backed_cues = None if any(len(w.split()) != 1 for w in backed) else ("pro-", *("-" + w for w in backed))
        self.backed_re = _LazyRegex(
            lambda: (
                rf"(?:(?<![\w-])(?P<c>{trie(self._country_terms, lower=False)})"
                rf"-(?:{trie(backed, lower=False)})|(?<![\w])pro-(?P<p>[A-Z][\w.]+))"
            ),
        )

        grams = _Grams(max((len(t.split()) for ts in shapes.values() for t in ts), default=1))

        def words(name: str):
            terms = shapes.get(name, [])
            if all(_PLAIN.fullmatch(t) for t in terms):  # plain words: a set look-up of the phrase's words
                return _WordShape(terms, grams)
            return _TreeShape(terms)

        self.shape = {name: words(name) for name in shapes if name != "backed"}
        self.memo: dict[tuple[str, str], tuple[str | None, str | None]] = {}

    # the compiled patterns, for phrases that are not pure ASCII
    def _alias_re(self):
        import regex

        return regex.compile(rf"(?<![\w-])(?:{trie(self._rest, lower=True)})(?![\w-])", regex.IGNORECASE)

    def _acronym_re(self):
        import regex

        return regex.compile(rf"(?<![\w-])(?:{trie(self._caps, lower=False)})(?![\w-])") if self._caps else None

    def _country_re(self):
        import regex

        return regex.compile(rf"(?<![\w-])(?:{trie(self._country_terms, lower=False)})(?:'s)?(?![\w])")

    alias_re = _LazyAttr(_alias_re)
    acronym_re = _LazyAttr(_acronym_re)
    country_re = _LazyAttr(_country_re)

    def country_of(self, text: str) -> str | None:
        if text.isascii():
            m = next(self.country_tree.finditer(text, possessive=True), None)
            if m is None:
                return None
            w = text[m[0] : m[1]]
        else:
            m = self.country_re.search(text)
            if not m:
                return None
            w = m.group(0)
        if w.endswith("'s"):
            w = w[:-2]
        return self.country.get(_key(w))

    def normalize(self, text: str | None, role: str) -> tuple[str | None, str | None]:
        """(normalized name, type) of an actor phrase; ``role`` is actor | target | speaker | who."""
        if text is None:
            return None, None
        if isinstance(text, list):
            text = " and ".join(str(t) for t in text)
        text = text[:MAX_ACTOR]
        hit = self.memo.get((text, role))
        if hit is None:
            hit = self.memo[(text, role)] = self._normalize(text, role)
            if len(self.memo) > 20000:
                self.memo.clear()
        return hit

    def _best_alias(self, clean: str) -> str | None:
        """The text of the longest alias match in ``clean`` (the first of equal length; aliases in
        any case before acronyms), or None."""
        best = None
        if clean.isascii():
            for tree in (self.alias_tree, self.acronym_tree):
                if tree is None:
                    continue
                for s, e in tree.finditer(clean):
                    if best is None or e - s > best[1] - best[0]:
                        best = (s, e)
            return None if best is None else clean[best[0] : best[1]]
        for pat in (self.alias_re, self.acronym_re):
            if pat is None:
                continue
            for m in pat.finditer(clean):
                if best is None or len(m.group(0)) > len(best.group(0)):
                    best = m
        return None if best is None else best.group(0)

    def _normalize(self, text: str, role: str) -> tuple[str | None, str | None]:
        clean = _tidy(text)
        if not clean:
            return None, None
        # 1. named actors: the longest alias in the phrase
        best = self._best_alias(clean)
        if best is not None:
            name, typ = self.alias[_key(best)]
            return name, typ
        shape = self.shape
        # 2. "<Country>-backed groups", "pro-Iran fighters": the pattern needs "pro-" or "-backed" (...)
        cues = self._backed_cues
        m = self.backed_re.search(clean) if cues is None or any(c in clean for c in cues) else None
        if m:
            c = self.country.get(_key(m.group("c") or ""), None) or self.country.get(_key(m.group("p") or ""))
            if c:
                return f"{c}-backed militias", "militia"
        if shape.get("militia") and shape["militia"].search(clean):
            return clean, "militia"
        country = self.country_of(clean)
        # 3. shapes
        if shape.get("international") and shape["international"].search(clean) and not country:
            return clean, "international organisation"
        if shape.get("media") and shape["media"].search(clean):
            return clean, "media/monitor"
        if country:
            if shape.get("state_forces") and shape["state_forces"].search(clean):
                return (f"{self.demonym_of.get(country, country)} forces" if role == "who" else country), "state forces"
            kind = _shape_type(shape, clean)
            if kind:
                return clean, kind
            if _is_bare_country(clean, self.country):
                if role == "speaker":
                    return country, "government"
                if role == "actor":
                    return country, "state forces"
                return clean, None  # a target or victim named by a place: "Kyiv" stays Kyiv
            return clean, None
        if shape.get("state_forces_alone") and shape["state_forces_alone"].search(clean):
            return clean, "state forces"
        return clean, _shape_type(shape, clean)


# shape checks shared by phrases with and without a country, in the order they are tried
_SHAPE_TYPES = (
    ("military_titles", "state forces"),
    ("government", "government"),
    ("armed_group", "armed group"),
    ("civilians", "civilians"),
)


def _shape_type(shape: dict, clean: str) -> str | None:
    for key, kind in _SHAPE_TYPES:
        rx = shape.get(key)
        if rx and rx.search(clean):
            return kind
    return None


def _is_bare_country(clean: str, countries: dict[str, str]) -> bool:
    k = _key(clean)
    if k.startswith("the "):
        k = k[4:]
    return k in countries or (k.endswith("'s") and k[:-2] in countries)


def _is_acronym(alias: str) -> bool:
    letters = "".join(filter(str.isalpha, alias))
    return bool(letters) and len(letters) <= 6 and all(map(str.isupper, letters))


def _tidy(text: str) -> str:
    t = " ".join(str(text).replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').split())
    t = t.strip(" \"',;:")
    if t.endswith(".") and not _ABBREV_END.search(t):  # keep the point of "U.S." and "Gen."
        t = t.rstrip(".")
    low = t.lower()
    for art in ("the ", "a ", "an "):
        if low.startswith(art):
            t = t[len(art) :]
            break
    return t.strip(" \"'")


@functools.cache
def normalizer(actors_file: str | None = None) -> Normalizer:
    return Normalizer(load_user(actors_file) if actors_file else ())


# the role fields of each record type; each gains <field>_norm, and <field>_type where the record has one
ROLES = {"strike": ("actor", "target"), "claim": ("speaker",), "casualty": ("who",)}


# record class -> (field, its _norm field, its _type field or None) of each role: the names are
# built once per class, not formatted and looked up for every record
_ROLE_FIELDS: dict[type, tuple[tuple[str, str, str | None], ...]] = {}


def _role_fields(cls: type) -> tuple[tuple[str, str, str | None], ...]:
    names = tuple(
        (field, f"{field}_norm", f"{field}_type" if hasattr(cls, f"{field}_type") else None)
        for field in ROLES.get(cls.TYPE, ())
    )
    _ROLE_FIELDS[cls] = names
    return names


def resolve(doc, records, settings) -> None:
    norm = None
    for rec in records:
        cls = type(rec)
        roles = _ROLE_FIELDS.get(cls)
        if roles is None:
            roles = _role_fields(cls)
        for field, norm_field, type_field in roles:
            value = getattr(rec, field)
            if value is None or getattr(rec, norm_field) is not None:
                continue
            norm = norm or normalizer(getattr(settings, "actors_file", None))
            name, typ = norm.normalize(value, field)
            setattr(rec, norm_field, name)
            if type_field is not None:
                setattr(rec, type_field, getattr(rec, type_field) or typ)

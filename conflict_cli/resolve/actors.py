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

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

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


def _trie(terms, ignore_case: bool = False) -> str:
    """One regex alternation of ``terms`` factored as a prefix tree; like ``lexicons.alternation``
    (the longest surface that fits wins, spaces match any run of whitespace, no groups) but the
    engine gives up at once on a letter no surface continues with, instead of trying every one."""

    root: dict = {}
    for t in terms:
        t = " ".join(t.split())
        if not t:
            continue
        node = root
        for ch in t.lower() if ignore_case else t:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [_esc(ch) + emit(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


_PLAIN = __import__("re").compile(r"[\w\s-]+")


class _Grams:
    """The lower-cased word n-grams of a phrase (words are runs of letters, digits, ``_`` and
    ``-``; an n-gram joins words separated by whitespace only), for the last phrase asked about."""

    def __init__(self, most: int):
        import regex

        self.most = most
        self.word_re = regex.compile(r"[\w-]+")
        self.text: str | None = None
        self.grams: frozenset[str] = frozenset()

    def of(self, text: str) -> frozenset[str]:
        if text != self.text:
            runs = [(m.group().lower(), m.start(), m.end()) for m in self.word_re.finditer(text)]
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

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags, self._compiled = pattern, flags, None

    def search(self, text: str):
        if self._compiled is None:
            import regex

            self._compiled = regex.compile(self.pattern, self.flags)
        return self._compiled.search(text)


def _key(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").lower().split())


class Normalizer:
    """Alias table, country words and shape words compiled into a few regexes, built once."""

    def __init__(self, user_entries: tuple = ()):
        import regex

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
        caps = [a for a in surfaces if _is_acronym(a)]
        rest = [a for a in surfaces if not _is_acronym(a)]
        self.alias_re = regex.compile(rf"(?<![\w-])(?:{_trie(rest, True)})(?![\w-])", regex.IGNORECASE)
        self.acronym_re = regex.compile(rf"(?<![\w-])(?:{_trie(caps)})(?![\w-])") if caps else None
        # country words are matched case-sensitively ("US", not "us")
        self.country_re = regex.compile(
            rf"(?<![\w-])(?:{_trie(list(lex.get('demonyms', {})) + list(lex.get('countries', {})))})(?:'s)?(?![\w])"
        )
        shapes = lex.get("shapes", {})
        self.backed_re = _LazyRegex(
            rf"(?:(?<![\w-])(?P<c>{_trie(list(lex.get('demonyms', {})) + list(lex.get('countries', {})))})"
            rf"-(?:{_trie(shapes.get('backed', []))})|(?<![\w])pro-(?P<p>[A-Z][\w.]+))",
        )

        grams = _Grams(max((len(t.split()) for ts in shapes.values() for t in ts), default=1))

        def words(name: str):
            terms = shapes.get(name, [])
            if all(_PLAIN.fullmatch(t) for t in terms):  # plain words: a set look-up of the phrase's words
                return _WordShape(terms, grams)
            return _LazyRegex(rf"(?<![\w-])(?:{_trie(terms, True)})(?![\w-])", regex.IGNORECASE)

        self.shape = {name: words(name) for name in shapes if name != "backed"}
        self.memo: dict[tuple[str, str], tuple[str | None, str | None]] = {}

    def country_of(self, text: str) -> str | None:
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

    def _normalize(self, text: str, role: str) -> tuple[str | None, str | None]:
        clean = _tidy(text)
        if not clean:
            return None, None
        # 1. named actors: the longest alias in the phrase
        best = None
        for pat in (self.alias_re, self.acronym_re):
            if pat is None:
                continue
            for m in pat.finditer(clean):
                if best is None or len(m.group(0)) > len(best.group(0)):
                    best = m
        if best is not None:
            name, typ = self.alias[_key(best.group(0))]
            return name, typ
        shape = self.shape
        # 2. "<Country>-backed groups", "pro-Iran fighters"
        m = self.backed_re.search(clean) if "-" in clean else None  # the pattern needs a hyphen
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
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(letters) <= 6 and all(c.isupper() for c in letters)


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


def resolve(doc, records, settings) -> None:
    norm = None
    for rec in records:
        for field in ROLES.get(rec.TYPE, ()):
            value = getattr(rec, field)
            if value is None or getattr(rec, f"{field}_norm") is not None:
                continue
            norm = norm or normalizer(getattr(settings, "actors_file", None))
            name, typ = norm.normalize(value, field)
            setattr(rec, f"{field}_norm", name)
            if hasattr(rec, f"{field}_type"):
                setattr(rec, f"{field}_type", getattr(rec, f"{field}_type") or typ)

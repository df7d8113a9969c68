"""Places: a strike's ``location`` as written -> ``country`` (ISO 3166 alpha-3) and ``admin1``.

The offline gazetteer ``conflict_cli/data/gazetteer.tsv`` (countries, first-level regions, cities
of 15,000 people or more and a reviewed table of conflict regions; see ``data/ATTRIBUTION.md``)
is read once, the first time a record needs it, into a dict from folded name to places.

A location such as "Syria's Idlib province", "Idlib and Aleppo provinces", "near Kharkiv" or
"the Gaza Strip" is cut into parts: a possessive country prefix ("Syria's") becomes the preferred
country, lists are split on "and" and commas, and generic words (province, region, district,
city, town, village, near, outskirts of, the, ...) are stripped. Each part is looked up whole,
then without its generic words. An ambiguous name goes to the country the location itself names,
then to a reviewed alias, then to a country the article mentions, then to the largest place.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

GENERIC = (
    "province provinces region regions district districts governorate governorates city town towns "
    "village villages area areas oblast state states county municipality neighbourhood neighborhood "
    "camp suburb suburbs outskirts countryside territory countryside capital refugee peninsula"
).split()
LEAD = (
    "near nearby around outside inside in at on of the a an central northern southern eastern western "
    "north-western north-eastern south-western south-eastern northwestern northeastern southwestern "
    "southeastern northwest northeast southwest southeast parts part city town village vicinity capital"
).split()
DESCRIPTORS = (
    "port coastal border frontline front-line besieged embattled strategic key rebel-held government-held "
    "opposition-held militant-held occupied restive flashpoint southern-most northern-most remote mountainous "
    "desert"
).split()
_CAP = re.compile(r"[A-Z\u00c0-\u00de\u0100-\u024f\u0386-\u03ab\u0400-\u042f]")  # a capital, Latin or not
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_NONWORD = re.compile(r"[^A-Za-z0-9]+")
# letters NFKD does not take apart, and apostrophe-like marks of transliterations (dropped, like "'")
_LETTERS = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
     "œ": "oe", "ŀ": "l", "ħ": "h", "ŧ": "t", "\u2018": "", "\u2019": "", "\u02bb": "", "\u02bc": "",
     "\u02be": "", "\u02bf": "", "\u00b4": ""}
)  # fmt: skip
# "X People's Republic", "the Martyrs' Brigade", "Children's Hospital": not a place owning the rest
NOT_POSSESSORS = {"people", "peoples", "workers", "women", "children", "martyrs", "men", "saint", "st", "lord"}
# capitalised words that open names of streets, zones and bodies more often than places
COMMON = set(
    "north south east west central upper lower greater great green new old united national international "
    "red white black grand royal saint holy".split()
)
MAX_LOCATION = 200  # characters of a location string that are looked at
KIND_RANK = {"alias": 3, "admin1": 2, "city": 1, "country": 0}
ADMIN1_POP = 500_000  # ranking weight of a region (the source gives none)


_LETTER_ITEMS = tuple(_LETTERS.items())
# byte -> itself lower-cased if an ASCII letter or digit, else a space (what ``_NONWORD`` leaves)
_FOLD_BYTES = bytes(b if chr(b).isascii() and chr(b).isalnum() else 32 for b in range(256)).lower()


def _fold_letters(name: str) -> str:
    """``name.translate(_LETTERS)``: a ``c in name`` test and a ``str.replace`` per letter present
    (``str.translate`` with a dict looks up every character of a long text)."""
    for code, to in _LETTER_ITEMS:
        ch = chr(code)
        if ch in name:
            name = name.replace(ch, to)
    return name


def fold(name: str) -> str:
    """Lower-case ASCII key: accents dropped, apostrophes removed, punctuation to single spaces."""
    if not name.isascii():
        name = _COMBINING.sub("", unicodedata.normalize("NFKD", _fold_letters(name)))
    # what ``_NONWORD.sub(" ", name without ' and `).strip().lower()`` gives, at bytes speed: a
    # character beyond ASCII is encoded as "?", which, like any character but a letter or a digit,
    # becomes a space; the runs of spaces are then joined into one
    return " ".join(name.encode("ascii", "replace").translate(_FOLD_BYTES, b"'`").decode("ascii").split())


Entry = tuple[str, str, str, str, int]  # (kind, display name, iso3, admin1, population)


@functools.cache
def _raw() -> bytes:
    # beside the package (importlib.resources would import zipfile, a few ms of start-up, for nothing)
    return (Path(__file__).resolve().parent.parent / "data" / "gazetteer.tsv").read_bytes()


def _entry(line: str) -> tuple[str, Entry]:
    """(keys, entry) of one line of the gazetteer."""
    kind, name, keys, iso3, admin1, pop = line.split("\t")
    return keys, (kind, name, iso3, admin1, int(pop or 0) or (ADMIN1_POP if kind == "admin1" else 0))


@functools.cache
def gazetteer() -> tuple[_ParsedIndex, dict[str, str], dict[str, str]]:
    """(folded name -> [(kind, display, iso3, admin1, population)], iso3 -> country name,
    folded country name -> iso3): the whole file, indexed (about 30 ms; see ``_LazyIndex``)."""
    lines = [line for line in _raw().decode("utf-8").splitlines() if line and line[0] != "#"]
    countries, country_keys, _index = _country_table()
    return _ParsedIndex(lines), countries, country_keys


class _ParsedIndex:
    """Folded name -> the entries of the lines that list it, in file order (a name listed twice
    on a line counts twice). All keys are indexed at once with list and dict builds that run in C;
    a line is parsed into its entry only when one of its names is asked for (a batch run asks for
    a few thousand of the ~56,000 names), which makes loading five times quicker than parsing
    every line up front."""

    __slots__ = ("lines", "first", "multi", "memo")

    def __init__(self, lines: list[str]):
        self.lines = lines
        keys = [line.split("\t", 3)[2] for line in lines]
        flat = [k for ks in keys for k in ks.split("|")]
        owner = [i for i, ks in enumerate(keys) for _ in range(ks.count("|") + 1)]
        self.first = dict(zip(flat, owner, strict=True))  # name -> a line of it (its only one unless in ``multi``)
        self.multi: dict[str, list[int]] = {}  # name -> all its lines, for the names on several
        if len(self.first) < len(flat):
            from collections import Counter

            many = {k for k, c in Counter(flat).items() if c > 1}
            for k, i in zip(flat, owner, strict=True):
                if k in many:
                    self.multi.setdefault(k, []).append(i)
        self.memo: dict[str, list[Entry]] = {}

    def get(self, key: str, default=None):
        found = self.memo.get(key)
        if found is None:
            i = self.first.get(key)
            if i is None:
                return default
            lines = self.lines
            found = self.memo[key] = [_entry(lines[j])[1] for j in self.multi.get(key, (i,))]
        return found

    def __getitem__(self, key: str) -> list[Entry]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: str) -> bool:
        return key in self.first

    def __len__(self) -> int:
        return len(self.first)


@functools.cache
def _country_table() -> tuple[dict[str, str], dict[str, str], dict[str, list[Entry]]]:
    """(iso3 -> country name, folded country name -> iso3, folded name -> [country entries]) from
    the country lines, which ``scripts/build_gazetteer.py`` writes first: read without the rest."""
    countries: dict[str, str] = {}
    country_keys: dict[str, str] = {}
    index: dict[str, list[Entry]] = {}
    raw = _raw()
    pos = 0
    while True:
        end = raw.find(b"\n", pos)
        line = raw[pos : end if end >= 0 else len(raw)].decode("utf-8")
        pos = end + 1
        if line and line[0] != "#":
            if not line.startswith("country\t"):
                break
            keys, entry = _entry(line)
            countries.setdefault(entry[2], entry[1])
            for key in keys.split("|"):
                if len(key) > 2:
                    country_keys.setdefault(key, entry[2])
                index.setdefault(key, []).append(entry)
        if end < 0:
            break
    return countries, country_keys, index


class _LazyIndex:
    """``gazetteer()[0]`` without parsing the whole file for a handful of look-ups: a key is first
    looked up by searching the raw bytes for it between key separators (about half a millisecond),
    and the file is parsed once when a process has made more than ``LIMIT`` such searches (a batch
    run), or when a key is too common a substring to search for. Same answers, same order."""

    LIMIT = 64
    MAX_HITS = 400

    def __init__(self):
        self.full: _ParsedIndex | None = None
        self.memo: dict[str, list[Entry] | None] = {}

    def get(self, key: str, default=None):
        if self.full is not None:
            return self.full.get(key, default)
        try:
            found = self.memo[key]
        except KeyError:
            found = self._search(key) if len(self.memo) < self.LIMIT and key.isascii() else False
            if found is False:
                self.full = gazetteer()[0]
                self.memo.clear()
                return self.full.get(key, default)
            self.memo[key] = found
        return default if found is None else found

    def _search(self, key: str):
        """The entries of ``key`` in file order, None if there are none, False if it is too common."""
        if not key:
            return None
        raw = _raw()
        k = key.encode("ascii")
        n = len(k)
        starts = set()
        hits = 0
        i = raw.find(k)
        while i >= 0:
            if i and raw[i - 1] in b"\t|" and raw[i + n : i + n + 1] in (b"\t", b"|"):
                starts.add(raw.rfind(b"\n", 0, i) + 1)
            hits += 1
            if hits > self.MAX_HITS:
                return False
            i = raw.find(k, i + 1)
        out: list[Entry] = []
        for start in sorted(starts):
            end = raw.find(b"\n", start)
            line = raw[start : end if end >= 0 else len(raw)].decode("utf-8")
            if line.startswith("#"):
                continue
            keys, entry = _entry(line)
            out.extend([entry] * keys.split("|").count(key))
        return out or None


@functools.cache
def _index() -> _LazyIndex:
    return _LazyIndex()


@functools.cache
def _demonyms() -> dict[str, str]:
    """Folded demonym ("syrian") -> folded country name ("syria"), from the actors lexicon."""
    from ..lexicons import load

    return {fold(k): fold(v) for k, v in load("actors").get("demonyms", {}).items()}


@functools.cache
def _country_words() -> dict[str, str]:
    """Folded country name or demonym (1 to 4 words) -> iso3."""
    _countries, country_keys, _index = _country_table()
    out = dict(country_keys)
    for dem, country in _demonyms().items():
        if country in country_keys:
            out.setdefault(dem, country_keys[country])
    return out


@functools.cache
def _first_words() -> dict[str, int]:
    """First word of every country key -> the most words a key starting with it has."""
    out: dict[str, int] = {}
    for key in _country_words():
        words = key.split()
        if len(words) > out.get(words[0], 0):
            out[words[0]] = len(words)
    return out


@functools.cache
def _second_words() -> dict[str, frozenset[str]]:
    """First word of a country key -> the second words of its keys of two words or more."""
    out: dict[str, set[str]] = {}
    for key in _country_words():
        words = key.split()
        if len(words) > 1:
            out.setdefault(words[0], set()).add(words[1])
    return {k: frozenset(v) for k, v in out.items()}


def article_countries(text: str) -> dict[str, int]:
    """iso3 -> how many times the text names the country or its demonym."""
    words = _country_words()
    firsts = _first_words()
    seconds = _second_words()
    counts: dict[str, int] = {}
    toks = fold(text[:200_000].replace("\u2019", "'").replace("'s ", " ")).split()
    n = len(toks)
    done = 0  # words before this one belong to a name already counted
    # only the words some country name starts with (a list comprehension picks them quickly)
    for i in [i for i, tok in enumerate(toks) if tok in firsts]:
        if i < done:
            continue
        top = min(firsts[toks[i]], 4, n - i)
        if top > 1 and toks[i + 1] not in seconds.get(toks[i], ()):
            top = 1  # no longer name goes on with the next word ("the" before most words)
        for size in range(top, 0, -1):
            iso3 = words.get(" ".join(toks[i : i + size]))
            if iso3:
                counts[iso3] = counts.get(iso3, 0) + 1
                done = i + size
                break
    return counts


class _Mentions:
    """``article_countries`` of a document, counted only if a place name is ambiguous."""

    __slots__ = ("text", "counts")

    def __init__(self, text: str):
        self.text = text
        self.counts: dict[str, int] | None = None

    def get(self, iso3: str, default=None):
        if self.counts is None:
            self.counts = article_countries(self.text)
        return self.counts.get(iso3, default)


_SPLIT = r"\s*(?:,|;|/|\band\b|\bor\b|&)\s*"
# "X in Y", "X of Y", "Y east of Z", "near X", "outside X": the places inside a longer phrase
_CONTAINER = (
    r"\s+(?:in|of|near|outside|inside|at|from|(?:north|south|east|west|north-?east|north-?west|south-?east"
    r"|south-?west)(?:ern)?\s+of)\s+"
)
# ``\s`` as the ``regex`` module reads it on ASCII text (``re``'s also takes \x1c-\x1f)
_ASCII_SPACE = r"[\t\n\x0b\x0c\r ]"


@functools.cache
def _split_re():
    import regex

    return regex.compile(_SPLIT)


@functools.cache
def _container_re():
    import regex

    return regex.compile(_CONTAINER, regex.IGNORECASE)


@functools.cache
def _ascii_res():
    """``_split_re()`` and ``_container_re()`` for ASCII text, with ``re``: the same pieces there
    (ASCII classes and case folding in both engines), several times faster per call."""
    return (
        re.compile(_SPLIT.replace(r"\s", _ASCII_SPACE)),
        re.compile(_CONTAINER.replace(r"\s", _ASCII_SPACE), re.IGNORECASE),
    )


def _split(text: str) -> list[str]:
    return (_ascii_res()[0] if text.isascii() else _split_re()).split(text)


def _containers(piece: str) -> list[str]:
    return (_ascii_res()[1] if piece.isascii() else _container_re()).split(piece)


@functools.cache
def _rx() -> dict:
    """The stdlib patterns of ``parts_of`` and ``locate``, compiled once (not looked up in
    ``re``'s cache on every call)."""
    return {
        "head": re.compile(r"^\s*(?:the\s+)?([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})'s?\s+(.+)$"),
        "possessive": re.compile(r"([A-Z][\w.-]*)'s\s+"),
        "inner_possessive": re.compile(r"([A-Z][\w.'-]*)'s\s+"),
        "region": re.compile(r"\b(?:province|region|governorate|oblast|state|district)s?\b", re.I),
    }


def _strip(words: list[str]) -> list[str]:
    i, j = 0, len(words)
    while i < j and words[i] in LEAD:
        i += 1
    # "outskirts of X", "the port city of X", "the border town of X"
    for k in range(i, min(i + 5, j - 1)):
        if words[k] == "of":
            if all(w in GENERIC or w in LEAD or w in DESCRIPTORS for w in words[i:k]):
                i = k + 1
            break
    while j > i and words[j - 1] in GENERIC:
        j -= 1
    return words[i:j]


def parts_of(location: str) -> tuple[list[str], list[str]]:
    """(candidate keys in order, folded possessive country prefixes) of a location string."""
    text = location[:MAX_LOCATION].replace("\u2019", "'")
    rx = _rx()
    prefixes: list[str] = []
    # possessive prefixes: "Syria's Idlib province" -> country "Syria", rest "Idlib province"
    m = rx["head"].match(text)
    if m and fold(m.group(1)).rsplit(" ", 1)[-1] not in NOT_POSSESSORS:
        prefixes.append(fold(m.group(1)))
        text = m.group(2)
    # a possessive further on: "eastern Ukraine's Donetsk region" -> "Ukraine", "eastern Donetsk region"
    if "'s " in text:
        for m2 in rx["possessive"].finditer(text):
            if fold(m2.group(1)) not in NOT_POSSESSORS:
                prefixes.append(fold(m2.group(1)))
        text = rx["possessive"].sub(lambda m3: m3.group(0) if fold(m3.group(1)) in NOT_POSSESSORS else "", text)
    keys: dict[str, None] = {}
    # place names are capitalised: a piece without a capital letter ("a police station") is not looked up
    whole = _strip(fold(text).split()) if _CAP.search(text) else []
    if whole:
        keys[" ".join(whole)] = None
    pieces = _split(text)
    for piece in pieces:
        words = fold(piece).split()
        if not words or not _CAP.search(piece):
            continue
        for k in (" ".join(words), " ".join(_strip(words))):
            if k:
                keys.setdefault(k, None)
    # the places a longer phrase contains, the innermost first ("the village of X in Y district")
    for piece in pieces:
        inner = _containers(piece)
        if len(inner) > 1:
            for part in inner[:12]:
                if not _CAP.search(part):
                    continue
                for m2 in rx["inner_possessive"].finditer(part):  # "Ethiopia's Tigray" inside a phrase
                    prefixes.append(fold(m2.group(1)))
                part = rx["inner_possessive"].sub("", part)
                k = " ".join(_strip(fold(part).split()))
                if k:
                    keys.setdefault(k, None)
    return list(keys), prefixes


def _leading_names(location: str) -> list[str]:
    """Folded keys of the capitalised words each piece of ``location`` opens with (after words
    such as "the", "near", "northern"), longest first: "Zaporizhzhia nuclear plant" -> zaporizhzhia."""
    out: list[str] = []
    for piece in _split(location[:MAX_LOCATION].replace("\u2019", "'")):
        words = piece.split()
        i = 0
        while i < len(words) and fold(words[i]) in LEAD:
            i += 1
        j = i
        while j < len(words) and j - i < 4 and _CAP.match(words[j]):
            j += 1
        for k in range(j, i, -1):
            key = fold(" ".join(words[i:k]))
            if len(key) > 3 and key not in COMMON and key not in LEAD and key not in GENERIC and key not in out:
                out.append(key)
    return out


def _choose(entries, prefer: set[str], mentions: dict[str, int], want_region: bool):
    # the article's countries matter only when the entries are in more than one country
    one_country = all(e[2] == entries[0][2] for e in entries)

    def score(e):
        kind, _d, iso3, _a, pop = e
        rank = KIND_RANK[kind]
        if want_region and kind in ("admin1", "alias"):
            rank += 2
        return (iso3 in prefer, kind == "alias", not one_country and mentions.get(iso3, 0) > 0, rank, pop)

    return max(entries, key=score)


def locate(location: str | None, mentions=None) -> tuple[str | None, str | None]:
    """(iso3, admin1) of a location string, or (None, None)."""
    if not location or not location.strip():
        return None, None
    index = _index()
    country_index = _country_table()[2]  # where only a country is wanted
    if mentions is None:
        mentions = {}
    keys, prefixes = parts_of(location)
    dem = _demonyms()
    prefer: set[str] = set()
    prefer_keys: set[str] = set()
    for p in prefixes:
        for e in country_index.get(dem.get(p, p), ()):
            if e[0] == "country":
                prefer.add(e[2])
                prefer_keys.add(p)
                break
    want_region = bool(_rx()["region"].search(location[:MAX_LOCATION]))
    # "the Somali capital": a demonym before "capital" is the country, not a region of that name
    capital = location[:MAX_LOCATION].rstrip(" .").lower().endswith("capital")
    cands = []
    for key in keys:
        entries = (capital and key in dem and index.get(dem[key])) or index.get(key) or index.get(dem.get(key, ""))
        if entries:
            best = _choose(entries, prefer, mentions, want_region)
            cands.append((best, fold(best[1]) == key))
    if not cands:
        # last resorts: a region named in a possessive ("Hama's northern countryside"), then the
        # capitalised words a phrase opens with ("Zaporizhzhia nuclear plant", "Panjshir valley")
        named = [p for p in prefixes if p not in prefer_keys]
        for key in named + _leading_names(location):
            entries = index.get(key)
            if entries:
                best = _choose(entries, prefer, mentions, want_region)
                # an opening word is a weak sign: only a known region or a large city ("Green Zone")
                if key in named or best[0] in ("alias", "admin1") or best[4] >= 100_000:
                    cands.append((best, fold(best[1]) == key))
                    break
    if cands:
        countries = {c[0][2] for c in cands}
        if len(countries) > 1:
            # the parts disagree ("Amani" is also a name of Amman): vote, regions and primary names weigh more
            votes: dict[str, float] = {}
            for (kind, _d, iso3, _a, _p), primary in cands:
                w = 3 if kind in ("alias", "admin1", "country") else (2 if primary else 1)
                votes[iso3] = votes.get(iso3, 0) + w + (3 if iso3 in prefer else 0) + (1 if mentions.get(iso3) else 0)
            top = max(votes, key=lambda c: votes[c])
            cands = [c for c in cands if c[0][2] == top]
        iso3 = cands[0][0][2]
        # the region of the innermost part that has one: "Rutshuru ... of North Kivu Province"
        admin1 = next((c[0][3] for c in cands if c[0][0] != "country" and c[0][3]), "")
        return iso3, admin1 or None
    if prefer:
        return next(iter(prefer)), None
    # a demonym or a country name among the words: "the Ukrainian capital", "central Myanmar"
    words = fold(location[:MAX_LOCATION]).split()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            w = " ".join(words[i : i + size])
            for e in country_index.get(dem.get(w, w if size > 1 or len(w) > 3 else ""), ()):
                if e[0] == "country":
                    return e[2], None
    return None, None


def resolve(doc, records, settings) -> None:
    todo = [r for r in records if getattr(r, "location", None) and getattr(r, "country", None) is None]
    if not todo:
        return
    mentions = _Mentions(doc.text)
    for rec in todo:
        loc = rec.location
        if isinstance(loc, list):
            loc = " and ".join(str(x) for x in loc)
        iso3, admin1 = locate(loc, mentions)
        rec.country = iso3
        if admin1 and rec.admin1 is None:
            rec.admin1 = admin1

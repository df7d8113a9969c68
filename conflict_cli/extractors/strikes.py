"""Strike extractor: every reported armed attack in a sentence, as ``Strike`` records.

How it works, one sentence at a time:

1. One compiled trigger regex (all surfaces of ``lexicons/en/weapons.toml``) is the prefilter.
2. Each trigger is a *safe* attack word (fires anywhere), an *ambiguous* one ("strike", "hit",
   "attack": fires only with a conflict cue in the sentence) or a *means* (a weapon or platform:
   "missiles", "warplanes"), which is an attack only with a delivery verb ("fired two missiles").
   Triggers in a non-military sense (labour strikes, sport, quakes, accidents), or only threatened,
   hypothetical, denied or spoken of as a trend, are dropped (``strike_cues.toml``).
3. Neighbouring triggers of one clause form one attack ("drone and rocket attacks", "Israeli jets
   and tanks continued their strikes"); triggers in separate clauses form separate attacks.
4. Roles come from the shape of the sentence: ``by <NP>``, a nationality or proper-noun modifier
   before the attack word, or the subject of an attack verb give the actor; ``on/against/of <NP>``,
   the object of an attack verb, a passive subject or the victims give the target; ``in/near
   <Place>`` gives the location; "two air strikes", "struck seven times" give the count.

A generic attack word with no weapon of its own keeps ``unspecified`` and a rule ending in
``:generic-strike`` or ``:generic-attack``; ``resolve/weapons.py`` then gives it the weapon the article
reports for that incident.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .. import lexicons
from ..lazyrx import plain as _plain
from ..lexicons import trie
from ..models import Document, Sentence, Strike

NAME = "strikes"
VERSION = "1"

WEAPON_ORDER = ("air", "drone", "missile", "rocket", "artillery", "explosive", "ground")


@dataclass(slots=True)
class _Trig:
    start: int
    end: int
    text: str
    tier: str  # safe | ambiguous | means
    weapon: str  # a weapon class or "unspecified"
    generic: str | None = None  # "strike" | "attack" when the word names no weapon
    norm: str = ""  # ``_norm(text)``, computed once (the rules read it many times)


@dataclass(slots=True)
class _Chain:
    trigs: list[_Trig] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.trigs[0].start

    @property
    def end(self) -> int:
        return self.trigs[-1].end


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


# The patterns of the extractor, compiled with ``regex`` the first time a rule asks for one (``_rx()[name]``):
# a short article reaches only some rules, and every pattern costs about a millisecond to compile.
# the words that end a place phrase ("in Gaza on Monday", "near Kharkiv killing ..."); matched as a prefix
# tree (only a match's start is read, and the tree matches at the same places as the plain alternation,
# about twice as fast)
_LOC_STOP_WORDS = (
    "on at with killing killed kills wounding injuring leaving that which who where when as after "
    "monday tuesday wednesday thursday friday saturday sunday tonight "
    "before since from for during to amid while but said says told according including because following "
    "was were is are has have had by over against late early last yesterday today overnight "
    "approximately about some this next all despite where because due kill kills killing wounds hurt "
    "left wounded injured"
).split()

_PATTERNS: dict[str, tuple] = {  # (pattern or a function that writes it on first use, flags)
    "after_modal": (
        r"^\W{0,3}(?:[\w'-]+\s+){0,4}?(?:could|would|might|may|will|should|must|can|have\s+been\s+on\s+the\s+rise)\b",
        re.I,
    ),
    # a noun phrase: up to eight words, no clause punctuation
    "np": (r"((?:\"?[\w'.&\"-]+\"?(?:,\s+(?=[A-Z]\w+\s+(?:and|or)\b))?(?:\s+|$)){1,9})", re.I),
    "stop": (
        r"\s(?:in|on|at|near|inside|outside|behind|with|killing|killed|kills|kill|wounding|wounded|injuring|injured|leaving|left|that|"
        r"which|who|whom|where|when|as|after|before|since|from|for|during|to|amid|while|but|said|says|told|"
        r"according|including|because|following|using|causing|resulting|was|were|is|are|has|have|had|"
        r"early|late|last|this|yesterday|today|overnight|all|and\s+(?:the\s+)?(?:killed|wounded|injured)|"
        r"came|comes|continued|took|followed|drew|draws|prompted|sparked|by|over|across|around|under|into|onto|against|about|"
        r"killing|damaged|damaging|destroying|destroyed|setting|because|so|then|later|again|landed|fell|exploded|"
        r"struck|targeted|believed|(?:right|just|shortly|soon|immediately)\s+(?:after|before)|"
        r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|tonight|now)\b"
        r"|[;:()!?]|,(?!\s+[\w'-]+(?:\s+[\w'-]+)?(?:,|\s+and\b))|\s-\s?|(?<![A-Z])\.(?:\s|$)|\"\s|$",
        re.I,
    ),
    "loc_prep": (
        r"(?<![\w-])(?:in|near|across|outside|around|throughout|all\s+over|on\s+the\s+outskirts\s+of|"
        r"(?:north|south)(?:-?(?:east|west))?\s+of|east\s+of|west\s+of)\s+(?=\S)",
        re.I,
    ),
    "loc_stop": (
        lambda: (
            r"\s(?i:"
            + trie(_LOC_STOP_WORDS)
            + r")\b|[;:()!?\"]|,(?!\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?(?:[,.]|$))|\s-\s?|\.(?:\s|$)|$"
        ),
        0,
    ),
    "geo_word": (
        r"\b(?:province|region|district|city|town|village|capital|area|state|county|governorate|oblast|strip|"
        r"territory|border|camp|neighbourhood|neighborhood|outskirts|north|south|east|west|northern|southern|"
        r"eastern|western|central)\b",
        re.I,
    ),
    "cap": (r"(?<![\w'-])[A-Z][\w'.-]*", 0),
    "clause_break": (
        r"[;:]|\s-\s|\b(?:while|when|whereas|but|although|though|because|after|before|since|as|said|says|told|"
        r"according|who|which|that|where|following|amid|despite|in\s+(?:response|retaliation|reply))\b",
        re.I,
    ),
    "and_break": (r"(?:,|\band\b|\bor\b)", re.I),
    "by_actor": (
        r"^\W{0,3}(?:(?:launched|fired|carried|out|conducted|believed|to|have|been|allegedly|reportedly|the|same|"
        r"staged|used|mounted|last|night|on|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|blamed|"
        r"claimed|apparently|was|were|is|are|had|has|attempt)\s+){0,6}by\s+"
        r"(?!the\s+time\b|then\b|far\b|now\b|night\b|day\b|air\b|land\b|sea\b)",
        re.I,
    ),
    "verb_before": (
        r"\b(?:carried\s+out|conducted|launched|launch|launches|staged|mounted|fired|fires|unleashed|used|uses|"
        r"set\s+off|sets\s+off|detonated|detonates|planted|plants|triggered|threw|hurled|lobbed|tossed|"
        r"claimed\s+responsibility\s+for|responsible\s+for|carry\s+out|conduct|claimed|claims)"
        r"\s+(?:(?:an?|the|two|three|four|five|six|seven|eight|nine|ten|several|\d+|its|their|his|new|fresh|"
        r"near-daily|daily|multiple|repeated|heavy|intensive|another|more)\s+){0,3}(?:[\w-]+\s+){0,3}$",
        re.I,
    ),
    "tail_aux": (
        r"(?:\s+(?:has|have|had|is|are|was|were|also|reportedly|allegedly|then|later|again|on|last|night|"
        r"yesterday|today|early|late|overnight|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
        r"morning|evening|afternoon|subsequently|continued|continue|continues|their|its|had\s+been|been|"
        r"repeatedly|allegedly))+$",
        re.I,
    ),
    "lead_strip": (
        r"^(?:[A-Z][A-Z .,'-]{2,40}?(?:\([\w .]+\))?\s*[-:]\s+|(?:and|but|then|also|that|so|when|while|as|after|"
        r"before|where)\s+)+",
        0,
    ),
    "passive": (r"\b(?:was|were|is|are|been|being|be|get|got)\s+(?:\w+ly\s+)?(?:again\s+)?$", re.I),
    "times": (r"^\s+(?:\w+\s+){0,1}?times\b", re.I),
    "count_gap": (
        r"^(?:\s+(?!(?:of|in|on|at|by|and|or|the|people|civilians|from|to)\b)[\w-]+){0,3}\s+$",
        re.I,
    ),
    "airforce": (r"\b(?:air\s*force|aerospace\s+forces|warplanes?|jets?)\b", re.I),
    # a verb after an attack noun that states a fact about that attack ("the blast killed", "the attack,
    # which targeted", "the explosion in the market on Friday wounded")
    "fact_after": (
        r"(?:\s+(?:in|at|on|near|outside|inside|of)\s+[^,;.\"]{1,80}?)?(?:,\s+[^,;]{1,60},)?,?\s+\"?(?:(?:which|that)\s+)?"
        r"(?:(?:had|has|have|was|were|also|reportedly|apparently|allegedly|then|later|on\s+\w+|"
        r"(?:early|late)\s+\w+)\s+){0,3}"
        r"(?:killed|kills|killing|wounded|wounds|wounding|injured|injuring|injures|hit|hits|struck|strikes|"
        # its force is a fact about it ("the explosion was very powerful")
        r"(?:so\s+|very\s+|extremely\s+)?(?:powerful|massive|huge)\b|"
        r"targeted|targets|targeting|destroyed|destroying|damaged|damaging|left|leaves|leaving|occurred|"
        r"happened|took\s+place|went\s+off|exploded|shattered|tore|ripped|wrecked|claimed\s+the\s+lives|"
        r"(?:was|were)\s+carried\s+out|carried\s+out|flattened|levelled|leveled|razed|set\s+fire|collapsed|"
        r"blew|sparked|caused|cost|landed|fell|slammed|crashed|impacted|pounded|pounding|rained|hammered|shelled|"
        r"bombed|fired|launched|erupted|broke\s+out|raged|rages|continue|continues|continued|"
        r"(?:was|were)\s+(?:\w+ly\s+)?(?:conducted|launched|staged|mounted|executed|fired|dropped)|"
        r"(?:is|was)\s+the\s+(?:\w+\s+)?(?:first|second|third|fourth|fifth|latest|deadliest|biggest|largest|worst)|"
        # its purpose ("the airstrike was conducted in support of ground forces")
        r"(?:is|was|were)\s+(?:\w+\s+)?in\s+support\s+of|"
        # a defining copula ("the Old Town bombing was a terrorist attack on a cafe")
        r"(?:is|was)\s+an?\s+(?:[\w-]+\s+){0,2}?(?:attack|bombing|massacre|shooting|assault|ambush|raid))\b",
        re.I,
    ),
    # a casualty or damage verb that takes the attack as its cause ("were killed in the attack")
    "fact_before": (
        r"\b(?:killed|wounded|injured|hurt|damaged|destroyed|hit|struck|targeted|slain|maimed|died|caused|"
        r"lost\s+(?:their|his|her)\s+(?:lives|legs?|arms?|limbs?|eyes?|sight))(?:\s+[\w'-]+){0,3}?\s+"
        r"(?:in|by|during|from|as\s+a\s+result\s+of)\s+[\w'\"-]+$"
        # "women and children were among the victims of the attack"
        r"|\bvictims\s+of\s+[\w'\"-]+$",
        re.I,
    ),
    "fronted_in": (r"^\W{0,3}(?:In|During|Amid)\s+(?:[\w'-]+\s+){0,4}$", 0),
    "casualty_clause": (
        r",\s+(?:[\w'-]+\s+){0,8}?(?:(?:were|was|have\s+been|had\s+been)\s+)?(?:killed|wounded|injured|died|"
        r"lost\s+their\s+lives)\b",
        re.I,
    ),
    "resp_claim": (
        r"\b(?:responsibility|credit|blame)\s+for\s+(?:[\w'-]+\s+){1,3}$|\b(?:claimed|claims|claim)\s+"
        r"(?:[\w'-]+\s+){1,2}$",
        re.I,
    ),
    "armed_in": (r"(?:\s+[\w'-]+){0,6}?\s+(?:in|during)\s+(?:an?|the|their|its)(?:\s+[\w-]+){0,2}?\s+$", 0),
    "who_before": (r"\bwho(?:\s+[\w'-]+){0,2}\s*$", re.I),
    "victim_relative": (
        r"\bwho(?:se)?\s+(?:[\w'-]+,?\s+){0,8}?(?:killed|wounded|injured|hurt|maimed|died)\s+(?:in|by|during)\s+\S+$",
        re.I,
    ),
    "legal": (
        r"\b(?:trial|guilty|convicted|sentenced|sentencing|verdict|jury|prosecutors?|charged|indicted|"
        r"investigation|investigators|probe|arrested|arrest)\b",
        re.I,
    ),
    "det": (r"^(?:the|a|an|this|that|these|those)\s+", re.I),
    "legal_head": (
        r"\s+(?:suspects?|probes?|inquiry|investigations?|trial|case|plot|plotters?|charges?|defendants?|"
        r"convicts?|conviction|mastermind|squads?|disposal|shelters?|use|components|makers?|making|factory|"
        r"factories|cells?|experts?|detectors?|sniffing|helicopters?|submarines?|ads?|dogs?|group|force)"
        r"(?-i:(?![a-z0-9_-]))",  # (a glued capital may follow: "SuspectThe")
        re.I,
    ),
}

_BUILDERS: dict = {}


def _builds(*names: str):
    """Register a function that computes the named entries of ``_rx()`` (all of them in one call)."""

    def register(fn):
        for name in names:
            _BUILDERS[name] = fn
        return fn

    return register


# Speed: on a plain sentence (ASCII, see ``_plain``) the standard-library engine finds the same matches
# as ``regex``, compiles in about half the time and runs most of these patterns faster; ``_rx_plain()``
# holds those versions. These few run faster with ``regex`` and keep it everywhere.
_REGEX_FASTER = frozenset({"verb_before", "passive", "and_break", "legal", "fact_before", "resp_claim"})


class _Rx(dict):
    """The extractor's patterns, word lists and tables, each built on first use (see ``_PATTERNS``).
    ``plain``: the patterns for plain sentences; every other entry is the one of ``_rx()``."""

    def __init__(self, plain: bool = False) -> None:
        super().__init__()
        self.plain = plain
        self._inline: dict = {}

    def __missing__(self, name: str):
        spec = _PATTERNS.get(name)
        if spec is not None and callable(spec[0]):
            spec = (spec[0](), spec[1])
        if self.plain:
            self[name] = re.compile(*spec) if spec is not None and name not in _REGEX_FASTER else _rx()[name]
        elif spec is not None:
            import regex

            self[name] = regex.compile(*spec)
        else:
            _BUILDERS[name](self)
        return self[name]

    # a pattern written in place in a rule, compiled once with this set's engine
    def pat(self, pattern: str, flags: int = 0):
        key = (pattern, flags)
        p = self._inline.get(key)
        if p is None:
            p = self._inline[key] = re.compile(pattern, flags) if self.plain else _re(pattern, flags)
        return p

    def search(self, pattern: str, text: str, flags: int = 0):
        return self.pat(pattern, flags).search(text)

    def match(self, pattern: str, text: str, flags: int = 0):
        return self.pat(pattern, flags).match(text)

    def sub(self, pattern: str, repl: str, text: str, flags: int = 0):
        return self.pat(pattern, flags).sub(repl, text)

    def isearch(self, pattern: str, text: str):
        return self.pat(pattern, re.I).search(text)

    def finditer(self, pattern: str, text: str):
        return self.pat(pattern).finditer(text)


@functools.cache
def _rx() -> _Rx:
    return _Rx()


@functools.cache
def _rx_plain() -> _Rx:
    return _Rx(plain=True)


@functools.cache
def _all_patterns() -> tuple[_Rx, _Rx]:
    """Every entry of ``_rx()`` and ``_rx_plain()`` built (for the regex safety test, which walks the
    cached factories)."""
    rx, plain = _rx(), _rx_plain()
    for name in (*_PATTERNS, *_BUILDERS):
        rx[name]
        plain[name]
    return rx, plain


@functools.cache
def _lexicon(name: str) -> dict:
    return lexicons.load(name)


@_builds("table", "generic")
def _build_tables(r: dict) -> None:
    wl = _lexicon("weapons")
    table: dict[str, tuple[str, str]] = {}
    for tier in ("means", "ambiguous", "safe"):  # later tiers win on a shared surface
        for weapon, terms in wl[tier].items():
            for t in terms:
                table[_norm(t)] = (tier, weapon)
    generic = {}
    for kind, terms in wl["generic"].items():
        for t in terms:
            generic[_norm(t)] = kind
    ak = wl["armed_kill"]
    for h in ak["heads"]:
        for v in ak["verbs"]:
            table[_norm(f"{h} {v}")] = ("safe", "unspecified")
            generic[_norm(f"{h} {v}")] = "armed"
        for b in ak["by"]:
            for det in ("", "the ", "suspected "):
                table[_norm(f"{b} {det}{h}")] = ("safe", "unspecified")
                generic[_norm(f"{b} {det}{h}")] = "armed-by"
    for t in wl["shot_by"]["surfaces"]:
        table[_norm(t)] = ("safe", "ground")
        generic[_norm(t)] = "armed-by"
    r["table"] = table
    r["generic"] = generic


# Word lists found in a lower-cased sentence (``_Phrases``): the trigger surfaces, the sense cues and
# the delivery verbs.
@_builds("triggers")
def _build_triggers(r: dict) -> None:
    r["triggers"] = _Phrases(r["table"])


@_builds("safe_keys")
def _build_safe_keys(r: dict) -> None:
    # the first word runs of the safe trigger surfaces (see ``_Phrases``)
    r["safe_keys"] = _Words(_RUN.match(k).group() for k, (tier, _) in r["table"].items() if tier == "safe")


@_builds("conflict_lc", "not_conflict_lc", "irrealis", "trend", "aside")
def _build_cues(r: dict) -> None:
    cues = _lexicon("strike_cues")
    r["conflict_lc"] = _Phrases(cues["conflict"]["words"])
    r["not_conflict_lc"] = _Phrases(cues["not_conflict"]["phrases"])
    r["irrealis"] = _Phrases(cues["irrealis"]["words"])
    r["trend"] = _Phrases(cues["trend"]["words"])
    r["aside"] = _Phrases(cues["aside"]["phrases"])


@_builds("realis_keys")
def _build_realis_keys(r: dict) -> None:
    r["realis_keys"] = r["irrealis"].keys | r["trend"].keys | r["aside"].keys


@_builds("delivery")
def _build_delivery(r: dict) -> None:
    r["delivery"] = _Phrases(_lexicon("weapons")["delivery"]["verbs"])


@_builds("trigger")
def _build_trigger(r: dict) -> None:
    # the trigger tree matched case-insensitively on the original text: only for the rare text whose
    # lower-cased copy could match differently (see ``_plain``)
    import regex

    r["trigger"] = regex.compile(r"(?<![\w-])(?:" + trie(r["table"]) + r")(?![\w-])", regex.I)


@_builds("loc_prep_lc")
def _build_loc_prep_lc(r: dict) -> None:
    pattern, _ = _PATTERNS["loc_prep"]  # all lower case: the same matches in a lower-cased plain text
    r["loc_prep_lc"] = re.compile(pattern)


# Speed: an IGNORECASE pattern run by ``re`` on the lower-cased copy of a plain sentence, lower-cased
# itself and without the flag, finds the same matches 2.5 to 4 times faster (the engine can look for
# literal words). Only for patterns whose escapes all stay the same in lower case (no \W \S \B \D \A \Z).
def _build_lower_case(name: str) -> None:
    def build(r: dict) -> None:  # (each compiled when first asked for)
        pattern, _ = _PATTERNS[name]
        assert not re.search(r"\\[WSBDAZ]", pattern), name
        r[name + "_lc"] = re.compile(pattern.lower())

    _builds(name + "_lc")(build)


for _name in ("clause_break", "verb_before", "stop", "fact_after"):
    _build_lower_case(_name)
del _name


@_builds("maybe_number")
def _build_maybe_number(r: dict) -> None:
    from ..numbers import _SCALE_WORDS, TENS, UNITS

    # a window with no digit and no number word holds no figure: ``find_quantities`` is skipped there
    r["maybe_number"] = re.compile(r"\d|(?<![a-z])(?:" + "|".join(sorted({*UNITS, *TENS, *_SCALE_WORDS})) + ")")


@_builds("demonym_set", "actor_head_set", "country_set", "modifier_set", "platform_set", "time_set")
def _build_role_sets(r: dict) -> None:
    roles = _lexicon("strike_roles")
    r["demonym_set"] = {_norm(d) for d in roles["demonyms"]["words"]}
    r["actor_head_set"] = {_norm(d) for d in roles["actor_heads"]["words"]}
    r["country_set"] = {_norm(d) for d in roles["countries"]["words"]}
    r["modifier_set"] = {_norm(d) for d in roles["weapon_modifiers"]["words"]}
    r["platform_set"] = {_norm(d) for d in roles["platforms"]["words"]}
    r["time_set"] = {w.lower() for w in roles["time"]["words"]}


@_builds("victim_after", "victim_before", "died_after")
def _build_victims(r: dict) -> None:
    victims = trie(_lexicon("strike_roles")["victims"]["words"])  # these run over the lower-cased sentence
    num = r"(?:\d[\d,.]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|" + (
        r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|dozens?|scores|several|many)"
    )
    qual = r"(?:(?:at\s+least|more\s+than|about|around|some|nearly|almost|over|up\s+to|close\s+to)\s+)?"
    r["victim_after"] = re.compile(
        r"\b(?:kill(?:s|ed|ing)?|shot\s+dead|massacred|executed|wound(?:s|ed|ing)?|injur(?:es|ed|ing)?)\s+"
        + qual
        + num
        + r"(?:\s+(?:of\s+)?(?:the|his|her|their|its)?\s*)?\s*((?:[\w'-]+\s+){0,2}?(?:"
        + victims
        + r"))\b",
        0,
    )
    r["victim_before"] = re.compile(
        # ("100 members of the border police were killed": the victims may carry an "of" phrase)
        r"\b(?:"
        + num
        + r")\s+((?:[\w'-]+\s+){0,2}?(?:"
        + victims
        + r")(?:\s+of\s+(?:the\s+)?[\w'()-]+(?:\s+[\w'()-]+){0,5}?)?)"
        r"(?:,[^,]{1,40},)?\s+"
        r"(?:(?:were|was|have\s+been|had\s+been|are|has\s+been|being|reportedly)\s+){0,2}"
        r"(?:killed|died|dead|injured|wounded|martyred|lost\s+their\s+lives)\b",
        0,
    )
    r["died_after"] = re.compile(r"\b(" + victims + r")\s+(?:have|had|has)\s+died\b")


# A run of word characters and hyphens: what the ``(?<![\w-])`` / ``(?![\w-])`` edges of a word list see.
_RUN = re.compile(r"[\w-]+")


# the same runs of an ASCII text by a byte translation and a split: several times faster than ``findall``
_RUN_BYTES = bytes.maketrans(
    bytes(range(128)), bytes(c if chr(c).isalnum() or chr(c) in "_-" else 32 for c in range(128))
)


def _runs(s: str) -> list:
    """The runs of ``s`` (``_RUN.findall``), as bytes when ``s`` is ASCII."""
    if s.isascii():
        return s.encode().translate(_RUN_BYTES).split()
    return _RUN.findall(s)


class _Words:
    """A set of words (runs) to meet with the runs of a text, whichever form ``_runs`` gave them in."""

    __slots__ = ("str", "bytes", "_decode")

    def __init__(self, words) -> None:
        self.str = frozenset(words)
        self._decode = {w.encode(): w for w in self.str if w.isascii()}
        self.bytes = frozenset(self._decode)

    def __or__(self, other: _Words) -> _Words:
        return _Words(self.str | other.str)

    def hits(self, runs: list):
        if runs and runs[0].__class__ is bytes:
            if self.bytes.isdisjoint(runs):
                return ()
            decode = self._decode
            return [decode[w] for w in self.bytes.intersection(runs)]
        return self.str.intersection(runs)

    def isdisjoint(self, runs: list) -> bool:
        if runs and runs[0].__class__ is bytes:
            return self.bytes.isdisjoint(runs)
        return self.str.isdisjoint(runs)


# how many times a key of ``_Phrases`` is matched by a walk in Python before its tree is compiled
_WALK_USES = 3


class _Phrases:
    """A word list found in a lower-cased text: the spans that ``re.finditer`` of the prefix tree
    ``(?<![\\w-])(?:<surfaces>)(?![\\w-])`` gives (leftmost, longest, not overlapping; a space of a surface
    matches any run of whitespace), without compiling that tree: a tree of hundreds of surfaces takes
    milliseconds to compile and most sentences hold none of its words. Each surface is filed under its
    first run of word characters; the runs of a text are collected once (``runs``), only the runs that
    begin some surface are located, and a small tree is compiled for a word that begins several surfaces."""

    __slots__ = ("keys", "_surfaces", "_trees", "_uses", "_later")

    def __init__(self, terms) -> None:
        by_key: dict[str, set[str]] = {}
        for t in terms:
            s = " ".join(t.lower().split())
            m = _RUN.match(s)
            if not s or not m:
                raise ValueError(f"a surface must begin with a word character: {t!r}")
            by_key.setdefault(m.group(), set()).add(s)
        self._surfaces = by_key
        self._trees: dict[str, re.Pattern] = {}
        self._uses: dict[str, int] = {}
        self.keys = _Words(by_key)
        # Speed: a key all of whose surfaces are several runs long ("on strike", "on the way") matches
        # only where the text holds a later run of one of them as well; a run of a matched surface is a
        # whole run of the text (the surface has the ``[\w-]`` edges, its spaces match whitespace), so
        # when none of those runs is among the runs of the text the key is not looked for at all (most
        # occurrences of "on" have no surface of the list)
        self._later: dict[str, _Words] = {}
        for key, surfaces in by_key.items():
            last = [_RUN.findall(t)[-1] for t in surfaces]
            if all(t != key for t in last):  # (the last run of a one-run surface is the key)
                self._later[key] = _Words(last)

    def _end(self, s: str, p: int, key: str) -> int:
        """The end of the longest surface filed under ``key`` at ``p`` (where a whole run ``key`` is), or -1."""
        surfaces = self._surfaces[key]
        if len(surfaces) == 1 and key in surfaces:
            return p + len(key)
        tree = self._trees.get(key)
        if tree is None:
            # first-use speed: a key met only a few times is matched by walking its surfaces in Python
            # (microseconds) instead of compiling their tree (about a millisecond); a frequent one is compiled
            n = self._uses[key] = self._uses.get(key, 0) + 1
            if n <= _WALK_USES:
                return self._walk(s, p, key)
            tree = self._trees[key] = re.compile("(?:" + trie(surfaces) + r")(?![\w-])")
        m = tree.match(s, p)
        return m.end() if m else -1

    def _walk(self, s: str, p: int, key: str) -> int:
        """What ``tree.match(s, p)`` of ``_end`` gives: the end of the longest surface matching at ``p`` (a
        space of a surface matches a run of whitespace) with no ``[\\w-]`` character after it, or -1. (The
        tree's branches start with distinct characters, so one path is followed and the engine backtracks
        from its end to the last complete surface that passes the edge test: the longest.)"""
        n = len(s)
        best = -1
        for surface in self._surfaces[key]:
            i = p
            for k, tok in enumerate(surface.split(" ")):
                if k:
                    if i >= n or not s[i].isspace():
                        break
                    i += 1
                    while i < n and s[i].isspace():
                        i += 1
                if not s.startswith(tok, i):
                    break
                i += len(tok)
            else:
                if i > best and (i == n or not ((c := s[i]).isalnum() or c == "_" or c == "-")):
                    best = i
        return best

    def spans(self, s: str, pos: int = 0, endpos: int | None = None, runs=None, first: bool = False):
        """[(start, end)] of the surfaces in ``s[pos:endpos]`` (``re`` semantics: the character before ``pos``
        is seen, nothing after ``endpos``). ``runs``: the runs of ``s`` if already known (any superset will do)."""
        if endpos is not None and endpos < len(s):
            s = s[:endpos]
        if runs is None:
            runs = _RUN.findall(s, pos)
        hits = self.keys.hits(runs)
        if not hits:
            return []
        n = len(s)
        starts = []
        later = self._later
        for key in hits:
            w = later.get(key)
            if w is not None and w.isdisjoint(runs):
                continue  # no surface of this key can be complete here (see ``__init__``)
            k = len(key)
            p = s.find(key, pos)
            while p >= 0:
                # a whole run: no ``[\w-]`` character on either side (tested in place: the hottest loop here)
                if (p == 0 or not ((c := s[p - 1]).isalnum() or c == "_" or c == "-")) and (
                    p + k == n or not ((c := s[p + k]).isalnum() or c == "_" or c == "-")
                ):
                    starts.append((p, key))
                p = s.find(key, p + 1)
        if len(starts) > 1:
            starts.sort()
        out = []
        last = pos
        for p, key in starts:
            if p < last:
                continue
            e = self._end(s, p, key)
            if e >= 0:
                out.append((p, e))
                if first:
                    break
                last = e
        return out

    def search(self, s: str, pos: int = 0, endpos: int | None = None, runs=None) -> tuple[int, int] | None:
        found = self.spans(s, pos, endpos, runs, first=True)
        return found[0] if found else None

    def fullmatch_word(self, word: str) -> bool:
        """``word`` (no whitespace, lower case) is one of the surfaces."""
        return word in self._surfaces.get(word, ())


class _Facts:
    """What the rules share about one sentence: its lower-cased copy, whether that copy can stand in
    for case-insensitive matching (``_plain``), and results that depend on the sentence alone."""

    __slots__ = ("low", "plain", "victim", "legal", "needs")

    def __init__(self, text: str, low: str, runs: list) -> None:
        self.low = low
        self.plain = _plain(text)
        # the bits of the ``_Needs`` with a word somewhere in the sentence (every sentence that gets
        # this far asks about some of them)
        self.needs: int = _need_bits(runs)
        self.victim: object = False  # not looked for yet
        self.legal: bool | None = None  # not looked for yet


# Speed: most rules search a short window with a pattern that cannot match unless one of a few words is
# there. ``_seen`` / ``_seen_cs`` test for those words with ``str.find`` (no slicing, no regex call) and
# let the rule skip its pattern -- and its compilation -- when none is present.
class _Needs:
    """Words one of which a rule's pattern needs, looked for with one lazily compiled alternation of
    the literal words (one ``re`` call instead of a ``str.find`` per word)."""

    __slots__ = ("words", "_rx", "bit")

    def __init__(self, *words: str) -> None:
        self.words = words
        self._rx: re.Pattern | None = None
        self.bit = 1 << len(_ALL_NEEDS)
        _ALL_NEEDS.append(self)

    def found(self, s: str, lo: int, hi: int) -> bool:
        if len(self.words) == 1:
            return s.find(self.words[0], lo, hi) >= 0
        rx = self._rx
        if rx is None:
            rx = self._rx = re.compile("|".join(re.escape(w) for w in self.words))
        return rx.search(s, lo, hi) is not None


_ALL_NEEDS: list[_Needs] = []


# Speed: most sentences hold none of the words of most ``_Needs``; which ones they hold is known from
# their word runs (a need word is all letters, so it lies inside one run of the lower-cased copy) and
# the need words inside a run are a pure function of the run, kept here. A sentence then answers a
# need it lacks with a bit test instead of a search of the window.
_RUNS_SEEN: set = set()  # runs (str or bytes, as ``_runs`` gives them) already looked at
_RUN_BITS: dict = {}  # run -> the bits of the ``_Needs`` with a word inside it (runs with none left out)
_ANY_NEED: list = []  # [every need word in one alternation], compiled on first use


def _need_bits(runs: list) -> int:
    """The bits of the ``_Needs`` with a word in one of ``runs`` (set operations: no loop over the runs)."""
    if _RUNS_SEEN.issuperset(runs):
        # the common case, every run already known: no set of the runs is built (1.7 times faster); the
        # intersection iterates over ``runs`` and looks each one up
        bits = 0
        for run in _RUN_BITS.keys() & runs:
            bits |= _RUN_BITS[run]
        return bits
    rs = set(runs)
    new = rs - _RUNS_SEEN
    if new:
        if len(_RUNS_SEEN) >= 100_000:  # (bounded: hostile input may bring any number of distinct runs)
            _RUNS_SEEN.clear()
            _RUN_BITS.clear()
            new = rs  # this sentence's known runs lost their bits too: look at all of them again
        if not _ANY_NEED:
            words = {w for n in _ALL_NEEDS for w in n.words}
            _ANY_NEED.append(re.compile("|".join(re.escape(w) for w in sorted(words))))
        any_need = _ANY_NEED[0].search
        for run in new:
            s = run.decode() if run.__class__ is bytes else run
            if any_need(s):  # most runs hold no need word
                bits = 0
                for n in _ALL_NEEDS:
                    if any(w in s for w in n.words):
                        bits |= n.bit
                if bits:
                    _RUN_BITS[run] = bits
        _RUNS_SEEN.update(new)
    bits = 0
    for run in rs & _RUN_BITS.keys():
        bits |= _RUN_BITS[run]
    return bits


def _seen(f: _Facts, words: _Needs, lo: int, hi: int) -> bool:
    """False only when no word of ``words`` (lower case) is in the sentence between ``lo`` and ``hi``:
    a case-insensitive pattern that needs one of them cannot match there."""
    if not f.plain:
        return True  # an exotic case fold could match without the plain word
    if not f.needs & words.bit:
        return False
    return words.found(f.low, lo, hi)


def _seen_cs(f: _Facts, text: str, words: _Needs, lo: int, hi: int) -> bool:
    """Like ``_seen`` for a case-sensitive pattern: one of ``words`` is in ``text[lo:hi]`` (``text``: the
    sentence of ``f``; a lower-case word in it is in the lower-cased copy as well)."""
    if not f.needs & words.bit:
        return False
    return words.found(text, lo, hi)


# the words the rules' patterns need (see the rules)
_DENY = _Needs("deny", "deni", "rejected", "dismissed", "refuted")  # deny, denies, denied, denying
_MODAL = _Needs("could", "would", "might", "may", "will", "should", "must", "rise", "can")
_FOILED = _Needs(
    "foiled", "thwarted", "averted", "prevented", "stopped", "intercepted", "defused", "dismantled", "not", "failed"
)
_SHOT_DOWN = _Needs("shot", "intercepted", "downed", "destroyed")
_TIMES = _Needs("times")
_BY = _Needs("by")
_BLAME = _Needs("accus", "blam", "hold", "held")
_INVOLVED = _Needs("involved")
_KILLED_IN = _Needs("killed", "wounded", "hit", "targeted")
_UNDER = _Needs("under", "beneath")
_LANDED = _Needs("landed", "fell", "exploded", "impacted", "crashed")
_AGAINST = _Needs("against", "target")
_SUBJECTED = _Needs("subjected", "exposed")
_RESP = _Needs("responsibility", "credit", "blame", "claim")
_HURT = _Needs("kill", "shot", "massacred", "executed", "wound", "injur")
_HURT_PASSIVE = _Needs("killed", "died", "dead", "injured", "wounded", "martyred", "lost")
_LEGAL = _Needs(
    "trial", "guilty", "convicted", "sentenc", "verdict", "jury", "prosecutor", "charged", "indicted", "investigat",
    "probe", "arrest",
)  # fmt: skip


def _np_after(rx, text: str, pos: int, stop_in: bool = True) -> tuple[str, int] | None:
    """The noun phrase starting at ``pos`` (cut at a preposition, verb or clause mark)."""
    s = text[pos : pos + 240]
    lead = len(s) - len(s.lstrip())
    s = s.lstrip()
    if not s:
        return None
    m = rx["stop_lc"].search(s.lower(), 1) if rx.plain else rx["stop"].search(s, 1)
    cut = m.start() if m else len(s)
    np = s[:cut].strip().strip("\"'")
    words = np.split()
    if not words or len(words) > 9:
        words = words[:9]
    np = " ".join(words).rstrip(".")
    if not np or np.lower() in {"the", "a", "an", "it", "its"}:
        return None
    return np, pos + lead


def _is_time(rx, phrase: str) -> bool:
    """A time phrase: its first word other than an article or demonstrative is a time word or a figure
    (or it has no other word). (Only that word decides: a phrase whose first word fails is not all time
    words either.)"""
    for w in phrase.split():
        t = w.strip(".,").lower()
        if t not in {"the", "a", "an", "of", "this", "that"}:
            return t in rx["time_set"] or t.isdigit()
    return True


def _location(rx, text: str, lo: int, hi: int, avoid: tuple[int, int] | None, f: _Facts) -> str | None:
    # speed: on a plain sentence the prepositions are found in the lower-cased copy by ``re`` (about three
    # times faster than ``regex`` with IGNORECASE here; same matches, see ``_plain``)
    found = rx["loc_prep_lc"].finditer(f.low, lo, hi) if f.plain else rx["loc_prep"].finditer(text, lo, hi)
    for m in found:
        s = text[m.end() : m.end() + 240]
        st = rx["loc_stop"].search(s, 1)
        cut = st.start() if st else len(s)
        phrase = s[:cut].strip().rstrip(".").strip("\"'")
        if phrase.lower() == phrase:
            continue  # no capital letter: no place name (checked below as well; this is the fast path)
        words = phrase.split()
        if not words or len(words) > 12:
            continue
        if _is_time(rx, phrase):
            continue
        tm = rx["triggers"].search(_lower(phrase))
        if tm:
            phrase = phrase[: tm[0]].strip()
            words = phrase.split()
            if not words:
                continue
            while words and (words[-1][:1].islower() or _norm(words[-1]) in rx["demonym_set"]):
                words.pop()
            phrase = " ".join(words)
            if not words or _classify_premod(rx, words) == "actor":
                continue
        caps = [w for w in rx["cap"].findall(phrase) if w.lower().strip(".,") not in rx["time_set"]]
        if not caps:
            continue  # (with or without a place noun)
        if avoid and m.end() < avoid[1] and m.end() + cut > avoid[0]:
            continue
        phrase = _trim_place(rx, phrase.rstrip(","))
        if phrase:
            return phrase
    return None


_PLACE_LINKS = {"of", "and", "de", "al", "el", "du", "la", "le", "del", "bin", "ibn", "&"}
_PLACE_PREPS = {"in", "of", "near", "at", "outside", "inside"}
_NOT_PLACE = {
    "also", "reported", "reports", "comes", "came", "coincided", "took", "takes", "is", "was", "were", "are",
    "has", "have", "had", "said", "says", "nobody", "which", "who", "where", "what", "when", "while", "same",
    "to", "will", "would", "could", "can", "did", "does", "do", "be", "been", "but", "as", "after", "before",
}  # fmt: skip
_PLACE_TRAILERS = _PLACE_LINKS | _PLACE_PREPS | {"the", "a", "an"}  # not the last word of a place
_GLUED = ("The", "A", "An", "In", "On", "He", "She", "It", "They", "We", "This", "That", "But", "And", "Three")


def _trim_place(rx, phrase: str) -> str | None:
    """Cut a place phrase where the place ends: at a verb, an adverb, an auxiliary or a determiner that
    follows the name ("New York also reported ...", "Manhattan the same night", "Chelsea coincided"), or
    at a sentence glued on without a space ("SyriaThe desert"). Links and place nouns stay ("the
    village of X in central Y", "Idlib and Aleppo provinces")."""
    head, sep, name = phrase.partition(", ")
    if sep and name[:1].isupper() and head.lower() == head and rx["geo_word"].search(head):
        phrase = name  # "the capital, Kabul": the description before the comma is not the name
    words = phrase.split()
    out: list[str] = []
    seen_cap = False
    time_set = rx["time_set"]
    for w in words:
        k = w.find(".")
        if 0 < k < len(w) - 1 and w[k + 1 : k + 2].isupper() and w[:k].isalpha() and w[k - 1 : k].islower():
            out.append(w[:k])  # "Deir ez-Zor.Three other ...": a sentence break with no space
            break
        glued = w.endswith(_GLUED) and next(
            (g for g in _GLUED if w.endswith(g) and len(w) > len(g) and w[-len(g) - 1].islower()), None
        )
        if glued and w[:1].isupper():
            out.append(w[: -len(glued)])
            break
        bare = w.strip(",.\"'")
        low = bare.lower()
        if bare[:1].isupper() and low not in time_set:
            seen_cap = True
            out.append(w)
            continue
        if seen_cap:
            prev = out[-1].strip(",").lower() if out else ""
            if low in _NOT_PLACE or (low.endswith("ly") and len(low) > 4):
                break
            if low in {"the", "a", "an"} and prev not in _PLACE_PREPS:
                break
            if low.endswith("ed") and prev not in {"the", "a", "an"} and not rx["geo_word"].fullmatch(low):
                break
            if low == "and" and out[-1][:1].isupper():
                pass
            elif prev == "and" and not out[-2:-1] == [] and not rx["geo_word"].fullmatch(low) and bare[:1].islower():
                if not low.endswith("s") or len(out) < 2:
                    out.pop()
                    break
        out.append(w)
    while out and out[-1].strip(",").lower() in _PLACE_TRAILERS:
        out.pop()
    if not seen_cap or not out or len(out) > 14:
        return None
    return " ".join(out).rstrip(",")


def _clause_start(rx, text: str, pos: int, f: _Facts) -> int:
    """The start of the clause that ends at ``pos`` (for finding a verb's subject)."""
    best = max(0, pos - 300)
    # speed: on a plain sentence the clause marks are found in the lower-cased copy without IGNORECASE
    # (same matches, about 2.5 times faster: the engine can look for the literal words)
    if f.plain:
        found = rx["clause_break_lc"].finditer(f.low, best, pos)
    else:
        found = rx["clause_break"].finditer(text, best, pos)
    for m in found:
        best = m.end()
    seg = text[best:pos]
    # a comma ends a leading phrase ("On Monday, X attacked"); keep the last comma-free part
    k = seg.rfind(",")
    if k >= 0:
        best += k + 1
    # " and " followed by a new subject
    seg = text[best:pos]
    j = seg.rfind(" and ")
    if j >= 0 and len(seg[j + 5 :].split()) >= 1 and len(seg[:j].split()) >= 2:
        best += j + 5
    return best


@functools.cache
def _re(pattern: str, flags: int = 0):
    import regex

    return regex.compile(pattern, flags)


def _search(pattern: str, text: str, flags: int = 0):
    return _re(pattern, flags).search(text)


def _match(pattern: str, text: str, flags: int = 0):
    return _re(pattern, flags).match(text)


def _sub(pattern: str, repl: str, text: str, flags: int = 0):
    return _re(pattern, flags).sub(repl, text)


def _split(pattern: str, text: str, maxsplit: int = 0):
    return _re(pattern).split(text, maxsplit=maxsplit)


@_builds("group_set")
def _build_group_set(r: dict) -> None:
    # the names of armed groups and militias of the actor lexicon (lower case): before an attack word
    # they name its author ("a Taliban bombing", "Hamas rocket fire"), not its place
    names = set()
    for entry in _lexicon("actors").get("actor", []):
        if entry.get("type") in {"armed group", "militia"}:
            names.update(_norm(a) for a in [entry["name"], *entry.get("aliases", [])])
    r["group_set"] = frozenset(names)


def _classify_premod(rx, words: list[str]) -> str:
    """'actor' or 'location' for capitalised words right before an attack word."""
    if _norm(" ".join(words)).removesuffix("'s") in rx["group_set"]:
        return "actor"
    for w in words:
        lw = w.lower().strip(".,'\"")
        if lw.endswith("'s"):
            lw = lw[:-2]
        if _norm(w) in rx["demonym_set"] or lw in rx["demonym_set"] or lw in rx["actor_head_set"]:
            return "actor"
        bare = w.strip(".,'\"")
        if len(bare.replace(".", "")) >= 2 and bare.replace(".", "").replace("-", "").isupper():
            return "actor"
        if bare.endswith(("i", "ian", "ese", "ish")) and bare[:1].isupper():
            return "actor"
    return "location"


def _title_case(text: str) -> bool:
    """A headline in Title Case: capitals there say nothing about names."""
    words = [w for w in text.split() if w[:1].isalpha() and len(w) > 3]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words)


def _premod(rx, text: str, start: int) -> str | None:
    """Capitalised / nationality words right before the attack words ("Russian", "US", "Myanmar military")."""
    toks = text[:start].rsplit(None, 5)  # (the last five words are all that is read: no split of the rest)
    out: list[str] = []
    time_set, table, modifier_set = rx["time_set"], rx["table"], rx["modifier_set"]
    for tok in reversed(toks[-5:]):
        bare = tok.strip("\"'")
        low = bare.lower()
        if not bare or bare[-1] in ",;:" or (bare.endswith(".") and not bare.replace(".", "").isupper()):
            break
        if (low in time_set or low.removesuffix("'s") in time_set) and not out:
            break
        if low in {"says", "said", "say", "claims", "reports", "warns", "denies"}:
            break
        # (a token has no whitespace: its normal form is itself when it is ASCII)
        if (low if low.isascii() else _norm(low)) in table or low in modifier_set or low.isdigit():
            if out:
                break
            continue  # a weapon word inside the modifier ("Israeli tank shelling", "Two car bombs")
        if (
            bare[:1].isupper()
            or low in {"military", "army", "government", "coalition", "rebel", "militant", "jihadist", "forces"}
            or low.startswith("pro-")
            or (bare[:1].isupper() is False and "-" in bare and bare.split("-")[0][:1].isupper())
        ):
            if low in {"the", "a", "an", "in", "on", "after", "and", "of", "by", "as", "this", "that", "its"}:
                break
            out.append(bare)
            continue
        break
    out.reverse()
    # drop capitalised sentence-initial function words
    while out and out[0].lower() in {"the", "a", "an", "in", "on", "at", "yesterday", "today", "late", "early"}:
        out.pop(0)
    return " ".join(out) or None


# the last words ``tail_aux`` can end with (its words, lower case; "had been" ends with "been")
_TAIL_AUX_WORDS = frozenset(
    "has have had is are was were also reportedly allegedly then later again on last night yesterday today early "
    "late overnight monday tuesday wednesday thursday friday saturday sunday morning evening afternoon "
    "subsequently continued continue continues their its been repeatedly".split()
)


def _subject(rx, text: str, verb_start: int, f: _Facts) -> tuple[str | None, bool]:
    """The subject before a verb, and whether the verb is passive (``text``: the sentence of ``f``)."""
    cs = _clause_start(rx, text, verb_start, f)
    seg = text[cs:verb_start]
    passive = bool(rx["passive"].search(seg)) and not text[verb_start:].split(None, 1)[0].lower().endswith("ing")

    # (both patterns below end at the end of the text with a word of their own: where the last word is
    # none of theirs, they cannot match and are not run)
    seg = seg.rstrip()
    if seg.endswith("to"):
        seg = _sub(r"(?:\s+\w+)?\s+to$", "", seg).rstrip()  # "they had chosen to"
    if not seg.isascii() or (seg.rsplit(None, 1) or [""])[-1].lower() in _TAIL_AUX_WORDS:
        seg = rx["tail_aux"].sub("", seg.rstrip())
    if rx.match(r"(?i)(?:over|in|since|during|after|for|on|at|throughout|within)\s", seg):
        # a leading time phrase without a comma: "Over the course of the conflict the Houthis"
        cands = [m.start() for m in rx.finditer(r"(?<=\s)(?:the|a|an)\s|(?<=[a-z]\s)[A-Z]", seg)]
        seg = seg[cands[-1] :] if cands else ""
    seg = seg.strip()
    seg = rx["lead_strip"].sub("", seg).strip().strip("\"'").strip()
    # "The army said it had killed ...": the pronoun stands for the speaker
    sp = rx.match(
        r"(?i)^(.{2,60}?)\s+(?:said|says|claimed|claims|announced|reported|stated)\s+(?:that\s+)?(?:it|they)$", seg
    )
    if sp:
        seg = sp.group(1)
    if not seg:
        return None, passive
    words = seg.split()
    if len(words) > 9:
        return None, passive
    low = seg.lower()
    if _is_time(rx, seg) or low in {"which", "that", "who", "and", "but", "or", "then", "while"}:
        return None, passive
    if words[0].islower() and words[0].endswith("ing"):
        return None, passive  # "accusing the rebels of having ...": not a subject
    return seg.rstrip(","), passive


def _strip_platform(rx, np: str | None) -> tuple[str | None, bool]:
    """An NP headed by a weapon or platform is not an actor: keep its nationality modifier if any."""
    if not np:
        return None, False
    words = np.split()
    # only a head noun counts: "troops backed by artillery and aircraft" is headed by "troops"
    for k, w in enumerate(words):
        if k and w.lower() in {"backed", "supported", "escorted", "aided", "accompanied"}:
            words = words[:k]
            break
    for i, w in enumerate(words):
        lw = w.lower().strip(".,")
        head = i == len(words) - 1 or w.endswith(",") or words[i + 1].lower() in {"and", "or"}
        if i and words[i - 1].lower() == "suicide":
            continue  # "suicide bombers" are people
        if head and (lw in rx["platform_set"] or _norm(lw) in rx["table"]):
            mods = [
                x
                for x in words[:i]
                if x[:1].isupper()
                and x.lower() not in {"the", "a", "an"}
                and x.lower() not in rx["modifier_set"]
                and x.lower().strip(".,") not in rx["platform_set"]
                and _norm(x) not in rx["table"]
                and _classify_premod(rx, [x]) == "actor"
            ]
            return (" ".join(mods) or None), True
    return np, False


def _conflict_context(rx, low: str, trigs: list[_Trig], runs: list) -> bool:
    # (a safe or a means trigger is enough: tested first, before the search of the cue words)
    if any(t.tier != "ambiguous" for t in trigs):
        return True
    for m_start, _ in rx["conflict_lc"].spans(low, runs=runs):
        if not any(t.start <= m_start < t.end for t in trigs if t.tier == "ambiguous"):
            return True
    return False


_FIGURE = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|hundreds|several|many|some|"
    "more|least|the|\\d[\\d,]*"
)


def _victims(text: str, t: _Trig) -> bool:
    """ "three militants killed", "Militants killed in raid": the armed group is the victim, not the actor."""
    if t.generic != "armed":
        return False
    if _search(r"(?i)(?:^|\s)(?:" + _FIGURE + r")\s+(?:[\w-]+\s+){0,2}$", text[max(0, t.start - 40) : t.start]):
        return True
    if _match(r"(?i)\s+(?:in|by|during|as|after|when|on|while|near|at(?!\s+least))\b", text[t.end : t.end + 12]):
        return True
    if _search(r"(?i)\b(?:were|was|been|are|is)\s+$", text[max(0, t.start - 12) : t.start]):
        return True
    # "forces killed 12 militants": the armed group is the actor only when its victims follow
    if not _match(
        r"(?i)\s+(?:(?:at\s+least|more\s+than|nearly|about|some|over|up\s+to)\s+)?(?:\d|(?:" + _FIGURE + r"|a|an|"
        r"his|her|their|two|dozens|several|many|at\s+least|\w+teen|twenty|thirty|forty|fifty|[A-Z]\w+)\b)",
        text[t.end : t.end + 30],
    ):
        return True
    return False


# the words after which "targets" is a noun, not the verb ("fired on targets in the east", "civilian targets that")
_TARGETS_NOUN_NEXT = {
    "in", "on", "at", "of", "near", "across", "around", "inside", "and", "or", "that", "which", "including", "such",
    "with", "for", "from", "were", "was", "are", "is", "had", "have", "has",
}  # fmt: skip


def _adjectival(text: str, t: _Trig) -> bool:
    """ "the targeted areas", "an attacked convoy": a participle used as an adjective names no attack;
    nor does the noun "targets" ("an attack on civilian targets that ...", "fired on targets in the east")."""
    if t.norm == "targets":
        nxt = text[t.end :].split(None, 1)
        return not nxt or nxt[0][:1] in ",.;:)\"'”" or nxt[0] in _TARGETS_NOUN_NEXT
    if t.tier != "ambiguous" or not t.text.lower().endswith("ed"):
        return False
    before = text[: t.start].rsplit(None, 1)  # (only the last word is read)
    return bool(before) and before[-1].lower() in {"the", "a", "an", "these", "those", "its", "their"}


def _lower(text: str) -> str:
    """``text`` lower-cased, keeping its length (a character whose lower case is longer stays as is),
    so offsets found in the copy are offsets in ``text``."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# The last document asked about, and the answer: the pipeline reads one document's sentences in a
# row, so one entry computed once per document is enough. The document object itself is the key
# (compared by identity), held here until the next document replaces it.
_DOC_CACHE: list = [None, False]


def _doc_is_conflict(rx, doc: Document) -> bool:
    """True when the article reports attacks in plain words elsewhere (two sentences with a safe trigger)."""
    if _DOC_CACHE[0] is doc:
        return _DOC_CACHE[1]
    n = 0
    table = rx["table"]
    safe_keys = rx["safe_keys"]
    for s in doc.sentences:
        low = _lower(s.text)
        runs = _runs(low)
        if safe_keys.isdisjoint(runs):
            continue  # no safe surface can start here
        if any(table.get(_norm(low[a:b]), ("",))[0] == "safe" for a, b in rx["triggers"].spans(low, runs=runs)):
            if not rx["not_conflict_lc"].search(low, runs=runs):
                n += 1
                if n >= 2:
                    break
    hit = n >= 2
    _DOC_CACHE[0] = doc
    _DOC_CACHE[1] = hit
    return hit


def _trigger_between(rx, text: str, lo: int, hi: int) -> bool:
    """A trigger surface in ``text[lo:hi]`` (case-insensitive; the character before ``lo`` is seen)."""
    if _plain(text[max(0, lo - 1) : hi]):
        return rx["triggers"].search(_lower(text), lo, hi) is not None
    return rx["trigger"].search(text, lo, hi) is not None


def _realis(rx, text: str, t: _Trig, f: _Facts) -> bool:
    """False when the attack word is only threatened, planned, denied, a trend or a time phrase."""
    lo = max(0, t.start - 60)
    window = text[lo : t.start]
    # the cue lists (irrealis, trend, aside) look at the last words of this window: when none of its word
    # runs begins a cue, none of the three can match and their windows are not even built
    wruns = _runs(window.lower())
    cued = not rx["realis_keys"].isdisjoint(wruns)
    if cued:
        # (each list is searched only when one of its first words is in the window: most windows hold
        # only "in", "to" or "on", the first word of one list)
        irrealis = rx["irrealis"]
        trend = rx["trend"]
        irr = not irrealis.keys.isdisjoint(wruns)
        if irr or not trend.keys.isdisjoint(wruns):
            # keep the last few words of the window, within the clause
            cut = max(window.rfind(","), window.rfind(";"), window.rfind(":"))
            last = window[cut + 1 :] if cut >= 0 else window
            wl = " ".join(last.split()[-4:]).lower()
            im = irr and irrealis.search(wl, runs=wruns)
            if (
                im
                and wl[im[0] : im[1]] == "such"
                and rx.search(
                    r"(?:\d|\b(?:" + _FIGURE + r"|first|second|third|fourth|fifth|latest|another))\s+$", wl[: im[0]]
                )
            ):
                im = None  # "close to 80 such attacks", "the third such attack": a count, not attacks in general
            if im or trend.search(wl, runs=wruns):
                return False
            # a condition covers its whole clause ("unless the level of Russian air strikes drops")
            if rx.isearch(r"(?:^|[\s\"“])(?:if|unless|whether)\s", last):
                return False
    if _seen(f, _DENY, max(0, t.start - 160), t.start):
        clause = _split(r"[,;:]|\bbut\b|\bwhile\b|\bhowever\b", text[max(0, t.start - 160) : t.start])[-1]
        if _search(r"(?i)\b(?:den(?:y|ies|ied|ying)|rejected|dismissed|refuted)\b", clause):
            return False  # "The ministry denied that its forces had shelled the hospital"
    if t.start > 8 and _seen(f, _LEGAL, 0, len(text)) and rx["legal"].search(text):
        # the object of a charge: "prosecutors accused him of setting off an explosion", "the court
        # indicted two men over the bombing of a shrine" (an accusation outside a court stays a report:
        # "the army accused the rebels of shelling the town")
        if rx.isearch(
            r"\b(?:accus|charg|convict|indict|suspect|acquitt|sentenc)ed\b[^,;]{0,80}?\b(?:of|with|over|for|on)\b"
            r"(?:\s+(?!(?:after|before|when|while|since|as|following|until)\b)[\w'-]+){0,5}\s*$",
            text[max(0, t.start - 140) : t.start],
        ):
            return False
    after = text[t.end : t.end + 50]
    # the attack word as a modifier of another noun names a case or a thing, not an attack ("the bombing
    # suspect", "a blast probe", "the bomb squad", "IED components", "attack helicopters", "a strike group")
    if t.tier != "means" and rx["legal_head"].match(after):
        return False
    if _seen(f, _MODAL, t.end, t.end + 50):
        if rx["after_modal"].search(after.split(",")[0]):
            return False
    if _seen(f, _FOILED, t.end, t.end + 100):
        # ("an attack believed to be aimed at the court seems to have been foiled")
        if rx.isearch(
            r"^[^,;]{0,100}?\b(?:foiled|thwarted|averted|prevented|stopped|intercepted|defused|dismantled|"
            r"(?:did\s+not|didn't|failed\s+to)\s+(?:go\s+off|explode|detonate))\b",
            text[t.end : t.end + 110],
        ):
            return False
    if (
        t.tier == "means"
        and _seen(f, _SHOT_DOWN, t.end, t.end + 50)
        and rx.isearch(
            r"^\W{0,3}(?:[\w'-]+\s+){0,3}?(?:shot\s+down|intercepted|downed|destroyed\s+in\s+the\s+air)", after
        )
    ):
        return False
    if cued and not rx["aside"].keys.isdisjoint(wruns):
        if "," in window:  # the commas of a date are not clause marks ("days after the May 3, 2021, bombing")
            window = rx.sub(r"(\d),(\s+\d{4}),?", r"\1\2", window)
        k = max(window.rfind(","), window.rfind(";"))
        wide_text = window[k + 1 :] if k >= 0 else window
        wide = " ".join(wide_text.split()[-6:])
        am = rx["aside"].search(wide.lower(), runs=wruns)
        if am and rx.search(r"\band(?:\s+then)?\s*$", wide) and _is_verbal(text, t):
            am = None  # "entered right after the blast and shot at the guards": a new verb, not the time phrase
        if am:
            # "condemned the attack, which targeted a village" still states a fact about the attack, and so
            # does a new attack with its own verb ("hours after a pipe bomb exploded in a bin")
            return bool(
                rx.match(
                    r"^(?:\s+(?:on|against|in|at|near)\s+[^,;]{1,60}?)?,?\s+(?:which|that)\s+(?:\w+\s+)?"
                    r"(?:targeted|killed|hit|struck|left|destroyed|wounded)\b",
                    after,
                )
                or (
                    rx.match(
                        r"^(?:\s+(?-i:[a-z]+))?(?:\s+(?:on|in|at|near|against)\s+[^,;]{1,50}?)?\s+(?:exploded|went\s+off|detonated|killed|"
                        r"struck|hit)\s",
                        after,
                    )
                    and rx.isearch(r"\b(?:a|an|another)\s+(?:[\w.'-]+\s+){0,2}$", window)
                )
                # "claimed responsibility for an attack on a checkpoint, killing four": target and toll stated
                or (
                    rx.isearch(r"\b(?:responsibility|credit)\s+for\b", wide)
                    and rx.match(
                        r"^\s+(?:on|against|targeting)\s|^[^,;.]{0,60},\s+(?:killing|wounding|leaving)\b", after
                    )
                )
            )
    return True


def _chains(rx, text: str, trigs: list[_Trig], f: _Facts) -> list[_Chain]:
    chains: list[_Chain] = []
    for t in trigs:
        if chains:
            prev = chains[-1].trigs[-1]
            gap = text[prev.end : t.start]
            words = gap.split()
            # (each test below runs only where it can change ``brk``)
            # (on a plain sentence: the lower-case pattern in the lower-cased gap, see ``_build_lower_case``)
            brk = len(words) > 1 and bool(
                rx["clause_break_lc"].search(f.low[prev.end : t.start]) if f.plain else rx["clause_break"].search(gap)
            )
            if ";" in gap:
                brk = True  # "Governor Assassinated; Bombing Kills 10": two headlines
            if brk and rx.match(r"^,?\s*(?:which|that)\s+(?:had\s+|has\s+|was\s+)?$", gap):
                brk = False  # "the attack, which targeted a village": one attack
            if (
                len(words) > 2
                and rx["and_break"].search(gap)
                and len([w for w in words if w.lower() not in {"and", "or", ","}]) > 2
            ):
                brk = True
            if len(words) > 6 or "." in gap.replace("U.S.", "").replace("U.N.", "") and len(words) > 2:
                brk = True
            if (
                words
                and words[-1].lower() == "and"
                and t.norm.split()[0] in _VERB_FORMS_AND
                and prev.norm.split()[-1] not in _PAST_VERBS
                and prev.tier != "means"
            ):
                brk = True  # "launched drone strikes and overran the camps": two attacks
            if (
                brk
                and len(words) <= 16
                and _search(r"(?i)\b(?:first|second|third|fourth|fifth|latest)\s+(?:[\w-]+\s+)?to\s+$", gap)
            ):
                brk = False  # "the bombing ... is the second to hit": the same attack
            if not brk:
                chains[-1].trigs.append(t)
                continue
        chains.append(_Chain([t]))
    return chains


@functools.cache
def _numbers():
    """The numbers module, imported on first use (a ``from`` import inside a hot function costs ~2 us a call)."""
    from .. import numbers

    return numbers


def _counts_attacks(t: _Trig) -> bool:
    """A figure before ``t`` can count attacks: ``t`` ends in an attack noun or is an explosive attack word."""
    last = t.norm.split()[-1]
    attack_noun = last in _ATTACK_NOUNS or last[:-1] in _ATTACK_NOUNS or last[:-2] in _ATTACK_NOUNS
    return attack_noun or (t.weapon == "explosive" and t.tier == "safe")


def _count(rx, text: str, ch: _Chain, head: _Trig, f: _Facts) -> int | None:
    """How many attacks: "two air strikes", "a wave of 33 raids", "struck seven times"."""
    heads = [t for t in ch.trigs if t.tier != "means"]
    if not heads:
        return None
    lo = max(0, ch.start - 60)
    hi = min(len(text), ch.end + 40)
    # A figure that counts attacks stands before an attack noun (first loop below) or before "times"
    # after the chain (second loop). Without "times" only the text before the last attack noun can hold
    # it: no digit or number word there, no count, and ``find_quantities`` is skipped.
    nouns = [t.start for t in heads if _counts_attacks(t)]
    times = _seen(f, _TIMES, ch.end, hi + 20)
    if not nouns and not times:
        return None
    if not rx["maybe_number"].search(_lower(text[lo : hi if times else max(nouns)])):
        return None
    quants = _numbers().find_quantities(text, lo, hi)
    for t in heads:
        for q in quants:
            if q.count is None or q.end > t.start or t.start - q.end > 40:
                continue
            gap = text[q.end : t.start]
            if gap.strip() == "" or rx["count_gap"].match(gap) or gap.strip().lower() in {"such"}:
                if _trigger_between(rx, text, q.end, t.start):
                    continue  # "30 missiles ... strikes": the figure counts weapons
                last = t.norm.split()[-1]
                attack_noun = last in _ATTACK_NOUNS or last[:-1] in _ATTACK_NOUNS or last[:-2] in _ATTACK_NOUNS
                if not attack_noun and not (t.weapon == "explosive" and t.tier == "safe"):
                    continue  # "two explosive drones": the figure counts weapons, not attacks
                if last.endswith("s") or q.count == 1:
                    return q.count
    for q in quants:
        if q.count is not None and q.start >= ch.end and q.start - ch.end <= 25:
            if rx["times"].match(text[q.end : q.end + 20]):
                return q.count
    return None


_VERB_FORMS = {
    "attacked", "struck", "hit", "targeted", "shelled", "bombed", "stormed", "overran", "overrun", "raided",
    "ambushed", "assaulted", "engaged", "the", "fired", "targeting", "hits", "attack", "strike", "strikes",
    "attacks", "targets", "blew", "detonated", "exploded", "pounded", "up", "attacking", "at", "fire",
    "stabbed", "massacred", "massacring", "detonating", "raid", "raids", "assassinated", "battled", "bombarded",
    "bombarding", "bombard", "bombards",
}  # fmt: skip
_ATTACK_NOUNS = {
    "strike", "attack", "airstrike", "air-strike", "raid", "bombing", "bombardment", "assault", "ambush",
    "explosion", "blast", "clash", "shelling", "barrage", "sortie", "operation", "offensive", "battle",
    "firefight", "gunfight", "gunbattle", "bomb",
}  # fmt: skip
_PAST_VERBS = {
    "attacked", "struck", "shelled", "bombed", "stormed", "overran", "raided", "ambushed", "targeted", "fired",
    "pounded", "assaulted", "engaged", "detonated",
}  # fmt: skip
# (the unions the rules test against, built once)
_VERB_FORMS_AND = _VERB_FORMS | {"overran", "overrun", "stormed", "opened", "shelled"}  # after "and"
# first word of a verb phrase ("blew up", "shot and killed", "gunned down", "fatally shot")
_PAST_VERBS_MULTI = _PAST_VERBS | {"blew", "set", "dropped", "opened", "shot", "gunned", "fatally"}
_PAST_VERBS_HIT = _PAST_VERBS | {"hit"}
_NOUN_NEXT = {
    "kills", "killed", "killing", "kill", "hit", "hits", "targeted", "targets", "damaged", "is", "was", "were",
    "has", "have", "had", "came", "comes", "took", "on", "in", "against", "by", "at", "that", "which", "and",
    "or", "of", "near", "from", "for", "with", "as", "after", "since", "during", "continued", "left", "wounded",
    "injured", "destroyed", "also", "this", "last", "overnight", "early", "late", "occurred", "could", "would",
    "will", "may", "might", "must", "are", "be", "been", "to", "carried", "conducted", "launched", "claimed",
}  # fmt: skip
_TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "overnight", "yesterday",
    "today", "tonight", "early", "late", "last", "this", "morning", "evening", "night",
}  # fmt: skip
_NOUN_ONLY_BEFORE = {"the", "a", "an", "this", "that", "another", "latest", "deadliest", "such", "these", "those"}


def _verb_head(text: str, ch: _Chain) -> _Trig | None:
    """The first attack word of the chain used as a verb ("attacked the village", "struck a school")."""
    for t in ch.trigs:
        if t.tier != "means" and _is_verbal(text, t):
            return t
    return None


def _is_verbal(text: str, head: _Trig) -> bool:
    words = head.norm.split()
    if len(words) > 1 and words[0] in _PAST_VERBS_MULTI:
        return True  # "detonated explosives", "opened fire"
    if len(words) > 1 and words[-1] not in {"the", "up", "fire", "at"}:
        return False  # "drone strike", "exchange of fire"
    if len(words) > 1 and words[0] in {"exchange", "exchanges", "tank", "rocket", "cross-border", "mortar"}:
        return False
    last = words[-1]
    if last not in _VERB_FORMS and words[0] not in _VERB_FORMS:
        return False
    if last in {"strike", "strikes", "attack", "attacks", "hit", "hits", "targets", "fire", "raid", "raids"}:
        before = text[: head.start].rsplit(None, 1)  # (only the last word is read)
        if before and before[-1].lower().strip("\"'") in _NOUN_ONLY_BEFORE:
            return False
        nxt = text[head.end :].split(None, 1)  # (only the first word is read)
        if not nxt or nxt[0].lower().strip(",.\"'") in _NOUN_NEXT or nxt[0][:1] in ",.;:-":
            return False
        if nxt[0].strip(",.").lower() in _TIME_WORDS:
            return False
        if before and before[-1].lower().endswith(("ed", "ous", "al", "ic", "ive", "ful", "less", "ing", "ly", "ary")):
            return False  # "simultaneous attacks", "renewed strikes"
    return True


# the words that ``verb_before`` and the object-verb match in ``_roles`` need (one of them each)
_LAUNCH_WORDS = _Needs(
    "carr", "conduct", "launch", "staged", "mounted", "fire", "unleashed", "use", "set", "detonate", "plant",
    "triggered", "responsib", "threw", "hurled", "lobbed", "tossed", "claim",
)  # fmt: skip
_OBJECT_VERBS = _Needs(
    "kill", "hit", "target", "struck", "strikes", "damaged", "destroyed", "flattened", "levelled", "leveled",
    "demolished", "razed", "wrecked",
)  # fmt: skip


def _victim(rx, f: _Facts):
    """The first victims phrase of the sentence ("killed three civilians", "two soldiers were wounded",
    "the guards have died"), or None; looked for once per sentence, and only where its verbs occur."""
    if f.victim is False:
        low = f.low
        vm = None
        bits = f.needs
        if bits & _HURT.bit:
            vm = rx["victim_after"].search(low)
        if vm is None and bits & _HURT_PASSIVE.bit:
            vm = rx["victim_before"].search(low)
        if vm is None and "died" in low:
            vm = rx["died_after"].search(low)
        f.victim = vm
    return f.victim


def _roles(rx, text: str, ch: _Chain, f: _Facts) -> dict:
    actor = target = location = None
    ch_start, ch_end = ch.start, ch.end  # (properties: read once)
    vh = _verb_head(text, ch)
    verbal = vh is not None
    non_means = [t for t in ch.trigs if t.tier != "means"] or ch.trigs
    head = vh if vh is not None else non_means[0]
    clause_end = len(text)
    # (``s(?<!\w.)aid`` is ``\bsaid``: with every branch beginning with a literal character the engine
    # skips ahead to the next ``,;st`` instead of trying each position; 1.6 times faster)
    ce = rx.search(
        r",\s+(?:with|while|as|and|but|according|who|which|said|says|adding|officials|the\s+\w+\s+said)\b|"
        r"s(?<!\w.)(?:aid|ays)\b|t(?<!\w.)old\b|;",
        text[ch_end:],
    )
    if ce:
        clause_end = ch_end + ce.start()

    # actor: "by NP" after the attack words
    m = _seen(f, _BY, ch_end, ch_end + 120) and rx["by_actor"].search(text[ch_end : ch_end + 120])
    passive_verb = verbal and bool(rx["passive"].search(text[max(0, head.start - 30) : head.start]))
    if not m and passive_verb and _seen_cs(f, text, _BY, ch_end, clause_end):
        m2 = rx.search(r"\bby\s+(?!the\s+time\b)", text[ch_end:clause_end])
        m = m2
    if m:
        np = _np_after(rx, text, ch_end + m.end())
        if np:
            a, _ = _strip_platform(rx, np[0])
            if a:
                actor = a
    # actor or location: the modifier before the attack noun ("Russian air strikes", "Helmand airstrike")
    if not verbal and head.generic != "armed":  # "Security forces killed": the modifier is the actor's
        pre = _premod(rx, text, ch_start)
        if pre:
            kind = _classify_premod(rx, pre.split())
            if kind == "actor" and _norm(pre) in rx["country_set"] and head.weapon in {"explosive", "ground"}:
                kind = "location"  # "Pakistan blast", "Iraq bombings"
            if kind == "actor":
                actor = actor or pre
            elif not _title_case(text) or _norm(pre) in rx["country_set"]:
                location = pre
    if not actor:
        for i, t in enumerate(ch.trigs[1:], 1):
            # "missiles and drones launched by Iran-backed Houthis struck ...": an agent inside the chain
            bm2 = _seen_cs(f, text, _BY, ch.trigs[i - 1].end, t.start) and rx.search(
                r"\bby\s+(?!the\s+time\b)", text[ch.trigs[i - 1].end : t.start]
            )
            if bm2:
                np = _np_after(rx, text, ch.trigs[i - 1].end + bm2.end())
                a2, _ = _strip_platform(rx, np[0]) if np else (None, False)
                if a2:
                    actor = a2
                    break
            pre_t = _premod(rx, text, t.start)
            if pre_t and _classify_premod(rx, pre_t.split()) == "actor":
                actor = pre_t
                break
    # actor: the subject of "carried out / launched ... <attack noun>" or of an attack verb
    vb = _seen(f, _LAUNCH_WORDS, max(0, ch_start - 80), ch_start) and (
        rx["verb_before_lc"].search(f.low[max(0, ch_start - 80) : ch_start])
        if f.plain
        else rx["verb_before"].search(text[max(0, ch_start - 80) : ch_start])
    )
    passive = False
    subj = None
    if vb and not verbal:
        vstart = max(0, ch_start - 80) + vb.start()
        subj, passive = _subject(rx, text, vstart, f)
    elif verbal:
        subj, passive = _subject(rx, text, head.start, f)
        if ch.trigs[0].tier == "means" and ch.trigs[0] is not head:
            # "ballistic missiles and drones launched by X struck ...": the weapons are the subject
            pre2 = _premod(rx, text, ch.trigs[0].start)
            if pre2 and _classify_premod(rx, pre2.split()) == "actor":
                actor = actor or pre2
            subj = None
            # "troops backed by artillery and aircraft attacked ...": the subject stands before "backed by"
            bk = rx.isearch(
                r"\b(?:backed|supported|aided|covered)\s+by\s+(?:the\s+)?$", text[max(0, ch_start - 40) : ch_start]
            )
            if bk:
                subj, passive = _subject(rx, text, max(0, ch_start - 40) + bk.start(), f)
    if subj and verbal and head.norm.split()[0] in {"hit", "struck"}:
        if any(t.weapon == "explosive" and t.start > head.start for t in ch.trigs):
            target, subj = subj, None  # "their vehicle hit a roadside bomb": the subject is the victim
    if subj:
        s2, was_platform = _strip_platform(rx, subj)
        if passive:
            target = target or subj
        elif s2:
            actor = actor or s2
    first = ch.trigs[0]
    if not verbal and not target and first.norm in _PAST_VERBS_HIT:
        if rx["passive"].search(text[max(0, first.start - 30) : first.start]):
            subj3, _ = _subject(rx, text, first.start, f)
            if subj3:
                target = subj3  # "A hospital was hit by Russian shelling"
    if head.generic in {"armed", "armed-by"} and not actor:
        low = head.text.lower()
        if head.generic == "armed-by":
            k = low.find(" by ")
            np = _np_after(rx, text, head.end if low.endswith(" by") else head.start + k + 4)
            actor = np[0] if np else None
            if not target:
                subj5, _ = _subject(rx, text, head.start, f)
                target = subj5  # "A man was shot dead by police": the passive subject is the victim
        else:
            subj4, _ = _subject(rx, text, head.end - len(low.split()[-1]) - (5 if low.endswith("shot dead") else 0), f)
            actor = subj4 or head.text.split()[0]
    # actor: "accused the rebels of having shot at", "blamed rebels for attacks"
    if not actor and _seen_cs(f, text, _BLAME, max(0, ch_start - 120), ch_start):
        am = rx.search(
            r"\b(?:accus\w*|blam\w*|holds?|held)\s+((?:[\w'-]+\s+){0,5}?[\w'-]+)\s+(?:of|for|responsible\s+for)\s+"
            r"(?:having\s+|the\s+|an?\s+)?(?:[\w-]+\s+){0,2}$",
            text[max(0, ch_start - 120) : ch_start],
        )
        if am:
            actor = am.group(1)
    # actor of a clash: "exchange of fire with militants", "fighting between A and B"
    if head.weapon == "ground" and not verbal:
        tail = text[ch_end:clause_end]
        bm = rx.match(r"^\s+(?:took\s+place\s+|erupted\s+)?between\s+", tail)
        wm = rx.match(r"^\s+with\s+", tail)
        if bm:
            np = _np_after(rx, text, ch_end + bm.end())
            if np:
                parts = _split(r"\s+and\s+", np[0], maxsplit=1)
                actor = actor or parts[0]
                if len(parts) > 1:
                    target = target or parts[1]
        elif wm:
            np = _np_after(rx, text, ch_end + wm.end())
            if np:
                actor = actor or np[0]
        inv = _seen_cs(f, text, _INVOLVED, max(0, ch_start - 90), ch_start) and rx.search(
            r"(?:^|\s)((?:both\s+)?(?:\w+\s+(?:and\s+)?){0,3}(?:forces|troops|militants|rebels|fighters))\s+"
            r"(?:had|have|has|were|was)\s+(?:been\s+)?involved\s+in\s+(?:the\s+)?$",
            text[max(0, ch_start - 90) : ch_start],
        )
        if inv and not actor:
            actor = rx.sub(r"^both\s+", "", inv.group(1))
    # actor: "X killed N Y in a strike"
    if not actor and not verbal and _seen_cs(f, text, _KILLED_IN, max(0, ch_start - 200), ch_start):
        km = rx.search(
            r"(?:^|[,:]\s|\s-\s)([A-Z][\w.'-]*(?:\s+[\w.'-]+){0,4}?)\s+(?:has\s+|have\s+|had\s+)?"
            r"(?:killed|wounded|hit|targeted)\s(?!in\b|during\b|by\b|as\b|when\b)[^,;]{1,80}?\b(?:in|with)\s+(?:an?|the|two|three|several)?\s*"
            r"(?:[\w-]+\s+){0,2}$",
            text[max(0, ch_start - 200) : ch_start],
        )
        if km and km.group(1).split()[-1].lower() in {"been", "was", "were", "are", "is", "be"}:
            km = None
        if km and km.group(1).split()[0].lower() in rx["time_set"] | {"nineteen", "dozens", "hundreds", "scores"}:
            km = None
        if km:
            cand, was_platform = _strip_platform(rx, km.group(1))
            sp = cand and rx.match(
                r"(?i)^(.{2,60}?)\s+(?:said|says|claimed|claims|announced|stated)\s+(?:that\s+)?(?:it|they)$", cand
            )
            if sp:
                cand = sp.group(1)  # "The army said it had killed ...": the pronoun stands for the speaker
            if cand and not _is_time(rx, cand) and cand.split()[0].lower() not in {"the", "in", "it"} | {"on"}:
                actor = cand
            elif cand and cand.split()[0].lower() == "the" and len(cand.split()) > 1:
                actor = cand

    # target: object of an attack verb, or "on/against/of NP" after the attack words
    obj_pos = head.end if verbal else ch_end
    if verbal and not passive:
        um = _seen_cs(f, text, _UNDER, obj_pos, obj_pos + 20) and rx.match(
            r"\s+(?:under|beneath|underneath)\s+(?=the\s|an?\s)", text[obj_pos : obj_pos + 20]
        )
        if um:
            obj_pos += um.end()  # "detonated under a convoy": the convoy is the target
        tail = text[obj_pos : obj_pos + 160]
        stripped = tail.lstrip()
        first = stripped.split()[0].lower().strip('"') if stripped.split() else ""
        if (
            first
            and first
            not in {
                "in",
                "on",
                "at",
                "near",
                "outside",
                "inside",
                "between",
                "behind",
                "along",
                "amid",
                "among",
                "across",
                "through",
                "shortly",
                "when",
                "while",
                "by",
                "with",
                "from",
                "and",
                "for",
                "to",
                "as",
                "after",
                "killing",
                "overnight",
                "late",
                "early",
                "last",
                "this",
                "yesterday",
                "today",
                "again",
                "twice",
                "repeatedly",
                "during",
                "seven",
                "times",
            }
            and (stripped[:1].isalnum() or stripped[:1] == '"')
        ):
            np = _np_after(rx, text, obj_pos)
            if np and not _is_time(rx, np[0]) and np[0].split()[-1].lower() != "times":
                target = target or np[0]
    tail = text[ch_end : ch_end + 160]
    # "the attack, which targeted a village in ...": the relative clause states the attack's object
    # (each pattern below runs only while there is no target yet: its match is used only then)
    rel = not target and rx.match(
        r"^,?\s+(?:which|that)\s+(?:had\s+|has\s+)?(?:targeted|hit|struck|destroyed|damaged)\s+", tail
    )
    if rel:
        np = _np_after(rx, text, ch_end + rel.end())
        if np and not _is_time(rx, np[0]):
            target = np[0]
            nxt = rx.search(r",\s|;|\b(?:said|says|told)\b", text[ch_end + rel.end() : ch_end + rel.end() + 200])
            clause_end = ch_end + rel.end() + (nxt.start() if nxt else min(200, len(text) - ch_end - rel.end()))
    landed = (
        (not target)
        and _seen_cs(f, text, _LANDED, ch_end, ch_end + 160)
        and rx.match(
            r"^\s*(?:[\w-]+\s+){0,6}?(?:landed|fell|exploded|impacted|crashed)\s+(?:near|on|in|into|onto)\s+(?=the\s|a\s|an\s)",
            tail,
        )
    )
    if landed:
        np = _np_after(rx, text, ch_end + landed.end())
        if np and not _is_time(rx, np[0]):
            target = np[0]
    pm = (not target) and rx.match(
        r"^\s*(?:\w+\s+){0,2}?(?:on|against|at|of|onto|into|targeting|hitting|upon|towards|toward)\s+(?!least\b|(?:the\s+)?"
        r"(?:time|day|night|dawn|behest|request|ground|scene|outskirts|border)\b)",
        tail,
        flags=re.I,
    )
    if pm and pm.group().lstrip()[:2].lower() == "on" and _seen_cs(f, text, _BLAME, max(0, ch_start - 40), ch_start):
        if rx.isearch(r"\bblam(?:e|es|ed|ing)\s+(?:(?!for\s)[\w'-]+\s+){0,3}$", text[max(0, ch_start - 40) : ch_start]):
            # "blamed the attack on the far right": the party blamed, not the target (but "blamed
            # rebels for attacks on government-held areas" names the target)
            pm = None
    if pm:
        np = _np_after(rx, text, ch_end + pm.end())
        if np and not _is_time(rx, np[0]) and np[0].lower().split()[0] not in {"least", "request", "around"}:
            target = np[0]
    if not target and _seen_cs(f, text, _AGAINST, ch_end, clause_end):
        am = rx.search(r"\b(?:against|targeting|targeted)\s+", text[ch_end:clause_end])
        if am:
            np = _np_after(rx, text, ch_end + am.end())
            if np and not _is_time(rx, np[0]):
                target = np[0]
    if not target and not verbal and _seen(f, _OBJECT_VERBS, ch_end, ch_end + 60):
        om = rx.match(
            r"^\s+(?:\w+\s+)?(?:kills|killed|hits|hit|targets|targeted|struck|strikes|damaged|destroyed|"
            r"flattened|levelled|leveled|demolished|razed|wrecked)\s+(?:(?:at\s+least|more\s+than|about|nearly|some)\s+)?",
            text[ch_end : ch_end + 60],
            flags=re.I,
        )
        if om:
            np = _np_after(rx, text, ch_end + om.end())
            if np and not _is_time(rx, np[0]):
                t0 = rx.sub(
                    r"^(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|an?)\s+(?=\S)",
                    "",
                    np[0],
                    flags=re.I,
                )
                t0 = t0.strip("\"' ")
                if t0 and _numbers().parse_number(t0) is None and not t0[:1].isdigit():
                    target = t0  # "strike kills three": a bare figure names no target
    if not target and _seen_cs(f, text, _SUBJECTED, max(0, ch_start - 60), ch_start):
        sm = rx.search(
            r"(?:was|were|been|being|are|is)\s+(?:subjected|exposed)\s+to\s+(?:an?\s+|the\s+)?"
            r"(?:[\w\"-]+\s+){0,2}\"?$",
            text[max(0, ch_start - 60) : ch_start],
        )
        if sm:
            subj2, _ = _subject(rx, text, max(0, ch_start - 60) + sm.start(), f)
            if subj2:
                target = subj2
    explicit_target = bool(target)
    if not target:
        vm = _victim(rx, f)
        if vm:
            target = text[vm.start(1) : vm.end(1)].strip()
            target = rx["det"].sub("", target) if target.lower().startswith(("the ", "a ", "an ")) else target
    if target:
        target = target.strip().strip("\"'").strip()
        if actor and _norm(target) == _norm(actor):
            target = None
    # the location is read only for a chain that is kept (``_place``, after ``_passing``): what it needs is kept
    place = (location, clause_end, actor, target)
    if actor:
        actor = actor.strip().strip("\"'").rstrip(",").strip()
        if actor.lower() in {"which", "that", "who"}:
            actor = None
    return {
        "actor": actor or None,
        "target": target or None,
        "verbal": verbal,
        "explicit": bool(actor) or (explicit_target and bool(target)),
        "place": place,
    }


def _place(rx, text: str, ch: _Chain, f: _Facts, place: tuple) -> str | None:
    """The location of a chain's attack (``place``: what ``_roles`` found before it, the end of the
    clause, the actor and the target). Speed: a separate step, skipped for the chains ``_passing`` drops
    (one in five), as the place search is the costliest part of the roles."""
    location, clause_end, actor, target = place
    ch_start = ch.start
    # location: "in/near <Place>" in the clause after the attack words, else a fronted "In <Place>,"
    if not location:
        location = _location(rx, text, ch_start, clause_end, None, f)
    if not location:
        # a fronted place phrase: "In Aleppo, ...", "And in the village of X, ...", "Over the past week in X, ..."
        fm = rx.match(
            r"^\W{0,3}(?:(?:And|But|Meanwhile|Elsewhere|Earlier|Later|Over\s+the\s+(?:past|last)\s+\w+),?\s+)?"
            r"(?:In|in|Near|near|Across|across)\s+[^,]{2,60},",
            text,
        )
        if fm and fm.end() <= ch_start:
            location = _location(rx, text, 0, fm.end(), None, f)
    if location and target and (_norm(location) in _norm(target) or _norm(target) in _norm(location)):
        location = None
    if location and actor and _norm(location) == _norm(actor):
        location = None
    return location or None


_DEFINITE = {"the", "this", "these", "those", "its", "their", "his", "our", "whose", "other", "any"}


# before a bare weak noun ("Explosions rocked ...", "the devices were pipe bombs"): nothing or a copula
_BARE_SLOT = {"", "were", "was", "are", "is", "be", "been"}


def _passing(rx, text: str, ch: _Chain, roles: dict, f: _Facts) -> bool:
    """True for an attack noun that only refers back to an attack without stating a fact about it
    ("rushed to the scene of the blast", "who lost a leg in the bombing", "the cause of the explosion").
    A definite or possessive noun ("the attack", "last month's blast", "these bombs") counts only with
    an actor or explicit target, or with a verb of the attack after it ("the blast killed", "the attack,
    which hit") or a passive casualty or damage before it ("were killed in the attack")."""
    if roles["explicit"] and roles["target"]:
        return False
    if all(t.tier == "means" for t in ch.trigs) and rx["delivery"].search(
        text[max(0, ch.start - 30) : ch.end + 40].lower()
    ):
        return False  # a weapon with its delivery verb states the attack ("shells land on the city")
    claim = False
    if roles["actor"]:  # (the claim test only matters with an actor: looked for only then)
        claim = _seen(f, _RESP, max(0, ch.start - 60), ch.start) and rx["resp_claim"].search(
            text, max(0, ch.start - 60), ch.start
        )
        if not claim:
            return False  # a responsibility claim for "the attack" names its author but reports nothing new
    before = text[max(0, ch.start - 80) : ch.start].split()
    i = len(before) - 1
    skipped = 0
    while i >= 0 and skipped < 3:
        w = before[i].strip("\"'").lower()
        if w in _DEFINITE or w.endswith(("'s", "s'")) or w in {"a", "an"}:
            break
        if before[i][:1].isupper() or w in rx["modifier_set"] or _norm(w) in rx["table"] or w.endswith("-old"):
            i -= 1
            skipped += 1
            continue
        break
    det = before[i].strip("\"'").lower() if i >= 0 else ""
    weak = all(t.tier != "safe" for t in ch.trigs)  # "bombs", "explosions": no attack word of their own
    if not (det in _DEFINITE or det.endswith(("'s", "s'"))) and not (weak and det in _BARE_SLOT):
        return False
    if i >= 0 and rx["delivery"].fullmatch_word(det):
        return False  # "before dropping bombs"
    # "warplanes carried out the first massacre since the truce": the object of a launch verb is reported
    for t in ch.trigs:
        if t.tier != "means" and _seen(f, _LAUNCH_WORDS, max(0, t.start - 80), t.start):
            lo = max(0, t.start - 80)
            vb = (
                rx["verb_before_lc"].search(f.low[lo : t.start])
                if f.plain
                else rx["verb_before"].search(text[lo : t.start])
            )
            if vb and not rx["resp_claim"].search(text, max(0, t.start - 60), t.start):
                return False
            break
    if f.legal is None:  # a fact of the sentence: looked for once
        f.legal = _seen(f, _LEGAL, 0, len(text)) and bool(rx["legal"].search(text))
    if f.legal:
        return True  # a trial, investigation or arrest about the attack
    lead = " ".join(before[: i + 1])
    # "the mother of a guard who was killed in the attack, was the first to speak": the verbs after the
    # relative clause belong to the main clause, not to the attack
    relative = f.low.find("who", max(0, ch.start - 80), ch.start) >= 0 and rx["victim_relative"].search(lead)
    for t in [] if relative else ch.trigs:
        fm = (
            rx["fact_after_lc"].match(f.low, t.end, min(len(text), t.end + 120))
            if f.plain
            else rx["fact_after"].match(text, t.end, min(len(text), t.end + 120))
        )
        if fm and not (claim and fm.group().lower().endswith("carried out")):
            return False  # (after a claim, "the attack ... carried out by X" only names its author again)
    # "In the deadliest strike on Monday in <Place>, 17 people lost their lives": a fronted attack phrase
    # whose main clause reports the casualties
    if rx["fronted_in"].match(text[: ch.start]) and rx["casualty_clause"].search(text, ch.end):
        return False
    pm = not relative and rx["fact_before"].search(lead)
    if pm and not rx["who_before"].search(lead[: pm.start()]):
        return False
    return True


_BOMBING_VERB_BEFORE = {
    "began", "begun", "begin", "begins", "started", "start", "starts", "continued", "continue", "continues", "kept",
    "keep", "resumed", "resume", "stopped", "stop", "were", "was", "are", "is", "been", "be", "halted", "halt",
}  # fmt: skip
_NOT_AN_OBJECT = {"in", "on", "of", "at", "near", "by", "campaign", "raids", "raid", "runs", "run", "was", "were", "is"}


def _bombing_verb(text: str, a: int, b: int) -> bool:
    """ "forces began bombing Isis targets", "jets were bombing the town": "bombing" as a verb with an object."""
    before = text[:a].rsplit(None, 1)
    nxt = text[b:].split(None, 1)
    return (
        bool(before)
        and before[-1].lower() in _BOMBING_VERB_BEFORE
        and bool(nxt)
        and nxt[0][:1] not in ",.;:()\"'"
        and nxt[0].lower() not in _NOT_AN_OBJECT
    )


def _launched_long_before(rx, text: str, ch: _Chain) -> bool:
    """ "have launched a locally made long-range ballistic missile": a launch verb further back in the same
    clause, its object a weapon with several modifiers."""
    lead = text[max(0, ch.start - 90) : ch.start]
    m = rx.isearch(r"\b(?:launched|fired)\s+an?\s+", lead)
    if not m:
        return False
    gap = lead[m.end() :]
    return len(gap.split()) <= 12 and not rx.search(r"[,.;:]\s|\b(?:and|or|but|which|that|who)\s+\w+ed\b", gap)


# Bounds for degenerate input: a "sentence" longer than _MAX_SPAN (run-on lists, hostile strings) is
# read in pieces of about that size; no real sentence reports more than a handful of attacks, so reading
# stops after _MAX_PIECES pieces or _MAX_RECORDS records.
_MAX_SPAN = 1500
_MAX_PIECES = 100
_MAX_RECORDS = 64


def _pieces(text: str) -> list[str]:
    """Cut an over-long sentence at clause marks (else at spaces) into bounded pieces."""
    out: list[str] = []
    pos = 0
    n = len(text)
    while pos < n:
        end = min(n, pos + _MAX_SPAN)
        if end < n:
            cut = max(text.rfind("; ", pos, end), text.rfind(". ", pos, end), text.rfind(", ", pos, end))
            if cut <= pos + _MAX_SPAN // 3:
                cut = text.rfind(" ", pos, end)
            if cut > pos:
                end = cut + 1
        out.append(text[pos:end])
        pos = end
    return out


def extract(sent: Sentence, doc: Document) -> list[Strike]:
    rx = _rx()
    text = sent.text
    if len(text) <= _MAX_SPAN:
        triggers = rx["triggers"]
        low = text.lower()
        # (the common case written out: ``_lower`` and ``_runs`` of an ASCII sentence, then the trigger
        # test; every sentence of an article comes here, most of them to leave)
        if low.isascii() and len(low) == len(text):
            runs = low.encode().translate(_RUN_BYTES).split()
            if triggers.keys.bytes.isdisjoint(runs):
                return []  # most sentences: no word that begins a trigger
        else:
            low = _lower(text)
            runs = _runs(low)
            if triggers.keys.isdisjoint(runs):
                return []
        found = triggers.spans(low, runs=runs)
        if not found:
            return []
        return _extract_text(rx, text, doc, low, found, runs)
    if not rx["triggers"].search(_lower(text)):
        return []
    out: list[Strike] = []
    for piece in _pieces(text)[:_MAX_PIECES]:
        if rx["triggers"].search(_lower(piece)):
            out.extend(_extract_text(rx, piece, doc))
            if len(out) >= _MAX_RECORDS:
                return out[:_MAX_RECORDS]
    return out


def _search_raid(rx, text: str) -> bool:
    """A police search: law enforcement raiding homes or offices to arrest or seize, with no fighting
    ("police raided the homes of three suspects and seized documents", "arrested at one of two
    apartments police raided"). An army raid, or a police raid with a shootout or deaths, is an attack."""
    if not rx.isearch(r"\b(?:police(?:men)?|detectives|investigators|agents|FBI|prosecutors)\b", text):
        return False
    return not rx.isearch(
        r"\b(?:kill\w*|dead|deaths?|died|shot|shoot\w*|fire[ds]?|gun\w*|clash\w*|wound\w*|injur\w*|"
        r"battle\w*|explo\w*|bomb\w*|grenades?|troops|soldiers|army|forces|militants?|insurgents?|rebels?)\b",
        text,
    )


def _extract_text(
    rx, text: str, doc: Document, low: str | None = None, found: list | None = None, runs: list | None = None
) -> list[Strike]:
    if low is None:
        low = _lower(text)
    if runs is None:
        runs = _runs(low)
    if found is None:
        found = rx["triggers"].spans(low, runs=runs)
    f = _Facts(text, low, runs)
    if f.plain:
        rx = _rx_plain()
    trigs: list[_Trig] = []
    for a, b in found:
        surface = text[a:b]
        key = _norm(surface)
        tier, weapon = rx["table"].get(key, ("ambiguous", "unspecified"))
        if key == "bombing" and _bombing_verb(text, a, b):
            weapon = "air"  # "jets began bombing rebel positions": the verb drops bombs from the air
        trigs.append(_Trig(a, b, surface, tier, weapon, rx["generic"].get(key), key))
    if rx["not_conflict_lc"].search(low, runs=runs):
        trigs = [t for t in trigs if t.tier == "safe"]
        if not trigs or not rx["conflict_lc"].search(low, runs=runs):
            return []
    if not _conflict_context(rx, low, trigs, runs) and not _doc_is_conflict(rx, doc):
        return []
    kept = []
    unreal = None  # the last attack word dropped as threatened, hypothetical, a trend or a time phrase
    search_raid = None  # whether "raid" here is a police search, found only for a raid word
    for t in trigs:
        if _adjectival(text, t) or _victims(text, t):
            continue
        if t.norm.startswith("raid"):
            if search_raid is None:
                search_raid = _search_raid(rx, text)
            if search_raid:
                continue
        real = _realis(rx, text, t, f)
        if (
            real
            and unreal is not None
            and rx.match(r"^,?\s*(?:and|or)\s+$", text[unreal.end : t.start])
            and not _is_verbal(text, t)  # ("right after the explosion and shot at the guards": a new verb)
        ):
            real = False  # "killed every day in attacks and clashes": the cue covers both attack words
        if real:
            kept.append(t)
        unreal = None if real else t
    if not kept:
        return []
    chains = _chains(rx, text, kept, f)
    # a chain of weapons only is an attack when a delivery verb or "by/in/from" + casualty word is near
    events: list[_Chain] = []
    orphans: list[_Chain] = []
    for ch in chains:
        if any(t.tier != "means" for t in ch.trigs):
            events.append(ch)
            continue
        near = text[max(0, ch.start - 30) : ch.end + 40]
        before = text[max(0, ch.start - 25) : ch.start].lower()
        if rx["delivery"].search(near.lower()) or (
            any(p in before.split() for p in ("by", "from", "in")) and rx["conflict_lc"].search(low, runs=runs)
        ):
            events.append(ch)
        elif _launched_long_before(rx, text, ch):
            events.append(ch)
        else:
            orphans.append(ch)
    if not events:
        return []
    for o in orphans:  # "targeted the city with a Katyusha missile": the weapon joins the attack of its clause
        nearest = min(events, key=lambda e: min(abs(e.start - o.end), abs(o.start - e.end)))
        lo, hi = (nearest.end, o.start) if nearest.start < o.start else (o.end, nearest.start)
        gap = text[lo:hi]
        short = len(gap.split()) <= 8 and not rx.isearch(r"[;:]|\b(?:said|says|told|who|which|that)\b", gap)
        if short or (not rx["clause_break"].search(gap) and len(gap.split()) <= 14):
            nearest.trigs.extend(o.trigs)
    events.sort(key=lambda c: c.start)
    merged: list[_Chain] = []
    for ch in events:
        # "gunmen killed nine villagers in an overnight raid": the killing and the raid are one attack
        if (
            merged
            and any(t.generic == "armed" for t in merged[-1].trigs)
            and rx["armed_in"].match(text, merged[-1].end, ch.start)
        ):
            merged[-1].trigs.extend(ch.trigs)
            continue
        # "a drone circled the market before dropping bombs": the bombs are the payload of the aircraft's
        # attack, not an attack of their own
        if (
            merged
            and all(t.tier == "ambiguous" and t.weapon == "explosive" for t in ch.trigs)
            and any(t.tier == "means" and t.weapon in {"air", "drone"} for t in merged[-1].trigs)
            and rx.isearch(r"\bdrop(?:ping|ped|s)?\s+(?:[\w-]+\s+){0,2}$", text[max(0, ch.start - 40) : ch.start])
        ):
            continue
        merged.append(ch)
    events = merged
    out: list[Strike] = []
    explicit: list[bool] = []
    spans: list[tuple[int, int]] = []  # the chain of each record
    for ch in sorted(events, key=lambda c: c.start):
        weapons = []
        for t in ch.trigs:
            for w in t.weapon.split("+"):
                if w != "unspecified" and w not in weapons:
                    weapons.append(w)
        weapons.sort(key=WEAPON_ORDER.index)
        if "ground" in weapons and len(weapons) > 1:
            fire = [t for t in ch.trigs if t.weapon == "ground" and "fire" in t.text.lower()]
            if fire and len(fire) == len([t for t in ch.trigs if t.weapon == "ground"]):
                weapons.remove("ground")  # "the aircraft returned and opened fire"
        roles = _roles(rx, text, ch, f)
        head = next((t for t in ch.trigs if t.tier != "means"), ch.trigs[0])
        if not weapons and roles["actor"] and rx["airforce"].search(roles["actor"]):
            weapons = ["air"]
        if not weapons and roles["actor"] and "bomber" in roles["actor"].lower():
            weapons = ["explosive"]  # "when the bomber struck"
        generic = None
        if not weapons:
            generic = next((t.generic for t in ch.trigs if t.generic), "attack")
            if any(t.generic == "own" for t in ch.trigs):
                generic = None  # "nine people were wounded in the stabbings": a blade, not the article's weapon
        elif weapons == ["explosive"] and all(t.generic == "blast" for t in ch.trigs if t.weapon == "explosive"):
            generic = "blast"
        tier = "safe" if any(t.tier == "safe" for t in ch.trigs) else head.tier
        rule = f"{tier}:{head.norm}" + (f":generic-{generic}" if generic else "")
        if roles["verbal"] and not roles["actor"] and out and rx.search(r"(?:^|\s)and\s*$", text[: ch.start][-8:]):
            roles["actor"] = out[-1].actor  # "X launched drone strikes and overran the camps"
        count = _count(rx, text, ch, head, f)
        if not roles["verbal"] and count is None and _passing(rx, text, ch, roles, f):
            continue
        explicit.append(roles["explicit"])
        spans.append((ch.start, ch.end))
        location = _place(rx, text, ch, f, roles["place"])
        out.append(
            Strike(
                weapon=(weapons[0] if len(weapons) == 1 else weapons) if weapons else "unspecified",
                actor=roles["actor"],
                target=roles["target"],
                location=location,
                count=count,
                trigger=text[ch.start : ch.end],
                rule=rule,
            )
        )
    # a generic back-reference ("the latest attacks") beside a real report adds nothing
    if len(out) > 1:
        separate, definite = _separate_definite(rx, text, spans)
        keep = [
            (r, sep, de)
            for r, ex, sep, de in zip(out, explicit, separate, definite, strict=True)
            if ex
            or r.count is not None
            or (r.weapon != "unspecified" and not r.rule.startswith("ambiguous"))
            or ":generic-" not in r.rule  # "homemade bombs ... and stabbings": each word names its means
        ] or [(out[0], separate[0], definite[0])]

        keep = [
            k
            for i, k in enumerate(keep)
            if i == 0
            or not (
                k[0].actor and rx.match(r"(?i)^(?:(?:one|two|some|all|both|each|none)\s+of\s+them|it)$", k[0].actor)
            )
        ]
        # "X planted the bomb and Y detonated the bomb": a definite mention of the weapon of another record,
        # with no role of its own, repeats that attack (two attacks differ in actor, target or place, or
        # are called "separate")
        merged_out: list[Strike] = []
        for r, sep, de in keep:
            prev = (
                None
                if sep or not de
                else next((m for m in merged_out if m.weapon == r.weapon and _same_attack(m, r)), None)
            )
            if prev is None:
                merged_out.append(r)
            else:
                prev.actor = prev.actor or r.actor
                prev.target = prev.target or r.target
                prev.location = prev.location or r.location
        out = merged_out
    return out


def _separate_definite(rx, text: str, spans: list[tuple[int, int]]) -> tuple[list[bool], list[bool]]:
    """For each record's chain: is it an attack of its own ("in separate clashes", "another strike", a new
    headline after ";"), and is it a definite mention that may repeat another ("planted the bomb")?"""
    separate, definite = [], []
    for i, (a, b) in enumerate(spans):
        separate.append(
            bool(
                rx.isearch(r"\b(?:separate|another|other|second|different)\s+(?:[\w-]+\s+)?$", text[max(0, a - 30) : a])
            )
            or (i > 0 and ";" in text[spans[i - 1][1] : a])
        )
        definite.append(
            bool(rx.isearch(r"\b(?:the|this|that|these|those)\s+$", text[max(0, a - 12) : a]))
            or bool(rx.isearch(r"\b(?:the|this|that|these|those)\s+[\w-]+$", text[a:b]))
        )
    return separate, definite


def _same_attack(a: Strike, b: Strike) -> bool:
    """One of ``a`` and ``b`` names no role at all, no role differs and neither counts attacks."""
    if a.count is not None or b.count is not None:
        return False
    if (a.actor or a.target or a.location) and (b.actor or b.target or b.location):
        return False
    return all(
        not x or not y or _norm(x) == _norm(y)
        for x, y in ((a.actor, b.actor), (a.target, b.target), (a.location, b.location))
    )

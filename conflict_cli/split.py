"""Split a normalized news text into sentences with character offsets.

Two steps. Lines are grouped into blocks: a blank line, a bullet or a line that reads as a
headline ends a block, and a line that continues the one before it (it starts in lower case, or
the text is hard-wrapped at a fixed width) is joined to it. Each block is then cut at terminal
punctuation followed by a capital, a digit or an opening quote, unless the word before the
point is an abbreviation (Gen., Lt. Col., Rear Adm., Dr., No. 5, Jan. 5), an initial (George W.
Bush) or a dotted acronym (U.S., U.N.) that the next word does not show to end the sentence.
Runaway sentences (no punctuation for thousands of characters) are cut at whitespace so that no
extractor ever sees more than ``MAX_SENTENCE`` characters.
"""

from __future__ import annotations

import functools

from .models import Sentence

MAX_SENTENCE = 2000

# Titles and other abbreviations after which a point never ends a sentence.
_TITLES = frozenset(
    """mr mrs ms messrs dr prof gen lt col maj capt cpt sgt cpl pvt pte adm cmdr cdr brig cmdt
    rep reps sen sens gov govt pres rev hon st ste mt ft gens lieut supt insp det sr jr
    rt amb ass't asst dept dist univ assn bros inc corp ltd co vs v fr sec sgt.maj mme mlle
    maj.gen brig.gen lt.gen lt.col""".split()
)
# Abbreviations that need a number after them to be abbreviations ("No. 5", "Jan. 5").
_BEFORE_NUMBER = frozenset(
    """no nos art arts p pp vol fig ch para jan feb mar apr jun jul aug sep sept oct nov dec
    approx ca est""".split()
)
# After these, a point ends the sentence only when the next word is a common sentence opener.
_AMBIGUOUS = frozenset("""a.m p.m etc al jan feb mar apr jun jul aug sep sept oct nov dec approx""".split())

_OPENERS = frozenset(
    """the a an he she it they we i you his her its their our this that these those there here
    in on at as after before but and so yet however meanwhile police officials authorities
    some many most several no one two three four five six seven eight nine ten when while
    although though if since during earlier later last according witnesses residents it's
    last\u2019s also other another both each every all what why how who where""".split()
)

_TERMINAL = ".!?"
_CLOSERS = "\"')]"
_FUNCTION_WORDS = frozenset("the of and to in a an for on at by with from or as that its their his her".split())


@functools.cache
def _patterns():
    import regex

    return {
        # a candidate boundary: terminal punctuation, closing quotes/brackets, then whitespace
        # ... or glued to the next sentence, as in scraped text: "on Sunday.The attack", "the
        # IEDs.One", "Room 25.Phone", "the Bronx.O'Neill", 'the "association".He said', 'at 5.30
        # p.m. (1530 UTC)."There was', 'low force.""It is'
        # (possessive and anchored at the start of a punctuation run: linear on "......" runs;
        # it opens with the punctuation, not the look-behind, so the engine skips to the next
        # point, "!" or "?" at C speed instead of trying the pattern at every character)
        "boundary": regex.compile(
            r"[.!?](?<![.!?][.!?])[.!?]*+[\"')\]]*+"
            r"(?:\s+|(?<=[\p{L}\d][\p{L}\d][.!?])(?=\p{Lu}\p{Ll}|\p{Lu}'\p{Lu})"
            r"|(?<=\p{Ll}\p{Ll}[\")][.!?])(?=\p{Lu}\p{Ll})|(?<=\p{Ll}\p{Ll}[.!?][\"')\]])(?=\p{Lu})"
            r"|(?<=[\p{L}\d)][.!?][\"'])(?=\p{Lu}\p{Ll})|(?<=\p{Ll}[.!?]\"\")(?=\p{Lu}))"
        ),
        "bullet": regex.compile(r"[ ]*(?:[*+>\-][ ]+|\d{1,2}[.)][ ]+|[a-z][.)][ ]+(?=[A-Z]))"),
        "word_before": regex.compile(r"(\S+)$"),
        "next_word": regex.compile(r"[\"'(\[]*([\w.'\-]+)"),
        "upper_start": regex.compile(r"[\"'(\[]?[\p{Lu}\d]"),
        "acronym": regex.compile(r"(?:\p{L}\.){2,}$"),
        "upper_digit": regex.compile(r"[\p{Lu}\d]"),
        "initial": regex.compile(r"^(?:\p{Lu}\.)$"),
        "space_run": regex.compile(r"\s+"),
        # a capital after a small letter, then a small letter ("bombsWhile", "McDonald") or the
        # rest of a dateline ("SurvivorsBOSTON - ", "attackKABUL (Reuters)"); see _unpunctuated.
        # The capital first: the engine tries the look-behind only at capitals
        "camel": regex.compile(r"\p{Lu}(?<=\p{Ll}\p{Lu})(?:\p{Ll}|\p{Lu}{2,}(?= [(\-]|, )|(?<=[AI])(?= \p{Ll}))"),
    }


@functools.cache
def _ascii_patterns():
    """The same patterns for the stdlib engine, for texts that are ASCII with none of
    ``_NOT_REGEX_SPACE``: there ``\\p{Ll}``/``\\p{Lu}`` are ``[a-z]``/``[A-Z]`` and ``\\s``, ``\\w``, ``\\d``
    match what they match in ``regex``. A one-article run then never imports ``regex``."""
    import re

    return {
        "boundary": re.compile(
            r"[.!?](?<![.!?][.!?])[.!?]*+[\"')\]]*+"
            r"(?:\s+|(?<=[A-Za-z\d][A-Za-z\d][.!?])(?=[A-Z][a-z]|[A-Z]'[A-Z])"
            r"|(?<=[a-z][a-z][\")][.!?])(?=[A-Z][a-z])|(?<=[a-z][a-z][.!?][\"')\]])(?=[A-Z])"
            r"|(?<=[A-Za-z\d)][.!?][\"'])(?=[A-Z][a-z])|(?<=[a-z][.!?]\"\")(?=[A-Z]))"
        ),
        "bullet": re.compile(r"[ ]*(?:[*+>\-][ ]+|\d{1,2}[.)][ ]+|[a-z][.)][ ]+(?=[A-Z]))"),
        "word_before": re.compile(r"(\S+)$"),
        "next_word": re.compile(r"[\"'(\[]*([\w.'\-]+)"),
        "upper_start": re.compile(r"[\"'(\[]?[A-Z\d]"),
        "acronym": re.compile(r"(?:[A-Za-z]\.){2,}$"),
        "upper_digit": re.compile(r"[A-Z\d]"),
        "initial": re.compile(r"^(?:[A-Z]\.)$"),
        "space_run": re.compile(r"\s+"),
        "camel": re.compile(r"[A-Z](?<=[a-z][A-Z])(?:[a-z]|[A-Z]{2,}(?= [(\-]|, )|(?<=[AI])(?= [a-z]))"),
    }


def _lines(norm: str):
    """(start, end) of every line, ends excluding the newline."""
    pos = 0
    n = len(norm)
    while pos <= n:
        nl = norm.find("\n", pos)
        if nl < 0:
            yield pos, n
            return
        yield pos, nl
        pos = nl + 1


def _strip(norm: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without the whitespace (``str.isspace``) at either end."""
    if start < end and (norm[start].isspace() or norm[end - 1].isspace()):
        seg = norm[start:end]
        inner = seg.strip()
        if not inner:
            return end, end
        start += len(seg) - len(seg.lstrip())
        end = start + len(inner)
    return start, end


def _is_wrapped(lines: list[tuple[int, int]], norm: str) -> bool:
    """True when most lines of the text break mid-sentence at a similar width."""
    lengths = [e - s for s, e in lines if e > s]
    if len(lengths) < 4:
        return False
    long = [length for length in lengths if 45 <= length <= 100]
    if len(long) < 0.6 * len(lengths):
        return False
    open_ends = sum(1 for s, e in lines if e > s and norm[e - 1] not in _TERMINAL + _CLOSERS + ":")
    return open_ends >= 0.5 * len(lengths)


def _continues(norm: str, prev: tuple[int, int], cur: tuple[int, int], wrapped: bool, width: int) -> bool:
    """Does line ``cur`` continue the sentence of line ``prev``?"""
    last = norm[prev[1] - 1]
    if last in _TERMINAL:
        return False
    first = norm[cur[0]]
    if first.islower():
        return True
    if last in ",;(&" or (last in _CLOSERS and norm[prev[1] - 2 : prev[1] - 1] == ","):
        return True
    tail = norm[max(prev[0], prev[1] - 12) : prev[1]].rsplit(" ", 1)[-1].lower()
    if tail in _FUNCTION_WORDS:
        return True
    return wrapped and (prev[1] - prev[0]) >= 0.6 * width


def _blocks(norm: str, p: dict | None = None):
    """Yield (start, end, is_bullet) for each block of joined lines."""
    if p is None:
        p = _patterns()
    raw = [_strip(norm, s, e) for s, e in _lines(norm)]
    wrapped = _is_wrapped(raw, norm)
    width = max((e - s for s, e in raw), default=0)
    cur: list[int] | None = None  # [start, end, bullet]
    prev_line: tuple[int, int] | None = None
    for s, e in raw:
        if s >= e:  # blank line
            if cur:
                yield tuple(cur)
            cur, prev_line = None, None
            continue
        c = norm[s]
        # a bullet opens with a marker, a digit or a lower-case letter: skip the pattern on others
        m = None if c.isascii() and not (c in "*+>-" or c.isdigit() or c.islower()) else p["bullet"].match(norm, s, e)
        bullet = m is not None and m.end() < e
        if bullet:
            s = m.end()
        if (
            cur is not None
            and not bullet
            and prev_line is not None
            and _continues(norm, prev_line, (s, e), wrapped, width)
        ):
            cur[1] = e
        else:
            if cur:
                yield tuple(cur)
            cur = [s, e, bullet]
        prev_line = (s, e)
    if cur:
        yield tuple(cur)


_OPEN = "\"'(["  # what may precede the capital of the next sentence (``upper_start``)
# Characters ``str.isspace`` counts as whitespace and the patterns' ``\s`` does not: where a text
# has none (always, in practice), ``str.rsplit`` finds the word before a point as ``word_before`` does.
_NOT_REGEX_SPACE = ("\x1c", "\x1d", "\x1e", "\x1f")


def _upper_digit(ch: str, p: dict) -> bool:
    r"""Is ``ch`` a capital (``\p{Lu}``) or a digit (``\d``)? ASCII answered here; anything else by
    the pattern, whose Unicode tables are newer than ``unicodedata``'s."""
    if ch.isascii():
        return ch.isupper() or ch.isdigit()
    return p["upper_digit"].match(ch) is not None


def _ends_sentence(block: str, dot: int, after: int, p: dict | None = None, plain: bool = False) -> bool:
    """Is the terminal punctuation at ``block[dot]`` (next text at ``after``) a sentence end?

    The common cases are decided with string methods (the answers of the patterns named in the
    comments); ``plain`` says the text has none of ``_NOT_REGEX_SPACE``."""
    if p is None:
        p = _patterns()
    # upper_start: an optional opening quote or bracket, then a capital or a digit
    ch = block[after : after + 1]
    if ch and ch in _OPEN:
        ch = block[after + 1 : after + 2]
    if ch.isascii():  # (also when empty)
        if not (ch.isupper() or ch.isdigit()):
            return False
    elif not _upper_digit(ch, p):
        return False
    if block[dot] != ".":
        return True
    # word_before: the run of non-space characters ending at the point, at most 30 back
    lo = dot - 30 if dot > 30 else 0
    if plain:
        chunk = block[lo:dot]
        word = "" if not chunk or chunk[-1].isspace() else chunk.rsplit(None, 1)[-1]
    else:
        m = p["word_before"].search(block, lo, dot)
        word = m.group(1) if m else ""
    word = word.lstrip("\"'([")
    low = word.lower()
    if after == dot + 1 or not block[after - 1].isspace():
        # glued: only after a plain word or figure ("IEDs.One", "1-800-TIPS.Police", "Room 25.Phone",
        # 'the "association".He'), never after a title or an acronym with points ("Gen.Smith", "U.S.Army")
        bare = word.rstrip('")').replace("-", "")
        if low.rstrip('")') in _TITLES or "." in word or not bare.isalnum():
            return False
    if low in _TITLES or low.replace(".", "") in _TITLES and "." in low:
        return False
    # the next word matters only after a possible abbreviation, initial or acronym
    if word.isascii():
        initial = len(word) == 1 and word.isupper()
        acronym = (
            len(word) >= 3 and word[-2] == "." and word[-1].isalpha() and word[-3].isalpha()
        )  # ``(?:\p{L}\.){2,}$`` on ``word + "."``
    else:
        initial = p["initial"].match(word + ".") is not None
        acronym = p["acronym"].search(word + ".") is not None
    before_number = low in _BEFORE_NUMBER
    if not (before_number or initial or acronym or low in _AMBIGUOUS):
        return True
    nxt_m = p["next_word"].match(block, after)
    nxt = nxt_m.group(1) if nxt_m else ""
    if before_number and nxt[:1].isdigit():
        return False
    if initial:
        # a lone capital: an initial ("George W. Bush"), unless it is a one-letter word ending a sentence
        return nxt.lower() in _OPENERS and word not in ("W", "H", "J")
    if acronym or low in _AMBIGUOUS:
        return nxt.lower() in _OPENERS or nxt.lower().rstrip("'s") in _OPENERS
    return True


def _cut_long(start: int, end: int, norm: str):
    """Cut a span longer than MAX_SENTENCE at whitespace; yields (start, end)."""
    while end - start > MAX_SENTENCE:
        cut = norm.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        if cut <= start:
            cut = start + MAX_SENTENCE
        s2, e2 = _strip(norm, start, cut)
        if e2 > s2:
            yield s2, e2
        start = cut
    s2, e2 = _strip(norm, start, end)
    if e2 > s2:
        yield s2, e2


def split(norm: str) -> list[Sentence]:
    """Sentences of the normalized text ``norm``, with offsets into it (and so into the input)."""
    plain = not any(c in norm for c in _NOT_REGEX_SPACE)
    return _split(norm, _ascii_patterns() if plain and norm.isascii() else _patterns(), plain)


_LONGEST_WORD = 30


def _unpunctuated(block: str, i: int) -> bool:
    """Does a sentence start at the capital ``block[i]``, glued with no point or space to the word
    before it, as where a scraper joined a heading to the text ("Car bombsWhile the scale ...",
    "Pending chargesProsecutors said")? Yes after a word in lower case of three letters or more, or
    before a word that commonly opens a sentence ("Doubt Terrorism ProperThe existence"): names
    written in camel case ("McDonald", "LeBron", "iPhone") and handles or links ("@realName",
    "site.com/pageName") stay whole. Also before a dateline in capitals ("SurvivorsBOSTON - ")."""
    lo = i - _LONGEST_WORD - 1
    parts = block[lo if lo > 0 else 0 : i].rsplit(None, 1)
    if len(parts) == 1 and lo > 0:
        return False  # a run longer than a word (bounded: hostile runs of letters stay linear)
    tok = parts[-1]
    # the word starts after the token's last opening quote or bracket ('...permanent."Advertisement')
    word = tok[max(tok.rfind('"'), tok.rfind("'"), tok.rfind("("), tok.rfind("[")) + 1 :]
    if len(word) < 3 or not word.isalpha() or not word[1:].islower():
        return False  # "iPhone", "@handle", "site.com/pageName", "self-Made"
    if word[0].islower():
        return word not in _FUNCTION_WORDS  # "blamed theRebels": a typo, no sentence ends with "the"
    if block[i + 1 : i + 2].isupper():
        return True  # a dateline ("Bomber Apologizes to SurvivorsBOSTON - Moments before ...")
    nxt = block[i : i + 12].split(None, 1)[0]
    return nxt.rstrip(",;:").lower() in _OPENERS


def _split(norm: str, p: dict, plain: bool) -> list[Sentence]:
    boundary = p["boundary"]
    camel = p["camel"]
    out: list[Sentence] = []
    append = out.append
    closers = _TERMINAL + _CLOSERS
    # where a sentence may start glued on with no point (rare): one scan of the text, then each
    # block takes the positions inside it (no match spans two blocks: a block is whole lines)
    camels = [m.start() for m in camel.finditer(norm)]
    k = 0
    for para, (bs, be, bullet) in enumerate(_blocks(norm, p)):
        block = norm[bs:be]
        first_in_block = len(out)
        last = 0
        glued = []
        if k < len(camels):
            while k < len(camels) and camels[k] < bs:
                k += 1
            while k < len(camels) and camels[k] < be:
                if _unpunctuated(block, camels[k] - bs):
                    glued.append(camels[k] - bs)
                k += 1
        for m in boundary.finditer(block):
            dot = m.start()
            cut = m.end()
            while glued and glued[0] <= dot:
                g = glued.pop(0)
                if g > last:
                    _emit(out, norm, bs + last, bs + g, para)
                    last = g
            # the first terminal character of the run decides (". . ." or "?!" alike)
            if not _ends_sentence(block, dot, cut, p, plain):
                continue
            if block[cut - 1] == '"' and block.count('"', last, cut - 1) % 2 == 0:
                cut -= 1  # glued ('attack."I have'): with no quote open, the quote opens the next sentence
            text = block[last:cut]
            if 0 < cut - last <= MAX_SENTENCE and not (text[0].isspace() or text[-1].isspace()):
                append(Sentence(len(out), bs + last, bs + cut, text, para))  # the usual case, inline
            else:
                _emit(out, norm, bs + last, bs + cut, para)
            last = cut
        for g in glued:
            if g > last:
                _emit(out, norm, bs + last, bs + g, para)
                last = g
        _emit(out, norm, bs + last, be, para)
        if len(out) - first_in_block == 1 and not bullet:
            sent = out[-1]
            if sent.end - sent.start < 200 and norm[sent.end - 1] not in closers:
                sent.headline = True
    return out


def _emit(out: list[Sentence], norm: str, start: int, end: int, para: int) -> None:
    """Append the sentence(s) of the span ``norm[start:end]``: stripped, and cut when too long."""
    if end - start > MAX_SENTENCE:
        for s2, e2 in _cut_long(start, end, norm):
            out.append(Sentence(len(out), s2, e2, norm[s2:e2], para))
        return
    text = norm[start:end]
    if text and (text[0].isspace() or text[-1].isspace()):
        inner = text.strip()
        if not inner:
            return
        start += len(text) - len(text.lstrip())
        end = start + len(inner)
        text = inner
    elif not text:
        return
    out.append(Sentence(len(out), start, end, text, para))

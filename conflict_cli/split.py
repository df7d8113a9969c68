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
        # ... or glued to the next sentence, as in scraped text: "on Sunday.The attack"
        # (possessive and anchored at the start of a punctuation run: linear on "......" runs)
        "boundary": regex.compile(
            r"(?<![.!?])[.!?]++[\"')\]]*+"
            r"(?:\s+|(?<=\p{Ll}\p{Ll}[.!?])(?=\p{Lu}\p{Ll})|(?<=\p{Ll}\p{Ll}[.!?][\"')\]])(?=\p{Lu}))"
        ),
        "bullet": regex.compile(r"[ ]*(?:[*+>\-][ ]+|\d{1,2}[.)][ ]+|[a-z][.)][ ]+(?=[A-Z]))"),
        "word_before": regex.compile(r"(\S+)$"),
        "next_word": regex.compile(r"[\"'(\[]*([\w.'\-]+)"),
        "upper_start": regex.compile(r"[\"'(\[]?[\p{Lu}\d]"),
        "acronym": regex.compile(r"(?:\p{L}\.){2,}$"),
        "initial": regex.compile(r"^(?:\p{Lu}\.)$"),
        "space_run": regex.compile(r"\s+"),
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
    while start < end and norm[start].isspace():
        start += 1
    while end > start and norm[end - 1].isspace():
        end -= 1
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


def _blocks(norm: str):
    """Yield (start, end, is_bullet) for each block of joined lines."""
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
        m = p["bullet"].match(norm, s, e)
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


def _ends_sentence(block: str, dot: int, after: int) -> bool:
    """Is the terminal punctuation at ``block[dot]`` (next text at ``after``) a sentence end?"""
    p = _patterns()
    if not p["upper_start"].match(block, after):
        return False
    if block[dot] != ".":
        return True
    m = p["word_before"].search(block, max(0, dot - 30), dot)
    word = m.group(1) if m else ""
    word = word.lstrip("\"'([")
    low = word.lower()
    if after == dot + 1 or not block[after - 1].isspace():  # glued: only after a plain lower-case word
        if low in _TITLES or "." in word or not word.isalpha():
            return False
    nxt_m = p["next_word"].match(block, after)
    nxt = nxt_m.group(1) if nxt_m else ""
    next_is_number = nxt[:1].isdigit()
    if low in _TITLES or low.replace(".", "") in _TITLES and "." in low:
        return False
    if low in _BEFORE_NUMBER and next_is_number:
        return False
    if p["initial"].match(word + "."):
        # a lone capital: an initial ("George W. Bush"), unless it is a one-letter word ending a sentence
        return nxt.lower() in _OPENERS and word not in ("W", "H", "J")
    if p["acronym"].search(word + ".") or low in _AMBIGUOUS:
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
    p = _patterns()
    out: list[Sentence] = []
    for para, (bs, be, bullet) in enumerate(_blocks(norm)):
        block = norm[bs:be]
        spans: list[tuple[int, int]] = []
        last = 0
        for m in p["boundary"].finditer(block):
            dot = m.start()
            # the first terminal character of the run decides (". . ." or "?!" alike)
            if _ends_sentence(block, dot, m.end()):
                cut = m.end()
                if block[cut - 1] == '"' and block.count('"', last, cut - 1) % 2 == 0:
                    cut -= 1  # glued ('attack."I have'): with no quote open, the quote opens the next sentence
                spans.append((last, cut))
                last = cut
        spans.append((last, len(block)))
        first_in_block = len(out)
        for s, e in spans:
            for s2, e2 in _cut_long(bs + s, bs + e, norm):
                out.append(Sentence(index=len(out), start=s2, end=e2, text=norm[s2:e2], paragraph=para))
        if len(out) - first_in_block == 1 and not bullet:
            sent = out[-1]
            if sent.end - sent.start < 200 and norm[sent.end - 1] not in _TERMINAL + _CLOSERS:
                sent.headline = True
    return out

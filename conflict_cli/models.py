"""Typed records and documents that flow through the pipeline.

The JSON field names of the records are the output contract: ``doc``, ``type``, ``sentence``,
``start``, ``end``, ``evidence``, then the fields of each record type, then the fields the
resolve stage adds (dates, places, normalized actors) and ``rule``, which names the pattern
that produced the record. Every field is always present in JSON output (``null`` when unknown).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar


@dataclass(slots=True)
class Sentence:
    """One sentence (or headline / bullet line) of a document.

    ``text`` is the *normalized* sentence; it has exactly the length of the original span, so an
    offset inside it plus ``start`` is an offset in the original text.
    """

    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0
    headline: bool = False


@dataclass(slots=True)
class Document:
    """A decoded input text and what the pipeline learns about it."""

    id: str
    text: str  # the decoded input, exactly as read: offsets index this
    norm: str = ""  # same length as ``text``: quotes, dashes and spaces folded, boilerplate blanked
    published: str | None = None  # ISO date, from the user, the input or a date line
    sentences: list[Sentence] = field(default_factory=list)

    def evidence(self, sent: Sentence) -> str:
        return self.text[sent.start : sent.end]


@dataclass(slots=True)
class Record:
    """Fields common to every record; subclasses add their own after these."""

    TYPE: ClassVar[str] = ""
    TAIL: ClassVar[tuple[str, ...]] = ("date", "date_text", "rule")

    doc: str = ""
    sentence: int = 0
    start: int = 0
    end: int = 0
    evidence: str = ""
    date: str | None = None
    date_text: str | None = None
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The record as an ordered dict: head fields, type fields, then the resolve/tail fields."""
        to_dict = _TO_DICT.get(type(self))
        if to_dict is None:
            to_dict = _make_to_dict(type(self))
        return to_dict(self)

    @classmethod
    def field_names(cls) -> list[str]:
        head = ["doc", "type", "sentence", "start", "end", "evidence"]
        body = [f.name for f in fields(cls) if f.name not in head and f.name not in cls.TAIL]
        return head + body + list(cls.TAIL)


# Record class -> its ``to_dict``: a function generated once per class (as ``dataclasses`` does
# for ``__init__``) that reads each field and builds the dict in one dict display, about twice as
# quick as fetching the values and zipping them with the keys.
_TO_DICT: dict[type, Any] = {}


def _make_to_dict(cls: type):
    keys = cls.field_names()
    assert all(k.isidentifier() for k in keys)
    items = ", ".join(f"{k!r}: r.{'TYPE' if k == 'type' else k}" for k in keys)
    namespace: dict[str, Any] = {}
    exec(f"def to_dict(r):\n    return {{{items}}}\n", namespace)  # noqa: S102 - field names only
    to_dict = _TO_DICT[cls] = namespace["to_dict"]
    return to_dict


@dataclass(slots=True)
class Casualty(Record):
    TYPE: ClassVar[str] = "casualty"

    kind: str = "killed"  # killed | injured | missing | kidnapped | detained
    count: int | None = None
    min: int | None = None
    max: int | None = None
    vague: str | None = None  # "dozens", "several", ... when no number is given
    qualifier: str | None = None  # "at least", "about", ... as written
    who: str | None = None
    who_norm: str | None = None
    category: str = "unknown"  # civilians | combatants | security forces | unknown
    cumulative: bool = False
    hedged: bool = False
    number_text: str | None = None  # the figure as written


@dataclass(slots=True)
class Strike(Record):
    TYPE: ClassVar[str] = "strike"

    weapon: str | list[str] | None = "unspecified"
    actor: str | None = None
    actor_norm: str | None = None
    actor_type: str | None = None
    target: str | None = None
    target_norm: str | None = None
    target_type: str | None = None
    location: str | None = None
    country: str | None = None
    admin1: str | None = None
    count: int | None = None
    trigger: str | None = None  # the words that named the attack


@dataclass(slots=True)
class Claim(Record):
    TYPE: ClassVar[str] = "claim"

    speaker: str | None = None
    speaker_text: str | None = None  # the surface form when it differs ("he", "the ministry")
    speaker_norm: str | None = None
    speaker_type: str | None = None
    via: str | None = None
    verb: str | None = None  # lemma: said, told, confirmed, denied, according_to, ...
    stance: str | None = None  # assert | confirm | deny | accuse | claim | warn | report | condemn
    content: str | None = None
    quote: bool = False


RECORD_TYPES: dict[str, type[Record]] = {cls.TYPE: cls for cls in (Casualty, Strike, Claim)}

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
        spec = _DICT_SPECS.get(type(self))
        if spec is None:
            spec = _dict_spec(type(self))
        keys, values = spec
        return dict(zip(keys, values(self), strict=True))

    @classmethod
    def field_names(cls) -> list[str]:
        head = ["doc", "type", "sentence", "start", "end", "evidence"]
        body = [f.name for f in fields(cls) if f.name not in head and f.name not in cls.TAIL]
        return head + body + list(cls.TAIL)


# Record class -> (JSON field names in order, one getter of all their values): ``to_dict`` of a
# record is one C-level attribute fetch and a dict of the pairs, not a walk of ``fields()``.
_DICT_SPECS: dict[type, tuple[tuple[str, ...], Any]] = {}


def _dict_spec(cls: type) -> tuple[tuple[str, ...], Any]:
    from operator import attrgetter

    keys = tuple(cls.field_names())
    spec = _DICT_SPECS[cls] = (keys, attrgetter(*("TYPE" if k == "type" else k for k in keys)))
    return spec


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

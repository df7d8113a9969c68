"""The stdlib ``re`` fast paths of the casualty extractor and the number reader (taken for plain ASCII
text) must read a sentence exactly as the ``regex`` engine paths do (taken for any other text)."""

from __future__ import annotations

import pytest
from test_casualties import SHAPES

from conflict_cli import numbers
from conflict_cli.extractors import casualties
from conflict_cli.normalize import normalize

SENTENCES = [text for text, _ in SHAPES] + [
    "Since the war began, at least 1,200 people have reportedly been killed, 3.5 million displaced.",
    "Between 10 and 15 soldiers and a 34-year-old man were wounded; two hundred and fifty are missing.",
    "The toll rose to 73 on Monday, the U.N. said, including 12 children, of whom 3 were girls.",
    "Police said a journalist's killing and the arrest of five others in 2014 could not be verified.",
    "Dozens of civilians were killed or wounded in the shelling, which may have killed 5 more.",
]


def _records(text: str, P) -> list:
    R = casualties._rules()
    return [repr(r) for r in casualties._extract(text, R, P)]


@pytest.mark.parametrize("text", SENTENCES)
def test_casualties_re_path_reads_as_regex_path(text):
    text = normalize(text)
    assert numbers._plain(text)
    assert _records(text, casualties._re_patterns()) == _records(text, casualties._regex_patterns())


@pytest.mark.parametrize("text", SENTENCES)
def test_quantities_re_path_reads_as_regex_path(text, monkeypatch):
    text = normalize(text)
    fast = numbers.find_quantities(text)  # plain text: the ``re`` pieces
    monkeypatch.setattr(numbers, "_pieces", lambda _text: numbers._regex_pieces())
    assert numbers.find_quantities(text) == fast

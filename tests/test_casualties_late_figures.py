"""Figures after the last casualty word of a sentence: the extractor reads them with the rules that
look before a figure only (an active verb, "claimed N lives", a toll, a list, a subgroup), and skips
the rest (see the fast path in ``casualties._extract``). Each rule must still fire there."""

from __future__ import annotations

import pytest

from conflict_cli.extractors.casualties import extract
from conflict_cli.models import Document, Sentence
from conflict_cli.normalize import normalize

CASES = [
    ("Gunmen killed five soldiers and 12 insurgents.",
     [("killed", 5, "soldiers", "verb+num"), ("killed", 12, "insurgents", "verb+num+list")]),
    ("The floods claimed 40 lives.", [("killed", 40, "people", "claimed+num+lives")]),
    ("The death toll rose to 120.", [("killed", 120, "people", "toll+num")]),
    ("Militants are still holding 130 hostages.", [("kidnapped", 130, "hostages", "num+hostages")]),
    ("Two people were killed, including three children.",
     [("killed", 2, "people", "num+participle"), ("killed", 3, "children", "subgroup")]),
    ("Police arrested 4 men in the raid, among them 2 foreigners.",
     [("detained", 4, "men", "verb+num"), ("detained", 2, "foreigners", "subgroup")]),
    # figures with no rule before them give nothing
    ("Five people were killed in 3 villages on 2 roads.", [("killed", 5, "people", "num+participle")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_late_figures(text, expected):
    norm = normalize(text)
    sent = Sentence(index=0, start=0, end=len(norm), text=norm)
    doc = Document(id="t", text=text, norm=norm, sentences=[sent])
    assert [(r.kind, r.count, r.who, r.rule) for r in extract(sent, doc)] == expected

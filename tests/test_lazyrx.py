"""LazyPatterns: named patterns compiled on first use, per engine."""

from __future__ import annotations

import re

import pytest
import regex

from conflict_cli.lazyrx import LazyPatterns

SOURCES = {"word": lambda: r"\w+", "killed": lambda: r"kill(?:ed|s)?"}


def test_compiled_on_first_use_and_kept():
    calls = []
    sources = {"word": lambda: calls.append(1) or r"\w+"}
    P = LazyPatterns(re, sources, lambda name: False)
    assert not calls
    assert P.word.pattern == r"\w+"
    assert P.word is P.word
    assert calls == [1]


def test_flags_per_engine():
    plain = LazyPatterns(re, SOURCES, lambda name: name == "killed")
    uni = LazyPatterns(regex, SOURCES, lambda name: name == "killed")
    assert plain.killed.flags & re.IGNORECASE and plain.killed.flags & re.ASCII
    assert not plain.word.flags & re.IGNORECASE and plain.word.flags & re.ASCII
    assert uni.killed.flags & regex.IGNORECASE and not uni.word.flags & regex.IGNORECASE
    assert plain.word.findall("Élan vital") == ["lan", "vital"]  # re reads ASCII only: fed plain text
    assert uni.word.findall("Élan vital") == ["Élan", "vital"]


def test_re_sources_override_only_for_re():
    P = LazyPatterns(re, SOURCES, lambda name: False, {"word": lambda: r"[A-Za-z0-9_]+"})
    assert P.word.pattern == r"[A-Za-z0-9_]+"
    assert LazyPatterns(regex, SOURCES, lambda name: False, {"word": lambda: "x"}).word.pattern == r"\w+"


def test_unknown_names_and_all():
    P = LazyPatterns(re, SOURCES, lambda name: False)
    with pytest.raises(AttributeError):
        P.nothing  # noqa: B018
    with pytest.raises(AttributeError):
        P._private  # noqa: B018
    assert sorted(P.all()) == ["killed", "word"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Police said 12 people died.", True),
        ("Line one.\nLine two\tends.", True),
        ("", True),
        ("Police said\x1cthe town fell.", False),
        ("in Kyiv\u2019s south", False),
        ("Z\u00fcrich", False),
    ],
)
def test_plain(text, expected):
    from conflict_cli.lazyrx import plain

    assert plain(text) is expected

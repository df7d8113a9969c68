"""Lexicon loading: the TOML files are the rules; bundle.json is a parsed cache of them."""

from __future__ import annotations

import json

import pytest

from conflict_cli import lexicons

NAMES = sorted(p.stem for p in (lexicons.HERE / "en").glob("*.toml"))


def test_bundle_is_current():
    """Fails after a lexicon edit until `make lexicons` rebuilds the bundle."""
    on_disk = json.loads((lexicons.HERE / "en" / lexicons.BUNDLE).read_text(encoding="utf-8"))
    assert on_disk == lexicons.build_bundle("en"), "lexicon bundle is stale: run `make lexicons`"


@pytest.mark.parametrize("name", NAMES)
def test_load_equals_the_toml(name):
    source = (lexicons.HERE / "en" / f"{name}.toml").read_bytes()
    assert lexicons.load(name) == lexicons.parse(name, source)
    assert "meta" in lexicons.load(name)


def test_a_stale_bundle_entry_is_never_used(monkeypatch):
    fake = {"weapons": {"checksum": "0:00000000", "data": {"meta": {"version": "stale"}}}}
    monkeypatch.setattr(lexicons, "_bundle", lambda lang: fake)
    lexicons.load.cache_clear()
    try:
        assert lexicons.load("weapons")["meta"].get("version") != "stale"
        assert lexicons.load("weapons") == lexicons.parse(
            "weapons", (lexicons.HERE / "en" / "weapons.toml").read_bytes()
        )
    finally:
        lexicons.load.cache_clear()


def test_a_missing_or_broken_bundle_falls_back_to_toml(monkeypatch, tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "tiny.toml").write_text('[meta]\nversion = "1"\n[words]\nlist = ["a", "b"]\n')
    (tmp_path / "en" / lexicons.BUNDLE).write_text("{not json")
    monkeypatch.setattr(lexicons, "HERE", tmp_path)
    lexicons.load.cache_clear()
    lexicons._bundle.cache_clear()
    try:
        assert lexicons.load("tiny") == {"meta": {"version": "1"}, "words": {"list": ["a", "b"]}}
    finally:
        lexicons.load.cache_clear()
        lexicons._bundle.cache_clear()


def test_a_broken_lexicon_names_its_file():
    with pytest.raises(lexicons.LexiconError, match=r"en/broken\.toml"):
        lexicons.parse("broken", b"[meta\nversion = 1\n")


def test_checksum_changes_with_the_source():
    assert lexicons.checksum(b"a = 1\n") != lexicons.checksum(b"a = 2\n")
    assert lexicons.checksum(b"a = 1\n") == lexicons.checksum(b"a = 1\n")


TRIE_TERMS = [
    "air strike",
    "air strikes",
    "airstrike",
    "IED",
    "car bomb",
    "car",
    "U.S.-made",
    "rocket-propelled grenade",
]
TRIE_TEXTS = [
    "an air  strikes hit",
    "Airstrike and car bombs",
    "a U.S.-made IED",
    "rocket-propelled\ngrenades",
    "carbomb",
    "",
]


@pytest.mark.parametrize("engine", ["re", "regex"])
@pytest.mark.parametrize("text", TRIE_TEXTS)
def test_trie_matches_like_the_flat_alternation(engine, text):
    import re

    import regex

    mod = re if engine == "re" else regex
    flat = mod.compile(r"(?<![\w-])(?:" + lexicons.alternation([t.lower() for t in TRIE_TERMS]) + r")(?![\w-])", mod.I)
    tree = mod.compile(r"(?<![\w-])(?:" + lexicons.trie(TRIE_TERMS) + r")(?![\w-])", mod.I)
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_trie_keeps_case_when_asked():
    import re

    cased = re.compile(r"(?<![\w-])(?:" + lexicons.trie(["IED", "UN"], lower=False) + r")(?![\w-])")
    assert [m.group() for m in cased.finditer("an IED, an ied, the UN, a un")] == ["IED", "UN"]
    assert lexicons.trie([]) == ""

"""Actors: normalized names and types, by lexicon entry and by shape, and user entry files."""

from __future__ import annotations

import pytest

from conflict_cli.lexicons import trie
from conflict_cli.models import Casualty, Claim, Strike
from conflict_cli.resolve import actors
from conflict_cli.settings import Settings


@pytest.mark.parametrize(
    "text, role, norm, typ",
    [
        ("Russia's Aerospace Forces", "actor", "Russia", "state forces"),
        ("Russian", "actor", "Russia", "state forces"),
        ("Turkish troops", "actor", "Turkey", "state forces"),
        ("Ukrainian forces", "actor", "Ukraine", "state forces"),
        ("the United States", "actor", "United States", "state forces"),
        ("Moscow", "speaker", "Russia", "government"),
        ("Iran-backed groups", "target", "Iran-backed militias", "militia"),
        ("Iran-aligned groups", "target", "Iran-backed militias", "militia"),
        ("pro-Iran fighters", "who", "Iran-backed militias", "militia"),
        ("SOHR", "speaker", "Syrian Observatory for Human Rights", "media/monitor"),
        ("the Syrian Observatory for Human Rights", "speaker", "Syrian Observatory for Human Rights", "media/monitor"),
        ("the Britain-based war monitor", "speaker", "Syrian Observatory for Human Rights", "media/monitor"),
        ("state news agency Interfax", "speaker", "Interfax", "media/monitor"),
        ("a local TV station", "speaker", "local TV station", "media/monitor"),
        ("unidentified gunmen", "actor", "unidentified gunmen", "armed group"),
        ("suspected insurgents", "actor", "suspected insurgents", "armed group"),
        ("Hamas", "actor", "Hamas", "armed group"),
        ("al-Shabaab militants", "actor", "al-Shabab", "armed group"),
        ("health officials", "speaker", "health officials", "government"),
        ("the Interior Ministry", "speaker", "Interior Ministry", "government"),
        ("the UN children's agency", "speaker", "UNICEF", "international organisation"),
        ("the ICRC", "speaker", "International Committee of the Red Cross", "international organisation"),
        ("the WHO", "speaker", "World Health Organization", "international organisation"),
        ("civilians", "target", "civilians", "civilians"),
        ("a crowded market", "target", "crowded market", "civilians"),
        ("Brigadier General Ahmed Ali", "speaker", "Brigadier General Ahmed Ali", "state forces"),
        ("Jane Doe", "speaker", "Jane Doe", None),
        # acronyms only in capitals: "is", "who" and "us" are words
        ("is the", "actor", "is the", None),
        ("who", "speaker", "who", None),
        ("U.S.", "actor", "United States", "state forces"),
        ("U.S. Central Command", "speaker", "United States", "state forces"),
        ("the Pentagon", "speaker", "Pentagon", "government"),
        ("Gen. Mark Roe", "speaker", "Gen. Mark Roe", "state forces"),
        ("a witness", "speaker", "witness", "civilians"),
        # a country's name: its government when it speaks, its forces when it strikes, a place when hit
        ("Russia", "speaker", "Russia", "government"),
        ("Russia", "actor", "Russia", "state forces"),
        ("Kyiv", "target", "Kyiv", None),
        ("Iraqi soldiers", "who", "Iraqi forces", "state forces"),
    ],
)
def test_normalize(text, role, norm, typ):
    assert actors.normalizer().normalize(text, role) == (norm, typ)


def test_resolver_fills_fields_and_keeps_category():
    recs = [
        Strike(actor="Israeli warplanes", target="a residential building"),
        Claim(speaker="the Syrian Observatory for Human Rights"),
        Casualty(who="pro-government fighters", category="combatants"),
    ]
    actors.resolve(None, recs, Settings())
    s, c, k = recs
    assert (s.actor, s.actor_norm, s.actor_type) == ("Israeli warplanes", "Israel Defense Forces", "state forces")
    assert s.target_type == "civilians"
    assert (c.speaker_norm, c.speaker_type) == ("Syrian Observatory for Human Rights", "media/monitor")
    assert k.who_norm == "pro-government fighters" and k.category == "combatants"


def test_user_file_adds_entries(tmp_path):
    f = tmp_path / "actors.toml"
    f.write_text(
        '[[actor]]\nname = "Northern Liberation Front"\ntype = "armed group"\naliases = ["NLF", "the Front"]\n',
        encoding="utf-8",
    )
    entries = actors.load_user(str(f))
    assert entries[0]["name"] == "Northern Liberation Front"
    recs = [Strike(actor="NLF fighters")]
    actors.resolve(None, recs, Settings(actors_file=str(f)))
    assert (recs[0].actor_norm, recs[0].actor_type) == ("Northern Liberation Front", "armed group")


@pytest.mark.parametrize(
    "content, needle",
    [
        ('[[actor]]\nname = "A"\ntype = "army"\n', "entry 1 (line 1)"),
        ('[[actor]]\nname = "A"\ntype = "militia"\n\n[[actor]]\ntype = "militia"\n', "entry 2 (line 5)"),
        ('[[actor]]\nname = "A"\ntype = "militia"\naliases = "x"\n', "'aliases' must be a list"),
        ('[[actor]]\nname = "A"\ntype = "militia"\ncolour = "red"\n', "unknown key 'colour'"),
        ("[actors]\nname = 1\n", "unknown table or key 'actors'"),
        ('[[actor]\nname = "A"\n', "--actors"),
    ],
)
def test_user_file_errors_name_file_and_entry(tmp_path, content, needle):
    f = tmp_path / "bad.toml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as exc:
        actors.load_user(str(f))
    msg = str(exc.value)
    assert str(f) in msg and needle in msg


def test_missing_user_file(tmp_path):
    with pytest.raises(ValueError, match="--actors .*nope.toml"):
        actors.load_user(str(tmp_path / "nope.toml"))


def test_hostile_actor_string():
    import time

    t = time.perf_counter()
    actors.normalizer().normalize("Iran-" * 20000 + "backed " * 20000 + "forces", "actor")
    assert time.perf_counter() - t < 3.0


@pytest.mark.parametrize(
    "phrase",
    [
        "Syrian government forces",
        "pro-government militiamen",
        "SECURITY  FORCES and armed men",
        "the security-forces' convoy",
        "unidentified gunmen (militants)",
        "residents, children and aid workers",
        "the health ministry's spokesman",
        "forcesX and armedmen",
    ],
)
def test_word_shapes_agree_with_the_shape_regex(phrase):
    """A plain-word shape by set look-up answers like ``(?<![\\w-])(?:terms)(?![\\w-])`` (any case)."""
    import regex

    from conflict_cli.lexicons import alternation, load

    norm = actors.normalizer(None)
    for name, terms in load("actors")["shapes"].items():
        shape = norm.shape.get(name)
        if not isinstance(shape, actors._WordShape):
            continue
        ref = regex.compile(rf"(?<![\w-])(?:{alternation(terms)})(?![\w-])", regex.IGNORECASE)
        assert shape.search(phrase) == bool(ref.search(phrase)), (name, phrase)


@pytest.mark.parametrize(
    "terms, text",
    [
        (["al-Shabaab", "al-Shabab", "Shabaab"], "fighters of Al-Shabaab attacked"),
        (["Islamic State", "Islamic State group", "IS"], "the Islamic  State group said"),
        (["U.N.", "U.N. Security Council"], "the U.N. Security Council met"),
        (["Kata'ib Hezbollah", "Hezbollah"], "Kata'ib Hezbollah fighters"),
    ],
)
def test_prefix_tree_matches_like_the_flat_alternation(terms, text):
    import regex

    from conflict_cli.lexicons import alternation

    tree = regex.compile(rf"(?<![\w-])(?:{trie(terms, lower=True)})(?![\w-])", regex.IGNORECASE)
    flat = regex.compile(rf"(?<![\w-])(?:{alternation(terms)})(?![\w-])", regex.IGNORECASE)
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "fighters of Al-Shabaab attacked",
        "the Islamic  State group said",
        "the U.N. Security Council met",
        "Kata'ib Hezbollah fighters and IS-linked men",
        "Russia's army, Russia'sX and Russia-backed units",
        "U.S.-led coalition and the US military, us and is",
        "the WHO and who\nelse; ICRC/UNICEF (SOHR)",
    ],
)
def test_prefix_tree_walk_matches_like_the_compiled_patterns(text):
    """On ASCII text the dict walk finds what the compiled alias, acronym and country patterns find."""
    norm = actors.normalizer(None)
    for tree, pat, possessive in (
        (norm.alias_tree, norm.alias_re, False),
        (norm.acronym_tree, norm.acronym_re, False),
        (norm.country_tree, norm.country_re, True),
    ):
        assert list(tree.finditer(text, possessive)) == [m.span() for m in pat.finditer(text)], text

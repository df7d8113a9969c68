"""The sentence splitter on tricky news text: boundaries, offsets, headlines, bullets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflict_cli.normalize import normalize
from conflict_cli.split import MAX_SENTENCE, split


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split(normalize(text))]


CASES = [
    # abbreviations, titles and initials do not end sentences
    ("U.S. forces struck a depot. The Pentagon said it was hit.",
     ["U.S. forces struck a depot.", "The Pentagon said it was hit."]),
    ("Lt. Col. Sarah Jones said the base was shelled. No one was hurt.",
     ["Lt. Col. Sarah Jones said the base was shelled.", "No one was hurt."]),
    ("Rear Adm. John Kirby told reporters the strike hit a convoy.",
     ["Rear Adm. John Kirby told reporters the strike hit a convoy."]),
    ("Gen. Mark Milley and Dr. Anna Park spoke on Jan. 5 in Washington.",
     ["Gen. Mark Milley and Dr. Anna Park spoke on Jan. 5 in Washington."]),
    ("The blast at gate No. 3 killed five. Police sealed the area.",
     ["The blast at gate No. 3 killed five.", "Police sealed the area."]),
    ("President George W. Bush visited the troops. He left on Monday.",
     ["President George W. Bush visited the troops.", "He left on Monday."]),
    ("The U.N. said aid was blocked. It called for a ceasefire.",
     ["The U.N. said aid was blocked.", "It called for a ceasefire."]),
    ("Officials from the U.N. Security Council met at 10 a.m. Monday to discuss the raid.",
     ["Officials from the U.N. Security Council met at 10 a.m. Monday to discuss the raid."]),
    ("Talks with U.S. officials stalled. The rebels walked out.",
     ["Talks with U.S. officials stalled.", "The rebels walked out."]),
    # decimals and thousands
    ("Some 3.5 million people fled. About 1,200 were killed.",
     ["Some 3.5 million people fled.", "About 1,200 were killed."]),
    ("The toll rose to 2.5m by 2023. Aid groups warned of famine.",
     ["The toll rose to 2.5m by 2023.", "Aid groups warned of famine."]),
    # quotes
    ('"We will respond," he said. "This attack must not go unanswered."',
     ['"We will respond," he said.', '"This attack must not go unanswered."']),
    ('"Where is the help?" she asked. Nobody answered.',
     ['"Where is the help?" she asked.', "Nobody answered."]),
    ("\u201cThe shelling went on all night,\u201d a resident told AFP. \u201cWe hid.\u201d",
     ["\u201cThe shelling went on all night,\u201d a resident told AFP.", "\u201cWe hid.\u201d"]),
    ('He said: "It is over." Then he left.', ['He said: "It is over."', "Then he left."]),
    # question and exclamation marks
    ("Who fired first? Both sides blame each other!", ["Who fired first?", "Both sides blame each other!"]),
    # numbers can start sentences
    ("The convoy was hit near Aleppo. 12 people died.", ["The convoy was hit near Aleppo.", "12 people died."]),
    # headlines, datelines and bullets on their own lines
    ("Air strikes kill 15 in Idlib\nAt least 15 people were killed on Sunday.",
     ["Air strikes kill 15 in Idlib", "At least 15 people were killed on Sunday."]),
    ("BAGHDAD (Reuters) -\nA car bomb exploded in a market on Thursday.",
     ["BAGHDAD (Reuters) -", "A car bomb exploded in a market on Thursday."]),
    ("KABUL, Afghanistan (AP) \u2014 A suicide bomber struck a ministry. Twelve died.",
     ["KABUL, Afghanistan (AP) \u2014 A suicide bomber struck a ministry.", "Twelve died."]),
    ("Key points\n\n  \u2022 Five civilians were killed.\n  \u2022 Ten were injured.\n- Aid was cut.",
     ["Key points", "Five civilians were killed.", "Ten were injured.", "Aid was cut."]),
    ("1. The first raid hit a school.\n2. The second hit a clinic.",
     ["The first raid hit a school.", "The second hit a clinic."]),
    # a line that continues in lower case is joined
    ("The army said the militants were\nkilled in the raid.", ["The army said the militants were\nkilled in the raid."]),
    # boilerplate lines are dropped
    ("Rockets hit the city.\nAdvertisement\nTwo people died.", ["Rockets hit the city.", "Two people died."]),
    ("Rockets hit the city.\nREAD MORE: Ceasefire talks stall\nTwo people died.", ["Rockets hit the city.", "Two people died."]),
    # semicolons and colons do not split
    ("Five were killed; ten were hurt: officials gave no names.", ["Five were killed; ten were hurt: officials gave no names."]),
    # sentences glued together by a scraper
    ("Three died on Sunday.The army blamed rebels.", ["Three died on Sunday.", "The army blamed rebels."]),
    ('He said "it is over."Then he left.', ['He said "it is over."', "Then he left."]),
    ('The convoy was hit."I saw it burn," he said.', ["The convoy was hit.", '"I saw it burn," he said.']),
    # ... after a word with capitals, a figure or a hyphenated word, before "O'Brien", after a quoted word
    ("Troops found two IEDs.One had a timer.", ["Troops found two IEDs.", "One had a timer."]),
    ("Call the 1-800-HELP.Officers will answer.", ["Call the 1-800-HELP.", "Officers will answer."]),
    ("They met in room 12.Guards stood outside.", ["They met in room 12.", "Guards stood outside."]),
    ("The blast hit Kirkuk.O'Brien said it was a car bomb.", ["The blast hit Kirkuk.", "O'Brien said it was a car bomb."]),
    ('He called it "a massacre".The army denied it.', ['He called it "a massacre".', "The army denied it."]),
    ("Mrs.Jones and St.Louis and the U.S.Army stay whole.", ["Mrs.Jones and St.Louis and the U.S.Army stay whole."]),
    # ... or with no point at all, as a scraper glues a heading to the text
    ("Night raidsWhile the army denied it, residents fled.", ["Night raids", "While the army denied it, residents fled."]),
    ("Fresh chargesProsecutors said he lied.", ["Fresh charges", "Prosecutors said he lied."]),
    ("A Deadly NightThe shelling went on.", ["A Deadly Night", "The shelling went on."]),
    ("Rebels Shell the CapitalKABUL (Reuters) - Rockets hit the city.", ["Rebels Shell the Capital", "KABUL (Reuters) - Rockets hit the city."]),
    ('The siege ended."UpdateThe army withdrew.', ["The siege ended.", '"Update', "The army withdrew."]),
    ("Calls for calmA police source said it.", ["Calls for calm", "A police source said it."]),
    ('It hit at 5 p.m. (1500 GMT)."We ran," she said.', ["It hit at 5 p.m. (1500 GMT).", '"We ran," she said.']),
    ('He called it "a crime.""We will act," he said.', ['He called it "a crime."', '"We will act," he said.']),
    ("McDonald met LeBron and DeSantis on YouTube, @someHandle and site.org/pageName stay whole, as does theRebels.",
     ["McDonald met LeBron and DeSantis on YouTube, @someHandle and site.org/pageName stay whole, as does theRebels."]),
    ("Gen.Ali and Sgt.Major Khan stay whole, as do 2.5 and 6 a.m.Reports.", ["Gen.Ali and Sgt.Major Khan stay whole, as do 2.5 and 6 a.m.Reports."]),
    ("Visit example.com today.", ["Visit example.com today."]),
    # empty and whitespace-only text
    ("", []),
    ("   \n\n  ", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_cases(text, expected):
    assert sentences(text) == expected


def test_hard_wrapped_text_is_joined():
    text = (
        "Russian warplanes struck several villages in the south of the province on\n"
        "Sunday, killing at least nine civilians, a war monitor said, adding that the\n"
        "toll was likely to rise as rescuers searched the rubble for survivors. Rebel\n"
        "groups said they had shot down a drone over the town of Ariha on Saturday.\n"
    )
    got = [" ".join(s.split()) for s in sentences(text)]
    assert len(got) == 2
    assert got[0].startswith("Russian warplanes") and got[0].endswith("survivors.")
    assert got[1].startswith("Rebel groups")


def test_headline_flag_and_paragraphs():
    sents = split(normalize("Drone strike kills three\n\nThree men died. A fourth was hurt.\n\nMore later."))
    assert [s.headline for s in sents] == [True, False, False, False]
    assert [s.paragraph for s in sents] == [0, 1, 1, 2]


def test_offsets_index_the_input():
    text = "\ufeffThe \u201cmilitants\u201d\u00a0fled \u2014 police said.\r\nTwo died."
    for s in split(normalize(text)):
        assert text[s.start : s.end].strip() == text[s.start : s.end]
        assert len(s.text) == s.end - s.start


def test_runaway_sentence_is_cut():
    text = "word " * 5000
    sents = split(normalize(text))
    assert len(sents) > 1
    assert all(s.end - s.start <= MAX_SENTENCE for s in sents)


news_alphabet = st.sampled_from(
    list("abcdefgh ABCD .,;:!?\"'-\n\t0123456789")
    + ["\u201c", "\u201d", "\u2019", "\u2014", "\u00a0", "U.S.", "Gen.", "\u2022 "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(news_alphabet, max_size=200).map("".join))
def test_split_properties(text):
    norm = normalize(text)
    assert len(norm) == len(text)
    sents = split(norm)
    last_end = -1
    for i, s in enumerate(sents):
        assert s.index == i
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= last_end  # in order, never overlapping
        assert s.text == norm[s.start : s.end]
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
        last_end = s.end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_normalize_keeps_length(text):
    assert len(normalize(text)) == len(text)


# Boilerplate blanking as the one compiled pattern decides it: line starts only, any case, after
# bullets and markers, a surface's space matching across a line break, a prefix needing a word end.
BOILERPLATE_CASES = [
    ("Hello\n  * Advertisement.\nBye", "Hello\n" + " " * 18 + "\nBye"),
    ("Story\ncontinues below advertisement\nx", " " * 35 + "\nx"),
    ("(c) Copyright 2020 Agency\nRead more: stuff\nREADING on", " " * 25 + "\n" + " " * 16 + "\nREADING on"),
    ("Copyrighted text\nSHARE THIS\n\u017fponsored", "Copyrighted text\n" + " " * 10 + "\n" + " " * 9),
    ("All rights reserved by us\nAll five died.", " " * 25 + "\nAll five died."),
    ("He said: Advertisement\n\u2014 Watch live", "He said: Advertisement\n" + " " * 12),
]


@pytest.mark.parametrize(("text", "expected"), BOILERPLATE_CASES)
def test_boilerplate_lines_are_blanked(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # feed residue (AG News style, "&" lost) and real entities, each padded to its own length
        ("Kenya #39;s army", "Kenya's     army"),
        ("We won #39;t go", "We won't     go"),
        ("Tom&#8217;s car", "Tom's       car"),
        ("Hassan:  #39;Abhorrent act #39; says Blair.", "Hassan:     'Abhorrent act    ' says Blair."),
        ("a  #36;40 million deal", "a     $40 million deal"),
        ("he said quot;no quot; twice", 'he said     "no     " twice'),
        ("war #151; again", "war     - again"),
        ("AT&amp;T", "AT    &T"),
        ("warn &lt;b&gt;...&lt;/b&gt;.", "warn          ...          ."),
        # not entities: no digits, a control character, a word that ends in "quot"
        ("#5; #10;x aliquot; x", "#5; #10;x aliquot; x"),
    ],
)
def test_normalize_reads_html_entities(text, expected):
    assert normalize(text) == expected


def test_normalize_folds_characters():
    assert normalize("\u201cIt\u2019s\u201d \u2014 1\u20132\u00a0km\u2026\ufeff\r\n\u2022 x\tb\u2028`") == (
        "\"It's\" - 1-2 km. \n\n* x b\n'"
    )


# Capitals beyond ASCII open sentences and make initials and acronyms; a control character that
# str.isspace() counts as space but the patterns' \s does not keeps "Lt.\x1cCol" one word.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He left. Ölke came. Then É. Macron spoke. The U.É. team won.",
         ["He left.", "Ölke came.", "Then É. Macron spoke.", "The U.É. team won."]),
        ("Talks on the 5th. No. 5 is set. They met Lt.\x1cCol. Smith.",
         ["Talks on the 5th.", "No. 5 is set.", "They met Lt.\x1cCol.", "Smith."]),
        ("It was over.\x1cThe army left.", ["It was over.\x1cThe army left."]),
    ],
)  # fmt: skip
def test_split_beyond_ascii(text, expected):
    assert [s.text for s in split(text)] == expected


# --- the stdlib-engine patterns used on ASCII text give the same sentences ---------------------

_ASCII_PIECES = [
    "The",
    "attack",
    "killed",
    "U.S.",
    "Gen.",
    "J.",
    "Smith",
    "said",
    ".",
    "!",
    "?",
    "...",
    '"',
    "'",
    ")",
    "(",
    "[",
    "]",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "No.",
    "7",
    "12.5",
    "Sunday.The",
    'attack."I',
    "- ",
    "* ",
    "1. ",
    "a) ",
    "St.",
    "e.g.",
    "Mr.",
    "AFP",
    "Inc.",
    "km",
    ",",
    ";",
    ":",
    "x.Y",
    "ab.C",
    "AB.Cd",
    "Ab.Cd",
    "12.Cd",
    "1-2.Cd",
    "O'Brien",
    '"ab".Cd',
    "abcDef",
    "AbcThe",
    "theAb",
    "@abcDe",
    "abcDEF - ",
    "abcA b",
    'A1)."Bc',
    'ab.""Cd',
    "AbcDEF (",
    "AbcDEF, ",
    "\x0b",
    "\x0c",
]


def _spans(sents):
    return [(s.start, s.end, s.text, s.paragraph, s.headline) for s in sents]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ASCII_PIECES), max_size=80))
def test_ascii_patterns_split_like_the_unicode_ones(pieces):
    from conflict_cli import split as sp

    text = " ".join(pieces) if len(pieces) % 2 else "".join(pieces)
    assert text.isascii()
    assert _spans(sp._split(text, sp._ascii_patterns(), True)) == _spans(sp._split(text, sp._patterns(), True))


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked the base on Sunday.The army said 12 soldiers died. Officials in the U.S. condemned it.",
        '"We will respond," he said.\n\n* First point. Second one!\n1. Item one.\n',
        "Lt. Gen. J. R. Allen arrived at 5 p.m. on Monday. He left at No. 10 Downing St. on Tuesday.",
        "A strike hit the city (near the port). Then another.\x0bAnd a third?! Yes.",
    ],
)
def test_ascii_fast_path_matches_table(text):
    from conflict_cli import split as sp

    assert _spans(split(text)) == _spans(sp._split(text, sp._patterns(), True))


def test_boundary_engines_agree_on_punctuation_runs():
    """The boundary patterns (opening with the point, then the look-behind) find the same cuts
    in both engines, on runs of points and glued sentences alike."""
    from conflict_cli import split as sp

    texts = ["He left... Then. Yes!? No.", "on Sunday.The attack", 'said."They came', "a.." * 500, "x. " * 300]
    for t in texts:
        a = [m.span() for m in sp._patterns()["boundary"].finditer(t)]
        b = [m.span() for m in sp._ascii_patterns()["boundary"].finditer(t)]
        assert a == b, t

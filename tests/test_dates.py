"""Dates: phrase detection, resolution against the publication date, the date line, the resolver."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from conflict_cli.models import Casualty, Claim, Document, Sentence, Strike
from conflict_cli.resolve import dates
from conflict_cli.settings import Settings

MON = date(2023, 11, 6)  # a Monday


def first(text: str, pub: date | None):
    """(date, date_text) of the first phrase found in ``text``."""
    found = dates.find_phrases(text)
    assert found, f"no date phrase in {text!r}"
    _s, _e, surface, m = found[0]
    iso, understood = dates.resolve_match(m, pub)
    assert understood
    return iso, surface


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The convoy was hit on 5 November 2023, officials said.", "2023-11-05"),
        ("The convoy was hit on 5th of November, 2023.", "2023-11-05"),
        ("Gunmen stormed the village on Nov. 5, police said.", "2023-11-05"),
        ("Gunmen stormed the village on November 4th.", "2023-11-04"),
        ("The talks collapsed on 2023-10-30 in Doha.", "2023-10-30"),
        ("The clashes began in March 2022 near the border.", "2022-03"),
        ("Fighting has raged since 2014 in the east.", "2014"),
        ("A drone hit the depot late on Sunday, the governor said.", "2023-11-05"),
        ("The army said it shelled the town on Saturday night.", "2023-11-04"),
        ("The minister confirmed the raid on Monday.", "2023-11-06"),
        ("Rebels seized the base last Monday.", "2023-10-30"),
        ("Residents fled the district yesterday.", "2023-11-05"),
        ("Two soldiers were killed the day before yesterday.", "2023-11-04"),
        ("Shelling intensified overnight, the mayor said.", "2023-11-05"),
        ("The ministry reported 12 deaths in the previous 24 hours.", "2023-11-05"),
        ("Three people were killed two days ago in the market.", "2023-11-04"),
        ("The siege began a month ago.", "2023-10-06"),
        ("The ceasefire was agreed three weeks ago.", "2023-10-16"),
        ("An air raid killed five people last week.", "2023-10-30"),
        ("The offensive began last month.", "2023-10"),
        ("The town fell last year.", "2022"),
        ("Twelve people died over the past two days.", None),
        ("Attacks have surged in recent weeks.", None),
        ("Aid trucks arrived today at the crossing.", "2023-11-06"),
        ("Sunday's bombing killed 12 people.", "2023-11-05"),
        ("The blast happened on Wednesday, 1st of November, 2023 at dawn.", "2023-11-01"),
        ("Police said on Thursday, Nov. 2, that the gunmen fled.", "2023-11-02"),
    ],
)
def test_phrase_forms(sentence, expected):
    assert first(sentence, MON)[0] == expected


@pytest.mark.parametrize(
    "pub, phrase, expected",
    [
        (date(2023, 11, 1), "on Monday", "2023-10-30"),  # across a month end
        (date(2024, 1, 2), "on Sunday", "2023-12-31"),  # across a year end
        (date(2024, 1, 1), "on Friday", "2023-12-29"),
        (date(2024, 3, 1), "on Wednesday", "2024-02-28"),  # leap year: 2024-02-29 is a Thursday
        (date(2024, 3, 1), "on Thursday", "2024-02-29"),
        (date(2023, 11, 6), "on Monday", "2023-11-06"),  # the same day, never the week before
        (date(2023, 11, 6), "last Monday", "2023-10-30"),
        (date(2023, 11, 5), "on Sunday", "2023-11-05"),
        (date(2023, 11, 5), "on Monday", "2023-10-30"),
        (date(2024, 1, 1), "yesterday", "2023-12-31"),
        (date(2024, 3, 31), "a month ago", "2024-02-29"),
        (date(2024, 1, 3), "Dec. 30", "2023-12-30"),  # a day-month after publication is last year
        (date(2024, 1, 3), "30 December", "2023-12-30"),
    ],
)
def test_weekday_and_relative_arithmetic(pub, phrase, expected):
    assert first(f"It happened {phrase}.", pub)[0] == expected


def test_weekday_helper_on_or_before():
    for offset in range(14):
        pub = date(2023, 12, 25 + offset) if offset < 7 else date(2024, 1, offset - 6)
        for wd in range(7):
            d = dates.weekday_on_or_before(pub, wd)
            assert d.weekday() == wd and 0 <= (pub - d).days <= 6


@pytest.mark.parametrize(
    "sentence, surface",
    [
        ("A drone hit the depot late on Sunday.", "late on Sunday"),
        ("The army shelled the town yesterday.", "yesterday"),
        ("Gunmen stormed the village on Nov. 5.", "Nov. 5"),
        ("Raids continued in the previous 24 hours.", "in the previous 24 hours"),
    ],
)
def test_no_publication_date_leaves_relative_unresolved(sentence, surface):
    found = dates.find_phrases(sentence)
    iso, ok = dates.resolve_match(found[0][3], None)
    assert iso is None and ok
    assert surface in found[0][2]


@pytest.mark.parametrize(
    "text",
    [
        "The number 2023 was mentioned.",
        "May 1,200 people return home.",
        "Officials may meet again soon.",
        "They fired 300 rockets at the town.",
        "The attack on March Street.",
    ],
)
def test_no_false_dates(text):
    assert dates.find_phrases(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Troops pull back from border town\nPublished: 5 November 2023\nThe army said...", "2023-11-05"),
        ("Nov 6, 2023 10:02 AM\nGunmen killed five people.", "2023-11-06"),
        ("Headline here\n2023-11-06\nBody text.", "2023-11-06"),
        ("Updated Monday, 6 November 2023\nBody.", "2023-11-06"),
        ("Rebels attack base\nThe attack came on Monday, officials said.", None),
        ("A" * 50 + "\n" * 10 + "Published: 5 November 2023", None),  # too far down
    ],
)
def test_dateline(text, expected):
    assert dates.detect_dateline(text) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2023-11-06", "2023-11-06"),
        ("2023-11-06T10:00:00Z", "2023-11-06"),
        ("Mon, 06 Nov 2023 10:00:00 GMT", "2023-11-06"),
        ("November 6, 2023", "2023-11-06"),
        ("6 November 2023", "2023-11-06"),
        ("", None),
    ],
)
def test_to_iso(value, expected):
    assert dates.to_iso(value) == expected


def _doc(lines: list[str], published: str | None = None) -> Document:
    text = "\n".join(lines)
    sents, pos = [], 0
    for i, line in enumerate(lines):
        sents.append(Sentence(index=i, start=pos, end=pos + len(line), text=line, paragraph=i))
        pos += len(line) + 1
    return Document(id="t", text=text, norm=text, published=published, sentences=sents)


def test_resolver_fills_records_and_publication_date():
    doc = _doc(
        [
            "Published: 6 November 2023",
            "Militants attacked a checkpoint late on Sunday, the army said.",
            "The ministry confirmed on Monday that four soldiers were killed.",
            "The attack was the third this year.",
        ]
    )
    recs = [Strike(sentence=1), Claim(sentence=2), Casualty(sentence=2), Casualty(sentence=3)]
    dates.resolve(doc, recs, Settings())
    assert doc.published == "2023-11-06"
    assert (recs[0].date, recs[0].date_text) == ("2023-11-05", "late on Sunday")
    assert (recs[1].date, recs[1].date_text) == ("2023-11-06", "Monday")
    assert recs[2].date == "2023-11-06"
    assert recs[3].date is None and recs[3].date_text is None


def test_resolver_settings_date_overrides_and_paragraph_fallback():
    doc = _doc(["Gunmen attacked a bus on Saturday.", "Five passengers were killed."])
    doc.sentences[1].paragraph = 0
    recs = [Casualty(sentence=1)]
    dates.resolve(doc, recs, Settings(published="2023-11-06"))
    assert (recs[0].date, recs[0].date_text) == ("2023-11-04", "Saturday")


def test_resolver_without_publication_date_keeps_text():
    doc = _doc(["Gunmen attacked a bus yesterday.", "Nothing else."])
    recs = [Strike(sentence=0)]
    dates.resolve(doc, recs, Settings())
    assert doc.published is None
    assert (recs[0].date, recs[0].date_text) == (None, "yesterday")


def test_input_date_field_any_format():
    doc = _doc(["Gunmen attacked a bus on Sunday."], published="Mon, 06 Nov 2023 08:00:00 GMT")
    recs = [Strike(sentence=0)]
    dates.resolve(doc, recs, Settings())
    assert doc.published == "2023-11-06"
    assert recs[0].date == "2023-11-05"


def test_dateparser_not_imported_on_import_or_common_phrases():
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from conflict_cli.resolve import dates\n"
        "for s, e, t, m in dates.find_phrases('late on Sunday, 5 November 2023, two days ago, last week'):\n"
        "    dates.resolve_match(m, date(2023, 11, 6))\n"
        "print('dateparser' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_hostile_input_is_fast():
    import time

    from conflict_cli.models import Casualty

    text = ("on Monday 5 " * 20000) + ("November " * 20000) + ("1" * 100000) + ("day " * 50000)
    # the resolver looks at a bounded prefix of each sentence
    doc = _doc([text, "Published: 5 November 2023"])
    t = time.perf_counter()
    dates.resolve(doc, [Casualty(sentence=0)], Settings())
    assert time.perf_counter() - t < 1.0
    # the detector itself is linear: no backtracking blow-up on long runs of near-misses
    for chunk in ("on Monday 5 " * 2000, "November " * 3000, "1" * 30000, "day " * 6000, "late on " * 4000):
        t = time.perf_counter()
        dates.find_phrases(chunk)
        assert time.perf_counter() - t < 1.0


def test_unreadable_input_date_falls_back_to_dateline():
    doc = _doc(["Published: 5 November 2023", "Gunmen attacked a bus on Sunday."], published="n/a")
    recs = [Strike(sentence=1)]
    dates.resolve(doc, recs, Settings())
    assert doc.published == "2023-11-05" and recs[0].date == "2023-11-05"


@pytest.mark.parametrize(
    "sentence",
    [
        "Rebels shelled the town two days ago and again last weekend, residents said.",
        "A 25-year-old man was among the dead in the raid on Monday night.",
        "The ministry said 2023-11-06 was the worst day of fighting this year.",
        "Troops withdrew earlier this month after talks on Wednesday, the 1st of November.",
        "The strike hit the day before yesterday, and more raids followed overnight and tonight.",
        "Over the past several days and in recent weeks, attacks rose, officials said in 2021.",
        "Holiday traffic and everyday life stopped; Mayday calls came in the past 24 hours.",
        "Sept. 3 and Oct 14, 2022 were named, as were mid-November 2021 and early March.",
    ],
)
def test_anchored_windows_find_what_a_full_scan_finds(sentence):
    """Scanning only near anchors (str.find) gives the phrases a scan of the whole text gives."""
    full = [(m.start(), m.end(), m.group(0)) for m in dates._patterns().finditer(sentence)]
    assert [(s, e, t) for s, e, t, _m in dates.find_phrases(sentence)] == full
    assert full  # every sentence here has phrases


@pytest.mark.parametrize(
    "phrase, kind",
    [("5 November 2023", "dmy"), ("Nov. 5", "mdy"), ("March 2022", "monyear"), ("three weeks ago", "ago"),
     ("last month", "lastunit"), ("late on Sunday", "wd"), ("yesterday", "yday"), ("overnight", "night"),
     ("this morning", "today"), ("in recent days", "vague"), ("since 2014", "year"), ("2023-11-06", "iso")],
)  # fmt: skip
def test_a_match_names_its_own_kind(phrase, kind):
    (_s, _e, _t, m), *_ = dates.find_phrases(phrase)
    assert m.lastgroup == kind


def test_document_anchors_read_like_sentence_anchors():
    """The anchors found once per document give each sentence the spans it would find itself."""
    from conflict_cli.normalize import normalize
    from conflict_cli.resolve import dates
    from conflict_cli.split import split

    text = (
        "Jan. 5 and 2019-2020 saw strikes.\n\nOn Monday, 6 November 2023 two died. Yesterday and today, "
        "tonight too.\nLast night 19201 people fled; three weeks ago, Sunday's raid. By 20 Nov it was over."
    )
    norm = normalize(text)
    sents = split(norm)
    by = dates._bucket(norm, sents)
    assert by is not None
    for i, s in enumerate(sents):
        got = dates._sentence_spans(norm, s.start, len(s.text), by.get(i, []))
        assert sorted(got) == sorted(dates._anchor_spans(s.text)), s.text

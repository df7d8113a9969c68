"""The shared number parser: ``parse_number`` and ``find_quantities``, by table and by property."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflict_cli.numbers import Quantity, find_quantities, parse_number

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
    "seventeen eighteen nineteen".split()  # fmt: skip
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words(n: int, hyphen: bool = True, and_: bool = True) -> str:
    """English words for 0 <= n < 10**12, e.g. 1234 -> 'one thousand two hundred and thirty-four'."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TENS[tens] + (("-" if hyphen else " ") + _UNITS[unit] if unit else "")
    if n < 1000:
        h, rest = divmod(n, 100)
        head = f"{_UNITS[h]} hundred"
        return head if not rest else f"{head} {'and ' if and_ else ''}{words(rest, hyphen, and_)}"
    for scale, name in ((10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        if n >= scale:
            big, rest = divmod(n, scale)
            head = f"{words(big, hyphen, and_)} {name}"
            return head if not rest else f"{head} {words(rest, hyphen, and_)}"
    raise AssertionError(n)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("34", 34),
        ("1,200", 1200),
        ("19,136", 19136),
        ("1,000,000", 1_000_000),
        ("3.5 million", 3_500_000),
        ("2.5m", 2_500_000),
        ("1.2bn", 1_200_000_000),
        ("10k", 10_000),
        ("seven", 7),
        ("Seven", 7),
        ("thirty-four", 34),
        ("thirty four", 34),
        ("a hundred", 100),
        ("one hundred and twenty", 120),
        ("three million", 3_000_000),
        ("half a million", 500_000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("two and a half million", 2_500_000),
        ("a thousand", 1000),
        ("", None),
        ("   ", None),
        ("people", None),
        ("killed", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def q1(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "count", "lo", "hi", "qual", "vague"),
    [
        ("34 people", 34, 34, 34, None, None),
        ("at least 8 people", 8, 8, None, "at least", None),
        ("more than 1,200 people", 1200, 1200, None, "more than", None),
        ("over 50 people", 50, 50, None, "over", None),
        ("nearly 10,000 people", 10000, None, 10000, "nearly", None),
        ("almost 40 people", 40, None, 40, "almost", None),
        ("close to 40 people", 40, None, 40, "close to", None),
        ("about 56 troops", 56, None, None, "about", None),
        ("around 56 troops", 56, None, None, "around", None),
        ("some 215 soldiers", 215, None, None, "some", None),
        ("an estimated 3,000 people", 3000, None, None, "an estimated", None),
        ("up to 20 people", 20, None, 20, "up to", None),
        ("as many as 20 people", 20, None, 20, "as many as", None),
        ("fewer than 30 people", 30, None, 30, "fewer than", None),
        ("10 to 15 people", 10, 10, 15, None, None),
        ("10-15 people", 10, 10, 15, None, None),
        ("between 10 and 15 people", 10, 10, 15, None, None),
        ("several people", None, None, None, None, "several"),
        ("dozens of people", None, None, None, None, "dozens"),
        ("scores of people", None, None, None, None, "scores"),
        ("hundreds of people", None, None, None, None, "hundreds"),
        ("a number of people", None, None, None, None, "a number of"),
        ("many people", None, None, None, None, "many"),
        ("multiple people", None, None, None, None, "multiple"),
        ("lots of people", None, None, None, None, "lots of"),
        ("an unspecified number of people", None, None, None, None, "an unspecified number of"),
    ],
)
def test_find_quantities_bounds(text, count, lo, hi, qual, vague):
    q = q1(text)
    assert (q.count, q.min, q.max, q.qualifier, q.vague) == (count, lo, hi, qual, vague)


@pytest.mark.parametrize(
    "text",
    ["on 26 April", "April 26", "at 14:00", "$5 million", "\u20ac20", "MQ-9 drones"],
)
def test_dates_times_money_codes_are_not_figures(text):
    assert find_quantities(text) == []


def test_words_flag_and_num_start():
    text = "killing at least thirty-four people"
    q = q1(text)
    assert q.words and q.count == 34
    assert text[q.start : q.end] == "at least thirty-four"
    assert text[q.num_start : q.end] == "thirty-four"


def test_range_property():
    q = q1("10 to 15")
    assert q.is_range
    assert not q1("15").is_range


# --- properties ---------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999), st.booleans(), st.booleans())
def test_words_round_trip(n, hyphen, and_):
    assert parse_number(words(n, hyphen, and_)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_comma_digits_round_trip(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**9))
def test_comma_digits_found_in_text(n):
    text = f"Officials said {n:,} people were killed."
    found = find_quantities(text)
    assert [q.count for q in found] == [n]
    assert text[found[0].num_start : found[0].end] == f"{n:,}"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=999_999))
def test_words_found_in_text(n):
    w = words(n)
    text = f"Witnesses said {w} people died."
    found = find_quantities(text)
    assert [q.count for q in found] == [n]
    assert text[found[0].start : found[0].end].lower() == w


_wire = st.lists(
    st.sampled_from(list("0123456789 ,.-:abcdefghiklmnorstuvwy") + ["at least ", "one", " and ", "million", "a "]),
    max_size=60,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=200), _wire))
def test_find_quantities_never_raises_and_offsets_slice(text):
    for q in find_quantities(text):
        assert 0 <= q.start <= q.num_start < q.end <= len(text)
        span = text[q.start : q.end]
        assert span == span.strip() and span
        if q.vague is None:
            assert q.count is not None
            assert parse_number(text[q.num_start : q.end]) is not None or "-" in span or " " in span


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_parse_number_never_raises(text):
    value = parse_number(text)
    assert value is None or isinstance(value, int)

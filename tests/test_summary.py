"""Summary: per-article estimates from hand-made records (independent of the extractors)."""

from __future__ import annotations

import io
import json

import pytest

from conflict_cli.summary import COLUMNS, casualty_totals, summarize, summary_writer


def cas(kind, count, sentence=1, who=None, lo=None, hi=None, cumulative=False, headline=False, **kw):
    r = {
        "type": "casualty",
        "kind": kind,
        "count": count,
        "min": lo,
        "max": hi,
        "who": who,
        "sentence": sentence,
        "cumulative": cumulative,
        "evidence": kw.pop("evidence", ""),
        "number_text": kw.pop("number_text", None),
    }
    if headline:
        r["headline"] = True
    r.update(kw)
    return r  # fmt: skip


def strike(weapon="air", sentence=1, **kw):
    return {"type": "strike", "weapon": weapon, "sentence": sentence, **kw}


def test_headline_repeat_counted_once():
    recs = [cas("killed", 12, sentence=0, headline=True), cas("killed", 12, sentence=3, lo=12, hi=12)]
    row = summarize("a", recs)
    assert (row["killed"], row["killed_low"], row["killed_high"]) == (12, 12, 12)


def test_headline_indices_passed_separately():
    recs = [cas("killed", 12, sentence=0), cas("killed", 12, sentence=3)]
    assert summarize("a", recs, headlines={0})["killed"] == 12


def test_distinct_incidents_add_up_with_at_least_open_bound():
    recs = [
        cas("killed", 30, sentence=2, who="rebel fighters", lo=30, hi=30),
        cas("killed", 9, sentence=5, who="pro-government fighters", lo=9),  # "at least nine"
        cas("injured", 50, sentence=2, who="rebel fighters", lo=50, hi=50),
    ]
    row = summarize("a", recs)
    assert (row["killed"], row["killed_low"], row["killed_high"]) == (39, 39, None)
    assert (row["injured"], row["injured_low"], row["injured_high"]) == (50, 50, 50)


def test_running_tolls_kept_apart():
    recs = [
        cas("killed", 7, sentence=1, lo=7, hi=7),
        cas("killed", 300000, sentence=6, lo=300000, cumulative=True),
        cas("killed", 250000, sentence=9, cumulative=True),
        cas("injured", 40, sentence=8, cumulative=True),
    ]
    row = summarize("a", recs)
    assert row["killed"] == 7 and row["killed_cumulative"] == 300000
    assert row["injured"] is None and row["injured_cumulative"] == 40


def test_range_kept_as_low_high():
    row = summarize("a", [cas("killed", 15, lo=10, hi=15)])
    assert (row["killed"], row["killed_low"], row["killed_high"]) == (15, 10, 15)


def test_up_to_has_no_lower_bound():
    row = summarize("a", [cas("injured", 20, hi=20)])
    assert (row["injured"], row["injured_low"], row["injured_high"]) == (20, 0, 20)


def test_same_figure_different_victims_are_distinct():
    recs = [cas("killed", 3, sentence=1, who="soldiers", category="security forces"),
            cas("killed", 3, sentence=4, who="civilians", category="civilians")]  # fmt: skip
    assert summarize("a", recs)["killed"] == 6


def test_same_figure_same_victims_in_body_counted_once():
    recs = [cas("killed", 5, sentence=1, who="five police officers"), cas("killed", 5, sentence=7, who="officers")]
    assert summarize("a", recs)["killed"] == 5


def test_including_subset_not_added():
    ev = "The strike killed 20 people, including four children, medics said."
    recs = [cas("killed", 20, evidence=ev, number_text="20", who="people"),
            cas("killed", 4, evidence=ev, number_text="four", who="children")]  # fmt: skip
    assert summarize("a", recs)["killed"] == 20


def test_headline_total_of_body_incidents():
    recs = [cas("killed", 42, sentence=0, headline=True, lo=42),
            cas("killed", 34, sentence=2, who="fighters", lo=34, hi=34),
            cas("killed", 8, sentence=6, who="militiamen", lo=8)]  # fmt: skip
    row = summarize("a", recs)
    assert row["killed"] == 42 and row["killed_low"] == 42


def test_headline_larger_than_body_wins():
    recs = [cas("killed", 50, sentence=0, headline=True), cas("killed", 10, sentence=2)]
    assert summarize("a", recs)["killed"] == 50


def test_vague_only_gives_no_number():
    r = cas("killed", None, vague="dozens")
    assert summarize("a", [r])["killed"] is None


def test_other_kinds():
    row = summarize("a", [cas("kidnapped", 30), cas("missing", 4)])
    assert row["other"] == {"missing": 4, "kidnapped": 30}


def test_strikes_places_actors_sources():
    recs = [
        strike("air", sentence=0, headline=True, location="Idlib"),
        strike("air", sentence=2, location="Syria's Idlib province", country="SYR", actor="Russian",
               actor_norm="Russia", count=2),
        strike(["drone", "rocket"], sentence=4, location="Idlib", country="SYR", actor="gunmen", actor_norm="gunmen"),
        strike("artillery", sentence=5, location="the town", actor="Russian jets", actor_norm="Russia"),
        {"type": "claim", "speaker": "SOHR", "speaker_norm": "Syrian Observatory for Human Rights", "sentence": 2},
        {"type": "claim", "speaker": "the Syrian Observatory for Human Rights",
         "speaker_norm": "Syrian Observatory for Human Rights", "sentence": 3},
        {"type": "claim", "speaker": "he", "speaker_norm": None, "sentence": 4},
    ]  # fmt: skip
    row = summarize("a", recs)
    assert row["strikes"] == 4
    assert row["weapons"] == {"air": 2, "artillery": 1, "drone": 1, "rocket": 1}
    assert row["places"] == ["Syria's Idlib province"]  # "Idlib" is inside it; "the town" names no place
    assert row["countries"] == ["SYR"]
    assert row["actors"] == ["Russia", "gunmen"]
    assert row["sources"] == ["Syrian Observatory for Human Rights"]
    assert row["records"] == {"casualty": 0, "strike": 4, "claim": 3}


def test_casualty_totals_shape():
    t = casualty_totals([cas("killed", 2)])
    assert t["killed"] == (2, 2, 2, None) and t["injured"] == (None, None, None, None)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_renderers(fmt):
    out = io.StringIO()
    w = summary_writer(fmt, out, color=False)
    w.write(summarize("doc-1", [cas("killed", 3, lo=3), strike("air", location="Gaza")], published="2023-11-06"))
    w.close()
    text = out.getvalue()
    if fmt == "jsonl":
        row = json.loads(text)
        assert list(row) == COLUMNS and row["killed"] == 3 and row["killed_high"] is None
    elif fmt == "csv":
        head, line = text.strip().splitlines()
        assert head.split(",") == COLUMNS
        assert line.startswith("doc-1,2023-11-06,3,3,,")
    else:
        assert "doc-1" in text and "≥3" in text


def test_period_dated_figures_are_running_tolls():
    recs = [
        cas("killed", 6, sentence=1, lo=6, hi=6, date_text="on Monday", evidence="A bomb killed 6 people on Monday."),
        cas("killed", 900, sentence=2, date_text="since 2011", evidence="Since 2011, 900 people were killed."),
        # dated by its paragraph, and in the perfect tense: a toll over weeks
        cas("injured", 45, sentence=4, date_text="in recent weeks", evidence="About 45 troops have been injured."),
        # dated by its paragraph, simple past: an incident
        cas("injured", 3, sentence=5, date_text="in recent weeks", evidence="A mine injured 3 soldiers."),
    ]
    row = summarize("a", recs)
    assert (row["killed"], row["killed_cumulative"]) == (6, 900)
    assert (row["injured"], row["injured_cumulative"]) == (3, 45)


def test_places_same_parts_once_and_sources_tail_names_dropped():
    recs = [
        strike(location="Syria and Iraq"),
        strike(location="Iraq and Syria"),
        strike(location="Kharkiv region"),
        {"type": "claim", "speaker": "Defence Minister Jane Roe", "sentence": 1},
        {"type": "claim", "speaker": "Roe", "sentence": 2},
        {"type": "claim", "speaker": "witnesses", "sentence": 3},
    ]
    row = summarize("a", recs)
    assert row["places"] == ["Syria and Iraq", "Kharkiv region"]
    assert row["sources"] == ["Defence Minister Jane Roe", "witnesses"]


def test_strike_tally_over_a_period_counts_once():
    recs = [
        strike("air", sentence=1, count=2, date_text="Monday", evidence="Jets carried out two air strikes on Monday."),
        strike(None, sentence=2, count=40, date_text="in recent weeks",
               evidence="Bases were attacked 40 times in recent weeks."),
    ]  # fmt: skip
    row = summarize("a", recs)
    assert row["strikes"] == 3 and row["weapons"] == {"air": 2, "unspecified": 1}


def test_summary_command(tmp_path):
    import subprocess
    import sys

    art = tmp_path / "wire.txt"
    art.write_text(
        "Published: 6 November 2023\n"
        "Gunmen killed 12 villagers in an attack on Sunday, police said.\n"
        "The army said on Monday that it had killed five of the attackers.\n",
        encoding="utf-8",
    )
    bad = tmp_path / "bad.toml"
    bad.write_text('[[actor]]\nname = "X"\ntype = "band"\n', encoding="utf-8")
    run = [sys.executable, "-m", "conflict_cli", "summary"]
    out = subprocess.run([*run, "-f", "jsonl", str(art)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    row = json.loads(out.stdout)
    assert list(row) == COLUMNS and row["doc"].endswith("wire.txt") and row["published"] == "2023-11-06"
    out = subprocess.run(
        [*run, "-f", "csv", "--date", "2023-11-07", str(art)], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0 and out.stdout.splitlines()[1].split(",")[1] == "2023-11-07"
    out = subprocess.run([*run, "--actors", str(bad), str(art)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and str(bad) in out.stderr and "entry 1" in out.stderr
    out = subprocess.run([*run, "--date", "06/11/2023", str(art)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 2

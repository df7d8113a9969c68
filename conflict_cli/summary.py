"""Per-article summary: one row per document from its records, and its renderers.

``summarize(doc_id, records, ...)`` takes a document's record dicts (``Record.to_dict()``) and
returns one row:

- ``killed`` / ``injured`` (and ``missing``, ``kidnapped``, ``detained`` under ``other``): the best
  estimate of the people hit in the incidents the article reports, with ``*_low`` and ``*_high``
  bounds ("at least 8" -> low 8, high null = open; "10 to 15" -> 10 / 15). The same figure said
  twice (headline and body, or two sentences of the body about the same victims) is counted once;
  figures of distinct incidents are added up; a figure introduced by "including" / "among them"
  is part of another and is not added; a headline figure stands for the body's incidents, so the
  total is the larger of the headline figure and the sum of the body's figures.
- ``killed_cumulative`` / ``injured_cumulative``: running tolls ("since 2011, more than half a
  million people have been killed") are never added to incident figures; the largest is kept. A
  running toll is a figure flagged ``cumulative``, or one dated to a period ("since 2011", "in recent
  weeks") in its sentence, or in its paragraph when the figure is in the perfect tense.
- ``strikes`` and ``weapons`` (strike mentions by weapon, ``count`` times when a sentence says
  "two air strikes", but once for a tally over a period: "attacked 40 times in recent weeks"), ``places`` (locations as written, one per place), ``countries`` (ISO 3166
  alpha-3), ``actors`` (normalized strike actors), ``sources`` (claim speakers, normalized; "Austin" is dropped after "Lloyd Austin"); places that repeat
  a fuller one ("Idlib" after "Syria's Idlib province") are dropped.

Renderers: ``table`` (rich), ``jsonl`` and ``csv`` (lists joined with ``;``, the weapon counts as
``weapon=n``).
"""

from __future__ import annotations

import re
from typing import Any

KINDS = ("killed", "injured", "missing", "kidnapped", "detained")
COLUMNS = [
    "doc", "published", "killed", "killed_low", "killed_high", "killed_cumulative", "injured", "injured_low",
    "injured_high", "injured_cumulative", "other", "strikes", "weapons", "places", "countries", "actors", "sources",
    "records",
]  # fmt: skip
_SUBSET = re.compile(
    r"\b(?:including|included|among\s+(?:them|those|the\s+(?:dead|victims|injured|wounded))|of\s+(?:whom|them|those)"
    r"|of\s+the\s+(?:dead|victims))\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_PERIOD = re.compile(
    r"^(?:since\b|in\s+recent\s+(?:days|weeks|months)|(?:earlier|so\s+far)\s+this\s+(?:week|month|year)"
    r"|this\s+(?:month|year)|over\s+the\s+(?:past|last)\s+(?!24|48|twenty)|in\s+\d{4}$)",
    re.IGNORECASE,
)
_PERFECT = re.compile(r"\b(?:have|has|had)\s+(?:now\s+)?been\b", re.IGNORECASE)
_GENERIC_PLACE = {
    "province",
    "provinces",
    "region",
    "regions",
    "district",
    "districts",
    "governorate",
    "city",
    "town",
    "village",
    "area",
    "areas",
    "state",
    "near",
    "the",
    "of",
    "and",
    "in",
    "s",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "outskirts",
}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "its", "their"}
_STOP = {"the", "a", "an", "of", "in", "and", "at", "least", "some", "people", "persons"}


def _bounds(r: dict) -> tuple[int | None, int | None, int | None]:
    """(best, low, high) of one casualty figure; high None means open ("at least")."""
    count, lo, hi = r.get("count"), r.get("min"), r.get("max")
    if count is None and lo is None and hi is None:
        return None, None, None
    if lo is not None and hi is not None:
        return (count if count is not None else lo), lo, hi
    if lo is not None:
        return (count if count is not None else lo), lo, None
    if hi is not None:
        return (count if count is not None else hi), 0, hi
    return count, count, count


def _tokens(text) -> set[str]:
    if not text:
        return set()
    if isinstance(text, list):
        text = " ".join(str(t) for t in text)
    return {t for t in re.findall(r"[a-z0-9]+", str(text).lower()) if t not in _STOP}


def _same_victims(a: dict, b: dict) -> bool:
    """Two figures with the same value describe the same victims unless their `who` clearly differ."""
    ta = _tokens(a.get("who_norm") or a.get("who"))
    tb = _tokens(b.get("who_norm") or b.get("who"))
    if not ta or not tb:
        return True
    ca, cb = a.get("category"), b.get("category")
    if ca and cb and ca != "unknown" and cb != "unknown" and ca != cb:
        return False
    return bool(ta & tb) or ta <= tb or tb <= ta


def _period_in_sentence(r: dict) -> bool:
    dt = r.get("date_text")
    return bool(dt and _PERIOD.search(dt) and dt.lower() in (r.get("evidence") or "").lower())


def _is_running(r: dict) -> bool:
    """A running toll: flagged ``cumulative`` by the extractor, or dated to a period ("since 2011", "in
    recent weeks") in its own sentence, or in its paragraph when the figure is in the perfect tense
    ("have been injured")."""
    if r.get("cumulative"):
        return True
    dt = r.get("date_text")
    if not dt or not _PERIOD.search(dt):
        return False
    ev = r.get("evidence") or ""
    return dt.lower() in ev.lower() or bool(_PERFECT.search(ev))


def _is_subset(r: dict) -> bool:
    """A figure introduced by "including" / "among them" is part of another figure."""
    ev, num = r.get("evidence") or "", r.get("number_text")
    if not ev or not num:
        return False
    i = ev.find(num)
    return i > 0 and bool(_SUBSET.search(ev[:i]))


def _total(figures: list[dict]) -> tuple[int | None, int | None, int | None]:
    """(best, low, high) of distinct figures added up; high None when any figure is open."""
    if not figures:
        return None, None, None
    best = low = 0
    high: int | None = 0
    for r in figures:
        b, lo, hi = _bounds(r)
        best += b or 0
        low += lo or 0
        high = None if high is None or hi is None else high + hi
    return best, low, high


def _distinct(figures: list[dict]) -> list[dict]:
    out: list[dict] = []
    for r in figures:
        b = _bounds(r)[0]
        if any(_bounds(o)[0] == b and _same_victims(o, r) for o in out):
            continue
        out.append(r)
    return out


def casualty_totals(records: list[dict], headlines: set[int] | frozenset = frozenset()) -> dict[str, Any]:
    """Best estimate, bounds and running toll per kind of a document's casualty records."""
    out: dict[str, Any] = {}
    for kind in KINDS:
        figs = [
            r for r in records if r.get("type") == "casualty" and r.get("kind") == kind and _bounds(r)[0] is not None
        ]
        running = [r for r in figs if _is_running(r)]
        incident = [r for r in figs if r not in running and not _is_subset(r)]
        head = [r for r in incident if r.get("headline") or r.get("sentence") in headlines]
        body = [r for r in incident if r not in head]
        best, low, high = _total(_distinct(body))
        if head:
            hb, hl, hh = max((_bounds(r) for r in _distinct(head)), key=lambda t: t[0] or 0)
            if best is None or (hb or 0) > best:
                best, low, high = hb, hl, hh
        cum = max((_bounds(r)[0] for r in running), default=None)
        out[kind] = (best, low, high, cum)
    return out


def _uniq(values) -> list[str]:
    seen: dict[str, str] = {}
    for v in values:
        if not v:
            continue
        if isinstance(v, list):
            v = " and ".join(str(x) for x in v)
        v = " ".join(str(v).split())
        k = v.lower().removeprefix("the ")
        if k in _PRONOUNS or not k:
            continue
        seen.setdefault(k, v)
    return list(seen.values())


def _drop_shorter_names(values: list[str]) -> list[str]:
    """Drop a name that is the tail of a longer one ("Austin" after "Defense Secretary Lloyd Austin")."""
    low = [v.lower() for v in values]
    return [v for v, lv in zip(values, low, strict=True) if not any(o != lv and o.endswith(" " + lv) for o in low)]


def _place_key(place: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", place.lower().replace("\u2019", "'"))
    return frozenset(w for w in words if w not in _GENERIC_PLACE)


def _distinct_places(values: list[str]) -> list[str]:
    """One entry per place: the same parts in another order once, a place inside a fuller one dropped."""
    keys: list[tuple[str, frozenset[str]]] = []
    for v in values:
        k = _place_key(v)
        if k and all(k != o for _, o in keys):
            keys.append((v, k))
    return [v for v, k in keys if not any(k < o for _, o in keys)]


def summarize(
    doc_id: str,
    records: list[dict],
    published: str | None = None,
    headlines: set[int] | frozenset = frozenset(),
) -> dict[str, Any]:
    """One summary row for a document's record dicts; ``headlines`` are headline sentence indices."""
    totals = casualty_totals(records, headlines)
    strikes = [r for r in records if r.get("type") == "strike"]
    claims = [r for r in records if r.get("type") == "claim"]
    weapons: dict[str, int] = {}
    body_weapons = {
        w
        for r in strikes
        if not (r.get("headline") or r.get("sentence") in headlines)
        for w in (r.get("weapon") if isinstance(r.get("weapon"), list) else [r.get("weapon") or "unspecified"])
    }
    n_strikes = 0
    for r in strikes:
        ws = r.get("weapon")
        ws = ws if isinstance(ws, list) else [ws or "unspecified"]
        if (r.get("headline") or r.get("sentence") in headlines) and all(w in body_weapons for w in ws):
            continue  # the headline's strike is told again in the body
        n = r.get("count") if isinstance(r.get("count"), int) and r.get("count") > 0 else 1
        if n > 1 and _period_in_sentence(r):  # "attacked 40 times in recent weeks": a tally, one mention
            n = 1
        n_strikes += n
        for w in ws:
            weapons[w] = weapons.get(w, 0) + n
    other = {k: totals[k][0] for k in KINDS[2:] if totals[k][0] is not None}
    row: dict[str, Any] = {"doc": doc_id, "published": published}
    for kind in ("killed", "injured"):
        best, low, high, cum = totals[kind]
        row[kind] = best
        row[f"{kind}_low"] = low
        row[f"{kind}_high"] = high
        row[f"{kind}_cumulative"] = cum
    row["other"] = other
    row["strikes"] = n_strikes
    row["weapons"] = dict(sorted(weapons.items(), key=lambda kv: (-kv[1], kv[0])))
    row["places"] = _distinct_places(_uniq(r.get("location") for r in strikes))
    row["countries"] = list(dict.fromkeys(r["country"] for r in strikes if r.get("country")))
    row["actors"] = _uniq(r.get("actor_norm") or r.get("actor") for r in strikes)
    row["sources"] = _drop_shorter_names(_uniq(r.get("speaker_norm") or r.get("speaker") for r in claims))
    row["records"] = {
        "casualty": sum(1 for r in records if r.get("type") == "casualty"),
        "strike": len(strikes),
        "claim": len(claims),
    }
    return {c: row[c] for c in COLUMNS}


# ---------------------------------------------------------------------------------------------
# Renderers


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return ";".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def figure(best, low, high) -> str:
    if best is None:
        return ""
    if low is not None and high is None:
        return f"≥{low}" if low == best else f"{best} (≥{low})"
    if low is not None and high is not None and low != high:
        return f"{best} ({low}-{high})"
    return str(best)


class SummaryJsonl:
    def __init__(self, out):
        from .render.jsonl import dumps

        self.out, self.dumps = out, dumps

    def write(self, row: dict) -> None:
        self.out.write(self.dumps(row) + "\n")
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


class SummaryCsv:
    def __init__(self, out):
        import csv

        self.out = out
        self.csv = csv.writer(out, lineterminator="\n")
        self.csv.writerow(COLUMNS)

    def write(self, row: dict) -> None:
        self.csv.writerow([_cell(row.get(c)) for c in COLUMNS])
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


class SummaryTable:
    def __init__(self, out, color: bool = True):
        self.out, self.color, self.rows = out, color, []

    def write(self, row: dict) -> None:
        self.rows.append(row)

    def close(self) -> None:
        import io
        import shutil

        from rich.console import Console
        from rich.table import Table

        # render to a buffer, then write: rich turns a broken pipe into SystemExit(1) itself
        tty = bool(getattr(self.out, "isatty", lambda: False)())
        width = shutil.get_terminal_size((120, 24)).columns if tty else 120
        buf = io.StringIO()
        console = Console(
            file=buf, width=width, force_terminal=tty and self.color, no_color=not self.color, highlight=False,
            soft_wrap=False,
        )  # fmt: skip
        if not self.rows:
            console.print("[dim]no documents[/dim]")
            self.out.write(buf.getvalue())
            self.out.flush()
            return
        table = Table(
            title=f"Summary ({len(self.rows)} article{'' if len(self.rows) == 1 else 's'})", title_justify="left"
        )
        for name in ("doc", "date", "killed", "injured", "running tolls", "strikes", "places", "actors", "sources"):
            table.add_column(name, overflow="fold", max_width=40)
        for r in self.rows:
            tolls = "; ".join(
                f"{k} {r[f'{k}_cumulative']}" for k in ("killed", "injured") if r.get(f"{k}_cumulative") is not None
            )
            weapons = ", ".join(f"{w} {n}" for w, n in r["weapons"].items())
            strikes = (f"{r['strikes']}" + (f" ({weapons})" if weapons else "")) if r["strikes"] else ""
            table.add_row(
                r["doc"],
                r.get("published") or "",
                figure(r["killed"], r["killed_low"], r["killed_high"]),
                figure(r["injured"], r["injured_low"], r["injured_high"]),
                tolls,
                strikes,
                ", ".join(r["places"]),
                ", ".join(r["actors"]),
                ", ".join(r["sources"]),
            )
        console.print(table)
        self.out.write(buf.getvalue())
        self.out.flush()


def summary_writer(fmt: str, out, color: bool = True):
    if fmt == "jsonl":
        return SummaryJsonl(out)
    if fmt == "csv":
        return SummaryCsv(out)
    if fmt == "table":
        return SummaryTable(out, color=color)
    raise ValueError(f"unknown summary format {fmt!r}")

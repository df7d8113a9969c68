"""Robustness run: every text item of the bulk corpus through the whole pipeline.

Usage: python scripts/robustness.py [BULK_DIR] [--limit N] [--jobs N]

BULK_DIR defaults to ../shared/corpus/bulk next to the repository. Items: agnews_world.jsonl and
ucdp_sample.jsonl (``text``), wikievents/*.jsonl (``text`` of each doc), rams/test.jsonlines (the
``sentences`` token lists joined into text) and the <Text> elements of petrarch/*.xml. Prints items,
records, crashes, bad offsets and seconds; exits 1 when any item crashed or quoted a wrong offset.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _jsonl(path: Path, field: str = "text") -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            if isinstance(obj.get(field), str):
                yield f"{path.name}:{obj.get('id') or obj.get('doc_id') or lineno}", obj[field]


def _rams(path: Path) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            obj = json.loads(line)
            text = "\n".join(" ".join(tokens) for tokens in obj.get("sentences", []))
            yield f"{path.name}:{obj.get('doc_key', lineno)}", text


def _petrarch(path: Path) -> Iterator[tuple[str, str]]:
    for i, el in enumerate(ET.parse(path).getroot().iter("Text"), 1):
        text = " ".join((el.text or "").split())
        if text:
            yield f"{path.name}:{i}", text


def items(bulk: Path) -> Iterator[tuple[str, str, str]]:
    """(source, item id, text) of every item that has text."""
    for name in ("agnews_world.jsonl", "ucdp_sample.jsonl"):
        if (bulk / name).exists():
            for doc_id, text in _jsonl(bulk / name):
                yield name, doc_id, text
    for path in sorted((bulk / "wikievents").glob("*.jsonl")):
        for doc_id, text in _jsonl(path):
            yield f"wikievents/{path.name}", doc_id, text
    for path in sorted((bulk / "rams").glob("*.jsonlines")):
        for doc_id, text in _rams(path):
            yield f"rams/{path.name}", doc_id, text
    for path in sorted((bulk / "petrarch").glob("*.xml")):
        for doc_id, text in _petrarch(path):
            yield f"petrarch/{path.name}", doc_id, text


def check(doc_id: str, text: str) -> tuple[int, list[str]]:
    """(records, problems) of one item; a crash is a problem, so is a record quoting the wrong text."""
    from conflict_cli import extract_text

    try:
        recs = extract_text(text, doc=doc_id)
    except Exception as exc:  # the point of the run: count and name every crash
        return 0, [f"crash: {type(exc).__name__}: {exc}"]
    problems = []
    for r in recs:
        if not (0 <= r["start"] <= r["end"] <= len(text)) or text[r["start"] : r["end"]] != r["evidence"]:
            problems.append(f"bad offsets {r['start']}:{r['end']} ({r['type']})")
    return len(recs), problems


def run(bulk: Path, limit: int | None = None, out=sys.stdout) -> dict:
    per_source: dict[str, int] = {}
    totals = {"items": 0, "records": 0, "crashes": 0, "bad_offsets": 0}
    start = time.perf_counter()
    for source, doc_id, text in items(bulk):
        if limit is not None and per_source.get(source, 0) >= limit:
            continue
        per_source[source] = per_source.get(source, 0) + 1
        count, problems = check(doc_id, text)
        totals["items"] += 1
        totals["records"] += count
        for p in problems:
            if p.startswith("crash"):
                totals["crashes"] += 1
            else:
                totals["bad_offsets"] += 1
            print(f"{doc_id}: {p}", file=out)
    totals["seconds"] = round(time.perf_counter() - start, 2)
    totals["per_source"] = per_source
    return totals


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bulk", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "bulk"))
    ap.add_argument("--limit", type=int, default=None, help="at most N items per source file")
    args = ap.parse_args(argv)
    bulk = Path(args.bulk)
    if not bulk.is_dir():
        print(f"robustness: no such directory: {bulk}", file=sys.stderr)
        return 2
    t = run(bulk, args.limit)
    for source, n in sorted(t["per_source"].items()):
        print(f"  {source}: {n} items")
    print(
        f"items {t['items']}  records {t['records']}  crashes {t['crashes']}  "
        f"bad offsets {t['bad_offsets']}  seconds {t['seconds']}  ({t['items'] / max(t['seconds'], 1e-9):.0f} items/s)"
    )
    return 1 if t["crashes"] or t["bad_offsets"] else 0


if __name__ == "__main__":
    sys.exit(main())

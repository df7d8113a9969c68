"""Rewrite the expected output of every example article: examples/NAME.txt -> NAME.expected.jsonl.

Run after an intended change in extraction, then read the diff of the .expected.jsonl files.
The publication date of each example is given in examples/dates.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from conflict_cli import extract_text  # noqa: E402


def expected_lines(txt: Path, published: str | None) -> str:
    text = txt.read_text(encoding="utf-8")
    records = extract_text(text, doc=f"examples/{txt.name}", published=published)
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main() -> int:
    dates = json.loads((ROOT / "examples" / "dates.json").read_text(encoding="utf-8"))
    for txt in sorted((ROOT / "examples").glob("*.txt")):
        out = txt.with_name(txt.stem + ".expected.jsonl")
        out.write_text(expected_lines(txt, dates.get(txt.name)), encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Golden output: every examples/NAME.txt gives exactly examples/NAME.expected.jsonl.

After an intended change, run `python scripts/regen_examples.py` and review the diff.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
DATES = json.loads((ROOT / "examples" / "dates.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("txt", EXAMPLES, ids=lambda p: p.stem)
def test_example_output_is_golden(txt: Path):
    expected = txt.with_name(txt.stem + ".expected.jsonl").read_text(encoding="utf-8")
    args = [sys.executable, "-m", "conflict_cli", "extract", "--format", "jsonl", f"examples/{txt.name}"]
    if DATES.get(txt.name):
        args += ["--date", DATES[txt.name]]
    proc = subprocess.run(args, capture_output=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()
    got = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    want = [json.loads(line) for line in expected.splitlines()]
    assert got == want


@pytest.mark.parametrize("txt", EXAMPLES, ids=lambda p: p.stem)
def test_example_offsets(txt: Path):
    text = txt.read_text(encoding="utf-8")
    for line in txt.with_name(txt.stem + ".expected.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        assert text[rec["start"] : rec["end"]] == rec["evidence"]

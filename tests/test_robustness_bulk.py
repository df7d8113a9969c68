"""A sample of the bulk robustness run (scripts/robustness.py): no crash, every offset valid."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BULK = ROOT.parent / "shared" / "corpus" / "bulk"

pytestmark = pytest.mark.skipif(not BULK.is_dir(), reason="bulk corpus (../shared/corpus/bulk) absent")


def _script():
    spec = importlib.util.spec_from_file_location("robustness", ROOT / "scripts" / "robustness.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_every_source_has_items():
    mod = _script()
    sources = {source for source, _, _ in mod.items(BULK)}
    assert {"agnews_world.jsonl", "ucdp_sample.jsonl"} <= sources
    assert any(s.startswith("rams/") for s in sources) and any(s.startswith("petrarch/") for s in sources)


def test_sample_of_the_bulk_run_has_no_crash_and_valid_offsets():
    mod = _script()
    log = io.StringIO()
    totals = mod.run(BULK, limit=40, out=log)
    assert totals["items"] >= 150
    assert totals["crashes"] == 0, log.getvalue()
    assert totals["bad_offsets"] == 0, log.getvalue()

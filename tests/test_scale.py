"""Scale: ``--jobs N`` gives the output of ``--jobs 1``, and the Dask example gives the CLI's."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conflict_cli import pipeline
from conflict_cli.models import Document
from conflict_cli.settings import Settings

REPO = Path(__file__).resolve().parent.parent
CLI = Path(sys.executable).parent / "conflict-cli"

# Wire-style sentences written for these tests; {n}, {m} and {place} vary per article.
PARAGRAPHS = [
    "Air strikes on the town of {place} killed at least {n} civilians on Tuesday, local officials said.",
    "A suicide bomber blew himself up at a checkpoint near {place}, wounding {m} soldiers, the army said in a statement.",
    "The rebel group denied carrying out the attack, saying its fighters were not in the area.",
    "Police said {n} people were detained after the shelling, and two others were still missing.",
    '"We heard three loud explosions and then the roof fell in," a resident told reporters by telephone.',
    "The health ministry put the death toll at {m}, including {n} children, a figure that could not be independently verified.",
    "Drone strikes hit a fuel depot outside {place} overnight, according to a monitoring group.",
]
PLACES = ["Karvan", "Tel Asir", "Mersa Dul", "Okolo", "North Berin", "Saldara"]


def _article(i: int) -> str:
    n, m, place = 3 + i % 17, 20 + (7 * i) % 41, PLACES[i % len(PLACES)]
    paras = [p.format(n=n, m=m, place=place) for p in PARAGRAPHS[i % 3 :] + PARAGRAPHS[: i % 3]]
    return f"Attack near {place} leaves {n} dead\n\n" + "\n\n".join(paras[: 3 + i % 5]) + "\n"


def _docs(count: int) -> list[Document]:
    return [Document(id=f"a{i}", text=_article(i), published=f"2024-03-0{1 + i % 9}") for i in range(count)]


def _flat(results) -> list:
    return [(doc_id, records, error) for doc_id, records, error in results]


def test_run_jobs2_equals_jobs1_in_order(monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_CHARS", 2000)  # many small batches through the pool
    settings = Settings().validate()
    one = _flat(pipeline.run(_docs(60), settings, jobs=1))
    two = _flat(pipeline.run(_docs(60), settings, jobs=2))
    assert [d for d, _r, _e in two] == [f"a{i}" for i in range(60)]
    assert two == one
    assert sum(len(r) for _d, r, _e in one) > 0, "the articles should give records"


def test_run_renders_where_it_analyzes(monkeypatch):
    """With ``render`` (JSON lines for the CLI) the workers return each document's text, the same
    text as rendering the records afterwards, in input order, with --jobs 2 as with --jobs 1."""
    from conflict_cli.render.jsonl import lines

    monkeypatch.setattr(pipeline, "BATCH_CHARS", 2000)
    settings = Settings().validate()
    plain = _flat(pipeline.run(_docs(40), settings, jobs=1))
    for jobs in (1, 2):
        rendered = _flat(pipeline.run(_docs(40), settings, jobs=jobs, render=lines))
        assert rendered == [(d, lines(r), e) for d, r, e in plain]


def test_run_single_batch_needs_no_pool(monkeypatch):
    def no_pool(jobs):
        raise AssertionError("a pool was started for a one-batch input")

    monkeypatch.setattr(pipeline, "_pool", no_pool)
    settings = Settings().validate()
    assert _flat(pipeline.run(_docs(2), settings, jobs=4)) == _flat(pipeline.run(_docs(2), settings, jobs=1))


def test_run_empty_input():
    assert list(pipeline.run(iter(()), Settings(), jobs=2)) == []


def test_worker_error_is_reported_against_its_document(monkeypatch):
    real = pipeline.analyze

    def flaky(doc, settings):
        if doc.id == "a7":
            raise RuntimeError("boom")
        return real(doc, settings)

    monkeypatch.setattr(pipeline, "analyze", flaky)  # forked workers inherit the patch
    monkeypatch.setattr(pipeline, "BATCH_CHARS", 2000)
    results = _flat(pipeline.run(_docs(20), Settings(), jobs=2))
    assert [d for d, _r, _e in results] == [f"a{i}" for i in range(20)]
    assert results[7] == ("a7", [], "internal error: RuntimeError: boom")
    assert results == _flat(pipeline.run(_docs(20), Settings(), jobs=1))


@pytest.mark.skipif(not CLI.exists(), reason="conflict-cli is not installed in this interpreter's environment")
def test_cli_jobs2_output_identical_to_jobs1(tmp_path):
    feed = tmp_path / "feed.jsonl"
    with open(feed, "w", encoding="utf-8") as fh:
        for doc in _docs(160):  # > 64 KB of text: several batches go through the pool
            fh.write(json.dumps({"id": doc.id, "text": doc.text, "date": doc.published}) + "\n")
    env = {**os.environ, "PYTHONHASHSEED": "0"}  # the same hash seed for both runs

    def extract(jobs: int) -> tuple[bytes, bytes, int]:
        cmd = [str(CLI), "extract", "-f", "jsonl", "-q", "--jobs", str(jobs), str(feed)]
        proc = subprocess.run(cmd, capture_output=True, env=env, cwd=tmp_path)
        return proc.stdout, proc.stderr, proc.returncode

    (one, err1, code1), (two, err2, code2) = extract(1), extract(2)
    assert code1 in (0, 1), err1  # 1: an extractor bug reported against a document, not a crash
    assert one.count(b"\n") > 100
    assert (two, err2, code2) == (one, err1, code1)
    order = list(dict.fromkeys(json.loads(line)["doc"] for line in one.splitlines()))
    assert order == sorted(order, key=lambda d: int(d[1:]))


def _load_example():
    spec = importlib.util.spec_from_file_location("dask_batch", REPO / "examples" / "dask_batch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dask_example_matches_cli(tmp_path):
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    from typer.testing import CliRunner

    from conflict_cli.cli import app

    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for i in range(3):
        (src / f"report-{i}.txt").write_text(_article(i), encoding="utf-8")
    (src / "sub" / "feed.jsonl").write_text(
        "".join(json.dumps({"id": f"f{i}", "text": _article(10 + i), "date": "2024-05-02"}) + "\n" for i in range(4))
        + json.dumps({"text": _article(20)})
        + "\n",  # no id: the CLI calls it path:line
        encoding="utf-8",
    )
    cli = CliRunner().invoke(app, ["extract", "-f", "jsonl", "-q", "-r", str(src)])
    assert cli.exit_code in (0, 1), cli.output  # 1: an extractor bug reported against a document
    assert cli.stdout.count("\n") > 5

    example = _load_example()
    options = {"types": None, "date": None, "text_field": "text", "id_field": "id", "date_field": "date"}
    out = tmp_path / "out"
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        written = example.run([str(src)], out, options, client)
    assert len(written) == 4  # one part per input file
    parts = sorted(out.glob("part-*.jsonl"))
    assert "".join(p.read_text(encoding="utf-8") for p in parts) == cli.stdout

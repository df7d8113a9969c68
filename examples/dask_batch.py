"""Extract records from many articles with Dask: the same JSON lines as ``conflict-cli extract``.

Each input file (a ``.txt`` article or a ``.jsonl`` file of articles) becomes one partition of a
``dask.bag``; every worker reads its files with conflict-cli's own reader, runs
the extraction pipeline on each article (``conflict_cli.pipeline.run``, what the CLI and
``conflict_cli.extract_text`` use) and writes one JSON-lines file per partition::

    out/part-00000.jsonl   records of the first input file, in order
    out/part-00001.jsonl   ...

``cat out/part-*.jsonl`` is byte for byte what ``conflict-cli extract -f jsonl -r INPUTS`` prints
(same document ids, record order and JSON). Split a very large JSON-lines file into several files
first (``split -l 20000 --additional-suffix=.jsonl big.jsonl shard-``) so that it spreads over
several partitions.

Install: ``pip install 'conflict-cli[dask]'`` (dask[bag] and distributed).

On this machine (a ``distributed.LocalCluster``, one single-threaded worker process per core)::

    python examples/dask_batch.py articles/ feed.jsonl --out out/

On a real cluster, start a scheduler and workers that have conflict-cli installed and see the
same file system (or a shared mount) as the paths you give, then point the script at it::

    dask scheduler                                   # on one host: prints tcp://HOST:8786
    dask worker tcp://HOST:8786 --nthreads 1         # on every worker host, once per core
    python examples/dask_batch.py /shared/articles --out /shared/out --scheduler tcp://HOST:8786

Options follow the CLI's: ``--type``, ``--date``, ``--text-field``, ``--id-field``,
``--date-field``; ``--workers`` and ``--threads`` shape the local cluster.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def list_inputs(paths: list[str]) -> list[str]:
    """Input files in the CLI's order: folders walked sorted, hidden files and gold files skipped."""
    from conflict_cli.read import JSONL_SUFFIXES, TEXT_SUFFIXES

    out: list[str] = []
    for raw in paths:
        if not os.path.isdir(raw):
            out.append(raw)
            continue
        for root, dirs, files in os.walk(raw):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or name.endswith(".gold.json"):
                    continue
                if name.lower().endswith(TEXT_SUFFIXES + JSONL_SUFFIXES):
                    out.append(os.path.join(root, name))
    return out


def file_records(path: str, options: dict) -> list[str]:
    """JSON lines of every record of one input file (runs on a worker)."""
    from conflict_cli.pipeline import run
    from conflict_cli.read import ReadOptions, read_documents
    from conflict_cli.render.jsonl import dumps
    from conflict_cli.settings import TYPES, Settings

    def report(source: str, message: str, error: bool) -> None:  # lands in the worker's log
        print(f"dask_batch: {'error' if error else 'warning'}: {source}: {message}", file=sys.stderr)

    opts = ReadOptions(
        text_field=options["text_field"],
        id_field=options["id_field"] or None,
        date_field=options["date_field"] or None,
        published=options["date"],
    )
    settings = Settings(types=options["types"] or TYPES, published=options["date"]).validate()
    lines: list[str] = []
    # the CLI's own loop (pipeline.run, one process): same documents, records and errors
    for doc_id, records, error in run(read_documents([path], opts, report), settings):
        if error:
            report(doc_id, error, True)
        lines.extend(dumps(record) for record in records)
    return lines


def make_client(scheduler: str | None, workers: int, threads: bool):
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=not threads, dashboard_address=None)
    return Client(cluster)


def run(inputs: list[str], out: Path, options: dict, client) -> list[str]:
    """Extract every input into ``out/part-NNNNN.jsonl``; the written paths, in input order."""
    import dask.bag as db

    files = list_inputs(inputs)
    if not files:
        raise SystemExit("dask_batch: no input files")
    out.mkdir(parents=True, exist_ok=True)
    bag = db.from_sequence(files, npartitions=len(files)).map(file_records, options).flatten()
    return bag.to_textfiles(
        str(out / "part-*.jsonl"),
        name_function=lambda i: f"{i:05d}",
        encoding="utf-8",
        last_endline=True,
        compute=True,
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="article files, .jsonl files or folders (walked like -r)")
    ap.add_argument("--out", "-o", type=Path, required=True, help="folder for the part-NNNNN.jsonl files")
    ap.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler (tcp://HOST:8786)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="local cluster: worker count")
    ap.add_argument("--threads", action="store_true", help="local cluster: threads in this process, not processes")
    ap.add_argument("--type", "-t", action="append", choices=("casualty", "strike", "claim"), dest="types")
    ap.add_argument("--date", "-d", help="publication date (YYYY-MM-DD) for every input")
    ap.add_argument("--text-field", default="text")
    ap.add_argument("--id-field", default="id")
    ap.add_argument("--date-field", default="date")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    options = {
        "types": tuple(dict.fromkeys(args.types)) if args.types else None,
        "date": args.date,
        "text_field": args.text_field,
        "id_field": args.id_field,
        "date_field": args.date_field,
    }
    with make_client(args.scheduler, args.workers, args.threads) as client:
        written = run(args.inputs, args.out, options, client)
        if not args.scheduler:
            client.cluster.close()
    print(f"dask_batch: {len(written)} part file(s) in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

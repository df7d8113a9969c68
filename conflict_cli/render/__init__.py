"""Renderers: records out, in the format the user asked for.

Each writer takes one document's record dicts at a time (``write``) and finishes with
``close``; the streaming formats (jsonl, json, csv) print as they go, the table collects.
"""

from __future__ import annotations

FORMATS = ("table", "jsonl", "json", "csv")


def writer(fmt: str, out, types: tuple[str, ...], color: bool = True):
    if fmt == "jsonl":
        from .jsonl import JsonlWriter

        return JsonlWriter(out)
    if fmt == "json":
        from .jsonl import JsonArrayWriter

        return JsonArrayWriter(out)
    if fmt == "csv":
        from .csv import CsvWriter

        return CsvWriter(out, types)
    if fmt == "table":
        from .table import TableWriter

        return TableWriter(out, types, color=color)
    raise ValueError(f"unknown format {fmt!r}")

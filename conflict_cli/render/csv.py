"""CSV with one header: the union of the selected record types' fields, in contract order."""

from __future__ import annotations

import csv

from ..models import RECORD_TYPES


def columns(types: tuple[str, ...]) -> list[str]:
    cols: list[str] = []
    for t in types:
        for name in RECORD_TYPES[t].field_names():
            if name not in cols:
                cols.append(name)
    return cols


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


class CsvWriter:
    def __init__(self, out, types: tuple[str, ...]):
        self.out = out
        self.cols = columns(types)
        self.csv = csv.writer(out, lineterminator="\n")
        self.csv.writerow(self.cols)

    def write(self, records: list[dict]) -> None:
        for r in records:
            self.csv.writerow([cell(r.get(c)) for c in self.cols])
        self.out.flush()

    def close(self) -> None:
        self.out.flush()

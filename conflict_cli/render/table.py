"""Rich tables for a terminal: one table per record type with its key fields."""

from __future__ import annotations

COLUMNS = {
    "casualty": [("doc", "doc"), ("kind", "kind"), ("figure", None), ("who", "who"), ("running toll", "cumulative"),
                 ("evidence", "evidence")],
    "strike": [("doc", "doc"), ("weapon", "weapon"), ("actor", "actor"), ("target", "target"),
               ("location", "location"), ("count", "count"), ("date", "date"), ("evidence", "evidence")],
    "claim": [("doc", "doc"), ("speaker", "speaker"), ("verb", "verb"), ("via", "via"), ("date", "date"),
              ("evidence", "evidence")],
}  # fmt: skip
TITLES = {"casualty": "Casualties", "strike": "Strikes", "claim": "Claims"}


def figure(r: dict) -> str:
    if r.get("count") is None:
        return r.get("vague") or ""
    lo, hi = r.get("min"), r.get("max")
    if lo is not None and hi is not None and lo != hi:
        return f"{lo}-{hi}"
    qual = r.get("qualifier")
    return f"{qual} {r['count']}" if qual else str(r["count"])


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


class TableWriter:
    def __init__(self, out, types: tuple[str, ...], color: bool = True):
        self.out = out
        self.types = types
        self.color = color
        self.rows: dict[str, list[dict]] = {t: [] for t in types}

    def write(self, records: list[dict]) -> None:
        for r in records:
            if r["type"] in self.rows:
                self.rows[r["type"]].append(r)

    def close(self) -> None:
        # render into a buffer, then write it in one go: a closed pipe then surfaces as BrokenPipeError
        # in our own write, where the CLI handles it, not inside rich (which would exit 1)
        import io
        import shutil

        from rich.console import Console
        from rich.table import Table

        buffer = io.StringIO()
        width = shutil.get_terminal_size((120, 24)).columns if self.out.isatty() else 120
        console = Console(
            file=buffer,
            no_color=not self.color,
            highlight=False,
            soft_wrap=False,
            width=width,
            force_terminal=self.color and self.out.isatty(),
        )
        many_docs = len({r["doc"] for rows in self.rows.values() for r in rows}) > 1
        total = 0
        for t in self.types:
            rows = self.rows[t]
            total += len(rows)
            if not rows:
                continue
            table = Table(title=f"{TITLES[t]} ({len(rows)})", title_justify="left", show_lines=False, expand=False)
            cols = [c for c in COLUMNS[t] if c[0] != "doc" or many_docs]
            for name, _ in cols:
                table.add_column(name, overflow="fold", max_width=60 if name == "evidence" else 30)
            for r in rows:
                table.add_row(*[(figure(r) if key is None else _text(r.get(key))) for _, key in cols])
            console.print(table)
        if total == 0:
            console.print("[dim]no records found[/dim]")
        self.out.write(buffer.getvalue())
        self.out.flush()

"""A progress line on stderr for long batches (only when stderr is a terminal)."""

from __future__ import annotations


class Progress:
    def __init__(self):
        from rich.console import Console
        from rich.progress import Progress as RichProgress
        from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

        self._bar = RichProgress(
            SpinnerColumn(),
            TextColumn("{task.completed} articles, {task.fields[records]} records"),
            TextColumn("[dim]{task.fields[doc]}"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("extract", total=None, records=0, doc="")
        self._records = 0

    def advance(self, doc: str, records: int) -> None:
        self._records += records
        self._bar.update(self._task, advance=1, records=self._records, doc=doc[-50:])

    def close(self) -> None:
        self._bar.stop()

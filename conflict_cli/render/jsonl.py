"""JSON lines (one record per line) and a JSON array, both streamed."""

from __future__ import annotations

try:  # orjson is ~10x faster per record; the standard library is the fallback
    import orjson

    def dumps(obj) -> str:
        return orjson.dumps(obj).decode("utf-8")

except ImportError:  # pragma: no cover
    import json

    def dumps(obj) -> str:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def lines(records: list[dict]) -> str:
    """A document's records as JSON lines (what ``JsonlWriter`` writes for them)."""
    return "".join(dumps(r) + "\n" for r in records)


class JsonlWriter:
    # the pipeline may render each document's records where it analyzes them (in parallel workers
    # with --jobs); ``write_text`` then takes those lines
    render = staticmethod(lines)

    def __init__(self, out):
        self.out = out

    def write(self, records: list[dict]) -> None:
        if records:
            self.write_text(lines(records))

    def write_text(self, text: str) -> None:
        if text:
            self.out.write(text)
            self.out.flush()

    def close(self) -> None:
        self.out.flush()


class JsonArrayWriter:
    def __init__(self, out):
        self.out = out
        self.first = True
        self.out.write("[")

    def write(self, records: list[dict]) -> None:
        for r in records:
            self.out.write(("\n" if self.first else ",\n") + dumps(r))
            self.first = False
        self.out.flush()

    def close(self) -> None:
        self.out.write("\n]\n" if not self.first else "]\n")
        self.out.flush()

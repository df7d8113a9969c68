"""Read inputs into documents: files, directories (with ``recursive``), stdin and JSON lines.

Nothing here raises for a bad input: every problem is passed to ``report(source, message,
error)`` as one line that names the input (and the line number for JSON lines), and reading
goes on with the next input. JSON-lines inputs are read one line at a time, so a stream of any
size is processed in flat memory.
"""

from __future__ import annotations

import codecs
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .models import Document

TEXT_SUFFIXES = (".txt", ".text", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
MAX_LINE = 256 * 1024 * 1024  # a single JSON line larger than this is refused
SNIFF = 8192

Report = Callable[[str, str, bool], None]  # (source, message, is_error)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    input_format: str | None = None  # "text" | "jsonl" | None (by suffix; stdin: text)
    recursive: bool = False
    text_field: str = "text"
    id_field: str | None = None
    date_field: str | None = None
    published: str | None = None  # --date: publication date for every input


def input_format_of(name: str, opts: ReadOptions) -> str:
    if opts.input_format:
        return opts.input_format
    return "jsonl" if name.lower().endswith(JSONL_SUFFIXES) else "text"


def decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, problem). text is None when the bytes are binary; problem is a warning otherwise."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return data.decode("utf-16", errors="replace"), "invalid UTF-16: undecodable bytes replaced"
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return data.decode("utf-32", errors="replace"), None
    if b"\x00" in data[:SNIFF]:
        return None, "binary file (NUL bytes), skipped"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if _looks_binary(text):
            return None, "binary file (not text), skipped"
        return text, f"invalid UTF-8 at byte {exc.start}: {bad} undecodable byte(s) replaced"


def _looks_binary(text: str) -> bool:
    sample = text[:SNIFF]
    if not sample:
        return False
    odd = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\n\r\t\f\v\x1b"))
    return odd > 0.1 * len(sample)


def _expand(paths: Iterable[str], opts: ReadOptions, report: Report) -> Iterator[str]:
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            if not opts.recursive:
                report(raw, "is a directory (use -r to read the files in it)", True)
                continue
            found = False
            for root, dirs, files in os.walk(path, onerror=lambda e: report(str(e.filename), _os_message(e), True)):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or name.endswith(".gold.json"):
                        continue
                    if name.lower().endswith(TEXT_SUFFIXES + JSONL_SUFFIXES):
                        found = True
                        yield os.path.join(root, name)
            if not found:
                report(raw, "directory has no .txt or .jsonl files", False)
        else:
            yield raw


def _os_message(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory (use -r to read the files in it)"
    return exc.strerror or str(exc)


def read_documents(paths: list[str], opts: ReadOptions, report: Report, stdin=None) -> Iterator[Document]:
    """Documents of every input, in order. Problems go to ``report``; nothing raises for an input."""
    for name in _expand(paths or ["-"], opts, report):
        fmt = input_format_of("" if name == "-" else name, opts)
        try:
            if name == "-":
                stream = stdin if stdin is not None else sys.stdin.buffer
                if fmt == "jsonl":
                    yield from _jsonl(name, stream, opts, report)
                else:
                    yield from _text(name, stream.read(), opts, report)
                continue
            if fmt == "jsonl":
                with open(name, "rb") as fh:
                    yield from _jsonl(name, fh, opts, report)
            else:
                with open(name, "rb") as fh:
                    data = fh.read()
                yield from _text(name, data, opts, report)
        except OSError as exc:
            report(name, _os_message(exc), True)
        except MemoryError:
            report(name, "too large to read into memory", True)


def _text(name: str, data: bytes, opts: ReadOptions, report: Report) -> Iterator[Document]:
    text, problem = decode(data)
    if text is None:
        report(name, problem or "not text", True)
        return
    if problem:
        report(name, problem, False)
    if not text.strip():
        report(name, "empty input, nothing to extract", False)
    yield Document(id=name, text=text, published=opts.published)


def _jsonl(name: str, stream, opts: ReadOptions, report: Report) -> Iterator[Document]:
    for lineno, raw in enumerate(stream, 1):
        if len(raw) > MAX_LINE:
            report(f"{name}:{lineno}", f"line longer than {MAX_LINE // (1024 * 1024)} MB, skipped", True)
            continue
        if not raw.strip():
            continue
        where = f"{name}:{lineno}"
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("utf-8", errors="replace")
            report(where, "invalid UTF-8: undecodable bytes replaced", False)
        try:
            obj = json.loads(line)
        except ValueError as exc:
            report(where, f"not valid JSON ({_short(exc)}), line skipped", True)
            continue
        if not isinstance(obj, dict):
            report(where, "not a JSON object, line skipped", True)
            continue
        text = obj.get(opts.text_field)
        if not isinstance(text, str):
            what = "has no" if text is None else "has a non-string"
            report(where, f"{what} '{opts.text_field}' field, line skipped", True)
            continue
        doc_id = where
        if opts.id_field and obj.get(opts.id_field) is not None:
            doc_id = str(obj[opts.id_field])
        published = opts.published
        if published is None and opts.date_field and obj.get(opts.date_field):
            published = str(obj[opts.date_field])
        yield Document(id=doc_id, text=text, published=published)


def _short(exc: Exception) -> str:
    msg = str(exc)
    return msg if len(msg) < 80 else msg[:77] + "..."

"""Read inputs into documents: files, directories (with ``recursive``), stdin and JSON lines.

Nothing here raises for a bad input: every problem is passed to ``report(source, message,
error)`` as one line that names the input (and the line number for JSON lines), and reading
goes on with the next input. JSON-lines inputs are read one line at a time, so a stream of any
size is processed in flat memory, and a line longer than ``MAX_LINE`` is skipped without ever
being held in memory.

Decoding: UTF-8 (a UTF-8 BOM is dropped), UTF-16 and UTF-32 with a BOM, and UTF-16 without a BOM
when its zero bytes show it. Invalid UTF-8 is kept with U+FFFD in place of each bad byte and a
warning. A file whose first bytes hold NULs (and is not UTF-16/32) or are mostly control
characters is binary and skipped with an error. Devices and sockets are refused, since reading
``/dev/zero`` would never end; FIFOs (``<(cmd)``) are read like files.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .models import Document

TEXT_SUFFIXES = (".txt", ".text", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
MAX_LINE = 256 * 1024 * 1024  # a single JSON line larger than this is skipped
MAX_TEXT = 1024 * 1024 * 1024  # a text input larger than this is refused
SNIFF = 8192
CHUNK = 1024 * 1024

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


def _bom_encoding(data: bytes) -> tuple[str | None, int]:
    """(codec, BOM length) of a leading byte-order mark, or (None, 0)."""
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32", 0
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", 0
    return None, 0


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the zero bytes of ``sample`` fall on one side (ASCII-heavy UTF-16)."""
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) > 0.6 * half and even.count(0) < 0.05 * half:
        return "utf-16-le"
    if even.count(0) > 0.6 * half and odd.count(0) < 0.05 * half:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, problem). text is None when the bytes are binary; problem is a warning otherwise."""
    codec, skip = _bom_encoding(data)
    if codec in ("utf-16", "utf-32"):
        try:
            return data.decode(codec), None
        except UnicodeDecodeError:
            return data.decode(codec, errors="replace"), f"invalid {codec.upper()}: undecodable bytes replaced"
    if skip:
        data = data[skip:]
    if b"\x00" in data[:SNIFF]:
        codec = _utf16_without_bom(data[:SNIFF])
        if codec is None:
            return None, "binary file (NUL bytes), skipped"
        text = data.decode(codec, errors="replace")
        return text, f"no byte-order mark: read as {codec.upper()}"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        if _looks_binary(text):
            return None, "binary file (not text), skipped"
        bad = text.count("\ufffd") - data.count("\xef\xbf\xbd".encode("latin-1"))
        return text, f"invalid UTF-8 at byte {exc.start}: {max(bad, 1)} undecodable byte(s) replaced with U+FFFD"


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
        if raw == "":
            report("''", "empty path", True)
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
    if isinstance(exc, NotADirectoryError):
        return "no such file (a part of the path is not a directory)"
    return (exc.strerror or str(exc) or type(exc).__name__).rstrip(".").lower()


def _check_kind(fh) -> str | None:
    """An error message when the open file is a device or socket (reading it may never end)."""
    try:
        mode = os.fstat(fh.fileno()).st_mode
    except (OSError, ValueError, AttributeError):
        return None
    if stat.S_ISCHR(mode) and _is_devnull(fh):
        return None
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file, skipped"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file, skipped"
    return None


def _is_devnull(fh) -> bool:
    try:
        return os.path.samestat(os.fstat(fh.fileno()), os.stat(os.devnull))
    except OSError:
        return False


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
                    data = _read_all(stream)
                    if data is None:
                        report(name, f"larger than {MAX_TEXT // (1024 * 1024)} MB, skipped", True)
                    else:
                        yield from _text(name, data, opts, report)
                continue
            with open(name, "rb") as fh:
                problem = _check_kind(fh)
                if problem:
                    report(name, problem, True)
                    continue
                if fmt == "jsonl":
                    yield from _jsonl(name, fh, opts, report)
                    continue
                data = _read_all(fh)
            if data is None:
                report(name, f"larger than {MAX_TEXT // (1024 * 1024)} MB, skipped", True)
                continue
            yield from _text(name, data, opts, report)
        except OSError as exc:
            report(name, _os_message(exc), True)
        except MemoryError:
            report(name, "too large to read into memory", True)


def _read_all(stream) -> bytes | None:
    """All bytes of ``stream``, or None when there are more than MAX_TEXT."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(16 * CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > MAX_TEXT:
            return None
        chunks.append(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


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


def _raw_lines(stream) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each line; bytes is None for a line longer than MAX_LINE (never held whole)."""
    lineno = 0
    while True:
        raw = stream.readline(MAX_LINE + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
            del raw
            while True:  # skip the rest of the line in bounded chunks
                rest = stream.readline(CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield lineno, None
            continue
        yield lineno, raw


def _text_lines(name: str, stream, report: Report) -> Iterator[tuple[int, str | None]]:
    """(line number, decoded line) of a JSON-lines stream; None for a line that is too long."""
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    codec, _ = _bom_encoding(head)
    if codec in ("utf-16", "utf-32"):
        wrapper = io.TextIOWrapper(stream, encoding=codec, errors="replace", newline="\n")
        try:
            for lineno, line in enumerate(wrapper, 1):
                yield lineno, line
        finally:
            wrapper.detach()
        return
    for lineno, raw in _raw_lines(stream):
        if raw is None:
            yield lineno, None
            continue
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("utf-8", errors="replace")
            report(f"{name}:{lineno}", "invalid UTF-8: undecodable bytes replaced with U+FFFD", False)
        yield lineno, line


def _jsonl(name: str, stream, opts: ReadOptions, report: Report) -> Iterator[Document]:
    seen = False
    for lineno, line in _text_lines(name, stream, report):
        where = f"{name}:{lineno}"
        if line is None:
            report(where, f"line longer than {MAX_LINE // (1024 * 1024)} MB, skipped", True)
            seen = True
            continue
        if not line.strip():
            continue
        seen = True
        if "\x00" in line and lineno == 1 and not line.lstrip("\ufeff").lstrip().startswith("{"):
            report(name, "binary file (NUL bytes), skipped", True)
            return
        try:
            obj = json.loads(line)
        except RecursionError:
            report(where, "JSON nested too deeply, line skipped", True)
            continue
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
            doc_id = _scalar(obj[opts.id_field])
        published = opts.published
        if published is None and opts.date_field and obj.get(opts.date_field):
            value = obj[opts.date_field]
            if isinstance(value, str | int | float):
                published = str(value)
            else:
                report(where, f"'{opts.date_field}' field is not a string, ignored", False)
        yield Document(id=doc_id, text=text, published=published)
    if not seen:
        report(name, "empty input, nothing to extract", False)


def _scalar(value) -> str:
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        return str(value)


def _short(exc: Exception) -> str:
    msg = str(exc)
    return msg if len(msg) < 80 else msg[:77] + "..."

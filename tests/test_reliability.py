"""Hostile inputs and faults at the command line: every problem is one stderr line naming the input,
the batch goes on, and the exit code tells (0 all read, 1 some inputs failed, 2 usage, 130 Ctrl-C).

Most cases run the real program in a subprocess (exit codes, signals, pipes); a few run in-process
with typer's CliRunner. Inputs are written by the tests themselves in wire-report style.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflict_cli.cli import app
from conflict_cli.read import ReadOptions, read_documents

PROG = "conflict-cli"
ARTICLE = (
    "Shelling kills 9 in border village\n"
    "Artillery shells struck the village of Tel Hamra on Tuesday, killing nine civilians and wounding "
    "at least 14 others, the regional health directorate said.\n"
    "\u201cThe shells fell on the market,\u201d a local official told AFP by telephone.\n"
    "The army denied targeting civilians.\n"
)
LINE = "Rebels said they shot down a drone near the airport on Monday, and two soldiers were killed. "

runner = CliRunner()


def cli(*args: str, input: bytes | None = None, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "conflict_cli", *args], input=input, capture_output=True, timeout=timeout, **kw
    )


def records(out: bytes | str) -> list[dict]:
    if isinstance(out, bytes):
        out = out.decode("utf-8")
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def err_lines(proc) -> list[str]:
    text = proc.stderr.decode("utf-8", "replace") if isinstance(proc.stderr, bytes) else proc.stderr
    return [line for line in text.splitlines() if line.strip()]


def no_traceback(proc) -> None:
    text = proc.stderr.decode("utf-8", "replace") if isinstance(proc.stderr, bytes) else proc.stderr
    assert "Traceback" not in text, text
    assert "Error:" not in text.replace("error:", ""), text


def without_doc(recs: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "doc"} for r in recs]


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def alone(path: Path, *extra: str) -> list[dict]:
    proc = cli("extract", str(path), "-f", "jsonl", *extra)
    assert proc.returncode == 0, proc.stderr
    return records(proc.stdout)


# --- one bad input among good ones: one line naming it, the others processed, exit 1 -------------


def _missing(tmp: Path) -> Path:
    return tmp / "no-such-article.txt"


def _directory(tmp: Path) -> Path:
    d = tmp / "folder"
    d.mkdir()
    (d / "inside.txt").write_text(ARTICLE, encoding="utf-8")
    return d


def _binary(tmp: Path) -> Path:
    p = tmp / "photo.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    return p


def _control_bytes(tmp: Path) -> Path:
    p = tmp / "garbage.txt"
    p.write_bytes(bytes(b % 31 + 1 for b in range(4000)) + b"\xff\xfe\xfd" * 300)
    return p


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_missing, "no such file"),
        (_directory, "is a directory"),
        (_binary, "binary"),
        (_control_bytes, "binary"),
    ],
    ids=["missing", "directory-without-r", "binary-nul", "binary-control"],
)
def test_bad_input_is_one_line_and_the_batch_goes_on(tmp_path: Path, good: Path, make, message: str):
    bad = make(tmp_path)
    proc = cli("extract", str(bad), str(good), "-f", "jsonl")
    assert proc.returncode == 1, proc.stderr
    no_traceback(proc)
    lines = err_lines(proc)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{PROG}: error: {bad}: "), lines
    assert message in lines[0]
    assert records(proc.stdout) == alone(good)


def test_directory_with_r_is_read(tmp_path: Path):
    d = _directory(tmp_path)
    proc = cli("extract", "-r", str(d), "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr
    assert err_lines(proc) == []


def test_dev_null_is_an_empty_input():
    proc = cli("extract", os.devnull, "-f", "jsonl")
    assert proc.returncode == 0
    assert records(proc.stdout) == []


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_is_refused_not_read_forever(good: Path):
    proc = cli("extract", "/dev/zero", str(good), "-f", "jsonl", timeout=30)
    assert proc.returncode == 1
    lines = err_lines(proc)
    assert len(lines) == 1 and lines[0].startswith(f"{PROG}: error: /dev/zero: "), lines
    assert records(proc.stdout) == alone(good)


def _as_nobody():
    os.setgid(65534)
    os.setgroups([])
    os.setuid(65534)


def test_no_permission():
    """Root reads any file, so as root the program runs as 'nobody' (uid 65534) for this case."""
    root = os.geteuid() == 0
    if root and not shutil.which("true"):
        pytest.skip("cannot drop privileges")
    d = Path(tempfile.mkdtemp(prefix="conflict-cli-perm-"))
    try:
        d.chmod(0o755)
        good = d / "good.txt"
        good.write_text(ARTICLE, encoding="utf-8")
        good.chmod(0o644)
        locked = d / "locked.txt"
        locked.write_text(ARTICLE, encoding="utf-8")
        locked.chmod(0o000)
        kw = {"preexec_fn": _as_nobody, "cwd": str(d)} if root else {}
        try:
            probe = cli("--version", **kw)
        except OSError as exc:  # the interpreter itself is not readable by 'nobody' (e.g. under /root)
            pytest.skip(f"the program cannot run unprivileged here: {exc}")
        if probe.returncode != 0:
            pytest.skip(f"the program cannot run unprivileged here: {probe.stderr[-200:]!r}")
        proc = cli("extract", str(locked), str(good), "-f", "jsonl", **kw)
        assert proc.returncode == 1, proc.stderr
        no_traceback(proc)
        assert err_lines(proc) == [f"{PROG}: error: {locked}: permission denied"]
        assert records(proc.stdout) == alone(good)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def test_no_permission_in_process(tmp_path: Path, good: Path, monkeypatch):
    """The same case without privileges: the reader turns PermissionError into one report."""
    import builtins

    locked = tmp_path / "locked.txt"
    locked.write_text(ARTICLE, encoding="utf-8")
    real_open = builtins.open

    def fake_open(file, *a, **kw):
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *a, **kw)

    monkeypatch.setattr(builtins, "open", fake_open)
    seen = []
    docs = list(read_documents([str(locked), str(good)], ReadOptions(), lambda s, m, e: seen.append((s, m, e))))
    assert seen == [(str(locked), "permission denied", True)]
    assert [d.id for d in docs] == [str(good)]


# --- decoding: kept with a warning, or read as what it is -------------------------------------


def test_invalid_utf8_is_kept_with_replacement_and_a_warning(tmp_path: Path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(ARTICLE.replace("Tel Hamra", "T\u00e9l Hamr\u00e2").encode("utf-8").replace(b"\xc3\xa9", b"\xe9"))
    proc = cli("extract", str(path), "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr
    lines = err_lines(proc)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{PROG}: warning: {path}: invalid UTF-8"), lines
    text = path.read_bytes().decode("utf-8", errors="replace")
    for rec in records(proc.stdout):
        assert text[rec["start"] : rec["end"]] == rec["evidence"]
    # the same article, correctly encoded, gives the same records
    clean = tmp_path / "clean.txt"
    clean.write_text(text, encoding="utf-8")
    assert without_doc(records(proc.stdout)) == without_doc(alone(clean))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be-bom", "utf-8-sig", "utf-32"])
def test_byte_order_marks(tmp_path: Path, good: Path, encoding: str):
    path = tmp_path / f"{encoding}.txt"
    if encoding == "utf-16-be-bom":
        path.write_bytes(b"\xfe\xff" + ARTICLE.encode("utf-16-be"))
    else:
        path.write_text(ARTICLE, encoding=encoding)
    proc = cli("extract", str(path), "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr
    assert err_lines(proc) == []
    assert without_doc(records(proc.stdout)) == without_doc(alone(good))


def test_utf16_without_bom_is_read_with_a_warning(tmp_path: Path, good: Path):
    path = tmp_path / "nobom.txt"
    path.write_bytes(ARTICLE.encode("utf-16-le"))
    proc = cli("extract", str(path), "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr
    lines = err_lines(proc)
    assert len(lines) == 1 and lines[0].startswith(f"{PROG}: warning: {path}: "), lines
    assert without_doc(records(proc.stdout)) == without_doc(alone(good))


def test_utf16_json_lines(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n", encoding="utf-16")
    proc = cli("extract", str(path), "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr
    assert err_lines(proc) == []
    plain = tmp_path / "plain.jsonl"
    plain.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n", encoding="utf-8")
    assert records(proc.stdout) == alone(plain)


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"\xef\xbb\xbf"], ids=["empty", "blank", "bom-only"])
def test_empty_file_is_a_warning_not_an_error(tmp_path: Path, content: bytes):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    proc = cli("extract", str(path), "-f", "jsonl")
    assert proc.returncode == 0
    assert records(proc.stdout) == []
    assert err_lines(proc) == [f"{PROG}: warning: {path}: empty input, nothing to extract"]


def test_quiet_hides_warnings_not_errors(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = cli("extract", "-q", str(empty), str(tmp_path / "gone.txt"), "-f", "jsonl")
    assert proc.returncode == 1
    assert err_lines(proc) == [f"{PROG}: error: {tmp_path / 'gone.txt'}: no such file"]


# --- JSON lines ---------------------------------------------------------------------------------


def test_json_lines_bad_lines_are_named_and_skipped(tmp_path: Path):
    good_lines = [json.dumps({"id": f"n{i}", "text": ARTICLE}) for i in range(3)]
    path = tmp_path / "feed.jsonl"
    bad = [
        '{"id": "x", "text": "unterminated',  # 2: malformed
        json.dumps({"id": "y", "body": ARTICLE}),  # 3: no text field
        "[1, 2, 3]",  # 4: not an object
        json.dumps({"id": "z", "text": 42}),  # 5: text not a string
        "[" * 100_000,  # 6: nested too deeply for the parser
    ]
    path.write_text("\n".join([good_lines[0], *bad, "", good_lines[1], good_lines[2]]) + "\n", encoding="utf-8")
    proc = cli("extract", str(path), "-f", "jsonl")
    assert proc.returncode == 1
    no_traceback(proc)
    lines = err_lines(proc)
    assert len(lines) == 5, lines
    for lineno, line in zip(range(2, 7), lines, strict=True):
        assert line.startswith(f"{PROG}: error: {path}:{lineno}: "), line
        assert line.endswith("line skipped"), line
    assert "'text'" in lines[1] and "'text'" in lines[3]
    clean = tmp_path / "clean.jsonl"
    clean.write_text("\n".join(good_lines) + "\n", encoding="utf-8")
    assert records(proc.stdout) == alone(clean)


def test_json_lines_text_field_option(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "body": ARTICLE}) + "\n", encoding="utf-8")
    proc = cli("extract", str(path), "--text-field", "body", "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr
    assert err_lines(proc) == []


def test_json_lines_invalid_utf8_line_is_kept_with_a_warning(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    line = json.dumps({"id": "a", "text": "Caf\u00e9 " + ARTICLE}, ensure_ascii=False).encode("utf-8")
    path.write_bytes(line.replace("\u00e9".encode(), b"\xe9") + b"\n")
    proc = cli("extract", str(path), "-f", "jsonl")
    assert proc.returncode == 0
    assert [x.split(": ")[:3] for x in err_lines(proc)] == [[PROG, "warning", f"{path}:1"]]


def test_json_lines_on_stdin(good: Path):
    feed = (json.dumps({"id": "a", "text": ARTICLE}) + "\n{oops\n").encode()
    proc = cli("extract", "-i", "jsonl", "-f", "jsonl", input=feed)
    assert proc.returncode == 1
    assert err_lines(proc)[0].startswith(f"{PROG}: error: -:2: not valid JSON"), proc.stderr
    assert without_doc(records(proc.stdout)) == without_doc(alone(good))


def test_json_lines_with_strange_ids_and_dates(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    rows = [
        {"id": {"nested": [1, 2]}, "text": ARTICLE, "date": ["not", "a", "date"]},
        {"id": 7, "text": ARTICLE, "date": "yesterday-ish"},
        {"id": None, "text": ARTICLE, "date": 20231106},
        {"id": "\u0000\u202e", "text": "", "date": ""},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    proc = cli("extract", str(path), "-f", "jsonl")
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert "internal error" not in proc.stderr.decode()


# --- size: a 50 MB single line, a stream of many documents ---------------------------------------


def _one_line(path: Path, unit: str, size: int = 50_000_000) -> int:
    with path.open("w", encoding="utf-8") as fh:
        fh.write(unit * (size // len(unit)))
    return path.stat().st_size


def _check_single_line_run(path: Path, size: int, budget: float) -> None:
    start = time.perf_counter()
    proc = cli("extract", str(path), "-f", "jsonl", timeout=budget)
    seconds = time.perf_counter() - start
    assert proc.returncode == 0, proc.stderr[-2000:]
    no_traceback(proc)
    recs = records(proc.stdout)
    for rec in recs[:: max(1, len(recs) // 200)]:
        assert 0 <= rec["start"] < rec["end"] <= size
        assert rec["end"] - rec["start"] <= 2000  # split.py cuts runaway sentences
    print(f"{size / 1e6:.0f} MB single line: {seconds:.1f} s, {len(recs)} records")


def test_50mb_single_line(tmp_path: Path):
    """50 MB with no newline and no sentence end: read whole, cut into bounded pieces, finished.

    The line is mostly figures and punctuation with a wire sentence every ~100 KB, so the run tests
    the reader, the splitter and memory at full size in seconds; the cost of 50 MB of dense prose
    is measured by the slow test below and per megabyte by test_regex_safety.py.
    """
    filler = "4,512 / 88.1 ; 1,000,000 - 23 ( 7 ) 19:45 , 2023-11-06 | 0.5 % ... " * 1500
    unit = filler + LINE.replace(". ", ", ")
    path = tmp_path / "oneline.txt"
    size = _one_line(path, unit)
    assert size >= 49_000_000
    _check_single_line_run(path, size, budget=300)


@pytest.mark.skipif(not os.environ.get("CONFLICT_CLI_SLOW"), reason="set CONFLICT_CLI_SLOW=1 (minutes)")
def test_50mb_single_line_of_prose(tmp_path: Path):
    path = tmp_path / "prose.txt"
    size = _one_line(path, LINE.replace(". ", ", "))
    _check_single_line_run(path, size, budget=3600)


def test_many_documents_stream_in_order(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    texts = [f"Report {i}. " + ARTICLE if i % 3 else LINE * (i % 7) for i in range(300)]
    path.write_text(
        "".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8"
    )
    one = cli("extract", str(path), "-f", "jsonl", "-j", "1")
    two = cli("extract", str(path), "-f", "jsonl", "-j", "3")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    docs = [r["doc"] for r in records(one.stdout)]
    assert docs == sorted(docs, key=lambda d: int(d[1:]))


# --- pipes and signals --------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_closed_pipe_exits_quietly(tmp_path: Path, jobs: str):
    """`conflict-cli extract many files | head -1`: exit 0, nothing on stderr."""
    files = []
    for i in range(150):
        p = tmp_path / f"a{i:03d}.txt"
        p.write_text(ARTICLE + LINE * 5, encoding="utf-8")
        files.append(str(p))
    script = f'"{sys.executable}" -m conflict_cli extract -j {jobs} -f jsonl "$@" 2>"{tmp_path}/err" | head -1; echo "${{PIPESTATUS[0]}}" >"{tmp_path}/rc"'
    proc = subprocess.run(["bash", "-c", script, "bash", *files], capture_output=True, timeout=300)
    assert len(proc.stdout.splitlines()) <= 1
    assert (tmp_path / "rc").read_text().strip() == "0"
    assert (tmp_path / "err").read_text() == ""


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "table"])
def test_reader_gone_before_any_output(tmp_path: Path, fmt: str):
    files = []
    for i in range(40):
        p = tmp_path / f"a{i:03d}.txt"
        p.write_text(ARTICLE, encoding="utf-8")
        files.append(str(p))
    p = subprocess.Popen(
        [sys.executable, "-m", "conflict_cli", "extract", "-f", fmt, *files],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    p.stdout.close()  # the reader is gone before the first write
    err = p.stderr.read()
    assert p.wait(timeout=120) == 0, err
    assert err == b"", err


def _feed_until_running(p: subprocess.Popen, docs: int) -> None:
    """Write ``docs`` documents then one broken line; return once the program has reported the broken line,
    which proves it is past start-up and inside the processing loop."""
    for i in range(docs):
        p.stdin.write((json.dumps({"id": f"d{i}", "text": ARTICLE}) + "\n").encode())
    p.stdin.write(b'{"id": "broken"}\n')
    p.stdin.flush()
    line = p.stderr.readline()
    assert b"has no 'text' field" in line, line


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_while_reading_exits_130_quietly(jobs: str):
    p = subprocess.Popen(
        [sys.executable, "-m", "conflict_cli", "extract", "-i", "jsonl", "-f", "jsonl", "-j", jobs],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, so the signal reaches workers as a real Ctrl-C does
    )
    _feed_until_running(p, 40)
    rc, rest = _interrupt(p)
    assert rc == 130, rest
    assert "Traceback" not in rest and "KeyboardInterrupt" not in rest, rest


def _interrupt(p: subprocess.Popen) -> tuple[int, str]:
    """Send Ctrl-C to the process group of ``p``; its exit code and the rest of its stderr."""
    try:
        os.killpg(p.pid, signal.SIGINT)
        rc = p.wait(timeout=60)
        return rc, p.stderr.read().decode("utf-8", "replace")
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_on_a_big_input_exits_130_quietly(tmp_path: Path, jobs: str):
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"id": "marker"}\n')
        for i in range(5_000):
            fh.write(json.dumps({"id": f"e{i}", "text": ARTICLE + LINE * 10}) + "\n")
    p = subprocess.Popen(
        [sys.executable, "-m", "conflict_cli", "extract", str(path), "-f", "jsonl", "-j", jobs],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    # wait for the marker line's error: start-up is over and documents are being processed
    line = p.stderr.readline()
    assert b"has no 'text' field" in line, line
    time.sleep(0.5)  # let workers start and take documents
    if p.poll() is not None:
        p.kill()
        pytest.skip("the input was processed before the signal could be sent")
    rc, rest = _interrupt(p)
    if rc == 1:
        pytest.skip("the input was processed before the signal arrived")
    assert rc == 130, rest
    assert "Traceback" not in rest and "KeyboardInterrupt" not in rest, rest


# --- usage errors: exit 2 -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "--format", "yaml"],
        ["extract", "-f", ""],
        ["extract", "--type", "arrest"],
        ["extract", "--jobs", "-1"],
        ["extract", "--jobs", "many"],
        ["extract", "--date", "06/11/2023"],
        ["extract", "--date", "2023-02-30"],
        ["extract", "--no-such-option"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(good: Path, args: list[str]):
    proc = cli(*args, str(good))
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    no_traceback(proc)
    assert proc.stdout == b""


def test_actors_missing_file_exits_2_naming_it(tmp_path: Path, good: Path):
    missing = tmp_path / "my-actors.toml"
    proc = cli("extract", "--actors", str(missing), str(good))
    assert proc.returncode == 2
    no_traceback(proc)
    naming = [line for line in err_lines(proc) if str(missing) in line]
    assert len(naming) == 1, proc.stderr
    assert naming[0].startswith(f"{PROG}: error: ")
    assert proc.stdout == b""


@pytest.mark.parametrize(
    "content",
    [
        "[actors\nname = 'x'\n",  # unclosed table header
        '[[actor]]\nname = "Red Brigade"\naliases = ["RB",\n',  # unclosed array
        "name = = 3\n",
        "\x00\x01\x02",
    ],
    ids=["header", "array", "value", "binary"],
)
def test_actors_malformed_toml_exits_2_naming_file_and_line(tmp_path: Path, good: Path, content: str):
    bad = tmp_path / "my-actors.toml"
    bad.write_text(content, encoding="utf-8")
    proc = cli("extract", "--actors", str(bad), str(good))
    assert proc.returncode == 2
    no_traceback(proc)
    naming = [line for line in err_lines(proc) if str(bad) in line]
    assert len(naming) == 1, proc.stderr
    assert naming[0].startswith(f"{PROG}: error: ")
    assert "line" in naming[0], naming[0]
    assert proc.stdout == b""


def test_actors_file_is_data_not_code(tmp_path: Path, good: Path):
    """A rule file is parsed as TOML only: nothing in it is executed or imported."""
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.toml"
    evil.write_text(
        f'name = "__import__(\'os\').system(\'touch {marker}\')"\npattern = "{{{{ {marker} }}}}"\n"__class__" = "x"\n',
        encoding="utf-8",
    )
    proc = cli("extract", "--actors", str(evil), str(good))
    no_traceback(proc)
    assert not marker.exists()
    assert proc.returncode in (0, 2)


# --- the same behaviour in-process (CliRunner) --------------------------------------------------


def test_cli_runner_mixed_batch(tmp_path: Path, good: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["extract", str(tmp_path / "gone.txt"), str(empty), str(good), "-f", "jsonl"])
    assert result.exit_code == 1
    assert f"{PROG}: error: {tmp_path / 'gone.txt'}: no such file" in result.stderr
    assert f"{PROG}: warning: {empty}: empty input" in result.stderr
    assert records(result.stdout) == alone(good)


def test_cli_runner_stdin_text(good: Path):
    result = runner.invoke(app, ["extract", "-f", "jsonl", "-"], input=ARTICLE)
    assert result.exit_code == 0, result.stderr
    assert without_doc(records(result.stdout)) == without_doc(alone(good))


def test_cli_runner_bad_format_is_usage_error(good: Path):
    result = runner.invoke(app, ["extract", str(good), "--format", "xml"])
    assert result.exit_code == 2

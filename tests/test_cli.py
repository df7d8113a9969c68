"""The command line: formats, inputs, exit codes; in-process (CliRunner) and as a real subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflict_cli import __version__
from conflict_cli.cli import app
from conflict_cli.models import RECORD_TYPES

runner = CliRunner()
CONTRACT = {
    "casualty": ("kind", "count", "min", "max", "vague", "who", "cumulative"),
    "strike": ("weapon", "actor", "target", "location", "count"),
    "claim": ("speaker", "via", "verb"),
}


def run_cli(*args: str, input: bytes | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "conflict_cli", *args], input=input, capture_output=True, timeout=timeout
    )


def jsonl(out: str | bytes) -> list[dict]:
    if isinstance(out, bytes):
        out = out.decode("utf-8")
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"conflict-cli {__version__}"


@pytest.mark.parametrize("command", ["extract", "casualties", "strikes", "claims", "schema"])
def test_help_on_every_command(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.stdout
    assert "Example" in result.stdout


def test_records_follow_the_contract(article: Path):
    result = runner.invoke(app, ["extract", str(article), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    text = article.read_text(encoding="utf-8")
    for rec in jsonl(result.stdout):
        assert rec["doc"] == str(article)
        assert list(rec)[:6] == ["doc", "type", "sentence", "start", "end", "evidence"]
        assert text[rec["start"] : rec["end"]] == rec["evidence"]
        assert set(CONTRACT[rec["type"]]) <= set(rec)
        assert list(rec) == RECORD_TYPES[rec["type"]].field_names()


def test_type_filter(article: Path):
    result = runner.invoke(app, ["extract", str(article), "-f", "jsonl", "-t", "claim", "-t", "strike"])
    assert result.exit_code == 0
    assert {r["type"] for r in jsonl(result.stdout)} <= {"claim", "strike"}


@pytest.mark.parametrize(("command", "kind"), [("casualties", "casualty"), ("strikes", "strike"), ("claims", "claim")])
def test_shortcut_commands(article: Path, command: str, kind: str):
    result = runner.invoke(app, [command, str(article), "-f", "jsonl"])
    assert result.exit_code == 0
    assert {r["type"] for r in jsonl(result.stdout)} <= {kind}


def test_json_format_is_one_array(article: Path):
    result = runner.invoke(app, ["extract", str(article), "-f", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    assert data == jsonl(runner.invoke(app, ["extract", str(article), "-f", "jsonl"]).stdout)


def test_csv_format_has_a_header(article: Path):
    result = runner.invoke(app, ["extract", str(article), "-f", "csv"])
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:6] == ["doc", "type", "sentence", "start", "end", "evidence"]
    assert all(len(r) == len(rows[0]) for r in rows)


def test_table_format(article: Path):
    result = runner.invoke(app, ["extract", str(article), "-f", "table"])
    assert result.exit_code == 0
    assert result.stdout.strip()


def test_bad_format_is_a_usage_error(article: Path):
    result = runner.invoke(app, ["extract", str(article), "-f", "xml"])
    assert result.exit_code == 2


def test_bad_date_is_a_usage_error(article: Path):
    result = runner.invoke(app, ["extract", str(article), "--date", "yesterday"])
    assert result.exit_code == 2
    assert "--date" in result.stderr


def test_schema_lists_every_field():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    by_type = {s["properties"]["type"]["const"]: s for s in schema["oneOf"]}
    assert set(by_type) == set(RECORD_TYPES)
    for kind, cls in RECORD_TYPES.items():
        assert list(by_type[kind]["properties"]) == cls.field_names()


def test_jsonl_input_uses_id_field_and_line_offsets(tmp_path: Path):
    feed = tmp_path / "feed.jsonl"
    lines = [
        {"id": "a1", "text": "Gunmen killed five villagers in an overnight raid, police said."},
        {"text": "Shelling wounded three children in the city, officials said."},
    ]
    feed.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(feed), "-f", "jsonl"])
    assert result.exit_code == 0
    recs = jsonl(result.stdout)
    docs = {r["doc"] for r in recs}
    assert docs <= {"a1", f"{feed}:2"}
    for r in recs:
        source = lines[0] if r["doc"] == "a1" else lines[1]
        assert source["text"][r["start"] : r["end"]] == r["evidence"]


def test_directory_needs_recursive(tmp_path: Path, article: Path):
    result = runner.invoke(app, ["extract", str(tmp_path), "-f", "jsonl"])
    assert result.exit_code == 1
    assert "-r" in result.stderr
    result = runner.invoke(app, ["extract", "-r", str(tmp_path), "-f", "jsonl"])
    assert result.exit_code == 0


# --- a real subprocess: stdin, several files, errors, pipes -----------------------------------


def test_stdin_is_read_and_doc_is_dash(article: Path):
    proc = run_cli("extract", "-f", "jsonl", input=article.read_bytes())
    assert proc.returncode == 0, proc.stderr
    recs = jsonl(proc.stdout)
    assert all(r["doc"] == "-" for r in recs)
    proc2 = run_cli("extract", "-", "-f", "jsonl", input=article.read_bytes())
    assert jsonl(proc2.stdout) == recs


def test_pipe_defaults_to_jsonl(article: Path):
    proc = run_cli("extract", str(article))
    assert proc.returncode == 0
    assert jsonl(proc.stdout) == jsonl(run_cli("extract", str(article), "-f", "jsonl").stdout)


def test_missing_file_is_named_and_the_rest_goes_on(tmp_path: Path, article: Path):
    missing = tmp_path / "nope.txt"
    proc = run_cli("extract", str(missing), str(article), "-f", "jsonl")
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert str(missing) in err and "no such file" in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert jsonl(proc.stdout) == jsonl(run_cli("extract", str(article), "-f", "jsonl").stdout)


def test_several_files_keep_order(tmp_path: Path, article: Path):
    second = tmp_path / "second.txt"
    second.write_text("Militants abducted 20 students from a school in the north, police said.\n", encoding="utf-8")
    proc = run_cli("extract", str(article), str(second), "-f", "jsonl")
    assert proc.returncode == 0
    docs = [r["doc"] for r in jsonl(proc.stdout)]
    assert docs == sorted(docs, key=lambda d: d != str(article))


def test_binary_file_is_skipped(tmp_path: Path, article: Path):
    blob = tmp_path / "blob.txt"
    blob.write_bytes(bytes(range(256)) * 40)
    proc = run_cli("extract", str(blob), str(article), "-f", "jsonl")
    assert proc.returncode == 1
    assert "binary" in proc.stderr.decode() and str(blob) in proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()


def test_closed_pipe_is_quiet(tmp_path: Path, article: Path):
    files = []
    for i in range(40):
        p = tmp_path / f"a{i}.txt"
        p.write_text(article.read_text(encoding="utf-8") * 5, encoding="utf-8")
        files.append(str(p))
    cmd = f"{sys.executable} -m conflict_cli extract -f jsonl {' '.join(files)} | head -1"
    proc = subprocess.run(["bash", "-c", "set -o pipefail; " + cmd], capture_output=True, timeout=60)
    assert "Traceback" not in proc.stderr.decode()
    assert "BrokenPipe" not in proc.stderr.decode()
    assert len(proc.stdout.decode().splitlines()) <= 1
    assert proc.returncode == 0


def test_no_input_on_a_terminal_is_a_usage_error():
    # simulate an interactive stdin: a pty is not available everywhere, so use the in-process runner
    # with isatty patched
    import conflict_cli.cli as cli

    class Tty(io.StringIO):
        def isatty(self):
            return True

    old = sys.stdin
    try:
        sys.stdin = Tty()
        with pytest.raises(SystemExit) as exc:
            cli.app(args=["extract"], prog_name="conflict-cli")
        assert exc.value.code == 2
    finally:
        sys.stdin = old


def test_python_dash_m_and_console_script_agree(article: Path):
    exe = Path(sys.executable).with_name("conflict-cli")
    if not exe.exists():
        pytest.skip("console script not installed")
    a = subprocess.run([str(exe), "extract", str(article), "-f", "jsonl"], capture_output=True, env=os.environ)
    assert a.returncode == 0
    assert jsonl(a.stdout) == jsonl(run_cli("extract", str(article), "-f", "jsonl").stdout)

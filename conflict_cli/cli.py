"""The command line: options in, Settings and streams to the pipeline, records to a renderer.

No extraction logic lives here. Exit codes are in ``status.py``; messages go to stderr, data to
stdout.
"""

import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from typing import Annotated

import typer

from . import __version__
from .status import ExitStatus

PROG = "conflict-cli"

EXAMPLES_EXTRACT = f"""
[bold]Examples[/bold]

  {PROG} extract article.txt                      [dim]# a table on a terminal[/dim]
  {PROG} extract -r articles/ | jq -c 'select(.type=="casualty")'
  cat article.txt | {PROG} extract -t claim --format csv
  {PROG} extract feed.jsonl --id-field url --date-field published --jobs 0
  {PROG} extract --date 2023-11-06 article.txt -f json
"""

app = typer.Typer(
    name=PROG,
    help="Extract strikes, casualties and claims from conflict news reports.\n\n"
    "Reads article files, folders (-r) or stdin; prints a table on a terminal and JSON lines in a pipe.",
    epilog=f"Run '{PROG} COMMAND --help' for a command's options and examples.",
    pretty_exceptions_enable=False,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


class InputFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"


class RecordType(str, Enum):
    casualty = "casualty"
    strike = "strike"
    claim = "claim"


def _version(value: bool):
    if value:
        sys.stdout.write(f"{PROG} {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", "-V", help="Print the version and exit.", callback=_version, is_eager=True)
    ] = False,
) -> None:
    """Extract strikes, casualties and claims from conflict news reports."""


class Reporter:
    """One line on stderr per input problem; remembers whether any input failed."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.failed = 0
        self.warned = 0

    def __call__(self, source: str, message: str, error: bool) -> None:
        if error:
            self.failed += 1
        else:
            self.warned += 1
            if self.quiet:
                return
        level = "error" if error else "warning"
        sys.stderr.write(f"{PROG}: {level}: {source}: {message}\n")
        sys.stderr.flush()


def _usage_error(message: str) -> None:
    sys.stderr.write(f"{PROG}: error: {message}\nTry '{PROG} --help' for help.\n")
    raise typer.Exit(ExitStatus.USAGE)


@dataclass
class _Job:
    settings: object
    opts: object
    report: Reporter
    fmt: str


def _prepare(
    paths: list[str],
    fmt: str | None,
    recursive: bool,
    input_format: InputFormat | None,
    text_field: str,
    id_field: str,
    date_field: str,
    date: str | None,
    quiet: bool,
    actors: str | None,
    types: tuple[str, ...] = ("casualty", "strike", "claim"),
) -> _Job:
    """Check the options shared by every command that reads articles; usage errors exit 2."""
    from .read import ReadOptions
    from .settings import Settings

    try:
        settings = Settings(types=types, published=date, actors_file=actors).validate()
    except ValueError as exc:
        _usage_error(str(exc))
    if actors:
        from .resolve import validate_user_files

        try:
            validate_user_files(settings)
        except ValueError as exc:
            _usage_error(str(exc))
    if not paths and sys.stdin.isatty():
        _usage_error("no input: give PATH arguments or pipe text on stdin")
    opts = ReadOptions(
        input_format=input_format.value if input_format else None,
        recursive=recursive,
        text_field=text_field,
        id_field=id_field or None,
        date_field=date_field or None,
        published=date,
    )
    return _Job(settings, opts, Reporter(quiet=quiet), fmt or ("table" if sys.stdout.isatty() else "jsonl"))


@contextmanager
def _guarded(report: Reporter):
    """Turn a closed pipe into a quiet exit 0, Ctrl-C into 130, and failed inputs into exit 1."""
    try:
        yield
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        _silence_stdout()
        raise typer.Exit(ExitStatus.OK) from None
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise typer.Exit(ExitStatus.INTERRUPTED) from None
    if report.failed:
        raise typer.Exit(ExitStatus.INPUT_ERROR)


def _run(
    paths: list[str],
    types: tuple[str, ...],
    fmt: Format | None,
    recursive: bool,
    input_format: InputFormat | None,
    text_field: str,
    id_field: str,
    date_field: str,
    date: str | None,
    jobs: int,
    quiet: bool,
    actors: str | None,
) -> None:
    job = _prepare(
        paths,
        fmt.value if fmt else None,
        recursive,
        input_format,
        text_field,
        id_field,
        date_field,
        date,
        quiet,
        actors,
        types,
    )
    if jobs < 0:
        _usage_error("--jobs must be 0 (all cores) or more")
    if jobs == 0:
        jobs = os.cpu_count() or 1

    from .pipeline import run
    from .read import read_documents
    from .render import writer

    progress = None
    if not quiet and sys.stderr.isatty() and (len(paths) > 1 or recursive or input_format == InputFormat.jsonl):
        from .progress import Progress

        progress = Progress()
    with _guarded(job.report):
        out = writer(job.fmt, sys.stdout, types, color="NO_COLOR" not in os.environ)
        docs = read_documents(list(paths), job.opts, job.report)
        # JSON lines are rendered where each document is analyzed (in the workers with --jobs)
        render = getattr(out, "render", None)
        try:
            for doc_id, records, error in run(docs, job.settings, jobs=jobs, render=render):
                if error:
                    job.report(doc_id, error, True)
                if render is None:
                    out.write(records)
                    count = len(records)
                else:
                    out.write_text(records)
                    count = records.count("\n")
                if progress:
                    progress.advance(doc_id, count)
        finally:
            if progress:
                progress.close()
        out.close()


# Options shared by every command that reads articles, declared once.
PathsArg = Annotated[
    list[str] | None,
    typer.Argument(help="Article files, folders (with -r) or '-' for stdin (the default).", show_default=False),
]
RecursiveOpt = Annotated[bool, typer.Option("--recursive", "-r", help="Read the .txt/.jsonl files in folders.")]
InputFormatOpt = Annotated[
    InputFormat | None,
    typer.Option(
        "--input-format",
        "-i",
        help="Input format. Default: by suffix (.jsonl, .ndjson) and text for stdin.",
        show_default=False,
    ),
]
TextFieldOpt = Annotated[str, typer.Option("--text-field", help="JSON lines: the field holding the article text.")]
IdFieldOpt = Annotated[str, typer.Option("--id-field", help="JSON lines: the field used as `doc` (else path:line).")]
DateFieldOpt = Annotated[str, typer.Option("--date-field", help="JSON lines: the field holding the publication date.")]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date", "-d", help="Publication date (YYYY-MM-DD) for every input; resolves 'on Monday'.", show_default=False
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No warnings or progress on stderr (errors still show).")]
ActorsOpt = Annotated[
    str | None,
    typer.Option("--actors", help="A TOML file of extra actor entries (see README).", show_default=False),
]
FORMAT_HELP = "Output format. Default: table on a terminal, jsonl otherwise."


def _command(fixed: tuple[str, ...] | None, doc: str):
    """Build an extraction command; ``fixed`` set makes a shortcut for those record types."""

    def command(
        paths: PathsArg = None,
        type_: Annotated[
            list[RecordType] | None,
            typer.Option(
                "--type",
                "-t",
                help="Record type to extract; repeat for several. Default: all.",
                hidden=fixed is not None,
            ),
        ] = None,
        fmt: Annotated[
            Format | None,
            typer.Option(
                "--format",
                "-f",
                help=FORMAT_HELP,
                show_default=False,
            ),
        ] = None,
        recursive: RecursiveOpt = False,
        input_format: InputFormatOpt = None,
        text_field: TextFieldOpt = "text",
        id_field: IdFieldOpt = "id",
        date_field: DateFieldOpt = "date",
        date: DateOpt = None,
        jobs: Annotated[
            int, typer.Option("--jobs", "-j", help="Worker processes; 0 = all cores. Output order is kept.")
        ] = 1,
        quiet: QuietOpt = False,
        actors: ActorsOpt = None,
    ) -> None:
        types = fixed or (tuple(dict.fromkeys(t.value for t in type_)) if type_ else ("casualty", "strike", "claim"))
        _run(
            paths or [],
            types,
            fmt,
            recursive,
            input_format,
            text_field,
            id_field,
            date_field,
            date,
            jobs,
            quiet,
            actors,
        )

    command.__doc__ = doc
    return command


app.command("extract", epilog=EXAMPLES_EXTRACT)(
    _command(None, "Extract casualties, strikes and claims (all three unless --type says which).")
)
app.command("casualties", epilog=f"[bold]Example[/bold]\n\n  {PROG} casualties article.txt -f csv > casualties.csv")(
    _command(("casualty",), "Extract casualty figures only (killed, injured, missing, kidnapped, detained).")
)
app.command("strikes", epilog=f"[bold]Example[/bold]\n\n  {PROG} strikes -r articles/ | jq -r '.weapon'")(
    _command(("strike",), "Extract strikes only (who attacked whom, with what, where, how many times).")
)
app.command("claims", epilog=f"[bold]Example[/bold]\n\n  {PROG} claims article.txt | jq -r '[.speaker, .verb] | @tsv'")(
    _command(("claim",), "Extract claims only (who said, confirmed, denied or blamed what, and via which outlet).")
)


@app.command("schema", epilog=f"[bold]Example[/bold]\n\n  {PROG} schema -t casualty | jq '.oneOf[0].required'")
def schema_command(
    type_: Annotated[
        list[RecordType] | None, typer.Option("--type", "-t", help="Only this record type; repeatable.")
    ] = None,
) -> None:
    """Print the JSON Schema of the records."""
    import json

    from .schema import schema

    types = tuple(dict.fromkeys(t.value for t in type_)) if type_ else ("casualty", "strike", "claim")
    sys.stdout.write(json.dumps(schema(types), indent=2) + "\n")


# --- summary: one row per article (issue 6) ------------------------------------------------------


class SummaryFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


EXAMPLES_SUMMARY = f"""
[bold]Examples[/bold]

  {PROG} summary --date 2023-11-06 article.txt      [dim]# killed, injured, strikes, places, sources[/dim]
  {PROG} summary -r articles/ -f csv > summary.csv
  {PROG} summary feed.jsonl --id-field url --date-field published -f jsonl | jq '.killed'
"""


@app.command("summary", epilog=EXAMPLES_SUMMARY)
def summary_command(
    paths: PathsArg = None,
    fmt: Annotated[
        SummaryFormat | None,
        typer.Option("--format", "-f", help=FORMAT_HELP, show_default=False),
    ] = None,
    recursive: RecursiveOpt = False,
    input_format: InputFormatOpt = None,
    text_field: TextFieldOpt = "text",
    id_field: IdFieldOpt = "id",
    date_field: DateFieldOpt = "date",
    date: DateOpt = None,
    quiet: QuietOpt = False,
    actors: ActorsOpt = None,
) -> None:
    """One row per article: killed and injured (best estimate, bounds, running tolls), strikes by weapon,
    places, actors and the sources quoted."""
    job = _prepare(
        paths or [],
        fmt.value if fmt else None,
        recursive,
        input_format,
        text_field,
        id_field,
        date_field,
        date,
        quiet,
        actors,
    )

    from .pipeline import analyze
    from .read import read_documents
    from .summary import summarize, summary_writer

    with _guarded(job.report):
        out = summary_writer(job.fmt, sys.stdout, color="NO_COLOR" not in os.environ)
        for doc in read_documents(list(paths or []), job.opts, job.report):
            try:
                records = [r.to_dict() for r in analyze(doc, job.settings)]
            except Exception as exc:  # a bug must not lose the stream: report it against the document
                job.report(doc.id, f"internal error: {type(exc).__name__}: {exc}", True)
                continue
            headlines = {s.index for s in doc.sentences if s.headline}
            out.write(summarize(doc.id, records, published=doc.published, headlines=headlines))
        out.close()


def main() -> None:
    """Console entry point."""
    app(prog_name=PROG)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail on a closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass

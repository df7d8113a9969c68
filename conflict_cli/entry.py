"""Console entry point: the CLI is imported inside the Ctrl-C guard, so an interrupt while it
is still loading ends quietly with 130 like one during the run."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from .cli import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise SystemExit(130) from None

"""Exit codes, one place for all of them."""

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0  # every input was read (finding no event is still success)
    INPUT_ERROR = 1  # at least one input could not be read; the others were processed
    USAGE = 2  # bad option or argument
    INTERRUPTED = 130  # Ctrl-C

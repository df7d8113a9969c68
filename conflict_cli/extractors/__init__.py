"""The extractor registry: record type -> module.

Each extractor module exposes ``NAME``, ``VERSION`` and ``extract(sent, doc) -> list[Record]``, a
pure function of one sentence (it may read the document's other sentences for context, never
change them). The pipeline stamps ``doc``, ``sentence``, ``start``, ``end`` and ``evidence`` on
what it returns. Modules are imported the first time their type is asked for.
"""

from __future__ import annotations

import functools
import importlib

REGISTRY: dict[str, str] = {
    "casualty": "conflict_cli.extractors.casualties",
    "strike": "conflict_cli.extractors.strikes",
    "claim": "conflict_cli.extractors.claims",
}


@functools.cache
def get(kind: str):
    """The ``extract`` function of record type ``kind``."""
    return importlib.import_module(REGISTRY[kind]).extract

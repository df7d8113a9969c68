"""The resolve stage: what a record learns from the rest of its document.

Each resolver is a function ``(doc, records, settings) -> None`` that fills fields in place
(dates, places, normalized actors, pronoun speakers). They run in the order listed.
"""

from __future__ import annotations

import functools
import importlib

RESOLVERS: tuple[str, ...] = (
    "conflict_cli.resolve.speakers.resolve",  # claims: "he said" -> the last named speaker
    "conflict_cli.resolve.weapons.resolve",  # strikes: a generic "strike" takes the incident's weapon
    "conflict_cli.resolve.dates.resolve",  # publication date, event date and date_text
    "conflict_cli.resolve.places.resolve",  # location -> country, admin1
    "conflict_cli.resolve.actors.resolve",  # *_norm and *_type of actors, targets, speakers, victims
)


@functools.cache
def _load(path: str):
    module, _, func = path.rpartition(".")
    return getattr(importlib.import_module(module), func)


def resolve(doc, records, settings) -> None:
    for path in RESOLVERS:
        _load(path)(doc, records, settings)


def validate_user_files(settings) -> None:
    """Load and check user-supplied rule files (``--actors``); raise ValueError naming file and line."""
    if settings.actors_file:
        from . import actors

        actors.load_user(settings.actors_file)

"""Resolver placeholder: does nothing yet."""

from __future__ import annotations


def resolve(doc, records, settings) -> None:
    return None

"""Casualty extractor (placeholder until its rules land): yields nothing."""

from __future__ import annotations

from ..models import Casualty, Document, Sentence

NAME = "casualties"
VERSION = "0"


def extract(sent: Sentence, doc: Document) -> list[Casualty]:
    return []

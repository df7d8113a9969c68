"""Strike extractor (placeholder until its rules land): yields nothing."""

from __future__ import annotations

from ..models import Strike, Document, Sentence

NAME = "strikes"
VERSION = "0"


def extract(sent: Sentence, doc: Document) -> list[Strike]:
    return []

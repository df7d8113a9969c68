"""Claim extractor (placeholder until its rules land): yields nothing."""

from __future__ import annotations

from ..models import Claim, Document, Sentence

NAME = "claims"
VERSION = "0"


def extract(sent: Sentence, doc: Document) -> list[Claim]:
    return []

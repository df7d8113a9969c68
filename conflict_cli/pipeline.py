"""read -> normalize -> split -> extract -> resolve: one document in, its records out.

``analyze`` runs the stages on one document; ``run`` runs it over a stream of documents, in
this process or in a pool of worker processes, and yields each document's records in input
order as soon as they are ready, so memory stays flat on long streams.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from .extractors import get as get_extractor
from .models import Document, Record
from .normalize import normalize
from .resolve import resolve
from .settings import Settings
from .split import split


def analyze(doc: Document, settings: Settings) -> list[Record]:
    """All records of one document, in sentence order, stamped with their evidence."""
    doc.norm = normalize(doc.text)
    doc.sentences = split(doc.norm)
    extractors = [get_extractor(t) for t in settings.types]
    records: list[Record] = []
    text = doc.text
    for sent in doc.sentences:
        for extract in extractors:
            for rec in extract(sent, doc):
                rec.doc = doc.id
                rec.sentence = sent.index
                rec.start = sent.start
                rec.end = sent.end
                rec.evidence = text[sent.start : sent.end]
                records.append(rec)
    if settings.resolve:
        resolve(doc, records, settings)
    return records


def _analyze_batch(batch: list[Document], settings: Settings) -> list[tuple[str, list[dict], str | None]]:
    out = []
    for doc in batch:
        try:
            out.append((doc.id, [r.to_dict() for r in analyze(doc, settings)], None))
        except Exception as exc:  # a bug must not lose the batch: report it against the document
            out.append((doc.id, [], f"internal error: {type(exc).__name__}: {exc}"))
    return out


def _batched(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(docs: Iterable[Document], settings: Settings, jobs: int = 1) -> Iterator[tuple[str, list[dict], str | None]]:
    """(doc id, record dicts, error or None) for every document, in input order."""
    if jobs <= 1:
        for doc in docs:
            yield from _analyze_batch([doc], settings)
        return
    from concurrent.futures import ProcessPoolExecutor

    window = jobs * 4
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque = deque()
        for batch in _batched(docs, 16):
            pending.append(pool.submit(_analyze_batch, batch, settings))
            while len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

"""read -> normalize -> split -> extract -> resolve: one document in, its records out.

``analyze`` runs the stages on one document; ``run`` runs it over a stream of documents, in
this process or in a pool of worker processes, and yields each document's records in input
order as soon as they are ready, so memory stays flat on long streams.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from operator import attrgetter

from .extractors import get as get_extractor
from .models import Document, Record
from .normalize import normalize
from .resolve import resolve
from .settings import Settings
from .split import split

# Documents go to a worker in batches of about this many characters (and at most BATCH_DOCS
# documents): big enough that one round trip's pickling and wake-up cost is spread over many
# sentences, small enough that a batch takes a few tens of milliseconds, so the pool stays
# busy to the end and the first records come out quickly.
BATCH_CHARS = 64 * 1024
BATCH_DOCS = 256
WINDOW_PER_JOB = 3  # batches in flight per worker: bounds memory on endless streams
# Analyzed once in the parent before the pool forks, so that every worker starts with the
# lexicons loaded and the regexes compiled (shared copy-on-write) instead of compiling its own.
WARM_UP = (
    "Two people were killed and 5 wounded in an air strike on the town on Monday, police said, "
    "according to the health ministry."
)


def analyze(doc: Document, settings: Settings) -> list[Record]:
    """All records of one document, in sentence order, stamped with their evidence."""
    doc.norm = normalize(doc.text)
    doc.sentences = split(doc.norm)
    records: list[Record] = []
    text = doc.text
    # one extractor over every sentence, then the next: its code and tables stay warm in the CPU's
    # caches (about 5% faster than every extractor per sentence); the stable sort then gives the
    # records in sentence order, each sentence's in the order of ``settings.types``
    for kind in settings.types:
        extract = get_extractor(kind)
        for sent in doc.sentences:
            for rec in extract(sent, doc):
                rec.doc = doc.id
                rec.sentence = sent.index
                rec.start = sent.start
                rec.end = sent.end
                rec.evidence = text[sent.start : sent.end]
                records.append(rec)
    if len(settings.types) > 1:
        records.sort(key=attrgetter("sentence"))
    if settings.resolve:
        resolve(doc, records, settings)
    return records


Result = tuple[str, list[dict], "str | None"]


def _analyze_one(doc: Document, settings: Settings, render=None) -> Result:
    try:
        records = [r.to_dict() for r in analyze(doc, settings)]
    except Exception as exc:  # a bug must not lose the stream: report it against the document
        return doc.id, [] if render is None else render([]), f"internal error: {type(exc).__name__}: {exc}"
    return doc.id, records if render is None else render(records), None


def _analyze_batch(batch: list[tuple[str, str, str | None]], settings: Settings, render=None) -> list[Result]:
    # documents travel as (id, text, published) tuples: a third of the pickle of a Document
    return [_analyze_one(Document(id=i, text=t, published=p), settings, render) for i, t, p in batch]


def _batched(docs: Iterable[Document]) -> Iterator[list[tuple[str, str, str | None]]]:
    batch: list[tuple[str, str, str | None]] = []
    chars = 0
    for doc in docs:
        batch.append((doc.id, doc.text, doc.published))
        chars += len(doc.text)
        if chars >= BATCH_CHARS or len(batch) >= BATCH_DOCS:
            yield batch
            batch = []
            chars = 0
    if batch:
        yield batch


def _worker_init() -> None:
    # Ctrl-C goes to the whole process group: let the parent alone handle it (it cancels the
    # pool), instead of every worker printing a KeyboardInterrupt traceback.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pool(jobs: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork (where there is one) starts a worker in a millisecond with every module the parent has
    # imported; spawn/forkserver would re-import the package in each worker.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init)


def run(docs: Iterable[Document], settings: Settings, jobs: int = 1, render=None) -> Iterator[Result]:
    """(doc id, record dicts, error or None) for every document, in input order.

    ``render``, a module-level function of a document's record dicts (for example to JSON lines),
    is applied where the document is analyzed and its result yielded in place of the dicts: with
    workers, the rendering runs in parallel too, and the main process only writes.

    With ``jobs`` > 1, batches of documents are analyzed by that many worker processes; at most
    ``jobs * WINDOW_PER_JOB`` batches are in flight, and results are yielded in input order, so
    the output is the same as with ``jobs=1`` and memory stays bounded on endless streams. An
    input that fits in one batch is analyzed in this process (no pool to start).
    """
    if jobs <= 1:
        for doc in docs:
            yield _analyze_one(doc, settings, render)
        return
    batches = _batched(docs)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    if second is None:
        yield from _analyze_batch(first, settings, render)
        return

    def all_batches():
        yield first
        yield second
        yield from batches

    window = jobs * WINDOW_PER_JOB
    _analyze_one(Document(id="warm-up", text=WARM_UP), settings)
    pool = _pool(jobs)
    pending: deque = deque()
    try:
        for batch in all_batches():
            pending.append(pool.submit(_analyze_batch, batch, settings, render))
            while len(pending) >= window or (pending and pending[0].done()):
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        # normal end: workers exit at once; an exception or an abandoned generator (Ctrl-C,
        # a closed pipe) drops the queued batches instead of finishing them
        pool.shutdown(wait=True, cancel_futures=True)

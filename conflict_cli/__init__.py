"""conflict-cli: strikes, casualties and claims out of conflict news reports.

Library use::

    from conflict_cli import extract_text
    records = extract_text("Russian air strikes killed 34 rebel fighters.", published="2023-11-06")

``extract_text`` returns plain dicts (picklable, the same fields as the JSON-lines output) and
keeps no state between calls, so it can be mapped over a process pool or a Dask cluster.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "extract_text"]


def extract_text(
    text: str,
    doc: str = "-",
    types: tuple[str, ...] | list[str] | None = None,
    published: str | None = None,
) -> list[dict]:
    """Extract the records of one article text; offsets index ``text``."""
    from .models import Document
    from .pipeline import analyze
    from .settings import TYPES, Settings

    settings = Settings(types=tuple(types or TYPES), published=published).validate()
    return [r.to_dict() for r in analyze(Document(id=doc, text=text, published=published), settings)]

"""Named regular expressions of one engine, each compiled the first time it is used.

A module lists its patterns as ``{name: function returning the source}`` and keeps one
``LazyPatterns`` per engine: the standard-library ``re`` for plain ASCII sentences (it compiles and
runs these patterns faster, and matches what ``regex`` matches there) and ``regex`` for any other
text. A one-article run then compiles only the patterns its sentences reach.
"""

from __future__ import annotations

from collections.abc import Callable


def plain(text: str) -> bool:
    """True when the standard-library ``re`` engine reads ``text`` exactly as ``regex`` does (about
    98% of sentences): ASCII, so word classes and case folding agree (also on a lower-cased copy),
    and none of the separators U+001C-U+001F, which only ``re`` counts as whitespace."""
    return text.isascii() and (text.isprintable() or not any(c in text for c in "\x1c\x1d\x1e\x1f"))


class LazyPatterns:
    """``P.name`` is the compiled pattern ``name``, built on first access and kept as an attribute.

    ``ignorecase(name)`` says which patterns ignore case. With the ``re`` engine every pattern gets
    ``re.ASCII`` (it only ever reads ASCII text, where the ASCII classes and case folding match what
    the Unicode ones do, and run faster), and ``re_sources`` may give a source written for ``re``.
    """

    def __init__(
        self,
        engine,
        sources: dict[str, Callable[[], str]],
        ignorecase: Callable[[str], bool],
        re_sources: dict[str, Callable[[], str]] | None = None,
    ) -> None:
        self._engine = engine
        self._sources = sources
        self._ignorecase = ignorecase
        self._re_sources = re_sources or {}

    def __getattr__(self, name: str):
        if name.startswith("_") or name not in self._sources:
            raise AttributeError(name)
        import re

        engine = self._engine
        flags = engine.IGNORECASE if self._ignorecase(name) else 0
        source = self._sources[name]
        if engine is re:
            source = self._re_sources.get(name, source)
            flags |= re.ASCII
        pattern = engine.compile(source(), flags)
        setattr(self, name, pattern)
        return pattern

    def all(self) -> dict:
        """Every pattern, compiled (for the regex safety tests; reading text never needs all)."""
        return {name: getattr(self, name) for name in self._sources}

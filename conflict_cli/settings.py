"""Settings passed explicitly down the pipeline: no globals."""

from __future__ import annotations

from dataclasses import dataclass, replace

TYPES = ("casualty", "strike", "claim")


@dataclass(frozen=True, slots=True)
class Settings:
    types: tuple[str, ...] = TYPES  # which extractors run
    published: str | None = None  # publication date for every document (ISO), overrides the input's
    actors_file: str | None = None  # user actor entries (TOML), merged over the built-in ones
    resolve: bool = True  # run the resolve stage (dates, places, actors, pronouns)

    def validate(self) -> Settings:
        unknown = [t for t in self.types if t not in TYPES]
        if unknown:
            raise ValueError(f"unknown record type {unknown[0]!r} (choose from {', '.join(TYPES)})")
        if self.published is not None:
            from datetime import date

            try:
                date.fromisoformat(self.published)
            except ValueError:
                raise ValueError(f"--date {self.published!r} is not a date of the form YYYY-MM-DD") from None
        return self

    def replace(self, **changes) -> Settings:
        return replace(self, **changes)

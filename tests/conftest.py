from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """A short article in wire style, written for the tests."""
    path = tmp_path / "article.txt"
    path.write_text(
        "Air strikes kill 12 in northern town\n"
        "Air strikes on the town of Kafr Nabl killed at least 12 civilians and wounded 30 on Sunday, "
        "a war monitor said.\n"
        "\u201cThe planes came back three times,\u201d a resident told Reuters.\n",
        encoding="utf-8",
    )
    return path

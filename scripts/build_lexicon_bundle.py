"""Rebuild conflict_cli/lexicons/<lang>/bundle.json from the TOML lexicons beside it.

The TOML files are the rules; the bundle is a cache of them, parsed, so that a one-article run does
not spend its start-up parsing TOML. ``lexicons.load`` uses a bundle entry only when its checksum
matches the TOML file, so a stale bundle costs speed, never correctness. Run after editing a lexicon
(``make lexicons``); tests/test_lexicons.py fails while the bundle is out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from conflict_cli import lexicons  # noqa: E402


def main() -> int:
    for folder in sorted(p for p in lexicons.HERE.iterdir() if p.is_dir() and not p.name.startswith("_")):
        bundle = lexicons.build_bundle(folder.name)
        out = folder / lexicons.BUNDLE
        out.write_text(json.dumps(bundle, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)} ({len(bundle)} lexicons)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Small helpers shared by the language tests."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE_ARTICLE = REPO / "examples" / "nato-sg-taliban-talks.txt"
STARTER = REPO / "localize" / "starter"
LOCALES = REPO / "locales"

ARABIC_YEH, ARABIC_KAF, ALEF_MAKSURA = "\u064a", "\u0643", "\u0649"
ZWNJ = "\u200c"


def write_lines(path: Path, *lines: str, encoding: str = "utf-8", newline: str = "\n") -> Path:
    """Write a small text file (the lines joined with ``newline``) and return its path."""
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    return path

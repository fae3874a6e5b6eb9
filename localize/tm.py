"""Exporting the translation memory of reviewed units as TMX, and importing external TMX."""

from __future__ import annotations

from pathlib import Path

from .langs import Language
from .pipeline import IMPORTED_TMX, CatalogMemory
from .project import Locales


def export_memory(locales: Locales, language: Language, output: Path) -> int:
    from .language.memory import write_tmx

    memory = CatalogMemory.of_locales(locales, language).memory
    write_tmx(memory, output, target_lang=language.html_lang)
    return len(memory)


def import_memory(locales: Locales, language: Language, tmx: Path) -> tuple[Path, int]:
    """Merge an external TMX into ``<locales>/<lang>/imported-memory.tmx`` (marked external)."""
    from .language.memory import MemoryMeta, TranslationMemory, read_tmx, write_tmx

    incoming = read_tmx(tmx, target_lang=language.code)
    target = locales.language_dir(language.code) / IMPORTED_TMX
    memory = TranslationMemory(language.code)
    if target.exists():
        for entry in read_tmx(target, target_lang=language.code):
            memory.add(entry.source, entry.target, entry.meta)
    for entry in incoming:
        meta = MemoryMeta(origin=entry.meta.origin or tmx.name, reviewer=entry.meta.reviewer,
                          date=entry.meta.date, external=True)
        memory.add(entry.source, entry.target, meta)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_tmx(memory, target, target_lang=language.html_lang)
    return target, len(incoming)

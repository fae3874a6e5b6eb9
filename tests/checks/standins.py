"""Tiny stand-ins for the glossary and the Dari lexicon, shaped like the real modules.

The checks accept anything with the right shape (``GlossaryLike``, ``IranianForms``), so these
tests do not depend on ``localize.language.glossary`` or ``localize.language.adapt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    term: str
    translation: str
    do_not_translate: bool = False


@dataclass(frozen=True)
class Match:
    term: Term


class TinyGlossary:
    """Finds terms as whole words, case-insensitively."""

    def __init__(self, *terms: Term) -> None:
        self.terms = terms

    def find(self, text: str) -> list[Match]:
        return [
            Match(t) for t in self.terms
            if re.search(rf"\b{re.escape(t.term)}\b", text, flags=re.IGNORECASE)
        ]


DARI_GLOSSARY = TinyGlossary(
    Term("NATO", "ناتو"),
    Term("secretary general", "دبیرکل / منشی عمومی / سرمنشی"),
    Term("Taliban", "طالبان"),
    Term("United Nations", "سازمان ملل متحد / ملل متحد"),
    Term("Resolute Support", "Resolute Support", do_not_translate=True),
)

PASHTO_GLOSSARY = TinyGlossary(
    Term("NATO", "ناټو"),
    Term("secretary general", "سرمنشي / عمومي منشي"),
    Term("Taliban", "طالبان"),
    Term("United Nations", "ملګري ملتونه"),
    Term("Resolute Support", "Resolute Support", do_not_translate=True),
)

_IRANIAN = ("استان", "استاندار", "بیمارستان", "دانشگاه", "ارتش", "پلیس", "آمریکا", "دلار")


def iranian_forms(text: str) -> list[str]:
    """A stand-in for ``adapt.iranian_forms_in(text, lexicon)`` with a few lexicon rows."""
    words = re.findall(r"[^\s«»،.؟!:]+", text)
    return [w for w in words if w in _IRANIAN]

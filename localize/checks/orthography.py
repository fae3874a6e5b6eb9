"""Script checks for Dari and Pashto (LANGUAGE.md §2).

* ``arabic-letters``: Dari uses only ی and ک: Arabic ي ى ك are errors. Pashto keeps ي as a
  letter of its own, but ك, ى, the Urdu lookalikes ٹ ڈ ڑ ڻ and presentation forms are errors.
* ``iranian-forms``: Iranian-only words in Dari, found by a caller-supplied detector.
* ``pashto-letters``: a Pashto text long enough to expect ټ ځ څ ډ ړ ږ ښ ګ ڼ ې ۍ with none.
* ``persianised-pashto``: Pashto words written with Persian letters (گ for ګ), reliable
  signals only.
* ``bidi-controls``: unbalanced isolates/embeddings, overrides, marks at the text's edges.
* ``zwnj``: ZWNJ next to a space, a mark or the text's edge, or doubled.
"""

from __future__ import annotations

import re

from ..language.script import BIDI_CONTROLS, PASHTO_LETTERS
from ..model import Finding, Severity
from ._base import Trigger, UnitContext, quoted
from ._text import arabic_letter_count

# Private: lookalike letters and presentation forms (not in language.script).
_DARI_FOREIGN = {"\u064a": "ي -> ی", "\u0649": "ى -> ی", "\u0643": "ك -> ک"}
_PASHTO_FOREIGN = {
    "\u0643": "ك -> ک", "\u0649": "ى -> ی", "\u0679": "ٹ -> ټ",
    "\u0688": "ڈ -> ډ", "\u0691": "ڑ -> ړ", "\u06bb": "ڻ -> ڼ",
}
_PRESENTATION_FORMS = "\ufb50-\ufdff\ufe70-\ufeff"
FOREIGN_LETTERS = Trigger({  # character classes: what ``arabic-letters`` looks for
    "fa_AF": "".join(_DARI_FOREIGN) + _PRESENTATION_FORMS,
    "ps": "".join(_PASHTO_FOREIGN) + _PRESENTATION_FORMS,
})
_DARI_FOREIGN_RE = re.compile(f"[{FOREIGN_LETTERS.characters_for('fa_AF')}]")
_PASHTO_FOREIGN_RE = re.compile(f"[{FOREIGN_LETTERS.characters_for('ps')}]")


def check_arabic_letters(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """Arabic or Urdu letter forms, and presentation forms, where Dari/Pashto use others."""
    pattern, names = (
        (_DARI_FOREIGN_RE, _DARI_FOREIGN) if ctx.is_dari else (_PASHTO_FOREIGN_RE, _PASHTO_FOREIGN)
    )
    found = pattern.findall(target)
    if not found:
        return []
    advice = sorted({names.get(c, "presentation forms -> base letters") for c in found})
    return [Finding(
        "arabic-letters", Severity.ERROR,
        f"{len(found)} letter(s) in a form this language does not use; fix {', '.join(advice)}",
    )]


def check_iranian_forms(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """Iranian-only vocabulary in a Dari translation (needs ``iranian_forms``)."""
    if ctx.iranian_forms is None:
        return []
    forms = list(ctx.iranian_forms(target))
    if not forms:
        return []
    return [Finding(
        "iranian-forms", Severity.WARNING,
        f"Iranian Persian word(s) where Dari has its own: {quoted(forms)}",
    )]


_PASHTO_LETTER_RE = re.compile(f"[{PASHTO_LETTERS}]")
_MIN_LETTERS_FOR_PASHTO = 30


def check_pashto_letters(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """A Pashto text of 30+ Arabic letters without one Pashto-only letter is likely Persian."""
    if _PASHTO_LETTER_RE.search(target):
        return []
    letters = arabic_letter_count(target)
    if letters < _MIN_LETTERS_FOR_PASHTO:
        return []
    return [Finding(
        "pashto-letters", Severity.WARNING,
        f"no Pashto letter ({PASHTO_LETTERS}) in {letters} letters: is this Dari or Persian?",
    )]


# A word holding Persian گ together with a Pashto-only letter is a Pashto word spelled with
# the Persian gaf (جگړه, گټه, لگښت); the list adds frequent Pashto words without such a letter.
# Dari words and names with گ (گلبدین) are left alone: Pashto text quotes them.
_WORD_WITH_GAF_RE = re.compile(r"[^\s«»\"“”()\[\].,:!?،؛؟]*گ[^\s«»\"“”()\[\].,:!?،؛؟]*")
_PERSIANISED_GAF_WORDS = frozenset(
    {"ملگري", "ملگرو", "ملگرې", "گوند", "گوندونه", "گوندونو", "لگول", "لگوي"}
)
_PERSIAN_PASHTO_NAME_RE = re.compile("(?<![\\w\u200c])پشتو(?![\\w\u200c])")


def check_persianised_pashto(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """Pashto words written with Persian letters: گ for ګ, پشتو for پښتو."""
    words: list[str] = []
    if "گ" in target:
        words = [
            w for w in _WORD_WITH_GAF_RE.findall(target)
            if w in _PERSIANISED_GAF_WORDS or _PASHTO_LETTER_RE.search(w)
        ]
    if "پشتو" in target:
        words += _PERSIAN_PASHTO_NAME_RE.findall(target)
    if not words:
        return []
    return [Finding(
        "persianised-pashto", Severity.WARNING,
        f"Pashto word(s) in Persian spelling (use ګ, ښ): {quoted(sorted(set(words)))}",
    )]


# -- invisible characters -----------------------------------------------------------------
BIDI_IN_TARGET = Trigger(BIDI_CONTROLS)
_BIDI_RE = re.compile(f"[{BIDI_CONTROLS}]")
_ISOLATE_OPENERS = "\u2066\u2067\u2068"
_EMBEDDING_OPENERS = "\u202a\u202b"
_OVERRIDES = "\u202d\u202e"
_MARKS = "\u200e\u200f\u061c"
_REPEATED_MARKS_RE = re.compile(f"[{_MARKS}]{{2,}}")


def _bidi_problems(text: str) -> list[str]:
    problems = []
    isolates = sum(text.count(c) for c in _ISOLATE_OPENERS)
    if isolates != text.count("\u2069"):
        problems.append("isolates (LRI/RLI/FSI) and PDI do not pair")
    if sum(text.count(c) for c in _EMBEDDING_OPENERS) != text.count("\u202c"):
        problems.append("embeddings (LRE/RLE) and PDF do not pair")
    if any(c in text for c in _OVERRIDES):
        problems.append("a direction override (LRO/RLO)")
    if text and (text[0] in _MARKS or text[-1] in _MARKS):
        problems.append("a direction mark at the start or end")
    if _REPEATED_MARKS_RE.search(text):
        problems.append("repeated direction marks")
    return problems


def check_bidi_controls(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """Stray bidi controls: unpaired isolates/embeddings, overrides, marks at the edges."""
    if not _BIDI_RE.search(target):
        return []
    problems = _bidi_problems(target)
    if not problems:
        return []
    message = "stray bidi controls: " + "; ".join(problems)
    return [Finding("bidi-controls", Severity.WARNING, message)]


# ZWNJ belongs between two letters (or a digit and a suffix: ۱۳۹۰‌ها). Harakat count as
# letters, so a ZWNJ after a vowel sign is fine. The pattern opens with the ZWNJ itself
# (the look-behind comes after it) so that re can skip ahead to each one.
_BAD_ZWNJ_RE = re.compile(
    r"\u200c(?:(?<![\w\u064b-\u065f\u0670]\u200c)|(?![\w\u064b-\u065f\u0670]))"
)


def check_zwnj(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """ZWNJ at a word edge: next to a space, punctuation, another ZWNJ or the text's edge."""
    if "\u200c" not in target:
        return []
    count = len(_BAD_ZWNJ_RE.findall(target))
    if not count:
        return []
    return [Finding(
        "zwnj", Severity.WARNING,
        f"{count} ZWNJ (U+200C) at a word edge; it belongs only inside a word (می‌گوید)",
    )]

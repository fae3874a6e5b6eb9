"""Just enough Persian noun morphology to swap a stem and keep its suffixes right.

When the Dari adaptation replaces an Iranian stem (``بیمارستان``) with a Dari one
(``شفاخانه``), the suffixes that were attached to the old stem may need a different
shape on the new one: ``بیمارستان‌ها → شفاخانه‌ها`` (ZWNJ required after silent ``ه``),
``دانشجویان → محصلان`` (``یان`` after a vowel, ``ان`` after a consonant),
``ارتشی → اردویی``, ``خودروی … → موتر …`` (a written ezafe disappears after a consonant).

The model: a stem ends in one of four ways (``StemClass``); a suffix chain is a first
morpheme (``Morph``) whose shape depends on the stem, followed by a tail (``rest``)
that attaches to the morpheme and never changes. Only chains listed here are
recognised; any other ending means "a different word" and the stem does not match.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .script import ZWNJ

__all__ = ["Morph", "StemClass", "Suffix", "parse_suffix", "realize_suffix", "stem_class"]

HAMZA_ABOVE = "\u0654"
_PERSONS = ("مان", "تان", "شان", "م", "ت", "ش")


class StemClass(enum.Enum):
    """How a stem ends, as far as suffixes care."""

    CONSONANT = "consonant"  # includes a pronounced final ه after ا/و (دانشگاه, کوه)
    SILENT_H = "silent-h"  # شفاخانه, دانشکده
    VOWEL_A = "vowel-a"  # final ا or و (امریکا, اردو, خودرو)
    VOWEL_I = "vowel-i"  # final ی (ولسوالی, صحی)


class Morph(enum.Enum):
    """The first suffix morpheme after a stem."""

    PLURAL_HA = "ha"
    PLURAL_AN = "an"
    INDEFINITE = "i"  # indefinite / adjectival -i (بیمارستانی, ارتشی, امریکایی)
    EZAFE = "ezafe"  # a written ezafe (امریکای, خانهٔ, خانه‌ی)
    POSSESSIVE = "poss"


@dataclass(frozen=True, slots=True)
class Suffix:
    """A parsed suffix chain: ``surface`` is the text exactly as it was after the stem."""

    surface: str
    morph: Morph | None  # None: no suffix
    person: str = ""  # for POSSESSIVE: م ت ش مان تان شان
    rest: str = ""  # the tail after the first morpheme, copied verbatim
    zwnj: bool = False  # the input had a ZWNJ between stem and suffix


def stem_class(word: str) -> StemClass:
    """Classify a stem by its last letter (heuristic: ``اه``/``وه`` count as consonants).

    >>> stem_class("شفاخانه").value, stem_class("دانشگاه").value, stem_class("اردو").value
    ('silent-h', 'consonant', 'vowel-a')
    """
    last = word[-1:] if word else ""
    if last == "ه":
        return StemClass.CONSONANT if word[-2:-1] in ("ا", "و") else StemClass.SILENT_H
    if last in ("ا", "آ", "و"):
        return StemClass.VOWEL_A
    if last in ("ی", "ي", "ى"):
        return StemClass.VOWEL_I
    return StemClass.CONSONANT


def _first_forms(cls: StemClass) -> list[tuple[str, Morph, str]]:
    """(surface, morph, person) of the first morpheme after a stem of class ``cls``."""
    forms: list[tuple[str, Morph, str]] = [("ها", Morph.PLURAL_HA, "")]
    if cls is StemClass.CONSONANT:
        forms += [("ان", Morph.PLURAL_AN, ""), ("ی", Morph.INDEFINITE, "")]
        forms += [(p, Morph.POSSESSIVE, p) for p in _PERSONS]
    elif cls is StemClass.SILENT_H:
        forms += [
            ("ای", Morph.INDEFINITE, ""),
            ("ی", Morph.EZAFE, ""),
            (HAMZA_ABOVE, Morph.EZAFE, ""),
        ]
        forms += [(_vowel_person(p), Morph.POSSESSIVE, p) for p in _PERSONS]
    elif cls is StemClass.VOWEL_A:
        forms += [
            ("یان", Morph.PLURAL_AN, ""),
            ("یی", Morph.INDEFINITE, ""),
            ("ی", Morph.EZAFE, ""),
        ]
        forms += [("ی" + p, Morph.POSSESSIVE, p) for p in _PERSONS]
    else:
        forms += [("ان", Morph.PLURAL_AN, ""), ("ای", Morph.INDEFINITE, "")]
        forms += [(_vowel_person(p), Morph.POSSESSIVE, p) for p in _PERSONS]
    return sorted(forms, key=lambda form: -len(form[0]))


def _vowel_person(person: str) -> str:
    # After silent ه or final ی the singular persons take an alef: خانه‌ام, خانه‌ات, خانه‌اش.
    return "ا" + person if len(person) == 1 else person


_RESTS: dict[Morph, frozenset[str]] = {
    Morph.PLURAL_HA: frozenset({"", "ی", "یی"} | {"ی" + p for p in _PERSONS}),
    Morph.PLURAL_AN: frozenset({"", "ی"} | set(_PERSONS)),
    Morph.INDEFINITE: frozenset({""}),
    Morph.EZAFE: frozenset({""}),
    Morph.POSSESSIVE: frozenset({""}),
}


def parse_suffix(stem: str, remainder: str) -> Suffix | None:
    """Parse what follows ``stem`` inside one word.

    Args:
        stem: The stem as written (its last letter decides the shapes accepted).
        remainder: The rest of the word after the stem (may be empty).

    Returns:
        The parsed chain, or None when ``remainder`` is not a suffix chain this model
        knows (then ``stem + remainder`` is taken to be a different word).
    """
    if not remainder:
        return Suffix("", None)
    zwnj = remainder.startswith(ZWNJ)
    body = remainder[1:] if zwnj else remainder
    if not body:
        return Suffix(remainder, None, zwnj=True)
    for surface, morph, person in _first_forms(stem_class(stem)):
        if body.startswith(surface) and body[len(surface) :] in _RESTS[morph]:
            if surface == HAMZA_ABOVE and zwnj:
                continue
            return Suffix(remainder, morph, person, body[len(surface) :], zwnj)
    return None


def morph_needs_zwnj(suffix: Suffix) -> bool:
    """True for a plural ``ها`` written without ZWNJ (wrong after silent ``ه``)."""
    return suffix.morph is Morph.PLURAL_HA and not suffix.zwnj


def realize_suffix(old_stem: str, new_stem: str, suffix: Suffix) -> tuple[str, bool]:
    """Write ``new_stem`` with the suffix chain that was on ``old_stem``.

    Args:
        old_stem: The stem that carried ``suffix`` in the input.
        new_stem: The replacement stem.
        suffix: The parsed chain.

    Returns:
        ``(word, confident)``: the new word, and False when the shape of the suffix on
        the new stem cannot be decided safely (the -i of ``استانداری`` may be a derivation,
        not an indefinite), so that the caller can offer it instead of writing it.
    """
    if suffix.morph is None:
        return new_stem, True
    old, new = stem_class(old_stem), stem_class(new_stem)
    if old is new and not (new is StemClass.SILENT_H and morph_needs_zwnj(suffix)):
        return new_stem + suffix.surface, True
    morph, rest = suffix.morph, suffix.rest
    if morph is Morph.PLURAL_HA:
        joiner = ZWNJ if (suffix.zwnj or new is StemClass.SILENT_H) else ""
        return new_stem + joiner + "ها" + rest, True
    if morph is Morph.PLURAL_AN:
        if new is StemClass.SILENT_H:
            return new_stem[:-1] + "گان" + rest, True
        return new_stem + ("یان" if new is StemClass.VOWEL_A else "ان") + rest, True
    if morph is Morph.INDEFINITE:
        if new is StemClass.CONSONANT:
            return new_stem + "ی", True
        if new is StemClass.VOWEL_A:
            return new_stem + "یی", True
        return new_stem + ZWNJ + "ای", False
    if morph is Morph.EZAFE:
        if new is StemClass.VOWEL_A:
            return new_stem + "ی", True
        if new is StemClass.SILENT_H:
            return new_stem + HAMZA_ABOVE, True
        return new_stem, True  # unwritten after a consonant or final ی
    person = suffix.person
    if new is StemClass.VOWEL_A:
        return new_stem + "ی" + person, True
    if new in (StemClass.SILENT_H, StemClass.VOWEL_I):
        return new_stem + ZWNJ + _vowel_person(person), True
    joiner = ZWNJ if (suffix.zwnj and len(person) > 1) else ""
    return new_stem + joiner + person, True

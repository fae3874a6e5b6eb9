"""Quality checks on one translated unit (English source, Dari or Pashto target).

Pure functions, no I/O. Each check is a plain function ``(source, target, ctx) ->
list[Finding]`` registered once in ``CHECKS`` with its name, severity and description;
``check_unit`` runs every check that applies to the target language, less those a unit
cannot fail: a check registered with a ``Trigger`` (a bracket, a bidi control...) is skipped
on a unit holding none of its characters (see ``_plan``).

>>> [f.check for f in check_unit("In 2024, 12 people.", "در ۲۰۲۴، ۱۳ نفر.", "fa_AF")]
['numbers']

Severities follow Translate Toolkit's categories: ``ERROR`` for what breaks meaning or
function (its *critical* and *functional*: numbers, URLs, engine debris, untranslated text,
loops, wrong letters), ``WARNING`` for what a reviewer should look at (*cosmetic*:
punctuation, length, glossary, invisible characters), ``INFO`` for hints.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from types import MappingProxyType

from ..langs import canonical_code
from ..model import Finding, Severity
from . import entities, fidelity, numerals, orthography, punctuation
from ._base import (
    Check,
    CheckFunction,
    GlossaryLike,
    GlossaryMatchLike,
    GlossaryTermLike,
    IranianForms,
    Trigger,
    UnitContext,
)
from ._plan import Plan
from ._text import NO_ENTITIES, mask_entities

__all__ = [
    "CHECKS",
    "CHECKS_BY_NAME",
    "Check",
    "CheckFunction",
    "GlossaryLike",
    "GlossaryMatchLike",
    "GlossaryTermLike",
    "IranianForms",
    "Trigger",
    "UnitContext",
    "check_unit",
    "checks_table",
    "make_context",
    "unit_checker",
]

_DARI = frozenset({"fa_AF"})
_PASHTO = frozenset({"ps"})
_E, _W = Severity.ERROR, Severity.WARNING

CHECKS: tuple[Check, ...] = (
    Check("untranslated", _E, "English copied through, or a target of mostly Latin letters "
          "(bylines and names exempt)", fidelity.check_untranslated,
          trigger=fidelity.LATIN_IN_TARGET),
    Check("placeholders", _E, "engine debris left in (`⟦0⟧`, `[[0]]`, `<unk>`, `⁇`, `▁`, "
          "`prs_Arab`) or format placeholders (`%s`, `{0}`) lost", entities.check_placeholders,
          trigger=entities.ENTITIES),
    Check("numbers", _E, "numbers differ, whatever the digits (12 = ۱۲ = ١٢, 3,500 = ۳٬۵۰۰); "
          "warning only for a date converted to solar Hijri", numerals.check_numbers),
    Check("urls", _E, "a URL changed, lost or added", entities.check_urls,
          trigger=entities.ENTITIES),
    Check("emails", _E, "an e-mail address changed, lost or added", entities.check_emails,
          trigger=entities.ENTITIES),
    Check("handles", _E, "an @handle changed, lost or added", entities.check_handles,
          trigger=entities.ENTITIES),
    Check("hashtags", _E, "a #hashtag changed, lost or added", entities.check_hashtags,
          trigger=entities.ENTITIES),
    Check("repetition", _E, "a word or n-gram (n <= 4) repeated 3+ times in a row",
          fidelity.check_repetition),
    Check("arabic-letters", _E, "Dari: Arabic ي ى ك; Pashto: ك ى and Urdu ٹ ڈ ڑ ڻ; "
          "presentation forms", orthography.check_arabic_letters,
          trigger=orthography.FOREIGN_LETTERS),
    Check("length", _W, "target far too short (omission) or too long (hallucination)",
          fidelity.check_length),
    Check("glossary", _W, "a glossary term without its translation (or kept form)",
          fidelity.check_glossary),
    Check("brackets", _W, "( ) [ ] { } not balanced as in the source", punctuation.check_brackets,
          trigger=punctuation.BRACKETS),
    Check("quotes", _W, "« » “ ” \" not balanced as in the source", punctuation.check_quotes,
          trigger=punctuation.QUOTES),
    Check("end-punctuation", _W, "final ? ؟ ! . : ; differs from the source",
          punctuation.check_end_punctuation),
    Check("ascii-punctuation", _W, "ASCII , ; ? in Arabic-script text (not in numbers, URLs "
          "or Latin runs)", punctuation.check_ascii_punctuation,
          trigger=punctuation.ASCII_MARKS_IN_TARGET),
    Check("iranian-forms", _W, "Iranian-only words in Dari (needs an iranian_forms detector)",
          orthography.check_iranian_forms, _DARI),
    Check("pashto-letters", _W, "a Pashto text of 30+ letters without any of ټ ځ څ ډ ړ ږ ښ ګ ڼ ې ۍ",
          orthography.check_pashto_letters, _PASHTO),
    Check("persianised-pashto", _W, "Pashto words in Persian spelling (گ for ګ, پشتو)",
          orthography.check_persianised_pashto, _PASHTO),
    Check("bidi-controls", _W, "unpaired isolates/embeddings, overrides, marks at the edges",
          orthography.check_bidi_controls, trigger=orthography.BIDI_IN_TARGET),
    Check("zwnj", _W, "ZWNJ next to a space, a mark, another ZWNJ or the text's edge",
          orthography.check_zwnj),
)

CHECKS_BY_NAME: Mapping[str, Check] = MappingProxyType({c.name: c for c in CHECKS})

_FOR_LANGUAGE: Mapping[str, tuple[tuple[str, CheckFunction], ...]] = MappingProxyType({
    code: tuple((c.name, c.function) for c in CHECKS if c.applies_to(code))
    for code in ("fa_AF", "ps")
})
_PLANS: Mapping[str, Plan] = MappingProxyType({code: Plan(CHECKS, code) for code in _FOR_LANGUAGE})


def make_context(
    source: str,
    target: str,
    language_code: str,
    *,
    glossary: GlossaryLike | None = None,
    iranian_forms: IranianForms | None = None,
) -> UnitContext:
    """The context ``check_unit`` gives each check; for calling one check directly.

    Raises:
        LanguageError: ``language_code`` is not an accepted code for Dari or Pashto.
    """
    language = language_code if language_code in _FOR_LANGUAGE else canonical_code(language_code)
    return UnitContext.build(source, target, language, glossary, iranian_forms)


def check_unit(
    source: str,
    target: str,
    language_code: str,
    *,
    glossary: GlossaryLike | None = None,
    iranian_forms: IranianForms | None = None,
    skip: Collection[str] = (),
) -> list[Finding]:
    """Run every check that applies to ``language_code`` on one unit.

    Args:
        source: the English text.
        target: its Dari or Pashto translation; an empty target is not checked.
        language_code: ``fa_AF`` or ``ps`` (or an alias such as ``prs``, ``ps_AF``).
        glossary: anything with ``find(english) -> matches`` (see ``GlossaryLike``).
        iranian_forms: returns the Iranian-only words of a Dari text.
        skip: names of checks not to run.

    Returns:
        The findings, in ``CHECKS`` order.

    Raises:
        LanguageError: ``language_code`` is not an accepted code for Dari or Pashto.
    """
    check = unit_checker(language_code, glossary=glossary, iranian_forms=iranian_forms, skip=skip)
    return check(source, target)


def unit_checker(
    language_code: str,
    *,
    glossary: GlossaryLike | None = None,
    iranian_forms: IranianForms | None = None,
    skip: Collection[str] = (),
) -> Callable[[str, str], list[Finding]]:
    """``check_unit`` with its arguments but the texts bound once, for checking many units:
    ``unit_checker("fa_AF", glossary=g)(source, target)``.

    Raises:
        LanguageError: ``language_code`` is not an accepted code for Dari or Pashto.
    """
    language = language_code if language_code in _PLANS else canonical_code(language_code)
    choice_for = _PLANS[language].choice_for
    context = UnitContext
    nothing_masked = (NO_ENTITIES, ())
    skip = frozenset(skip)  # a name is looked up for every check of every unit

    def check(source: str, target: str) -> list[Finding]:
        if not target.strip():
            return []
        # One regex pass per text tells which triggers it holds; usually none.
        choice = choice_for(source, target)
        # UnitContext.build, inlined: this runs for every unit of every catalog.
        source_masked, source_entities, source_placeholders = (
            mask_entities(source) if choice.scan_source else (source, *nothing_masked)
        )
        target_masked, target_entities, target_placeholders = (
            mask_entities(target) if choice.scan_target else (target, *nothing_masked)
        )
        ctx = context(language, source_masked, target_masked, source_entities,
                      target_entities, source_placeholders, target_placeholders, glossary,
                      iranian_forms)
        findings: list[Finding] = []
        for name, function in choice.checks:
            if skip and name in skip:
                continue
            found = function(source, target, ctx)
            if found:
                findings.extend(found)
        return findings

    return check


def checks_table() -> str:
    """The registry as a Markdown table (for the README and ``--help`` texts)."""
    rows = ["| check | severity | languages | catches |", "|---|---|---|---|"]
    for check in CHECKS:
        languages = ", ".join(sorted(check.languages)) or "all"
        rows.append(f"| `{check.name}` | {check.severity.label} | {languages} | "
                    f"{check.description} |")
    return "\n".join(rows)

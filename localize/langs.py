"""The target languages localize knows: Dari (``fa_AF``) and Pashto (``ps``).

Facts from ``LANGUAGE.md``: gettext/file codes ``fa_AF`` and ``ps``; HTML ``lang`` ``fa-AF``
and ``ps``; both right-to-left; ``Plural-Forms`` written by us because GNU gettext has none.
``pbs`` is Central Pame (a language of Mexico), not Pashto, and is refused.

>>> canonical_code("prs")
'fa_AF'
>>> canonical_code("Pashto")
'ps'
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import LanguageError


@dataclass(frozen=True, slots=True)
class Language:
    code: str  # gettext / folder code: fa_AF, ps
    name: str  # English name
    endonym: str  # what a language switcher shows
    html_lang: str  # BCP 47 for HTML lang=
    plural_forms: str
    direction: str  # "rtl" or "ltr"
    # Codes a model package's target may carry to serve this language natively,
    # and codes of a related language whose output is adapted (fa -> Dari).
    native_model_codes: tuple[str, ...]
    adapted_model_codes: tuple[str, ...]
    nllb_code: str


DARI = Language(
    code="fa_AF",
    name="Dari",
    endonym="دری",
    html_lang="fa-AF",
    plural_forms="nplurals=2; plural=(n > 1);",
    direction="rtl",
    native_model_codes=("prs", "fa_AF", "fa-AF", "prs_Arab"),
    adapted_model_codes=("fa", "pes", "pes_Arab"),
    nllb_code="prs_Arab",
)

PASHTO = Language(
    code="ps",
    name="Pashto",
    endonym="پښتو",
    html_lang="ps",
    plural_forms="nplurals=2; plural=(n != 1);",
    direction="rtl",
    native_model_codes=("ps", "pbt", "pbu", "pst", "ps_AF", "ps-AF", "pbt_Arab"),
    adapted_model_codes=(),
    nllb_code="pbt_Arab",
)

LANGUAGES: dict[str, Language] = {DARI.code: DARI, PASHTO.code: PASHTO}
DEFAULT_TARGETS: tuple[str, ...] = (DARI.code, PASHTO.code)
SOURCE_LANGUAGE = "en"

_ALIASES: dict[str, str] = {
    "fa_af": "fa_AF",
    "fa-af": "fa_AF",
    "prs": "fa_AF",
    "prs_af": "fa_AF",
    "prs-af": "fa_AF",
    "dari": "fa_AF",
    "ps": "ps",
    "ps_af": "ps",
    "ps-af": "ps",
    "pbt": "ps",
    "pbu": "ps",
    "pst": "ps",
    "pashto": "ps",
}

ACCEPTED_CODES = "fa_AF, fa-AF, prs, dari (Dari); ps, ps_AF, pbt, pbu, pashto (Pashto)"


def canonical_code(code: str) -> str:
    """Map any accepted spelling to ``fa_AF`` or ``ps``; raise ``LanguageError`` otherwise."""
    key = code.strip().lower()
    if key in _ALIASES:
        return _ALIASES[key]
    hint = ""
    if key == "pbs":
        hint = " ('pbs' is Central Pame, a language of Mexico, not Pashto)"
    elif key in ("fa", "fa_ir", "fa-ir", "pes", "persian", "farsi"):
        hint = " (Iranian Persian is not a target: use fa_AF for Dari)"
    raise LanguageError(f"unknown language {code!r}{hint}; accepted: {ACCEPTED_CODES}")


def get_language(code: str) -> Language:
    """The ``Language`` for any accepted spelling of its code."""
    return LANGUAGES[canonical_code(code)]


def resolve_targets(codes: tuple[str, ...] | list[str]) -> tuple[Language, ...]:
    """Canonicalise ``-l`` options (default: both languages), keeping order, without repeats."""
    chosen: list[Language] = []
    for code in codes or DEFAULT_TARGETS:
        language = get_language(code)
        if language not in chosen:
            chosen.append(language)
    return tuple(chosen)

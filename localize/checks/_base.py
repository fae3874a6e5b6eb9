"""The types every check shares: the check signature, the unit context and the registry entry.

The glossary and the Iranian-forms detector are owned by other modules
(``localize.language.glossary`` and ``localize.language.adapt``). The checks never import
them: they accept anything shaped like them, described here by small Protocols, so this
package stays independent of how those modules evolve.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from ..model import Finding, Severity
from ._text import NO_ENTITIES, Entities, mask_entities


class GlossaryTermLike(Protocol):
    """One glossary entry: an English term and what it must become."""

    @property
    def term(self) -> str: ...

    @property
    def translation(self) -> str: ...

    @property
    def do_not_translate(self) -> bool: ...


class GlossaryMatchLike(Protocol):
    """One place where a glossary term occurs in an English text."""

    @property
    def term(self) -> GlossaryTermLike: ...


class GlossaryLike(Protocol):
    """Anything that finds glossary terms in English text (``Glossary.find``)."""

    def find(self, english_text: str, /) -> Sequence[GlossaryMatchLike]: ...


IranianForms = Callable[[str], Sequence[str]]
"""Returns the Iranian-only words found in a Dari text, e.g.
``lambda text: iranian_forms_in(text, lexicon)``."""


class UnitContext(NamedTuple):
    """Everything a check may need about one unit beyond its two texts.

    Built once per unit by ``make_context``; the derived views (texts with URLs, handles
    and placeholders masked as U+FFFC; the entities found) are shared by the checks. Each
    costs a few substring tests for a text without ``/ @ # % {`` and the like.
    (A NamedTuple, not a frozen dataclass: it is built for every unit, and a frozen
    dataclass takes five times as long to construct.)
    """

    language: str  # canonical: fa_AF or ps
    source_masked: str
    target_masked: str
    source_entities: Entities
    target_entities: Entities
    source_placeholders: tuple[str, ...]
    target_placeholders: tuple[str, ...]
    glossary: GlossaryLike | None = None
    iranian_forms: IranianForms | None = None

    @classmethod
    def build(
        cls,
        source: str,
        target: str,
        language: str,
        glossary: GlossaryLike | None = None,
        iranian_forms: IranianForms | None = None,
        *,
        scan_source: bool = True,
        scan_target: bool = True,
    ) -> UnitContext:
        """Scan both texts and bundle the results.

        ``scan_source=False`` (``scan_target``) says the caller knows the text holds none
        of the entity triggers (``ENTITY_TRIGGER_*``), so that scanning it would find nothing.
        """
        source_masked, source_entities, source_placeholders = (
            mask_entities(source) if scan_source else (source, NO_ENTITIES, ())
        )
        target_masked, target_entities, target_placeholders = (
            mask_entities(target) if scan_target else (target, NO_ENTITIES, ())
        )
        return cls(
            language, source_masked, target_masked, source_entities, target_entities,
            source_placeholders, target_placeholders, glossary, iranian_forms,
        )

    @property
    def is_dari(self) -> bool:
        return self.language == "fa_AF"

    @property
    def is_pashto(self) -> bool:
        return self.language == "ps"


CheckFunction = Callable[[str, str, UnitContext], list[Finding]]


@dataclass(frozen=True, slots=True, eq=False)  # eq=False: hashed by identity
class Trigger:
    """What a check needs in a unit to find anything there.

    The check can only report something when the target (with ``in_source``: the source
    or the target) holds a character of the class ``characters`` (the body of a regex
    character class, or one per target language) or one of ``substrings``. ``check_unit``
    skips it on a unit without: most units hold none of these rare characters, and one
    regex pass per text costs less than the checks' own tests. The check must stay
    correct when called without this gate.
    """

    characters: str | Mapping[str, str]
    in_source: bool = False
    substrings: tuple[str, ...] = ()

    def characters_for(self, language: str) -> str:
        if isinstance(self.characters, str):
            return self.characters
        return self.characters[language]


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check.

    ``severity`` is the severity the check reports (a few checks downgrade a finding they
    are unsure of, e.g. ``numbers`` for a date converted to the solar Hijri calendar).
    ``languages`` limits the check to some target languages; empty means all.
    ``trigger``, if set, lets ``check_unit`` skip the check on units it cannot fault.
    """

    name: str
    severity: Severity
    description: str
    function: CheckFunction
    languages: frozenset[str] = frozenset()
    trigger: Trigger | None = None

    def applies_to(self, language: str) -> bool:
        return not self.languages or language in self.languages


def counter_diff(source: Counter[str], target: Counter[str]) -> tuple[list[str], list[str]]:
    """Items missing from the target and items the target adds, each in a stable order."""
    missing = sorted((source - target).elements())
    extra = sorted((target - source).elements())
    return missing, extra


def quoted(items: Sequence[str], limit: int = 5) -> str:
    """``'a', 'b' and 2 more`` for finding messages."""
    shown = ", ".join(f"'{item}'" for item in items[:limit])
    more = len(items) - limit
    return f"{shown} and {more} more" if more > 0 else shown

"""Checks for text that must pass through translation unchanged, and for engine debris.

``urls``, ``emails``, ``handles``, ``hashtags``: each one in the source is in the target,
character for character, and the target invents none. ``placeholders``: format
placeholders (``%s``, ``{0}``) are kept, and nothing an MT engine leaves behind (``⟦0⟧``,
``[[0]]``, ``<unk>``, ``⁇``, ``▁``, ``prs_Arab``) is in the target.
"""

from __future__ import annotations

from collections import Counter

from ..model import Finding, Severity
from ._base import Trigger, UnitContext, counter_diff, quoted
from ._text import ENGINE_DEBRIS_RE, ENTITY_TRIGGER_CHARACTERS, ENTITY_TRIGGER_SUBSTRINGS

# The checks below compare what ``mask_entities`` found, and it finds nothing without these.
ENTITIES = Trigger(ENTITY_TRIGGER_CHARACTERS, in_source=True, substrings=ENTITY_TRIGGER_SUBSTRINGS)


def _compare(name: str, what: str, source: Counter[str], target: Counter[str]) -> list[Finding]:
    if not source and not target:
        return []
    if source == target:
        return []
    missing, extra = counter_diff(source, target)
    parts = []
    if missing:
        parts.append(f"missing or changed in the translation: {quoted(missing)}")
    if extra:
        parts.append(f"not in the source: {quoted(extra)}")
    return [Finding(name, Severity.ERROR, f"{what} must be kept exactly; " + "; ".join(parts))]


def check_urls(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """URLs are kept exactly."""
    return _compare("urls", "URLs", ctx.source_entities.urls, ctx.target_entities.urls)


def check_emails(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """E-mail addresses are kept exactly."""
    src, tgt = ctx.source_entities, ctx.target_entities
    return _compare("emails", "e-mail addresses", src.emails, tgt.emails)


def check_handles(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """@handles are kept exactly."""
    return _compare("handles", "@handles", ctx.source_entities.handles, ctx.target_entities.handles)


def check_hashtags(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """#hashtags are kept exactly (a translated hashtag is a different hashtag)."""
    src, tgt = ctx.source_entities, ctx.target_entities
    return _compare("hashtags", "#hashtags", src.hashtags, tgt.hashtags)


def check_placeholders(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """No engine mask, unknown token or language tag left in; format placeholders kept."""
    found_source, found_target = ctx.source_placeholders, ctx.target_placeholders
    if sorted(found_source) == sorted(found_target):
        return []
    missing, extra = counter_diff(Counter(found_source), Counter(found_target))
    findings = []
    debris = [item for item in extra if ENGINE_DEBRIS_RE.fullmatch(item)]
    if debris:
        findings.append(Finding(
            "placeholders", Severity.ERROR,
            f"left behind by the translation engine: {quoted(debris)}",
        ))
    other = [item for item in extra if item not in debris]
    if missing or other:
        parts = [f"lost: {quoted(missing)}"] if missing else []
        parts += [f"added: {quoted(other)}"] if other else []
        findings.append(Finding(
            "placeholders", Severity.ERROR, "placeholders differ; " + "; ".join(parts),
        ))
    return findings

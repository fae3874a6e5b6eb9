"""Bringing a catalog up to date with its template (the job of ``msgmerge``), losing nothing.

Works on polib entries only; ``localize.catalog.update_catalog`` wraps it in a ``Catalog``.
"""

from __future__ import annotations

from dataclasses import dataclass

import polib

from ._encoding import (
    _OWN_PREFIXES,
    SOURCE_CHANGED_PREFIX,
    _comment_lines,
    _own_lines_removed,
)

FUZZY_CUTOFF = 0.6


@dataclass(frozen=True)
class MergeCounts:
    added: int
    kept: int
    source_changed: int  # edited sentences that carry their old translation
    obsoleted: int
    revived: int


def merge_entries(existing: polib.POFile, template: polib.POFile) -> tuple[polib.POFile, MergeCounts]:
    """A new PO with the template's entries and ``existing``'s translations.

    Exact matches keep translation and state; an edited sentence takes the closest old
    translation (similarity ratio >= 0.6) as source-changed with ``#|`` previous msgid; a removed
    translated sentence becomes obsolete (``#~``), and an obsolete one comes back when its
    sentence returns.
    """
    old_active = {e.msgid: e for e in existing if not e.obsolete and e.msgid and not e.msgctxt}
    old_obsolete = {e.msgid: e for e in existing if e.obsolete and e.msgid and not e.msgctxt}
    new_po = polib.POFile(wrapwidth=79)
    new_po.metadata = dict(existing.metadata)
    new_po.metadata["POT-Creation-Date"] = template.metadata.get("POT-Creation-Date", "")
    new_po.header = existing.header
    used: set[str] = set()
    added = kept = changed = revived = 0
    unmatched: list[polib.POEntry] = []
    for tentry in template:
        old = old_active.get(tentry.msgid) or old_obsolete.get(tentry.msgid)
        if old is None:
            entry = _from_template(tentry)
            unmatched.append(entry)
            new_po.append(entry)
            continue
        used.add(old.msgid)
        revived += old.obsolete
        kept += not old.obsolete
        new_po.append(_carry(tentry, old))
    candidates = [e for k, e in old_active.items() if k not in used and e.msgstr]
    for entry in unmatched:
        match = _closest(entry.msgid, candidates)
        if match is None:
            added += 1
            continue
        used.add(match.msgid)
        changed += 1
        entry.msgstr = match.msgstr
        entry.flags = ["fuzzy"]
        entry.previous_msgid = match.msgid
        lines = _own_lines_removed(match.tcomment, _OWN_PREFIXES)
        entry.tcomment = "\n".join(lines + _comment_lines(SOURCE_CHANGED_PREFIX, match.msgid))
    obsoleted = 0
    for old in existing:
        if old.obsolete and old.msgid not in used:
            new_po.append(old)
        elif not old.obsolete and old.msgid and old.msgid not in used and old.msgstr:
            old.obsolete = True
            new_po.append(old)
            obsoleted += 1
    return new_po, MergeCounts(added, kept, changed, obsoleted, revived)


def _from_template(tentry: polib.POEntry) -> polib.POEntry:
    return polib.POEntry(
        msgid=tentry.msgid, msgstr="", occurrences=list(tentry.occurrences), comment=tentry.comment
    )


def _carry(tentry: polib.POEntry, old: polib.POEntry) -> polib.POEntry:
    entry = _from_template(tentry)
    entry.msgstr = old.msgstr
    entry.flags = [f for f in old.flags if f == "fuzzy"]
    entry.previous_msgid = old.previous_msgid
    entry.tcomment = old.tcomment
    if "fuzzy" not in entry.flags:  # reviewed since: the old English is history
        entry.previous_msgid = None
        entry.tcomment = "\n".join(_own_lines_removed(old.tcomment, (SOURCE_CHANGED_PREFIX,)))
    return entry


def _closest(text: str, candidates: list[polib.POEntry]) -> polib.POEntry | None:
    """The old entry most similar to ``text`` (normalised Indel similarity, as difflib's
    ratio, computed by rapidfuzz in C) if it reaches the cutoff."""
    if not candidates:
        return None
    from rapidfuzz import fuzz, process

    best = process.extractOne(
        text, [c.msgid for c in candidates], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF * 100
    )
    return candidates[best[2]] if best is not None else None

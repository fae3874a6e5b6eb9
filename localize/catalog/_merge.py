"""Bringing a catalog up to date with its template (the job of ``msgmerge``), losing nothing.

Works on polib entries only; ``localize.catalog.update_catalog`` wraps it in a ``Catalog``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import polib

from ._encoding import (
    _OWN_PREFIXES,
    SOURCE_CHANGED_PREFIX,
    _comment_lines,
    _own_lines_removed,
)
from ._parse import _new_entry

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
    sentence returns. The closest old translation is chosen among every translated old sentence
    that no longer matches exactly, so two edited sentences may carry the same one (as
    ``msgmerge`` and Babel do: a sentence split in two shows its translation on both halves).
    """
    old_active: dict[str, polib.POEntry] = {}
    old_place: dict[str, int] = {}  # where each active entry sits in the old file
    old_obsolete: dict[str, polib.POEntry] = {}
    for place, e in enumerate(existing):
        if e.msgid and not e.msgctxt:
            if e.obsolete:
                old_obsolete[e.msgid] = e
            else:
                old_active[e.msgid] = e
                old_place[e.msgid] = place
    new_po = polib.POFile(wrapwidth=79)
    new_po.metadata = dict(existing.metadata)
    new_po.metadata["POT-Creation-Date"] = template.metadata.get("POT-Creation-Date", "")
    new_po.header = existing.header
    used: set[str] = set()
    added = kept = changed = revived = 0
    unmatched: list[tuple[polib.POEntry, int]] = []  # with the old place of the sentence before
    anchor = -1
    for tentry in template:
        old = old_active.get(tentry.msgid) or old_obsolete.get(tentry.msgid)
        if old is None:
            entry = _from_template(tentry)
            unmatched.append((entry, anchor))
            new_po.append(entry)
            continue
        used.add(old.msgid)
        revived += old.obsolete
        kept += not old.obsolete
        anchor = old_place.get(old.msgid, anchor)
        new_po.append(_carry(tentry, old))
    candidates = [e for k, e in old_active.items() if k not in used and e.msgstr]
    closest = _Closest([c.msgid for c in candidates])
    places = [old_place[c.msgid] for c in candidates]  # ascending: candidates keep file order
    previous = -1
    for entry, anchor in unmatched:
        # Likely sources, to make the search fast (never to change its result): the first old
        # sentence after the last unchanged one, and the one after the previous match.
        best = closest.find(entry.msgid, (bisect.bisect_right(places, anchor), previous + 1))
        if best is None:
            added += 1
            continue
        previous = best
        match = candidates[best]
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
    entry = _new_entry(0)  # what polib.POEntry() makes, without its keyword look-ups
    entry.linenum = None
    entry.msgid = tentry.msgid
    entry.occurrences = list(tentry.occurrences)
    entry.comment = tentry.comment
    return entry


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


class _Closest:
    """Finds the old sentence most similar to a new one: the normalised Indel similarity
    (``difflib``'s ratio, computed by rapidfuzz in C) at least ``FUZZY_CUTOFF``, the first in
    file order among equals: what ``rapidfuzz.process.extractOne`` over all the old sentences
    returns, without comparing every pair.

    Two strings of lengths ``a <= b`` score at most ``200 * a / (a + b)``, so once one old
    sentence scores ``s`` only those whose length is within a window around the new one's can
    score as much; with a good first guess (an edited sentence is usually where its old
    version was) the window holds a fraction of the old sentences.
    """

    def __init__(self, texts: list[str]) -> None:
        import numpy as np

        self.texts = texts
        self.array = np.array(texts, dtype=object)  # picks a window's texts in C
        self.lengths = np.array([len(text) for text in texts], dtype=np.int64)

    def find(self, text: str, guesses: tuple[int, ...]) -> int | None:
        """The index of the closest old sentence, or None if none reaches the cutoff."""
        if not self.texts:
            return None
        import numpy as np
        from rapidfuzz import fuzz, process

        cutoff = FUZZY_CUTOFF * 100
        floor = cutoff
        for guess in guesses:
            if 0 <= guess < len(self.texts):
                floor = max(floor, fuzz.ratio(text, self.texts[guess]))
        # Half a point below the best guess: rapidfuzz rejects a score equal to its cutoff now
        # and then (it converts the cutoff with float slack, up to ~4e-6 seen), and the
        # window's bounds get a margin that float error cannot eat.
        floor -= 0.5
        size = len(text)
        window = np.flatnonzero((self.lengths >= size * floor / (200 - floor))
                                & (self.lengths <= size * (200 - floor) / floor))
        found = process.extractOne(text, self.array[window].tolist(), scorer=fuzz.ratio,
                                   score_cutoff=floor)
        if found is None:
            return None
        best = int(window[found[2]])  # the window keeps file order: the first among equals
        # The test extractOne over all old sentences makes of its best choice.
        return best if fuzz.ratio(text, self.texts[best], score_cutoff=cutoff) else None

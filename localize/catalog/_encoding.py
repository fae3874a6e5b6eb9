"""How localize encodes a unit in a PO entry, and how it reads one back.

No file I/O here; the format is described in ``localize.catalog``. Every function takes or
returns polib entries or plain values.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

import polib

from ..model import (
    Approval,
    BlockKind,
    Finding,
    Origin,
    Provenance,
    Severity,
    State,
    Unit,
    UnitFindings,
)

DRAFT_PREFIX = "draft: "
MACHINE_DRAFT_PREFIX = "machine-draft: "
DRAFT_NOTE_PREFIX = "draft-note: "
APPROVED_PREFIX = "approved: "
CHECK_PREFIX = "check: "
# The previous English is also kept here: `msgmerge` without --previous and Babel both drop
# the `#|` line (Babel turns it into a "| msgid" comment), and with it the source-changed state.
SOURCE_CHANGED_PREFIX = "source-changed: "
_OWN_PREFIXES = (
    DRAFT_PREFIX, MACHINE_DRAFT_PREFIX, DRAFT_NOTE_PREFIX, APPROVED_PREFIX, CHECK_PREFIX,
    SOURCE_CHANGED_PREFIX,
)
_BABEL_PREVIOUS = ("| msgid ", "| msgctxt ", "| msgid_plural ")

_POSITION_RE = re.compile(r"^(headline|dateline|byline|body), paragraph (\d+), unit (\d+)$")
_KINDS = {kind.value: kind for kind in BlockKind}
_CHECK_RE = re.compile(r"^(info|warning|error) ([\w-]+): (.*)$")


_UNESCAPES = {"n": "\n", "t": "\t", "s": " "}
# polib wraps comment lines longer than its wrap width (collapsing spaces as it does) and
# strips trailing blanks on reading, so localize's own comment values are escaped and cut into
# chunks well under 79 columns; a chunk ending in an odd number of backslashes continues.
_LINE_LIMIT = 76  # "# " + prefix + chunk + continuation backslash stays under 79


def _escape(text: str) -> str:
    r"""Escape a value for one comment line: backslash, newline, tab; trailing blanks as ``\s``.

    >>> print(_escape("a\\b\nc "))
    a\\b\nc\s
    """
    body = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
    stripped = body.rstrip(" ")
    return stripped + "\\s" * (len(body) - len(stripped))


_ESCAPED_RE = re.compile(r"\\(.)")


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPED_RE.sub(lambda m: _UNESCAPES.get(m[1], m[1]), text)


def _continuation(prefix: str) -> str:
    return prefix[:-2] + "+ "  # "machine-draft: " -> "machine-draft+ "


_CONTINUATIONS = {prefix: _continuation(prefix) for prefix in _OWN_PREFIXES}


def _comment_lines(prefix: str, value: str) -> list[str]:
    """``prefix + escaped value`` cut into chunks no tool re-wraps; later chunks carry the
    continuation prefix (GNU gettext joins comment lines ending in a backslash, so the marker
    has to be at the start)."""
    escaped = _escape(value)
    size = _LINE_LIMIT - 2 - len(prefix)
    chunks = []
    while len(escaped) > size:
        cut = size
        while escaped[cut - 1] == " " or escaped[cut - 1] == "\\":
            cut -= 1  # never end a chunk on a blank (stripped) or inside an escape
        chunks.append(escaped[:cut])
        escaped = escaped[cut:]
    chunks.append(escaped)
    return [prefix + chunks[0]] + [_continuation(prefix) + chunk for chunk in chunks[1:]]



def _joined_comment_lines(tcomment: str | None) -> list[str]:
    """Translator comment lines with localize's continued chunks joined back (still escaped)."""
    if not tcomment:
        return []
    if "+ " not in tcomment:  # no continuation marker anywhere: the common case
        return tcomment.split("\n")
    lines: list[str] = []
    continuation: str | None = None
    for line in tcomment.split("\n"):
        if continuation is not None and line.startswith(continuation):
            lines[-1] += line[len(continuation):]
            continue
        lines.append(line)
        continuation = None
        if line.startswith(_OWN_PREFIXES):
            continuation = next(c for p, c in _CONTINUATIONS.items() if line.startswith(p))
    return lines


# -- state --------------------------------------------------------------------------------
def _own_lines_removed(tcomment: str | None, prefixes: tuple[str, ...]) -> list[str]:
    """The comment lines (chunks re-cut) without the values that start with ``prefixes``."""
    kept = []
    for line in _joined_comment_lines(tcomment):
        if not line or line.startswith(prefixes):
            continue
        prefix = next((p for p in _OWN_PREFIXES if line.startswith(p)), None)
        if prefix is None:
            kept.append(line)
        else:
            kept.extend(_comment_lines(prefix, _unescape(line[len(prefix):])))
    return kept


@functools.lru_cache(maxsize=1024)  # a run's drafts share a few provenances; Provenance is frozen
def _parse_provenance(value: str) -> Provenance | None:
    fields = [f.strip() for f in value.split("|")]
    if len(fields) != 5:
        return None
    try:
        origin = Origin(fields[0])
    except ValueError:
        return None
    return Provenance(origin, fields[1], fields[2], fields[3], fields[4])


def _parse_approval(value: str) -> Approval | None:
    fields = [f.strip() for f in value.split("|", 2)]
    if len(fields) != 3:
        return None
    return Approval(by=fields[2], date=fields[1], fingerprint=fields[0])


class _Comments(NamedTuple):
    """What localize's own translator comment lines say (see ``_comments``)."""

    provenance: Provenance | None
    machine_draft: str | None
    approval: Approval | None
    findings: tuple[Finding, ...]
    source_changed: str | None  # None without a source-changed line
    draft_notes: tuple[str, ...]
    notes: tuple[str, ...]


_NO_COMMENTS = _Comments(None, None, None, (), None, (), ())


# Drafts of a run share their comment (provenance) and checked units have no finding, so most
# entries repeat a comment seen before; the result is immutable, so cached entries are shared.
@functools.lru_cache(maxsize=4096)
def _comments(tcomment: str) -> _Comments:
    provenance = approval = machine_draft = source_changed = None
    findings: list[Finding] = []
    draft_notes: list[str] = []
    notes: list[str] = []
    for line in _joined_comment_lines(tcomment):
        if line.startswith(DRAFT_PREFIX):
            provenance = _parse_provenance(line[len(DRAFT_PREFIX):])
        elif line.startswith(MACHINE_DRAFT_PREFIX):
            machine_draft = _unescape(line[len(MACHINE_DRAFT_PREFIX):])
        elif line.startswith(DRAFT_NOTE_PREFIX):
            draft_notes.append(_unescape(line[len(DRAFT_NOTE_PREFIX):]))
        elif line.startswith(APPROVED_PREFIX):
            approval = _parse_approval(line[len(APPROVED_PREFIX):])
        elif line.startswith(CHECK_PREFIX):
            match = _CHECK_RE.match(_unescape(line[len(CHECK_PREFIX):]))
            if match:
                findings.append(Finding(match[2], Severity[match[1].upper()], match[3]))
        elif line.startswith(SOURCE_CHANGED_PREFIX):  # the first non-empty one counts
            source_changed = source_changed or _unescape(line[len(SOURCE_CHANGED_PREFIX):])
        elif line and not line.startswith(_BABEL_PREVIOUS):
            notes.append(line)
    return _Comments(provenance, machine_draft, approval, tuple(findings), source_changed,
                     tuple(draft_notes), tuple(notes))


def _unit_from_entry(entry: polib.POEntry) -> Unit:
    tcomment = entry.tcomment
    comments = _comments(tcomment) if tcomment else _NO_COMMENTS
    previous = _previous_source(entry, comments)
    fuzzy = "fuzzy" in entry.flags
    msgstr = entry.msgstr
    approval = comments.approval
    state = state_of(entry.msgid, msgstr, fuzzy, previous, approval)
    # Positional, as keywords make the call build a dict; in Unit's field order (tests compare
    # every field with units built by keyword).
    return Unit(
        entry.msgid,  # source
        msgstr,  # target
        state,
        _positions(entry),
        comments.provenance,
        comments.machine_draft,
        approval if state is State.APPROVED else None,  # approval
        comments.findings,
        previous if fuzzy and msgstr else None,  # previous_source
        comments.draft_notes,
        comments.notes,
    )


def _previous_source(entry: polib.POEntry, comments: _Comments) -> str | None:
    previous: str | None = entry.previous_msgid
    if comments.source_changed is not None:  # the #| previous msgid wins over the comment
        previous = previous or comments.source_changed
    return previous


def _flagged_from_entry(
    entry: polib.POEntry, findings: tuple[Finding, ...]
) -> tuple[int, UnitFindings]:
    """A unit's findings as a report shows them, and where the unit comes in its article
    (the ``_unit_order`` of its ``Unit``), without building the ``Unit``."""
    tcomment = entry.tcomment
    comments = _comments(tcomment) if tcomment else _NO_COMMENTS
    state = state_of(entry.msgid, entry.msgstr, "fuzzy" in entry.flags,
                     _previous_source(entry, comments), comments.approval)
    positions = _positions(entry)
    if not positions:
        return 1 << 30, UnitFindings(entry.msgid, state, None, findings)
    first = positions[0]
    return first[1], UnitFindings(entry.msgid, state, first[3], findings)


def state_of(
    source: str,
    translation: str,
    fuzzy: bool,
    previous_source: str | None,
    approval: Approval | None,
) -> State:
    """The one place that maps PO facts to a review state.

    >>> state_of("Hello.", "", True, None, None).label
    'untranslated'
    >>> state_of("Hello.", "x", True, "old", None).label
    'source-changed'
    """
    if not translation:
        return State.UNTRANSLATED
    if fuzzy:
        return State.SOURCE_CHANGED if previous_source else State.DRAFT
    if approval is not None and approval.holds_for(source, translation):
        return State.APPROVED
    return State.REVIEWED


def _positions(entry: polib.POEntry) -> tuple[tuple[int, int, BlockKind, int], ...]:
    occurrences = entry.occurrences
    comment = entry.comment
    if len(occurrences) == 1 and comment and "\n" not in comment:  # one place: the common case
        line = occurrences[0][1]
        if type(line) is str:
            return _one_position(comment, line)
    lines = [int(line) if str(line).isdigit() else 0 for _, line in occurrences]
    positions = []
    for n, place_comment in enumerate(comment.split("\n") if comment else ()):
        place = _position(place_comment)
        if place is not None:
            positions.append((*place, lines[n] if n < len(lines) else 0))
    return tuple(positions)


# The same unit at the same line recurs across articles: sharing the (immutable) tuples saves
# building them, and the garbage collector tracking two more objects per unit.
@functools.lru_cache(maxsize=8192)
def _one_position(comment: str, line: str) -> tuple[tuple[int, int, BlockKind, int], ...]:
    number = int(line) if line.isdigit() else 0
    place = _position(comment)
    return () if place is None else ((*place, number),)


@functools.lru_cache(maxsize=8192)  # "body, paragraph 4, unit 7" recurs in every article
def _position(comment: str) -> tuple[int, int, BlockKind] | None:
    match = _POSITION_RE.match(comment.strip())
    if match is None:
        return None
    return int(match[2]) - 1, int(match[3]) - 1, _KINDS[match[1]]

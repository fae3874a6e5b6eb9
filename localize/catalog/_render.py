"""Render a ``polib.POFile`` to text byte for byte as ``str(po)`` does, several times faster.

``render_po(po) == str(po)`` for every POFile. The fast path redoes what polib 1.2.0 does in
``POFile.__unicode__``, ``POEntry.__unicode__`` and ``_BaseEntry._str_field`` without building
a ``textwrap.TextWrapper`` per field or escaping, unescaping and re-escaping every wrapped
line (6-10x faster on localize's catalogs; ``benchmarks/bench_render.py``). It keeps polib's
quirks on purpose, since the point is identical files:

* a field goes on several lines when ``len(text) - specials > wrapwidth - len(name) - 3``,
  ``specials`` being the characters ``escape`` doubles (so escapes make a field wrap later,
  not sooner) and ``name`` the name polib measures (``previous_msgid`` for ``#| msgid``,
  ``msgstr[0]``); the escaped text is then wrapped at ``wrapwidth - 2`` with
  ``drop_whitespace=False`` and ``break_long_words=False``;
* text holding a line break (``str.splitlines``: ``\\n``, ``\\r``, ``\\v``, ``\\f``,
  U+001C..U+001E, U+0085, U+2028, U+2029) before its end is written a line per line and
  never wrapped; the separators ``escape`` does not know are written raw;
* translator and extracted comments (``# ``, ``#. ``) and occurrences (``#: ``) wrap at
  ``wrapwidth`` with textwrap's defaults (tabs expanded, ASCII whitespace turned into
  spaces, whitespace dropped at line ends); occurrences with hyphens hidden as ``*`` and
  every ``*`` written back as ``-``;
* obsolete entries come last, with ``#~ `` and ``#~| `` and without ``#.`` or ``#:``; an
  empty header still writes ``#``; a ``wrapwidth`` of 0 or less wraps nothing.

Lines are cut where textwrap would cut them: at the chunk ends of its own expression
(``TextWrapper.wordsep_re``), filled as ``TextWrapper._wrap_chunks`` fills them. For a field
without hyphens those chunks are just the runs of spaces and of other characters, so a line
is found with ``str.rfind`` instead of splitting the text.

Falls back to polib's own code (still identical, just slower):

* the whole file, when the installed polib is not a version this module was checked against
  (``VERIFIED_POLIB``), ``po`` is a subclass of ``POFile``, or ``po.wrapwidth`` is not an
  ``int`` or is 1 or 2 (polib's textwrap call raises on a field);
* one entry, when it is a subclass of ``POEntry`` (its ``__unicode__`` may differ) or when
  rendering it raises (a field that is not text, plural keys that do not sort...): polib
  then renders it, or raises its own error.

Pure: no I/O, no state kept between calls.
"""

from __future__ import annotations

import textwrap
from bisect import bisect_right
from itertools import accumulate
from typing import Any

import polib

__all__ = ["VERIFIED_POLIB", "render_po"]

VERIFIED_POLIB = frozenset({"1.2.0"})
"""polib versions whose rendering this module reproduces (tests/catalog/test_render.py)."""

_POLIB_VERSION = getattr(polib, "__version__", None)  # not in the type stubs
_WORDSEP = textwrap.TextWrapper.wordsep_re  # what textwrap.wrap splits on (break_on_hyphens)
_MUNGE = textwrap.TextWrapper.unicode_whitespace_trans  # replace_whitespace
_TABSIZE = textwrap.TextWrapper().tabsize  # expand_tabs


def render_po(po: polib.POFile) -> str:
    """``str(po)``, computed faster; see the module docstring for what falls back to polib."""
    wrapwidth = po.wrapwidth
    if (
        _POLIB_VERSION not in VERIFIED_POLIB
        or type(po) is not polib.POFile
        or type(wrapwidth) is not int
        or 0 < wrapwidth < 3
    ):
        return str(po)
    header = []
    for line in po.header.split("\n"):
        if not len(line):
            header.append("#\n")
        elif line[:1] in [",", ":"]:
            header.append(f"#{line}\n")
        else:
            header.append(f"# {line}\n")
    entries = [_entry(po.metadata_as_entry(), wrapwidth)]
    entries += [_entry(e, wrapwidth) for e in po if not e.obsolete]
    entries += [_entry(e, wrapwidth) for e in po if e.obsolete]
    return "".join(header) + "\n".join(entries)


def _entry(entry: polib.POEntry, wrapwidth: int) -> str:
    """``entry.__unicode__(wrapwidth)``."""
    if type(entry) is polib.POEntry:
        text = _render_or_none(entry, wrapwidth)
        if text is not None:
            return text
    return entry.__unicode__(wrapwidth)


def _render_or_none(entry: polib.POEntry, wrapwidth: int) -> str | None:
    """``_render_entry``, or ``None`` where it raises: polib then renders the entry, or
    raises its own error."""
    try:
        return _render_entry(entry, wrapwidth)
    except Exception:  # noqa: BLE001 - whatever it is, polib decides
        return None


def _render_entry(entry: polib.POEntry, wrapwidth: int) -> str:
    out: list[str] = []
    obsolete = entry.obsolete
    value = entry.tcomment
    if value:
        if "\n" not in value and len(value) + 2 <= wrapwidth:
            out.append("# " + value)
        else:
            _comment(out, value, "# ", wrapwidth)
    if not obsolete:
        value = entry.comment
        if value:
            if "\n" not in value and len(value) + 3 <= wrapwidth:
                out.append("#. " + value)
            else:
                _comment(out, value, "#. ", wrapwidth)
        if entry.occurrences:
            _occurrences(out, entry.occurrences, wrapwidth)
    if entry.flags:
        out.append(f"#, {', '.join(entry.flags)}")
    prefix = "#~| " if obsolete else "#| "
    if entry.previous_msgctxt is not None:
        _field(out, prefix, "previous_msgctxt", "msgctxt", entry.previous_msgctxt, wrapwidth)
    if entry.previous_msgid is not None:
        _field(out, prefix, "previous_msgid", "msgid", entry.previous_msgid, wrapwidth)
    if entry.previous_msgid_plural is not None:
        _field(out, prefix, "previous_msgid_plural", "msgid_plural",
               entry.previous_msgid_plural, wrapwidth)
    delflag = "#~ " if obsolete else ""
    if entry.msgctxt is not None:
        _field(out, delflag, "msgctxt", "msgctxt", entry.msgctxt, wrapwidth)
    _field(out, delflag, "msgid", "msgid", entry.msgid, wrapwidth)
    if entry.msgid_plural:
        _field(out, delflag, "msgid_plural", "msgid_plural", entry.msgid_plural, wrapwidth)
    plurals: Any = entry.msgstr_plural
    if plurals:
        keys = list(plurals)
        keys.sort()
        for index in keys:
            name = "msgstr[%s]" % index  # noqa: UP031 - not f"{index!s}": a tuple key
            _field(out, delflag, name, name, plurals[index], wrapwidth)
    else:
        _field(out, delflag, "msgstr", "msgstr", entry.msgstr, wrapwidth)
    out.append("")
    return "\n".join(out)


def _escape(text: str) -> str:
    """``polib.escape``."""
    if not ("\\" in text or '"' in text or "\n" in text or "\t" in text or "\r" in text
            or "\v" in text or "\b" in text or "\f" in text):  # faster than a regex search
        return text
    return (text.replace("\\", r"\\").replace("\t", r"\t").replace("\r", r"\r")
            .replace("\n", r"\n").replace("\v", r"\v").replace("\b", r"\b")
            .replace("\f", r"\f").replace('"', r"\""))


def _field(
    out: list[str], prefix: str, polib_name: str, name: str, text: str, wrapwidth: int
) -> None:
    """``_BaseEntry._str_field``: ``polib_name`` is the name polib measures (``previous_msgid``
    for ``#| msgid``, ``msgstr[0]`` for a plural form), ``name`` the one written."""
    lines = text.splitlines(True)
    if len(lines) > 1:
        out.append(f'{prefix}{name} ""')
        out += [f'{prefix}"{_escape(line)}"' for line in lines]
        return
    escaped = _escape(text)
    # polib: len(field) > wrapwidth - (len(name) + 3) + specials, where specials (the characters
    # escape doubles) = len(escaped) - len(field)
    if wrapwidth > 0 and 2 * len(text) - len(escaped) > wrapwidth - len(polib_name) - 3:
        out.append(f'{prefix}{name} ""')
        # polib writes escape(unescape(piece)) for each piece; that is the piece itself, as a
        # chunk never ends between a backslash and the character it escapes
        out += [f'{prefix}"{piece}"' for piece in _fill(escaped, wrapwidth - 2)]
    else:
        out.append(f'{prefix}{name} "{escaped}"')


def _fill(text: str, width: int) -> list[str]:
    """``textwrap.wrap(text, width, drop_whitespace=False, break_long_words=False)`` for text
    whose only ASCII whitespace is spaces (escaped field text): a line takes the chunks that
    fit; a chunk longer than ``width`` gets a line of its own.

    Without hyphens, textwrap's chunks are the runs of spaces and the runs of other
    characters, so a line ends at the last change between the two up to ``width``; with
    hyphens, at the last chunk end ``TextWrapper.wordsep_re`` gives up to ``width``."""
    size = len(text)
    if "-" in text:
        return _fill_chunks(text, width)
    lines = []
    start = 0
    while size - start > width:
        limit = start + width
        if (text[limit - 1] == " ") != (text[limit] == " "):
            end = limit  # a word or a run of spaces ends exactly at the limit
        elif text[limit] == " ":  # a run of spaces across the limit: break before it
            end = start + len(text[start:limit].rstrip(" "))
            if end == start:  # the line starts with it: the whole run
                end = size - len(text[limit:].lstrip(" "))
        else:  # a word across the limit: break before it
            end = text.rfind(" ", start, limit) + 1
            if end <= start:  # the line starts with it: the whole word
                end = text.find(" ", limit)
                if end < 0:
                    end = size
        lines.append(text[start:end])
        start = end
    if start < size:
        lines.append(text[start:])
    return lines


def _fill_chunks(text: str, width: int) -> list[str]:
    """``_fill`` for any text, by bisecting textwrap's chunk ends."""
    size = len(text)
    bounds = list(accumulate(map(len, _WORDSEP.split(text))))  # chunk ends (repeats harmless)
    lines = []
    start = 0
    while size - start > width:
        end = bounds[bisect_right(bounds, start + width) - 1]
        if end <= start:  # the next chunk alone is wider than a line
            end = bounds[bisect_right(bounds, start)]
        lines.append(text[start:end])
        start = end
    if start < size:
        lines.append(text[start:])
    return lines


def _comment(out: list[str], value: str, prefix: str, wrapwidth: int) -> None:
    for line in value.split("\n"):
        if wrapwidth > 0 and len(line) + len(prefix) > wrapwidth:
            out += _wrap(line, wrapwidth, prefix)
        else:
            out.append(f"{prefix}{line}")


def _occurrences(out: list[str], occurrences: Any, wrapwidth: int) -> None:
    files = []
    for fpath, lineno in occurrences:
        if lineno:
            files.append(f"{fpath!s}:{lineno!s}")  # "%s:%s" % (fpath, lineno)
        else:
            files.append(fpath)
    joined = " ".join(files)
    if wrapwidth > 0 and len(joined) + 3 > wrapwidth:
        lines = _wrap(joined.replace("-", "*"), wrapwidth, "#: ")
        out += [line.replace("*", "-") for line in lines]
    else:
        out.append("#: " + joined)


def _wrap(text: str, width: int, indent: str) -> list[str]:
    """``textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent,
    break_long_words=False)``: ``TextWrapper._wrap_chunks`` with ``drop_whitespace``."""
    if "\t" in text:
        text = text.expandtabs(_TABSIZE)
    text = text.translate(_MUNGE)
    chunks = [chunk for chunk in _WORDSEP.split(text) if chunk]
    count = len(chunks)
    room = width - len(indent)
    lines: list[str] = []
    i = 0
    while i < count:
        if lines and chunks[i].strip() == "":  # whitespace opening a line (not the first)
            i += 1
        line: list[str] = []
        used = 0
        while i < count and used + len(chunks[i]) <= room:
            used += len(chunks[i])
            line.append(chunks[i])
            i += 1
        if i < count and len(chunks[i]) > room and not line:  # a word wider than any line
            line.append(chunks[i])
            i += 1
        if line and line[-1].strip() == "":
            line.pop()
        if line:
            lines.append(indent + "".join(line))
    return lines

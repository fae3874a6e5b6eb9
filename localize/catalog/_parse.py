"""A fast, strict reader for gettext PO/POT files that builds polib objects.

``parse_po`` gives the same ``polib.POFile`` as ``polib.pofile(text, wrapwidth=79,
check_for_duplicates=True)`` for every well-formed catalog (same entries in the same order,
same fields, header, metadata and line numbers; escapes undone exactly as
``polib.unescape`` does, so ``\\a``, octal and hex escapes stay as written), 4-5x faster
on localize's catalogs and linear where polib's duplicate check is quadratic (an entry of
the common shape is read in one regex match, anything else line by line, with the same
result: see ``_ENTRY_RE``). It refuses with a ``CatalogSyntaxError`` (file, 1-based line,
what to do) what polib loads silently wrong or half: unterminated strings, text outside or
after the quotes, a keyword without a string, garbage lines, a ``msgid`` without ``msgstr``
(polib lets the next ``msgid`` overwrite it), a comment between ``msgid`` and ``msgstr``, a
continuation line that continues nothing, an entry that mixes ``#~`` and active lines, a
``msgstr[N]`` given twice and a duplicate ``msgid`` (with its ``msgctxt``) among the active
entries. Like polib it refuses ``#foo``, ``#,fuzzy`` and ``msgid"x"`` (no space), and drops
comments after the last entry.

Where it deliberately differs from polib on input polib accepts:

* ``#~|`` lines (the previous msgid of an obsolete entry, written by polib and GNU
  gettext) are read into ``previous_msgctxt``/``previous_msgid``/``previous_msgid_plural``;
  polib skips them, so they were lost on every load and save.
* Lines end at ``\\n`` (``\\r\\n`` and a lone ``\\r`` too) only, as in GNU gettext;
  polib also ends lines at U+2028, U+2029, U+0085, U+001C..U+001E (which it writes raw,
  so such text did not survive polib) and at a raw form feed or vertical tab.
* ``msgstr[10]`` and above keep their index (polib reads only the first digit).
* An obsolete entry may repeat an active entry's ``msgid`` (polib refuses that only when
  the obsolete one comes second), and a lone ``#.``/``#:``/``#,`` line after the last
  entry no longer drops that entry.
* ``POFile.encoding`` is always ``"utf-8"`` (the text was decoded as UTF-8; polib takes the
  charset header's spelling), and ``obsolete`` is a bool (polib: ``1``/``0``, equal).
"""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import polib

from ..errors import CatalogSyntaxError

__all__ = ["WRAPWIDTH", "parse_po", "read_po"]

WRAPWIDTH = 79
_FIX = "; fix it in a PO editor or restore it from version control"

# Parser states. Below _CTXT nothing of the current entry's message has been read yet;
# _CTXT.._PLURAL: its message started, no msgstr yet ("pending"); from _STR: complete.
_START, _HEADER, _COMMENTS, _PREVIOUS, _CTXT, _ID, _PLURAL, _STR, _STRN = range(9)
_PENDING = frozenset({_CTXT, _ID, _PLURAL})

_STRING_RE = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"', re.DOTALL)
_UNESCAPE_RE = re.compile(r'\\(\\|n|t|r|v|b|f|")')  # exactly polib.unescape's escapes
_UNESCAPES = {"\\": "\\", "n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f",
              '"': '"'}
_PREVIOUS_FIELDS = {"msgctxt": "previous_msgctxt", "msgid": "previous_msgid",
                    "msgid_plural": "previous_msgid_plural"}
_new = object.__new__

# The common entry in one regex match: "# ", "#. ", "#: ", "#, " comment lines in polib's and
# GNU's order, then an optional msgctxt, a msgid and a msgstr, each a one-line string and its
# continuation lines, then blank lines. Only lines that the line reader reads without error
# and that line.strip() leaves alone (a comment ends in a non-blank: \S and str.strip agree
# on what a blank is) are read so, and both readers then give the same entry and state; all
# else (plurals, #| and #~ lines, indentation, a bare "#", a broken line) goes line by line.
# Each kind of line has a group for the first one's text and one for the lines after it
# (mostly none). _ENTRY_RE takes any text between a line's quotes (".*", 3x faster than the
# exact string of _ESCAPED_ENTRY_RE): a string holding a quote or a backslash is matched
# again with _ESCAPED_ENTRY_RE, and a line that one refuses is left to the line reader.
# The possessive ?+ *+ (no backtracking into what they matched) change no match, as what
# they could give back never lets the rest match (a "# " line cannot be read as "#. ",
# "msgid" or "msgstr", a '"' line as "msgstr", a "msgctxt" line as "msgid"; a shorter
# ".*\S" or string is not followed by the line end), and they take a quarter off the match
# (Python 3.11+; 3.10 gets the same regexes without them).
_COMMENT_LINES = (
    r"(?:# ((?:.*\S)?+)\n((?:# (?:.*\S)?+\n)*+))?+"  # translator ("." stops at a line end)
    r"(?:#\. (.*\S)\n((?:#\. .*\S\n)*+))?+"  # extracted
    r"(?:#: (.*\S)\n((?:#: .*\S\n)*+))?+"  # references
    r"(?:#, (.*\S)\n((?:#, .*\S\n)*+))?+"  # flags
)
_ANY_STRING = r'"(.*)"\n((?:".*"\n)*+)'
_EXACT_STRING = (r'"([^"\\\n]*+(?:\\.[^"\\\n]*+)*+)"\n'
                 r'((?:"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"\n)*+)')
_MESSAGE = r"(?:msgctxt {0})?+msgid {0}msgstr {0}(\n*+)"


def _compiled(pattern: str) -> re.Pattern[str]:
    if sys.version_info < (3, 11):  # no possessive repeats
        pattern = pattern.replace("?+", "?").replace("*+", "*")
    return re.compile(pattern)


_ENTRY_RE = _compiled(_COMMENT_LINES + _MESSAGE.format(_ANY_STRING))
_ESCAPED_ENTRY_RE = _compiled(_COMMENT_LINES + _MESSAGE.format(_EXACT_STRING))


def parse_po(text: str, path: Path) -> polib.POFile:
    """Parse the text of a PO or POT file strictly into a ``polib.POFile``.

    Args:
        text: the whole file, decoded (a BOM and CRLF line ends are accepted).
        path: the file, named in errors.

    Returns:
        A ``POFile`` (``wrapwidth`` 79, ``check_for_duplicates`` on, ``encoding``
        ``"utf-8"``) whose entries, header and metadata are those ``polib.pofile`` gives.

    Raises:
        CatalogSyntaxError: the text is not a well-formed PO file; ``line`` is the 1-based
            line of the problem (for a missing ``msgstr``, the line of its ``msgid``).
    """
    return read_po(text, path)[0]


def read_po(
    text: str, path: Path, *, plain: bool = False
) -> tuple[polib.POFile, list[polib.POEntry]]:
    """``parse_po``, and the entries of the ``POFile`` that have plural forms (``msgstr[N]``
    lines), in its order. ``plain``: the caller knows that the text holds neither a ``\r``
    nor a NUL (``load_catalog`` looked for them in the bytes, much faster), so it is not
    scanned for them again."""
    text = text.removeprefix("\ufeff")
    if not plain:
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            raise CatalogSyntaxError(path, "contains NUL bytes; this is not a PO file", line)
    # Every entry leaves ~7 new containers (entry, lists, dict, tuples) that all survive the
    # parse; the cyclic GC would scan them, and all else alive, over and over meanwhile. The
    # parse makes no reference cycles, so pausing it is safe, and saves 15-40% of the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _Reader(path).read(text)
    finally:
        if collecting:
            gc.enable()


def _unescape_one(match: re.Match[str]) -> str:
    return _UNESCAPES[match[1]]


def _unescaped(value: str) -> str:
    """Undo polib's escapes in the text of whole escapes (a line or lines joined: no escape
    spans two lines, so unescaping the joined lines equals joining the unescaped ones)."""
    if "\\" not in value:
        return value
    if "\\\\" not in value:  # each backslash starts an escape: \n (headers) by replace
        value = value.replace("\\n", "\n")  # (it makes no backslash, joins none)
        if "\\" not in value:
            return value
    return _UNESCAPE_RE.sub(_unescape_one, value)


def _joined(first: str, more: str) -> str:
    """A string matched by ``_ENTRY_RE``: its first line and continuation lines, joined."""
    return first + more[1:-2].replace('"\n"', "") if more else first


def _new_entry(
    linenum: int, msgid: str = "", msgstr: str = "", msgctxt: str | None = None,
    comment: str = "", tcomment: str = "", occurrences: list[tuple[str, str]] | None = None,
    flags: list[str] | None = None,
) -> polib.POEntry:
    """A ``POEntry`` with polib's defaults but for the fields given (its attributes in the
    order polib sets them), 3x faster than ``POEntry(linenum=...)``."""
    entry: polib.POEntry = _new(polib.POEntry)
    entry.msgid = msgid
    entry.msgstr = msgstr
    entry.msgid_plural = ""
    entry.msgstr_plural = {}
    entry.msgctxt = msgctxt  # type: ignore[assignment]  # polib: None when there is none
    entry.obsolete = False
    entry.encoding = polib.default_encoding
    entry.comment = comment
    entry.tcomment = tcomment
    entry.occurrences = [] if occurrences is None else occurrences
    entry.flags = [] if flags is None else flags
    entry.previous_msgctxt = None
    entry.previous_msgid = None
    entry.previous_msgid_plural = None
    entry.linenum = linenum
    return entry


_Handler = Callable[["_Reader", str, str, bool], None]


class _Reader:
    """One pass over the lines; a handler per line kind (see ``_HANDLERS``).

    Each handler gets the stripped line (without a leading ``#~``), the text after its
    first word, and whether the line carried ``#~``.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lineno = 0
        self.state = _START
        self.entry = _new_entry(0)  # polib numbers its first entry 0
        self.entries: list[polib.POEntry] = []
        self.header_entries: list[polib.POEntry] = []
        self.seen: dict[tuple[str | None, str], int] = {}
        self.header = ""
        self.field = ""  # the entry attribute a continuation line extends
        self.plural_index = 0
        self.message_line = 0  # line of the current entry's msgctxt or msgid
        self.msgid_line = 0
        self.message_obsolete = False
        self.plural_entries: list[polib.POEntry] = []  # entries with msgstr[N], in order

    def read(self, text: str) -> tuple[polib.POFile, list[polib.POEntry]]:
        """Read the file, then build it (``finish``): after a complete entry, the entries
        that follow in one ``_ENTRY_RE`` match each (``whole_entries``) where they have the
        common shape, else every non-blank line through its handler."""
        if not text.endswith("\n"):
            text += "\n"  # a blank last line: read as before, and _ENTRY_RE needs the \n
        handlers = _HANDLERS
        continuation = self.continuation
        whole_entries = self.whole_entries
        find = text.find
        position, number, size = 0, 1, len(text)
        while position < size:
            state = self.state
            if state >= _STR or state <= _HEADER and text.startswith("msg", position):
                position, number = whole_entries(text, position, number)
                if position >= size:
                    break
            end = find("\n", position)
            line = text[position:end].strip()
            position = end + 1
            number += 1
            if not line:
                continue
            self.lineno = number - 1
            if line[0] == '"':
                continuation(line, line, False)
                continue
            key, _, rest = line.partition(" ")  # fast path; dispatch() splits at any blank
            handler = handlers.get(key)
            if handler is None:
                self.dispatch(line, False)
            else:
                handler(self, line, rest, False)
        return self.finish()

    def whole_entries(self, text: str, position: int, number: int) -> tuple[int, int]:
        """Read the entries matched by ``_ENTRY_RE`` from ``position`` (line ``number``) on,
        after a complete entry or as the file's first, leaving the state their lines would
        leave; returns the offset and number of the line after them (``position`` and
        ``number`` themselves where the first is not matched or a string must go to the
        line reader)."""
        match_entry = _ENTRY_RE.match
        match = match_entry(text, position)
        if match is None:
            return position, number
        previous = entry = self.entry  # complete; closed (append()) when the next starts
        opening = self.state < _STR  # the file's first entry: nothing to close
        if opening:
            if match[1] is not None:  # its "# " lines are the file's header: line by line
                return position, number
            key: tuple[str | None, str] = (None, "")
            closed_fast = False
        else:
            key = (entry.msgctxt, entry.msgid)
            closed_fast = not entry.obsolete  # else append() closes it
        msgid_line = self.msgid_line
        seen = self.seen
        entries = self.entries
        encoding = polib.default_encoding
        message_line = line = number
        while match is not None:
            (translator, more_translator, extracted, more_extracted, references,
             more_references, flags, more_flags, context, more_context, msgid, more_msgid,
             msgstr, more_msgstr, blank) = match.groups()
            if context is not None and more_context:
                context += more_context[1:-2].replace('"\n"', "")
            if more_msgid:  # _joined, inlined
                msgid += more_msgid[1:-2].replace('"\n"', "")
            if more_msgstr:
                msgstr += more_msgstr[1:-2].replace('"\n"', "")
            if ("\\" in msgid or '"' in msgid or "\\" in msgstr or '"' in msgstr
                    or context is not None and ("\\" in context or '"' in context)):
                exact = _ESCAPED_ENTRY_RE.match(text, position)
                if exact is None:
                    break
                match = exact
                (translator, more_translator, extracted, more_extracted, references,
                 more_references, flags, more_flags, context, more_context, msgid,
                 more_msgid, msgstr, more_msgstr, blank) = match.groups()
                if context is not None:
                    context = _unescaped(_joined(context, more_context))
                msgid = _unescaped(_joined(msgid, more_msgid))
                msgstr = _unescaped(_joined(msgstr, more_msgstr))
            line = number  # the line after the comments: counted, the strings are not scanned
            if translator is None:
                translator = ""
            else:  # as translator_comment(): leading empty ones dropped
                line += 1
                if more_translator:
                    line += more_translator.count("\n")
                    more_translator = more_translator[2:-1].replace("\n# ", "\n")
                    translator = f"{translator}\n{more_translator}".lstrip("\n")
            if extracted is None:
                extracted = ""
            else:
                line += 1
                if more_extracted:
                    line += more_extracted.count("\n")
                    extracted += "\n" + more_extracted[3:-1].replace("\n#. ", "\n")
            occurrences = []
            if references is not None:  # as occurrences(): no reference spans lines
                line += 1
                if more_references:
                    line += more_references.count("\n")
                    references += " " + more_references[3:-1].replace("\n#: ", " ")
                for occurrence in references.split():
                    name, colon, digits = occurrence.rpartition(":")
                    occurrences.append(
                        (name, digits) if colon and digits.isdigit() else (occurrence, ""))
            if flags is None:
                flag_list = []
            else:  # as flags(): no flag spans lines
                line += 1
                if more_flags:
                    line += more_flags.count("\n")
                    flags += "," + more_flags[3:-1].replace("\n#, ", ",")
                if "," in flags:
                    flag_list = [flag.strip() for flag in flags.split(",")]
                else:
                    flag_list = [flags.strip()]
            message_line = line
            if context is not None:
                line += 1 + more_context.count("\n") if more_context else 1
            # the entry before is complete: as append()
            if closed_fast and key[1] and key not in seen:
                seen[key] = msgid_line
                entries.append(entry)
            elif not opening:
                self.entry = entry
                self.msgid_line = msgid_line
                self.append()
                closed_fast = True
            msgid_line = line
            entry = _new(polib.POEntry)  # as _new_entry(), inlined
            entry.msgid = msgid
            entry.msgstr = msgstr
            entry.msgid_plural = ""
            entry.msgstr_plural = {}
            entry.msgctxt = context  # type: ignore[assignment]  # polib: None when none
            entry.obsolete = False
            entry.encoding = encoding
            entry.comment = extracted
            entry.tcomment = translator
            entry.occurrences = occurrences
            entry.flags = flag_list
            entry.previous_msgctxt = None
            entry.previous_msgid = None
            entry.previous_msgid_plural = None
            entry.linenum = number
            if opening:  # polib numbers the first entry 0
                entry.linenum = 0
                opening = False
                closed_fast = True
            key = (context, msgid)
            line += 2  # msgid and msgstr, then their continuation lines
            if more_msgid:
                line += more_msgid.count("\n")
            if more_msgstr:
                line += more_msgstr.count("\n")
            position = match.end()
            number = line + len(blank)
            match = match_entry(text, position)
        if entry is not previous:
            self.entry = entry
            self.state = _STR
            self.field = "msgstr"
            self.message_obsolete = False
            self.message_line = message_line
            self.msgid_line = msgid_line
            self.lineno = line - 1
        return position, number

    def dispatch(self, line: str, obsolete: bool) -> None:
        """Run the handler of one stripped line, split at its first run of whitespace."""
        if line[0] == '"':
            self.continuation(line, line, obsolete)
            return
        words = line.split(None, 1)
        key = words[0]
        handler = _HANDLERS.get(key)
        if handler is None:
            if key.startswith("##"):
                handler = _Reader.translator_comment
            elif key.startswith("msgstr["):
                handler = _Reader.msgstr_n
            else:
                self.fail("syntax error: this line is not a PO keyword, string or comment")
        handler(self, line, words[1] if len(words) > 1 else "", obsolete)

    # -- errors ---------------------------------------------------------------------------
    def fail(self, what: str, line: int | None = None) -> NoReturn:
        raise CatalogSyntaxError(self.path, what + _FIX, line or self.lineno)

    def string(self, token: str, keyword: str) -> str:
        """The value of a quoted PO string, unescaped exactly as polib does."""
        inner = token[1:-1]
        if (token[:1] == '"' == token[-1:] and len(token) > 1
                and '"' not in inner and "\\" not in inner):
            return inner
        return self.escaped_string(token.lstrip(), keyword)

    def escaped_string(self, token: str, keyword: str) -> str:
        if not token:
            self.fail(f"syntax error: {keyword} without a string")
        if token[0] != '"':
            self.fail(f"syntax error: text outside quotes after {keyword}")
        match = _STRING_RE.match(token)
        if match is None:
            self.fail("unterminated string: the closing quote is missing on this line")
        if match.end() != len(token):
            self.fail('malformed string: text after the closing quote (write \\" for a '
                      "quote inside a string)")
        inner = match[1]
        return _UNESCAPE_RE.sub(_unescape_one, inner) if "\\" in inner else inner

    # -- entry boundaries -----------------------------------------------------------------
    def begin(self, what: str) -> None:
        """A comment, ``#|`` or msgctxt/msgid line: close a complete entry, refuse a half one."""
        state = self.state
        if state >= _STR:
            self.append()
            self.entry = _new_entry(self.lineno)
        elif state in _PENDING:
            self.fail(f"syntax error: this entry has no msgstr ({what} comes before it)",
                      self.message_line)

    def append(self) -> None:
        entry = self.entry
        if not entry.obsolete:
            key = (entry.msgctxt, entry.msgid)
            first = self.seen.get(key)
            if first is not None:
                context = "" if entry.msgctxt is None else f" (msgctxt {entry.msgctxt!r})"
                self.fail(f"duplicate entry: msgid {entry.msgid[:60]!r}{context} is already "
                          f"defined at line {first}", self.msgid_line)
            self.seen[key] = self.msgid_line
            if not entry.msgid:
                self.header_entries.append(entry)
        self.entries.append(entry)

    def mixed(self) -> NoReturn:
        self.fail("syntax error: an entry mixes obsolete (#~) and active lines")

    # -- comments -------------------------------------------------------------------------
    def translator_comment(self, line: str, rest: str, obsolete: bool) -> None:
        """``# text`` (also ``#`` and ``##text``); before the first entry, the file header."""
        state = self.state
        if state <= _HEADER:
            self.state = _HEADER
            self.header = f"{self.header}\n{line[2:]}" if self.header else line[2:]
            return
        if state >= _CTXT:
            self.begin("a comment")
        self.state = _COMMENTS
        if line[1:2] == " " or line == "#":
            comment = line[2:]
        else:  # polib: all leading "#", then one space
            comment = line.lstrip("#").removeprefix(" ")
        entry = self.entry
        entry.tcomment = f"{entry.tcomment}\n{comment}" if entry.tcomment else comment

    def extracted_comment(self, line: str, rest: str, obsolete: bool) -> None:
        if rest:
            if self.state >= _CTXT:
                self.begin("a comment")
            self.state = _COMMENTS
            entry = self.entry
            entry.comment = f"{entry.comment}\n{line[3:]}" if entry.comment else line[3:]

    def occurrences(self, line: str, rest: str, obsolete: bool) -> None:
        if not rest:
            return
        if self.state >= _CTXT:
            self.begin("a #: reference")
        self.state = _COMMENTS
        append = self.entry.occurrences.append
        for occurrence in rest.split():
            name, colon, number = occurrence.rpartition(":")
            if colon and number.isdigit():
                append((name, number))
            else:
                append((occurrence, ""))

    def flags(self, line: str, rest: str, obsolete: bool) -> None:
        if rest:
            if self.state >= _CTXT:
                self.begin("a #, flags line")
            self.state = _COMMENTS
            self.entry.flags += [flag.strip() for flag in line[3:].split(",")]

    def previous(self, line: str, rest: str, obsolete: bool) -> None:
        """``#| msgid "..."`` (and ``#~| ...`` in an obsolete entry), or its continuation."""
        if obsolete:
            self.fail("syntax error: write #~| (not #~ #|) before an obsolete entry")
        rest = rest.lstrip()
        if rest[:1] == '"':
            if self.state != _PREVIOUS:
                self.fail("syntax error: a #| continuation line that continues no #| string")
            value = self.string(rest, "#|")
            setattr(self.entry, self.field, getattr(self.entry, self.field) + value)
            return
        words = rest.split(None, 1)
        if not words:
            self.fail("syntax error: #| without a keyword and string")
        field = _PREVIOUS_FIELDS.get(words[0])
        if field is None:
            self.fail(f"syntax error: unknown keyword {words[0][:30]!r} after #|")
        if self.state >= _CTXT:
            self.begin("a #| line")
        self.state = _PREVIOUS
        self.field = field
        setattr(self.entry, field, self.string(words[1] if len(words) > 1 else "",
                                               f"#| {words[0]}"))

    def obsolete_previous(self, line: str, rest: str, obsolete: bool) -> None:
        if rest or obsolete:  # polib skips a bare "#~|"
            self.previous(line, rest, obsolete)

    def obsolete_line(self, line: str, rest: str, obsolete: bool) -> None:
        if obsolete or not rest:
            self.fail("syntax error: #~ must be followed by an obsolete entry's line")
        self.dispatch(rest.lstrip(), True)

    # -- message --------------------------------------------------------------------------
    def msgctxt(self, line: str, rest: str, obsolete: bool) -> None:
        if self.state >= _CTXT:
            self.begin("a second msgctxt")
        self.state = _CTXT
        self.message_line = self.lineno
        self.message_obsolete = obsolete
        self.field = "msgctxt"
        self.entry.msgctxt = self.string(rest, "msgctxt")

    def msgid(self, line: str, rest: str, obsolete: bool) -> None:
        if self.state == _CTXT:
            if obsolete != self.message_obsolete:
                self.mixed()
        else:
            if self.state >= _CTXT:
                self.begin("a second msgid")
            self.message_line = self.lineno
            self.message_obsolete = obsolete
        self.state = _ID
        self.msgid_line = self.lineno
        self.field = "msgid"
        entry = self.entry
        entry.obsolete = obsolete
        entry.msgid = self.string(rest, "msgid")

    def msgid_plural(self, line: str, rest: str, obsolete: bool) -> None:
        if self.state != _ID:
            self.fail("syntax error: msgid_plural must follow a msgid")
        if obsolete != self.message_obsolete:
            self.mixed()
        self.state = _PLURAL
        self.field = "msgid_plural"
        self.entry.msgid_plural = self.string(rest, "msgid_plural")

    def msgstr(self, line: str, rest: str, obsolete: bool) -> None:
        if self.state not in (_ID, _PLURAL):
            self.fail("syntax error: msgstr without a msgid before it")
        if obsolete != self.message_obsolete:
            self.mixed()
        self.state = _STR
        self.field = "msgstr"
        self.entry.msgstr = self.string(rest, "msgstr")

    def msgstr_n(self, line: str, rest: str, obsolete: bool) -> None:
        if self.state not in (_ID, _PLURAL, _STRN):
            self.fail("syntax error: msgstr[N] without a msgid before it")
        if obsolete != self.message_obsolete:
            self.mixed()
        close = line.find("]")
        digits = line[7:close]
        if close < 0 or not (digits.isdigit() and digits.isascii()):
            self.fail("syntax error: malformed msgstr[N]")
        index = int(digits)
        plurals = self.entry.msgstr_plural
        if index in plurals:
            self.fail(f"syntax error: msgstr[{index}] appears twice in this entry")
        if not plurals:
            self.plural_entries.append(self.entry)
        self.state = _STRN
        self.plural_index = index
        plurals[index] = self.string(line[close + 1:].lstrip(), f"msgstr[{index}]")

    def continuation(self, line: str, rest: str, obsolete: bool) -> None:
        state = self.state
        if state < _CTXT:
            self.fail("syntax error: a string continuation line that continues no string")
        if obsolete != self.message_obsolete:
            self.mixed()
        value = self.string(line, "a continuation line")
        if not value:
            return
        entry = self.entry
        if state == _STRN:
            entry.msgstr_plural[self.plural_index] += value
        else:
            setattr(entry, self.field, getattr(entry, self.field) + value)

    # -- end ------------------------------------------------------------------------------
    def finish(self) -> tuple[polib.POFile, list[polib.POEntry]]:
        """Close the last entry and build the ``POFile`` (header entry -> metadata); with the
        entries that have plural forms."""
        if self.state >= _STR:
            self.append()
        elif self.state in _PENDING:
            self.fail("syntax error: the file ends before the msgstr of this entry",
                      self.message_line)
        # as polib.POFile(wrapwidth=WRAPWIDTH, check_for_duplicates=True), its attributes in
        # the same order, encoding "utf-8" (see the module's docstring): 2x faster
        po: polib.POFile = list.__new__(polib.POFile)
        po.fpath = None  # type: ignore[assignment]  # polib: None for a POFile not read from disk
        po.wrapwidth = WRAPWIDTH
        po.encoding = "utf-8"
        po.check_for_duplicates = True
        po.header = self.header
        po.metadata = {}
        po.metadata_is_fuzzy = 0  # type: ignore[assignment]  # polib: 0, or the header's flags
        entries = self.entries
        plural_entries = self.plural_entries
        meta = _metadata_entry(self.header_entries)
        if meta is not None:
            if entries[0] is meta:  # mostly: the header entry comes first
                entries = entries[1:]
            else:
                entries = [entry for entry in entries if entry is not meta]
            if plural_entries:
                plural_entries = [entry for entry in plural_entries if entry is not meta]
            po.metadata_is_fuzzy = meta.flags  # type: ignore[assignment]  # polib: the flags
            po.metadata = _metadata(meta.msgstr)
        po.extend(entries)  # list.extend: the duplicates were checked already
        return po, plural_entries


def _metadata_entry(candidates: list[polib.POEntry]) -> polib.POEntry | None:
    """The entry polib's ``POFile.find("")`` picks among active entries with an empty msgid."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    without_context = [entry for entry in candidates if not entry.msgctxt]
    return without_context[-1] if without_context else candidates[0]


def _metadata(msgstr: str) -> dict[str, str]:
    """Header fields, split exactly as polib does (a line without ``:`` continues a field)."""
    metadata: dict[str, str] = {}
    key = None
    for line in msgstr.splitlines():
        name, colon, value = line.partition(":")
        if colon:
            key = name
            metadata[key] = value.strip()
        elif key is not None:
            metadata[key] += "\n" + line.strip()
    return metadata


_HANDLERS: dict[str, _Handler] = {
    "#": _Reader.translator_comment,
    "#.": _Reader.extracted_comment,
    "#:": _Reader.occurrences,
    "#,": _Reader.flags,
    "#|": _Reader.previous,
    "#~|": _Reader.obsolete_previous,
    "#~": _Reader.obsolete_line,
    "msgctxt": _Reader.msgctxt,
    "msgid": _Reader.msgid,
    "msgid_plural": _Reader.msgid_plural,
    "msgstr": _Reader.msgstr,
}

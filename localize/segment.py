"""Split an English news article into translatable units with exact character spans.

An article is plain text: one paragraph per line, or paragraphs separated by blank lines
(wrapped lines inside such a paragraph belong to it). The first paragraph may be a
HEADLINE, short header lines are DATELINEs and BYLINEs, a dateline may also open the first
body paragraph (``KABUL (Reuters) - The Taliban ...``), and everything else is split into
BODY sentences.

Every unit is a span of the text exactly as read (BOM and CRLF included), trimmed of
whitespace, so ``model.gaps`` plus the units rebuild the article byte for byte.

Sentence splitting looks only at the places where a sentence can end (``.``, ``?``, ``!``,
ellipses, followed by whitespace) and decides each one from the word before and the token
after it, with word lists for abbreviations, titles and sentence openers. Quote marks are
handled locally: a closing quote right after the end punctuation goes with the sentence it
closes. No open/closed quote state is carried, so an unbalanced quote can change at most
the one boundary it touches and never the rest of a paragraph or of the article.
The rules follow the "Golden Rules" of the Pragmatic Segmenter as tested by pySBD (MIT);
no pySBD code is used.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path

from localize.errors import ArticleError
from localize.model import BlockKind, Segment

# What a unit never starts or ends with: exactly the characters str.isspace() accepts
# (regex \s agrees), plus the invisible BOM and zero-width space.
_BLANK = (
    " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u200b"
)
_S = r"\s\ufeff\u200b"  # _BLANK as a regex class body
_NEWLINE = re.compile(r"\r\n|\r|\n")  # universal newlines, as Python's text mode reads them
_OPENERS = "\"'“‘«([{¿¡"
_CLOSERS = "\"'”’»)]}"
_QUOTES = "\"'”’»"

# A place where a sentence may end: a run of end punctuation (with spaced ellipsis dots,
# bounded, and closing quotes/brackets), then whitespace and a next token. Matching starts
# only at the first mark of a run, so runs of dots stay linear, and the engine skips
# ordinary text quickly.
_CANDIDATE = re.compile(
    rf"(?<![.!?…‽])(?P<term>[.!?…‽]+(?:[ ]\.){{0,4}})(?![ ]\.)"
    rf"(?P<close>[{re.escape(_CLOSERS)}]*)(?=[{_S}]+(?P<next>[^{_S}]+))"
)
_LAST_TOKEN = re.compile(rf"[^{_S}]*\Z")
_MULTI_DOT = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")  # U.S, a.m, U.S.A, Ph.D
_LEADING_WORD = re.compile(r"[A-Za-z]+")
# A list label (``1.``, ``2.)``, ``b)``), optionally after a bullet; the basis of list splitting.
_LABEL = re.compile(
    rf"(?<![^{_S}])(?P<bullet>[•⁃▪◦‣●][ ]*)?(?P<label>\d{{1,3}}|[a-z])(?P<punct>\.\)|\.|\))"
    rf"(?=[{_S}])"
)
_BULLET = re.compile(rf"(?<=[{_S}])[•⁃▪◦‣●]")
# ``"Why now?" Karzai asked.``: a quote followed by its attribution is one sentence.
_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w.'’-]*[ ]){1,4}(?:said|says|asked|added|told|insisted|declared|explained"
    r"|stressed|noted|wrote|tweeted|replied|warned|argued|shouted|cried)\b(?P<after>.?)"
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TITLES = _words(
    "Mr Mrs Ms Mx Dr Prof Gen Gens Lt Col Maj Capt Cpt Cmdr Cdr Adm Brig Sgt Cpl Pvt Gov Sen "
    "Rep Rev Hon Pres Supt Insp Det Amb Atty Messrs Mme Mlle Fr Eng St Mt Ft"
)
_NEVER_END = _words("i.e e.g cf viz vs")
_MONTHS = _words("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec")
_BEFORE_NUMBER = _MONTHS | _words(
    "No Nos no nos Nr N° Nº p pp Vol vol Art art Fig fig Ch ch Sec sec Para para Ref ref "
    "Tel tel approx Approx ca c est Rs Ex ex Op op"
)
_MAY_END = _MONTHS | _words(
    "Co Corp Inc Ltd Jr Sr Bros etc al Univ Dept Govt govt Assn Ave Blvd Rd Esq PhD "
    "Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun"
)
_STARTERS = _words(
    "The A An This That These Those There Then Thus He She It They We I You His Her Its "
    "Their Our My Your But And Or So Yet However Meanwhile Also In On At For From With After "
    "Before Since When While Although Though If As Some Many Most All No None Both Each "
    "Every Other Another What Who Why How Where Which Still Later Earlier According Despite "
    "During Under Over"
)
_TIME_INTRO = _words("At By Around About Before After Until Till Since From On Shortly")
_TIME_NEXT = _MONTHS | _words(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December Kabul Afghan Pakistan Eastern "
    "Central Pacific Mountain"
)
_SAY_AFTER = frozenset(",.;:")

# Header lines. A dateline: place, optional region/date, optional agency, then : or a dash.
_WORD = r"[A-Z][A-Za-z'’.]*(?:-[A-Za-z'’.]+)*"
_PLACE = rf"{_WORD}(?:[ ]{_WORD}){{0,3}}"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?:{_MONTH}[ ]\d{{1,2}}(?:,?[ ]\d{{4}})?|\d{{1,2}}[ ]{_MONTH}(?:,?[ ]\d{{4}})?)"
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE})(?P<more>(?:(?:,[ ]*|[ ]?-[ ]*)(?:(?P<date>{_DATE})|{_PLACE})){{0,3}})"
    rf"(?:[ ]*(?P<agency>\([A-Z][\w&.'’ -]{{0,30}}\)))?(?:[ ]*(?P<term>[:—–]|--?))?"
)
_BODY_START = re.compile(rf"[{_S}]*[A-Z0-9\"“‘'«]")
_BYLINE = re.compile(
    r"\(?(?:By|BY|Report(?:ed|ing)?(?:[ ]by)?|(?:Written|Story|Compiled|Edited|Editing|Writing)"
    r"[ ]by|(?:Additional[ ])?[Rr]eporting[ ]by|Reporter|Author|Correspondent)[ ]*:?[ ]+"
    r"(?P<names>[^\r\n]{2,150}?)\)?"
)
_NAME_SPLIT = re.compile(r"[\s,;&/]+")
_NAME_LINKS = _words("and in for of from at by with via de van von al el bin ul")


def read_article(path: Path) -> str:
    """Read an article file as UTF-8 text, exactly as stored.

    The BOM stays as a ``"\\ufeff"`` character and line endings are not translated, so
    segment offsets point into the file's own text (the same result as
    ``open(path, encoding="utf-8", newline="").read()``).

    Args:
        path: the article's plain-text file.

    Returns:
        The whole text.

    Raises:
        ArticleError: the file is missing, a directory, unreadable, binary, not valid
            UTF-8, or holds nothing but whitespace.
    """
    if path.is_dir():
        raise ArticleError(path, "is a directory; give the path of the article's .txt file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(path, "no such file; check the path and the file name") from None
    except OSError as error:
        raise ArticleError(path, f"cannot be read ({error.strerror}); check it") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(path, "is UTF-16 text; save it as UTF-8 and try again")
    if b"\x00" in data:
        raise ArticleError(path, "is binary (it has NUL bytes); give a plain-text article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        bad = f"byte 0x{data[error.start]:02X} on line {line}"
        raise ArticleError(
            path, f"is not valid UTF-8 ({bad}); save it as UTF-8", line=line
        ) from None
    if not text.strip(_BLANK):
        raise ArticleError(path, "is empty (only whitespace); write the article text into it")
    return text


def segment_article(text: str) -> list[Segment]:
    """Split an article into headline, dateline, byline and body-sentence units.

    Pure: no I/O. ``text`` is the article as read by ``read_article`` (BOM and CRLF allowed).

    Args:
        text: the whole article.

    Returns:
        The units in document order, with exact spans (``text[start:end]``), 0-based
        paragraph and unit indices and 1-based line numbers.

    Raises:
        ArticleError: ``text`` is empty or only whitespace (the error has no path).
    """
    if not text.strip(_BLANK):
        raise ArticleError(None, "the article is empty; give it some text to segment")
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    paragraphs = _paragraphs(text, line_starts)
    spans: list[tuple[int, int, BlockKind, int]] = []
    in_header = True
    for number, (start, end) in enumerate(paragraphs):
        para = text[start:end]
        kind = _header_kind(para, in_header)
        if number == 0 and kind is BlockKind.BODY and _is_headline(text, paragraphs):
            kind = BlockKind.HEADLINE
        if kind is not BlockKind.BODY:
            spans.append((start, end, kind, number))
            continue
        body = 0
        dateline = _dateline_prefix(para) if in_header else None
        if dateline is not None:
            spans.append((start, start + dateline, BlockKind.DATELINE, number))
            body = dateline
        in_header = False
        for a, b in _sentences(para[body:]):
            spans.append((start + body + a, start + body + b, BlockKind.BODY, number))
    return [
        Segment(text[a:b], a, b, kind, para, index, bisect_right(line_starts, a))
        for index, (a, b, kind, para) in enumerate(spans)
    ]


def _paragraphs(text: str, line_starts: list[int]) -> list[tuple[int, int]]:
    # Trimmed spans of the non-blank lines, each flagged when a blank line precedes it.
    lines: list[tuple[int, int, bool]] = []
    blank_before = False
    for a, b in zip(line_starts, line_starts[1:] + [len(text)]):
        raw = text[a:b]
        core = raw.strip(_BLANK)
        if not core:
            blank_before = bool(lines)
            continue
        s = a + len(raw) - len(raw.lstrip(_BLANK))
        lines.append((s, s + len(core), blank_before))
        blank_before = False
    if not any(flag for _, _, flag in lines):
        return [(s, e) for s, e, _ in lines]
    blocks: list[list[tuple[int, int]]] = []
    for s, e, flag in lines:
        if flag or not blocks:
            blocks.append([])
        blocks[-1].append((s, e))
    paragraphs: list[tuple[int, int]] = []
    for block in blocks:
        paragraphs.extend(_split_block(text, block, first=not paragraphs))
    return paragraphs


def _split_block(text: str, block: list[tuple[int, int]], first: bool) -> list[tuple[int, int]]:
    # A blank-line separated block is one wrapped paragraph, except that header lines at
    # its top (dateline, byline; and the headline above them in the first block) stand
    # alone, and a block whose every line ends a sentence is really one paragraph per line.
    lines = [text[s:e] for s, e in block]
    if all(line.rstrip(_CLOSERS)[-1:] in ".!?…:" for line in lines[:-1]):
        return block
    header = [_header_kind(line, True) is not BlockKind.BODY for line in lines[:4]]
    if first and len(header) > 1 and header[1]:
        header[0] = True  # the headline
    top = header.index(False) if False in header else len(header)
    if top == 0 or top == len(block):
        return block if top else [(block[0][0], block[-1][1])]
    return block[:top] + [(block[top][0], block[-1][1])]


def _header_kind(para: str, in_header: bool) -> BlockKind:
    if len(para) <= 160 and _is_byline(para):
        return BlockKind.BYLINE
    if in_header and len(para) <= 80:
        m = _DATELINE.fullmatch(para)
        if m and (m["agency"] or m["date"] or (m["term"] and len(para.split()) <= 5)):
            return BlockKind.DATELINE
    return BlockKind.BODY


def _is_byline(para: str) -> bool:
    m = _BYLINE.fullmatch(para)
    if m is None:
        return False
    names = [n for n in _NAME_SPLIT.split(m["names"]) if n]
    return all(n[0].isupper() or n in _NAME_LINKS for n in names)


def _dateline_prefix(para: str) -> int | None:
    # A dateline opening a body paragraph; returns where it ends. Without an agency or a
    # date it needs capitals and a dash or a region (``KABUL -``, ``KABUL, Afghanistan:``)
    # to be told from a sentence or a kicker (``Kabul: ...``, ``NATO SG: ...``).
    m = _DATELINE.match(para, 0, 160)
    if m is None or not m["term"] or not _BODY_START.match(para, m.end()):
        return None
    caps = m["place"].isupper() and len(m["place"]) >= 3
    bare = caps and (m["term"] != ":" or bool(m["more"]))
    return m.end() if m["agency"] or m["date"] or bare else None


def _is_headline(text: str, paragraphs: list[tuple[int, int]]) -> bool:
    if len(paragraphs) < 2:
        return False  # a lone paragraph is the body, whatever it looks like
    first = text[paragraphs[0][0] : paragraphs[0][1]]
    if _dateline_prefix(first) is not None:
        return False
    second = text[paragraphs[1][0] : paragraphs[1][1]]
    if _dateline_prefix(second) is not None:
        return True
    if _header_kind(second, True) is not BlockKind.BODY and len(paragraphs) > 2:
        return True  # a header line follows (a closing credit line would be last)
    one_line = _NEWLINE.search(first) is None
    return one_line and len(first) <= 200 and not first.rstrip(_CLOSERS).endswith(".")


def _sentences(para: str) -> list[tuple[int, int]]:
    """Trimmed ``(start, end)`` spans of the sentences of one paragraph.

    >>> p = "He left at 6 P.M. Mr. Smith stayed. “We won.” He said so."
    >>> [p[a:b] for a, b in _sentences(p)]
    ['He left at 6 P.M.', 'Mr. Smith stayed.', '“We won.”', 'He said so.']
    """
    forced, skip = _list_items(para)
    cuts = list(forced)
    sentence_start = 0
    for m in _CANDIDATE.finditer(para):
        if m.start() in skip:
            continue
        cut = _cut(para, m, _word_before(para, m.start()), sentence_start)
        if cut is not None:
            cuts.append(cut)
            sentence_start = cut
    if forced:
        cuts.sort()
    spans = []
    for a, b in zip([0] + cuts, cuts + [len(para)]):
        piece = para[a:b]
        core = piece.strip(_BLANK)
        if core:
            s = a + len(piece) - len(piece.lstrip(_BLANK))
            spans.append((s, s + len(core)))
    return spans


def _list_items(para: str) -> tuple[list[int], set[int]]:
    # Cuts before list items and the positions of label periods that end nothing. A
    # numbered list counts when it starts the paragraph (or follows a colon and goes on
    # with a second label) and counts up; a label after a bullet always counts.
    forced = [m.start() for m in _BULLET.finditer(para)]
    skip: set[int] = set()
    labels = list(_LABEL.finditer(para))
    previous: re.Match[str] | None = None
    for i, m in enumerate(labels):
        follows = previous is not None and _continues(previous, m)
        colon = para[max(0, m.start() - 8) : m.start()].rstrip(_BLANK)[-1:] == ":"
        opens = colon and i + 1 < len(labels) and _continues(m, labels[i + 1])
        if m["bullet"] or m.start() == 0 or follows or opens:
            skip.add(m.start("punct"))
            if (follows or opens) and not m["bullet"]:
                forced.append(m.start())
            previous = m
    return forced, skip


def _continues(label: re.Match[str], then: re.Match[str]) -> bool:
    # "1." then "2.", "b)" then "c)": the next label, in the same style.
    value = label["label"]
    following = str(int(value) + 1) if value.isdigit() else chr(ord(value) + 1)
    return label["punct"] == then["punct"] and then["label"] == following


def _word_before(para: str, end: int) -> str:
    # The token the end punctuation is attached to (its last 40 characters are enough).
    window = max(0, end - 40)
    word = para[max(window, para.rfind(" ", window, end) + 1) : end]
    if not word.isprintable():  # other whitespace (newline, no-break space, BOM) inside
        found = _LAST_TOKEN.search(word)
        word = found[0] if found else ""
    return word


def _cut(para: str, m: re.Match[str], word: str, sentence_start: int) -> int | None:
    # Where the sentence ends at this candidate, or None when it goes on.
    term, close, after = m["term"], m["close"], m["next"]
    head = after.lstrip(_OPENERS)
    first = head[:1]
    if first.islower() or after[0] == "(":
        return None  # lower case goes on; "(Smith 55)." is a citation, not a new sentence
    if " " in term:
        return _spaced_ellipsis(m, word, term)
    if (len(term) > 1 and term.strip(".") == "") or "…" in term:
        if word.endswith(("[", "(")) or head == "I":
            return None  # "[...]" marks an omission; "... I" rarely starts a sentence
        return m.end()
    if close and close[-1] in _QUOTES:
        said = _ATTRIBUTION.match(para, m.start("next"))
        if said and (term != "." or said["after"] in _SAY_AFTER):
            return None  # “Why now?” Karzai asked.
        return m.end()
    if term != "." or close or (word and word[-1] in _CLOSERS):
        return m.end()
    core, at = word.lstrip(_OPENERS), m.start() - len(word)
    return m.end() if _period_ends(para, at, core, head, sentence_start) else None


def _period_ends(para: str, at: int, core: str, head: str, start: int) -> bool:
    # ``core`` (at ``at``) is the word before a single period; ``head`` the next token.
    if core in _TITLES or core in _NEVER_END:
        return False
    if head[:1].isdigit():
        return core not in _BEFORE_NUMBER
    if len(core) == 1 and core.isupper():
        return _initial_ends(para, at, core, head)
    if core.lower() in ("a.m", "p.m"):
        return _time_ends(para[start : min(at, start + 80)], head)
    if core in _MAY_END or _MULTI_DOT.fullmatch(core):
        return _opens_sentence(head, titles="." not in core)
    return True


def _time_ends(sentence: str, head: str) -> bool:
    # "at 6 P.M. Mr. Smith then ..." and "ended at 7 p.m. Officials ..." end the sentence;
    # "at 5 p.m. Monday", "3:15 p.m. EST" and "At 5 a.m. Mr. Smith went ..." do not.
    w = _LEADING_WORD.match(head)
    if w is not None and (w[0] in _TIME_NEXT or (w[0].isupper() and 2 <= len(w[0]) <= 4)):
        return False
    words = sentence.split()
    intro = len(words) <= 6 and bool(words) and words[0].lstrip(_OPENERS) in _TIME_INTRO
    return not intro


def _initial_ends(para: str, at: int, core: str, head: str) -> bool:
    # "you and I. Did" ends; "Albert I. Jones", "J. R. R. Tolkien", "Jonas E. Smith" go on.
    before = para[max(0, at - 40) : at].split()
    if core == "I" and before and before[-1][:1].islower():
        return True
    if len(head) >= 2 and head[0].isupper() and head[1] == ".":
        return False
    return _opens_sentence(head, titles=False)


def _opens_sentence(head: str, titles: bool) -> bool:
    w = _LEADING_WORD.match(head)
    if w is None:
        return True  # a quote, a number sign, a symbol: as good as a capital
    return w[0] in _STARTERS or (titles and w[0] in _TITLES)


def _spaced_ellipsis(m: re.Match[str], word: str, term: str) -> int | None:
    # "compounds. . . . The" ends after "compounds." (the ellipsis opens the next
    # sentence); "period . . . . Next" ends after the fourth dot; ". . . I" goes on.
    if word:
        return m.start("term") + 1
    return m.end() if term.count(".") >= 4 else None

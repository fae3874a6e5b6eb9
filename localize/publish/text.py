"""Render an ``Edition`` as Markdown, plain text or JSON.

Markdown (GitHub-flavoured): English blocks are Markdown paragraphs; Dari/Pashto blocks sit
in ``<div dir="rtl" lang="…">`` so renderers set the direction. Catalog text is HTML-escaped
and Markdown-escaped, run by run, with ``<bdi dir="ltr">`` around Latin runs, URLs, hashtags
and hyphenated numbers inside right-to-left text.

Plain text: right-to-left lines get FSI … PDI (U+2068 … U+2069) around left-to-right runs
(LANGUAGE.md §2.7), so ``#NATO`` and ``2019-02-10`` display in order and a Latin name at
the start of a line does not turn the line left-to-right.

In both, a sentence whose bidi controls are unbalanced (an override left open, a stray PDI)
is repaired and wrapped in RLI (LRI in English) … PDI (``bidi.isolate_sentence``), so it
cannot reorder the sentences after it; balanced sentences are published as written.

JSON schema ``localize.edition/1`` (keys in this order; ``ensure_ascii=False``; 2-space
indent; UTF-8; trailing newline)::

    {
      "schema": "localize.edition/1",
      "article": "nato-sg-taliban-talks",        # slug (catalog domain)
      "language": "fa_AF",                       # catalog code: fa_AF | ps
      "html_lang": "fa-AF",                      # BCP 47 tag for lang=
      "direction": "rtl",
      "min_state": "reviewed",                   # draft | reviewed | approved
      "published": null | {
        "iso": "2019-02-10",
        "english": "10 February 2019",
        "gregorian": "۱۰ فبروری ۲۰۱۹",           # Gregorian, target-language style
        "solar_hijri": "یکشنبه ۲۱ دلو ۱۳۹۷"      # Afghan solar Hijri, target-language style
      },
      "blocks": [                                # article order
        {
          "kind": "headline" | "dateline" | "byline" | "body",
          "paragraph": 0,                        # 0-based, contiguous
          "units": [                             # sentence occurrences in order
            {
              "source": "English sentence",
              "target": "translation" | null,    # null exactly when shown == "pending"
              "state": "untranslated" | "source-changed" | "draft" | "reviewed" | "approved",
              "shown": "translated" | "draft" | "pending"
            }
          ]
        }
      ]
    }

``shown``: ``translated`` = state at or above ``min_state``; ``draft`` = a machine/unreviewed
draft shown with a badge (only when ``min_state`` is ``draft``); ``pending`` = below
``min_state`` (or empty), shown as "translation pending" without its text. A sentence that
occurs several times in the article appears at each occurrence.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from ..model import BlockKind
from .bidi import FSI, PDI, isolate_markup, isolate_plain, isolate_sentence
from .edition import Block, Edition, Piece, Shown
from .html import check_layout
from .labels import label

SCHEMA = "localize.edition/1"

_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^(?:([#+=-])|(\d+)([.)]))")
_WHITESPACE = re.compile(r"\s+")


def _md_escape(text: str) -> str:
    return _MD_INLINE.sub(r"\\\1", html.escape(_WHITESPACE.sub(" ", text), quote=True))


def _md_line(text: str) -> str:
    """Escape what would start a heading, list or rule at the beginning of a line."""
    return _MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def _pieces_groups(pieces: tuple[Piece, ...]) -> list[tuple[Shown, list[str]]]:
    """Consecutive pieces with the same ``shown``: ``(shown, [target, ...])``."""
    groups: list[tuple[Shown, list[str]]] = []
    for piece in pieces:
        if groups and groups[-1][0] is piece.shown:
            groups[-1][1].append(piece.target or "")
        else:
            groups.append((piece.shown, [piece.target or ""]))
    return groups


def _md_sentences(texts: list[str], direction: str) -> str:
    return " ".join(
        isolate_sentence(text, direction, lambda s: isolate_markup(s, direction, _md_escape))
        for text in texts)


def _plain_sentences(texts: list[str], direction: str) -> str:
    return " ".join(
        isolate_sentence(text, direction, lambda s: isolate_plain(s, direction))
        for text in texts)


# -- Markdown ---------------------------------------------------------------------------------
def render_markdown(edition: Edition, layout: str = "side-by-side") -> str:
    """The edition as GitHub-flavoured Markdown.

    Args:
        edition: from ``build_edition``.
        layout: ``interleaved`` (each English paragraph followed by its translation) or
            ``side-by-side`` (headlines stacked, then a two-column table, one row per
            paragraph, translation column right-aligned).

    Raises:
        ValueError: an unknown layout.
    """
    check_layout(layout)
    lang = edition.language
    code = lang.code
    open_div = f'<div dir="{lang.direction}" lang="{lang.html_lang}">'
    out = [f"<!-- localize edition: {_md_escape(edition.slug)} ({code}) -->", ""]
    out += _md_front(edition, open_div)
    rest: list[Block] = []
    for block in edition.blocks:
        if block.kind is BlockKind.HEADLINE or layout == "interleaved":
            out += _md_stacked(block, edition, open_div)
        else:
            rest.append(block)
    if rest:
        right = f'<span dir="{lang.direction}" lang="{lang.html_lang}">'
        out.append(f"| {label('en', 'language')} | {label(code, 'language')} |")
        out.append("| :--- | ---: |")
        for block in rest:
            english = _md_sentences([p.source for p in block.pieces], "ltr")
            target = _md_target(block.pieces, code, lang.direction)
            out.append(f"| {english} | {right}{target}</span> |")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _md_front(edition: Edition, open_div: str) -> list[str]:
    code = edition.language.code
    english = [f"*{label('en', 'language')} / {label(code, 'language')}*"]
    target: list[str] = []
    date = edition.published
    if date is not None:
        english.append(f"{label('en', 'published')}: {_md_escape(date.english)}")
        target.append(f"{label(code, 'published')}: {_md_escape(date.solar_hijri)} "
                      f"({_md_escape(date.gregorian)})")
    shown = {p.shown for b in edition.blocks for p in b.pieces}
    for key, flag in (("incomplete", Shown.PENDING), ("has_drafts", Shown.DRAFT)):
        if flag in shown:
            english.append(f"> **{label('en', key)}**")
            target.append(f"**{label(code, key)}**")
    out = []
    for line in english:
        out += [line, ""]
    for line in target:
        out += [open_div, "", line, "", "</div>", ""]
    return out


def _md_stacked(block: Block, edition: Edition, open_div: str) -> list[str]:
    lang = edition.language
    prefix = "# " if block.kind is BlockKind.HEADLINE else ""
    english = _md_line(_md_sentences([p.source for p in block.pieces], "ltr"))
    target = _md_line(_md_target(block.pieces, lang.code, lang.direction))
    if block.kind in (BlockKind.DATELINE, BlockKind.BYLINE):
        english, target = f"*{english}*", f"*{target}*"
    return [prefix + english, "", open_div, "", prefix + target, "", "</div>", ""]


def _md_target(pieces: tuple[Piece, ...], code: str, direction: str) -> str:
    out = []
    for shown, texts in _pieces_groups(pieces):
        if shown is Shown.PENDING:
            out.append(f"\\[{label(code, 'pending')} \u2014 "
                       f"<bdi dir=\"ltr\">{label('en', 'pending')}</bdi>\\]")
        elif shown is Shown.DRAFT:
            out.append(f"{_md_sentences(texts, direction)} "
                       f"\\[{label(code, 'draft')} \u2014 "
                       f"<bdi dir=\"ltr\">{label('en', 'draft')}</bdi>\\]")
        else:
            out.append(_md_sentences(texts, direction))
    return " ".join(out)


# -- plain text ---------------------------------------------------------------------------------
def render_text(edition: Edition, layout: str = "side-by-side") -> str:
    """The edition as plain UTF-8 text.

    Args:
        edition: from ``build_edition``.
        layout: ``interleaved`` (each English paragraph followed by its translation) or
            ``side-by-side``: plain text has no columns, so the English article comes
            first and the translated article after it, block for block.

    Raises:
        ValueError: an unknown layout.
    """
    check_layout(layout)
    lang = edition.language
    code = lang.code
    header = [f"{label('en', 'language')} / {isolate_plain(label(code, 'language'), 'ltr')}"]
    date = edition.published
    if date is not None:
        header.append(f"{label('en', 'published')}: {date.english}")
        header.append(f"{label(code, 'published')}: {date.solar_hijri} ({date.gregorian})")
    shown = {p.shown for b in edition.blocks for p in b.pieces}
    for key, flag in (("incomplete", Shown.PENDING), ("has_drafts", Shown.DRAFT)):
        if flag in shown:
            header += [label("en", key), label(code, key)]
    out = ["\n".join(header), ""]
    english = [_WHITESPACE.sub(" ", _plain_sentences([p.source for p in b.pieces], "ltr"))
               for b in edition.blocks]
    target = [_text_target(b.pieces, code, lang.direction) for b in edition.blocks]
    if layout == "interleaved":
        out += [f"{e}\n{t}\n" for e, t in zip(english, target)]
    else:
        out += [f"{e}\n" for e in english]
        out += ["* * *\n"]
        out += [f"{t}\n" for t in target]
    return "\n".join(out).rstrip("\n") + "\n"


def _text_target(pieces: tuple[Piece, ...], code: str, direction: str) -> str:
    out = []
    for shown, texts in _pieces_groups(pieces):
        if shown is Shown.PENDING:
            out.append(f"[{label(code, 'pending')} \u2014 {FSI}{label('en', 'pending')}{PDI}]")
        elif shown is Shown.DRAFT:
            out.append(f"{_plain_sentences(texts, direction)} "
                       f"[{label(code, 'draft')} \u2014 {FSI}{label('en', 'draft')}{PDI}]")
        else:
            out.append(_plain_sentences(texts, direction))
    return _WHITESPACE.sub(" ", " ".join(out))


# -- JSON -------------------------------------------------------------------------------------
def edition_dict(edition: Edition) -> dict[str, Any]:
    """The edition as plain data in the ``localize.edition/1`` schema (module docstring)."""
    date = edition.published
    return {
        "schema": SCHEMA,
        "article": edition.slug,
        "language": edition.language.code,
        "html_lang": edition.language.html_lang,
        "direction": edition.language.direction,
        "min_state": edition.min_state.label,
        "published": None if date is None else {
            "iso": date.iso,
            "english": date.english,
            "gregorian": date.gregorian,
            "solar_hijri": date.solar_hijri,
        },
        "blocks": [
            {
                "kind": block.kind.value,
                "paragraph": block.paragraph,
                "units": [
                    {"source": p.source, "target": p.target, "state": p.state.label,
                     "shown": p.shown.value}
                    for p in block.pieces
                ],
            }
            for block in edition.blocks
        ],
    }


def render_json(edition: Edition) -> str:
    """The edition as JSON (schema ``localize.edition/1``, see the module docstring)."""
    return json.dumps(edition_dict(edition), ensure_ascii=False, indent=2) + "\n"

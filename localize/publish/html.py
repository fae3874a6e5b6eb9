"""Render an ``Edition`` as one self-contained bilingual HTML5 page.

The page is ``<html lang="en" dir="ltr">``; every English block carries ``lang="en"
dir="ltr"`` and every Dari/Pashto block ``lang="fa-AF"|"ps" dir="rtl"`` (LANGUAGE.md §2.7,
§7 item 9). Blocks are aligned paragraph by paragraph in rows: two columns (CSS grid) on
wide screens, stacked on narrow screens and in print; ``interleaved`` always stacks. All
CSS is inline, with logical properties only, and the font stack of LANGUAGE.md §6.

Every string from a catalog goes through ``html.escape(quote=True)`` run by run (see
``bidi.isolate_markup``): a translation containing ``<script>`` is shown as text.

Every sentence, English or translated, is its own bidi isolate: ``<span dir="ltr|rtl">``
(an element with ``dir`` is an isolate) around its text, with its bidi controls balanced
(``bidi.balance_controls``). An override left open in one translation, or a stray PDI that
would close the isolate early, stays inside its sentence; the next sentence, the paragraph
and the English column display as they would without it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from ..model import BlockKind
from .bidi import balance_controls, isolate_markup
from .edition import Block, Edition, Piece, Shown
from .labels import label

LAYOUTS = ("side-by-side", "interleaved")

_SPECIAL = re.compile("[&<>\"']")


def _escape(text: str) -> str:
    """``html.escape(text, quote=True)``; skips the five replacements when none applies."""
    return html.escape(text, quote=True) if _SPECIAL.search(text) else text


CSS = """\
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:#1b1b1b;
font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;font-size:1.0625rem;line-height:1.55}
.edition{max-inline-size:78rem;margin-inline:auto;padding-block:1.5rem 3rem;padding-inline:1rem}
.row{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);column-gap:2.5rem;
row-gap:.35rem;margin-block:0 1.1rem;margin-inline:0;padding:0}
.row>*{margin:0;min-inline-size:0;overflow-wrap:anywhere;text-align:start}
.layout-interleaved .row{grid-template-columns:minmax(0,1fr)}
.layout-interleaved .row>.tgt{padding-block-end:.5rem;border-block-end:1px solid #e3e3e3}
[lang|="fa"],[lang|="ps"]{font-family:"Noto Naskh Arabic","Noto Naskh Arabic UI",
"Noto Sans Arabic","Scheherazade","Amiri","Lateef","Noto Sans","DejaVu Sans",serif;
line-height:1.8;letter-spacing:normal}
.tgt{font-size:1.12em}
h1.row{font-size:1.9rem;line-height:1.3;font-weight:700}
h1.row>[lang|="fa"],h1.row>[lang|="ps"],.ui>[lang|="fa"],.ui>[lang|="ps"]{
font-family:"Noto Sans Arabic","Noto Sans Arabic UI","Noto Naskh Arabic","Noto Sans",sans-serif;
line-height:1.6}
h2.row{font-size:1.35rem;line-height:1.4}
.dateline,.byline{color:#444;font-size:.95rem}
.masthead .row{margin-block-end:.6rem}
.ui{color:#555;font-size:.85rem}
.notice>*{background:#fff6dd;border:1px solid #d9b44a;border-radius:.3rem;padding:.3rem .6rem}
.pending{display:inline-block;color:#5a5a5a;background:#f1f1f1;border:1px dashed #8a8a8a;
border-radius:.3rem;padding-inline:.4rem;font-size:.9em}
.draft{background:#fff6dd;text-decoration:underline dotted #b58900}
.badge{display:inline-block;color:#7a4d00;background:#fff0c2;border:1px solid #d9b44a;
border-radius:.3rem;padding-inline:.35rem;margin-inline-start:.25rem;font-size:.75em;
line-height:1.5;vertical-align:middle}
@media (max-width:48rem){.row{grid-template-columns:minmax(0,1fr)}
.row>.tgt{padding-block-end:.5rem;border-block-end:1px solid #e3e3e3}
h1.row{font-size:1.5rem}}
@media print{body{font-size:11pt}.edition{max-inline-size:none;padding:0}
.row{grid-template-columns:minmax(0,1fr);break-inside:avoid}
.row>.tgt{border:0}
.pending,.badge,.notice>*{background:none;border:1px solid #000;color:#000}}
"""


def render_html(edition: Edition, layout: str = "side-by-side") -> str:
    """The edition as a complete, self-contained HTML5 document.

    Args:
        edition: from ``build_edition``.
        layout: ``side-by-side`` (two columns on wide screens, stacked on narrow screens and
            in print) or ``interleaved`` (always one column, each English paragraph followed
            by its translation).

    Returns:
        The document text (UTF-8 when written; ``<meta charset="utf-8">`` inside).

    Raises:
        ValueError: an unknown layout.
    """
    check_layout(layout)
    lang = edition.language
    attrs = f'lang="{_escape(lang.html_lang)}" dir="{_escape(lang.direction)}"'
    title = f"{balance_controls(edition.title)} \u2014 " + label("en", "edition").format(
        name=lang.name)
    head = (
        '<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="localize">\n'
        f"<title>{_escape(title)}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n"
        f'<article class="edition layout-{layout}" data-article="{_escape(edition.slug)}" '
        f'data-language="{_escape(lang.code)}" data-min-state="{edition.min_state.label}">\n'
    )
    parts = [head]
    parts.append(_masthead(edition, attrs))
    headlines = 0
    for block in edition.blocks:
        if block.kind is BlockKind.HEADLINE:
            headlines += 1
        parts.append(_block(block, edition, attrs, heading=headlines == 1))
    parts.append("</article>\n</body>\n</html>\n")
    return "".join(parts)


def check_layout(layout: str) -> None:
    """Raise ``ValueError`` unless ``layout`` is one of ``LAYOUTS``."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; use one of: {', '.join(LAYOUTS)}")


def _row(tag: str, css: str, paragraph: int | None, english: str, target: str, attrs: str,
         inner: str = "p") -> str:
    data = f' data-paragraph="{paragraph}"' if paragraph is not None else ""
    return (
        f'<{tag} class="row {css}"{data}>'
        f'<{inner} class="src" lang="en" dir="ltr">{english}</{inner}>'
        f'<{inner} class="tgt" {attrs}>{target}</{inner}></{tag}>\n'
    )


def _masthead(edition: Edition, attrs: str) -> str:
    code = edition.language.code
    rows = [_row("div", "languages ui", None, _escape(label("en", "language")),
                 _escape(label(code, "language")), attrs)]
    date = edition.published
    if date is not None:
        iso = _escape(date.iso)
        english = (f'{_escape(label("en", "published"))} <time datetime="{iso}">'
                   f"{_escape(date.english)}</time>")
        target = (f'{_escape(label(code, "published"))}: <time datetime="{iso}">'
                  f'{_escape(date.solar_hijri)}</time> (<time datetime="{iso}">'
                  f'{_escape(date.gregorian)}</time>)')
        rows.append(_row("div", "published ui", None, english, target, attrs))
    shown = {p.shown for b in edition.blocks for p in b.pieces}
    for key, flag in (("incomplete", Shown.PENDING), ("has_drafts", Shown.DRAFT)):
        if flag in shown:
            rows.append(_row("div", f"notice {flag.value}-notice ui", None,
                             _escape(label("en", key)), _escape(label(code, key)), attrs))
    return '<header class="masthead">\n' + "".join(rows) + "</header>\n"


def _sentences(texts: Iterable[str], direction: str) -> str:
    """Each catalog sentence in its own isolate, escaped, its controls balanced."""
    return " ".join(
        f'<span dir="{direction}">{isolate_markup(balance_controls(text), direction, _escape)}'
        "</span>" for text in texts)


def _block(block: Block, edition: Edition, attrs: str, *, heading: bool) -> str:
    english = _sentences((piece.source for piece in block.pieces), "ltr")
    target = _target_html(block.pieces, edition.language.code, edition.language.direction)
    kind = block.kind.value
    if block.kind is BlockKind.HEADLINE:
        tag = "h1" if heading else "h2"
        return _row(tag, kind, block.paragraph, english, target, attrs, "span")
    return _row("div", kind, block.paragraph, english, target, attrs)


def _target_html(pieces: tuple[Piece, ...], code: str, direction: str) -> str:
    """The target paragraph: consecutive pieces with the same ``shown`` share one marker."""
    out: list[str] = []
    group: list[Piece] = []
    for piece in pieces:
        if group and piece.shown is not group[0].shown:
            out.append(_group_html(group, code, direction))
            group = []
        group.append(piece)
    if group:
        out.append(_group_html(group, code, direction))
    return " ".join(out)


def _group_html(group: list[Piece], code: str, direction: str) -> str:
    shown = group[0].shown
    if shown is Shown.PENDING:
        return (f'<span class="pending" role="note">{_escape(label(code, "pending"))} '
                f'<bdi lang="en" dir="ltr">({_escape(label("en", "pending"))})</bdi></span>')
    text = _sentences((p.target or "" for p in group), direction)
    if shown is Shown.DRAFT:
        return (f'<span class="draft">{text}</span> <span class="badge" role="note">'
                f'{_escape(label(code, "draft"))} '
                f'<bdi lang="en" dir="ltr">({_escape(label("en", "draft"))})</bdi></span>')
    return text

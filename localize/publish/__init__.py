"""Bilingual editions: catalog units -> ``Edition`` -> HTML, Markdown, text or JSON.

Pure functions, data in and string out; the CLI reads catalogs and writes files.

>>> sorted(RENDERERS)
['html', 'json', 'md', 'txt']
>>> render, extension = RENDERERS["html"]
>>> extension
'html'

``render(edition, layout)`` for ``html``, ``md`` and ``txt``; ``render(edition)`` for
``json`` (the layout does not apply; passing one is accepted and ignored).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from .edition import Block, Edition, Piece, PublishedDate, Shown, build_edition
from .html import LAYOUTS, render_html
from .labels import LABELS
from .text import SCHEMA, edition_dict, render_json, render_markdown, render_text


class Renderer(NamedTuple):
    """A format: the function that renders it and the file extension (no dot)."""

    render: Callable[..., str]
    extension: str


def _render_json(edition: Edition, layout: str | None = None) -> str:
    return render_json(edition)


RENDERERS: dict[str, Renderer] = {
    "html": Renderer(render_html, "html"),
    "md": Renderer(render_markdown, "md"),
    "txt": Renderer(render_text, "txt"),
    "json": Renderer(_render_json, "json"),
}

__all__ = [
    "LABELS",
    "LAYOUTS",
    "RENDERERS",
    "SCHEMA",
    "Block",
    "Edition",
    "Piece",
    "PublishedDate",
    "Renderer",
    "Shown",
    "build_edition",
    "edition_dict",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
]

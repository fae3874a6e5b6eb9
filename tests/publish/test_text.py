"""render_markdown, render_text, render_json and the RENDERERS table."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import html5lib  # type: ignore[import-untyped]
import pytest

from localize.langs import DARI, PASHTO, Language
from localize.model import State
from localize.publish import (
    LABELS,
    RENDERERS,
    SCHEMA,
    Edition,
    PublishedDate,
    build_edition,
    render_json,
    render_markdown,
    render_text,
)
from localize.publish.bidi import FSI, LRI, PDF, PDI, RLI, balance_controls

from .articles import ARTICLE, BALANCED, HOSTILE, SHARED, TRANSLATIONS, make_units

EVIL = "<script>alert(1)</script>"
LANGUAGES = [DARI, PASHTO]


def _edition(language: Language, min_state: State = State.REVIEWED,
             states: dict[str, State] | None = None) -> Edition:
    return build_edition("nato", make_units(language.code, states=states), language,
                         min_state=min_state)


# -- Markdown -----------------------------------------------------------------------------------
@pytest.mark.parametrize("layout", ["side-by-side", "interleaved"])
def test_markdown_escapes_catalog_text(layout: str) -> None:
    source = ARTICLE[3][1][0]
    units = make_units("ps", targets={source: f"{EVIL} *نه* | [x](y)"})
    units = [u if u.source != source else u.__class__(
        source=f"{EVIL} _a_", target=u.target, state=u.state, positions=u.positions)
        for u in units]
    markdown = render_markdown(build_edition("nato", units, PASHTO), layout)

    assert "<script" not in markdown
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\_a\\_" in markdown
    unwrapped = markdown.replace('<bdi dir="ltr">', "").replace("</bdi>", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\*نه\\* \\| \\[x\\](y)" in unwrapped


def test_markdown_interleaved_puts_each_translation_in_an_rtl_div() -> None:
    markdown = render_markdown(_edition(DARI), "interleaved")
    lines = markdown.splitlines()

    head = ARTICLE[0][1][0]
    i = lines.index(f"# {head}")
    assert lines[i + 1: i + 6] == ["", '<div dir="rtl" lang="fa-AF">', "",
                                  "# " + TRANSLATIONS["fa_AF"][head], ""]
    assert markdown.count('<div dir="rtl" lang="fa-AF">') == len(ARTICLE)
    assert '<bdi dir="ltr">#NATO</bdi>' in markdown
    assert '<bdi dir="ltr">2019-02-10</bdi>' in markdown
    assert '<bdi dir="ltr">Jens Stoltenberg</bdi>' in markdown
    assert '<bdi dir="ltr">https://nato.int</bdi>' in markdown


def test_markdown_side_by_side_is_a_table_with_an_rtl_column() -> None:
    markdown = render_markdown(_edition(PASHTO), "side-by-side")
    rows = [line for line in markdown.splitlines() if line.startswith("| ")]

    assert rows[0] == "| English | پښتو |" and rows[1] == "| :--- | ---: |"
    assert len(rows) == 2 + len(ARTICLE) - 1  # the headline is a heading above the table
    assert all(r.count('<span dir="rtl" lang="ps">') == 1 for r in rows[2:])
    assert TRANSLATIONS["ps"][SHARED] in rows[-1] and TRANSLATIONS["ps"][SHARED] in rows[-2]


def test_markdown_renders_to_html_with_markers() -> None:
    states = {SHARED: State.UNTRANSLATED, ARTICLE[3][1][1]: State.DRAFT}
    markdown = render_markdown(_edition(DARI, State.DRAFT, states), "interleaved")

    assert markdown.count(LABELS["fa_AF"]["pending"]) == 2
    assert markdown.count(LABELS["fa_AF"]["draft"]) == 1
    assert TRANSLATIONS["fa_AF"][ARTICLE[3][1][1]].split()[0] in markdown
    # inline markup in the file is well-formed HTML
    html5lib.HTMLParser(strict=False).parseFragment(markdown)


# -- plain text ---------------------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_text_isolates_ltr_runs_in_rtl_lines(language: Language) -> None:
    text = render_text(_edition(language), "interleaved")

    for run in ("#NATO", "Jens Stoltenberg", "2019-02-10", "https://nato.int", "PMG"):
        assert f"{FSI}{run}{PDI}" in text
    english = [line for line in text.splitlines() if line.startswith("In recent months")]
    assert english and FSI not in english[0]  # English lines are left alone
    assert text.count(TRANSLATIONS[language.code][SHARED]) == 2


def test_text_layouts_interleave_or_follow_each_other() -> None:
    edition = _edition(DARI)
    interleaved = render_text(edition, "interleaved").split("\n\n")
    parallel = render_text(edition, "side-by-side")

    head, head_fa = ARTICLE[0][1][0], TRANSLATIONS["fa_AF"][ARTICLE[0][1][0]]
    assert f"{head}\n{head_fa}" in interleaved
    english_part, target_part = parallel.split("* * *")
    assert head in english_part and head_fa not in english_part
    assert head_fa in target_part and head not in target_part


def test_text_pending_shows_the_marker_not_the_draft() -> None:
    source = ARTICLE[5][1][0]
    text = render_text(_edition(PASHTO, states={source: State.DRAFT}), "interleaved")

    assert TRANSLATIONS["ps"][source] not in text
    assert f"[{LABELS['ps']['pending']} \u2014 {FSI}{LABELS['en']['pending']}{PDI}]" in text
    assert LABELS["ps"]["incomplete"] in text


# -- JSON ---------------------------------------------------------------------------------------
def test_json_follows_the_schema() -> None:
    states = {SHARED: State.UNTRANSLATED}
    document = render_json(_edition(PASHTO, states=states))
    data = json.loads(document)

    assert list(data) == ["schema", "article", "language", "html_lang", "direction", "min_state",
                          "published", "blocks"]
    assert (data["schema"], data["article"], data["language"], data["html_lang"],
            data["direction"], data["min_state"], data["published"]) == (
        SCHEMA, "nato", "ps", "ps", "rtl", "reviewed", None)
    assert [(b["kind"], b["paragraph"]) for b in data["blocks"]] == [
        (kind.value, n) for n, (kind, _) in enumerate(ARTICLE)]
    unit = data["blocks"][0]["units"][0]
    assert list(unit) == ["source", "target", "state", "shown"]
    assert unit["target"] == TRANSLATIONS["ps"][ARTICLE[0][1][0]]
    shared = [u for b in data["blocks"] for u in b["units"] if u["source"] == SHARED]
    assert shared == [{"source": SHARED, "target": None, "state": "untranslated",
                       "shown": "pending"}] * 2
    assert TRANSLATIONS["ps"][ARTICLE[0][1][0]] in document  # ensure_ascii=False
    assert document.endswith("}\n") and render_json(_edition(PASHTO, states=states)) == document


def test_json_published_object(monkeypatch: pytest.MonkeyPatch) -> None:
    from localize.publish import edition as edition_module

    fake = PublishedDate("2019-02-10", "10 February 2019", "۱۰ فبروری ۲۰۱۹", "یکشنبه ۲۱ دلو ۱۳۹۷")
    monkeypatch.setattr(edition_module, "_published", lambda day, language: fake)
    edition = build_edition("nato", make_units("fa_AF"), DARI, published=dt.date(2019, 2, 10))

    assert json.loads(render_json(edition))["published"] == {
        "iso": "2019-02-10", "english": "10 February 2019", "gregorian": "۱۰ فبروری ۲۰۱۹",
        "solar_hijri": "یکشنبه ۲۱ دلو ۱۳۹۷"}


# -- the format table -----------------------------------------------------------------------------
def test_renderers_table() -> None:
    edition = _edition(DARI)
    assert {name: r.extension for name, r in RENDERERS.items()} == {
        "html": "html", "md": "md", "txt": "txt", "json": "json"}
    for name in ("html", "md", "txt"):
        render, _ = RENDERERS[name]
        assert render(edition, "interleaved") != render(edition, "side-by-side")
        with pytest.raises(ValueError):
            render(edition, "columns")
    render, _ = RENDERERS["json"]
    assert render(edition) == render(edition, "interleaved") == render_json(edition)


# -- every sentence a bidi island ---------------------------------------------------------------
def _dari(targets: dict[str, str] | None = None, article: list[Any] | None = None) -> Edition:
    return build_edition("nato", make_units("fa_AF", targets=targets, article=article), DARI)


def _island(line: str) -> tuple[str, str]:
    """A line that starts with an isolate: its content (with FSI, PDI and ``<bdi>`` removed,
    to ignore the run isolates), and the rest of the line after its PDI (matched as BD9
    of UAX #9 does)."""
    assert line[0] == RLI
    depth = 0
    for position, char in enumerate(line[1:], 1):
        if char in (LRI, RLI, FSI):
            depth += 1
        elif char == PDI and depth:
            depth -= 1
        elif char == PDI:
            inner = re.sub(f'[{FSI}{PDI}]|<bdi dir="ltr">|</bdi>', "", line[1:position])
            return inner, line[position + 1:]
    raise AssertionError(f"no PDI closes the sentence: {line!r}")


@pytest.mark.parametrize("case", sorted(HOSTILE))
@pytest.mark.parametrize("render", [render_text, render_markdown])
@pytest.mark.parametrize("layout", ["side-by-side", "interleaved"])
def test_text_repairs_and_isolates_a_hostile_sentence(case: str, render: Any,
                                                       layout: str) -> None:
    first = ARTICLE[3][1][0]
    calm = render(_dari(), layout).splitlines()
    text = render(_dari({first: HOSTILE[case]}), layout).splitlines()

    changed = [(a, b) for a, b in zip(calm, text) if a != b]
    assert len(calm) == len(text) and len(changed) == 1  # English and other lines untouched
    line, hostile_line = changed[0]
    prefix = line[:line.index(TRANSLATIONS["fa_AF"][first])]  # a table cell's start
    assert hostile_line.startswith(prefix)
    inner, rest = _island(hostile_line[len(prefix):])
    assert inner == " ".join(balance_controls(HOSTILE[case]).split()).translate(
        {ord(FSI): None, ord(PDI): None})
    assert rest == line[len(prefix) + len(TRANSLATIONS["fa_AF"][first]):]
    assert balance_controls(hostile_line) == hostile_line


@pytest.mark.parametrize("render", [render_text, render_markdown])
def test_balanced_controls_are_published_as_written_in_text(render: Any) -> None:
    document = render(_dari({ARTICLE[3][1][0]: BALANCED}), "interleaved")

    assert RLI not in document  # balanced: no repair, no extra isolate
    unwrapped = document.replace(FSI, "").replace(PDI, "").replace('<bdi dir="ltr">', "")
    assert BALANCED.replace(PDI, "") in unwrapped.replace("</bdi>", "")


def test_text_english_sentence_with_an_open_override_is_contained() -> None:
    article = [(kind, list(sentences)) for kind, sentences in ARTICLE]
    article[3][1][0] = "The file \u202egnp.exe is harmless."
    targets = {article[3][1][0]: TRANSLATIONS["fa_AF"][ARTICLE[3][1][0]]}
    text = render_text(_dari(targets, article), "interleaved")

    english = next(line for line in text.splitlines() if "gnp.exe" in line)
    assert english == (f"{LRI}The file \u202egnp.exe is harmless.{PDF}{PDI} "
                       + " ".join(ARTICLE[3][1][1:]))
    for _, sentences in ARTICLE[4:]:  # calm English lines are left alone
        assert " ".join(sentences) in text.splitlines()

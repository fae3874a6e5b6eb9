"""Real-browser check of the HTML edition in headless Chromium (no pip dependencies).

One Chromium run loads a wrapper page holding the test copies of the editions in
``<iframe srcdoc>`` frames of exact widths (a headless window cannot be narrower than
500 px, a frame can). A probe script, injected only into the test copies, records for every
block its ``lang``, computed ``direction``, alignment, font stack and box, for every
``<bdi>`` its direction, whether the page overflows horizontally, and whether the Noto
Arabic fonts are really installed; it writes JSON into the wrapper's ``<pre>``, which
``--dump-dom`` prints. Screenshots of the plain editions (Dari at 375 px, Pashto at
1280 px) go to ``<pytest tmp>/browser0/screenshots`` and, when ``$LOCALIZE_TEST_ARTIFACTS``
is set, are copied there as ``publish-<language>-<width>.png``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from localize.langs import DARI, PASHTO, Language
from localize.model import BlockKind, State
from localize.publish import build_edition, render_html

from .articles import ARTICLE, HOSTILE, make_units

CHROMIUM = Path("/usr/bin/chromium")
# One screenshot per width (each Chromium start costs about 2 s of CPU): Dari narrow,
# Pashto wide. The probe run measures both languages at both widths.
SHOTS = ((DARI, 375, 2400), (PASHTO, 1280, 1400))
TIMEOUT = 60
LONG_URL = "https://www.nato.int/cps/en/natohq/opinions_163444.htm?selectedLocale=en&x=1"
# Paragraph 6: a long URL and hashtags, which must wrap instead of widening the page.
EXTRA = f"Full text: {LONG_URL} #NATO #Afghanistan"
EXTRA_TARGETS = {
    "fa_AF": f"متن کامل: {LONG_URL} #NATO #Afghanistan",
    "ps": f"بشپړ متن: {LONG_URL} #NATO #Afghanistan",
}

PROBE = """
(function () {
  var KEY = "%s";
  function box(el) { var r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }
  function textBox(el) { var range = document.createRange(); range.selectNodeContents(el);
    var rects = range.getClientRects(); return box({getBoundingClientRect: function () {
      return rects[0]; }}); }
  function hasFont(name) { var c = document.createElement("canvas").getContext("2d");
    var sample = "ټډړږښګڼېۍځڅ سلام"; c.font = "40px monospace";
    var base = c.measureText(sample).width;
    c.font = "40px '" + name + "', monospace"; return c.measureText(sample).width !== base; }
  var blocks = [];
  document.querySelectorAll(".row").forEach(function (row) {
    Array.prototype.forEach.call(row.children, function (el) {
      var cs = getComputedStyle(el);
      blocks.push({row: row.className, paragraph: row.getAttribute("data-paragraph"),
        side: el.className, lang: el.lang, dir: el.dir, direction: cs.direction,
        fontFamily: cs.fontFamily, letterSpacing: cs.letterSpacing, box: box(el),
        firstLine: textBox(el),
        content: {left: el.getBoundingClientRect().left + parseFloat(cs.paddingLeft)
                    + parseFloat(cs.borderLeftWidth),
                  right: el.getBoundingClientRect().right - parseFloat(cs.paddingRight)
                    - parseFloat(cs.borderRightWidth)}});
    });
  });
  var bdis = Array.prototype.map.call(document.querySelectorAll(".tgt bdi"), function (b) {
    return {text: b.textContent, direction: getComputedStyle(b).direction,
            unicodeBidi: getComputedStyle(b).unicodeBidi}; });
  var result = {key: KEY, innerWidth: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth, blocks: blocks, bdis: bdis,
    fonts: {naskh: hasFont("Noto Naskh Arabic"), sans: hasFont("Noto Sans Arabic")}};
  var out = (window.parent !== window ? window.parent.document : document)
    .getElementById("result-" + KEY);
  out.textContent = JSON.stringify(result);
})();
"""

pytestmark = pytest.mark.browser


def _chromium() -> Path:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium "
                    "fonts-noto-core) to run the browser tests")
    return CHROMIUM


def _edition_html(language: Language, layout: str) -> str:
    article = [*ARTICLE, (BlockKind.BODY, [EXTRA])]
    states = {ARTICLE[3][1][1]: State.DRAFT, ARTICLE[5][1][0]: State.UNTRANSLATED}
    units = make_units(language.code, states=states, article=article,
                       targets={EXTRA: EXTRA_TARGETS[language.code]})
    try:
        import localize.language.dates  # noqa: F401
        published: dt.date | None = dt.date(2019, 2, 10)
    except ImportError:
        published = None
    edition = build_edition("nato-sg-taliban-talks", units, language, min_state=State.DRAFT,
                            published=published)
    return render_html(edition, layout=layout)


def _probed(document: str, key: str) -> str:
    script = f'<pre id="result-{key}" hidden></pre><script>{PROBE % key}</script>\n</body>'
    return document.replace("</body>", script, 1)


def _command(chromium: Path, profile: Path, size: str, *extra: str) -> list[str]:
    return [str(chromium), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}",
            f"--window-size={size}", *extra]


def _run_all(commands: list[list[str]]) -> list[str]:
    """Run the Chromium commands in parallel; their stdout, in order."""
    processes = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for c in commands]
    outputs = []
    try:
        for process, command in zip(processes, commands):
            stdout, stderr = process.communicate(timeout=TIMEOUT)
            assert process.returncode == 0, f"{command}\n{stderr[-2000:]}"
            outputs.append(stdout)
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    return outputs


VIEWS = (("side-by-side", 375), ("side-by-side", 1280), ("interleaved", 1280))
CASES = [(lang, layout, width) for lang in (DARI, PASHTO) for layout, width in VIEWS]


@pytest.fixture(scope="module")
def browser_run(tmp_path_factory: pytest.TempPathFactory, artifacts_dir: Path | None
                ) -> tuple[dict[str, dict[str, Any]], Path]:
    chromium = _chromium()
    work = tmp_path_factory.mktemp("browser")
    shots = work / "screenshots"
    shots.mkdir()
    frames = []
    for language, layout, width in CASES:
        key = f"{language.code}-{layout}-{width}"
        srcdoc = html.escape(_probed(_edition_html(language, layout), key), quote=True)
        frames.append(f'<h2>{key}</h2><pre id="result-{key}"></pre>'
                      f'<iframe title="{key}" width="{width}" height="900" style="border:0;'
                      f'display:block" srcdoc="{srcdoc}"></iframe>')
    wrapper = work / "wrapper.html"
    wrapper.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
                       f'<title>probe</title></head><body>{"".join(frames)}</body></html>',
                       encoding="utf-8")
    commands = [_command(chromium, work / "profile-probe", "1400,1000", "--dump-dom",
                         wrapper.as_uri())]
    for language, width, height in SHOTS:
        page = work / f"edition-{language.code}.html"
        page.write_text(_edition_html(language, "side-by-side"), encoding="utf-8")
        shot = shots / f"{language.code}-{width}.png"
        commands.append(_command(chromium, work / f"profile-{language.code}-{width}",
                                 f"{width},{height}", f"--screenshot={shot}", page.as_uri()))
    dom = _run_all(commands)[0]
    results = {}
    for match in re.finditer(r'<pre id="result-([^"]+)">([^<]*)</pre>', dom):
        results[match[1]] = json.loads(html.unescape(match[2])) if match[2] else {}
    if artifacts_dir is not None:
        artifacts_dir.mkdir(parents=True, exist_ok=True)
        for png in shots.glob("*.png"):
            shutil.copy2(png, artifacts_dir / f"publish-{png.name}")
    return results, shots


@pytest.mark.parametrize(("language", "layout", "width"), CASES,
                         ids=[f"{c[0].code}-{c[1]}-{c[2]}" for c in CASES])
def test_blocks_directions_and_layout_in_chromium(
    browser_run: tuple[dict[str, dict[str, Any]], Path], language: Language, layout: str,
    width: int,
) -> None:
    results, _ = browser_run
    result = results.get(f"{language.code}-{layout}-{width}")
    assert result, "the probe script did not run (see the wrapper page)"

    assert result["innerWidth"] == width
    assert result["scrollWidth"] <= result["innerWidth"], "the page overflows horizontally"
    assert result["fonts"] == {"naskh": True, "sans": True}, "install fonts-noto-core"
    for block in result["blocks"]:
        if block["side"] == "src":
            assert (block["lang"], block["dir"], block["direction"]) == ("en", "ltr", "ltr")
            assert block["firstLine"]["left"] == pytest.approx(block["content"]["left"], abs=1)
        else:
            assert (block["lang"], block["dir"], block["direction"]) == (
                language.html_lang, "rtl", "rtl")
            assert block["fontFamily"].startswith(('"Noto Naskh Arabic"', '"Noto Sans Arabic"'))
            assert block["letterSpacing"] == "normal"
            # right-aligned: the first line starts at the inline-start (right) edge
            assert block["firstLine"]["right"] == pytest.approx(block["content"]["right"], abs=1)
    body = [b for b in result["blocks"] if b["paragraph"] is not None]
    assert len(body) == 2 * (len(ARTICLE) + 1)
    side_by_side = layout == "side-by-side" and width > 768
    blocks = result["blocks"]
    for src, tgt in zip(blocks[::2], blocks[1::2]):
        assert (src["side"], tgt["side"], src["row"]) == ("src", "tgt", tgt["row"])
        if side_by_side:  # English on the left, translation on the right, same line
            assert src["box"]["right"] <= tgt["box"]["left"]
            assert src["box"]["top"] == pytest.approx(tgt["box"]["top"], abs=1)
        else:  # stacked: the translation under its English paragraph
            assert tgt["box"]["top"] >= src["box"]["bottom"] - 1
    assert {b["direction"] for b in result["bdis"]} == {"ltr"}
    isolated = {b["text"] for b in result["bdis"]}
    assert {"#NATO", "Jens Stoltenberg", "2019-02-10", "https://nato.int", LONG_URL} <= isolated


def test_screenshots_are_saved(browser_run: tuple[dict[str, dict[str, Any]], Path]) -> None:
    _, shots = browser_run
    for language, width, height in SHOTS:
        png = (shots / f"{language.code}-{width}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (
            width, height)


ORDER_PROBE = """<pre id="order"></pre><script>
(function () {
  function sentences(block) {
    return Array.prototype.filter.call(block.children, function (el) {
      return el.tagName === "SPAN" && el.dir; }); }
  function boxes(block) {
    return sentences(block).map(function (el) { var r = el.getBoundingClientRect();
      return [Math.round(r.left), Math.round(r.right), Math.round(r.top)]; }); }
  function digitsInOrder(block) {
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT), node;
    while ((node = walker.nextNode())) { var i = node.data.indexOf("2024"); if (i >= 0) {
      var range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      var two = range.getBoundingClientRect().left; range.setStart(node, i + 3);
      range.setEnd(node, i + 4); return two < range.getBoundingClientRect().left; } }
    return null; }
  var rows = {};
  document.querySelectorAll(".row[data-paragraph]").forEach(function (row) {
    var second = sentences(row.children[1])[1];
    rows[row.getAttribute("data-paragraph")] = {src: boxes(row.children[0]),
      tgt: boxes(row.children[1]), digits: second ? digitsInOrder(second) : null}; });
  document.getElementById("order").textContent = JSON.stringify(rows);
})();
</script>
</body>"""


def test_a_hostile_sentence_does_not_reorder_the_others_in_chromium(tmp_path: Path) -> None:
    """One paragraph per hostile translation (and one with a hostile English sentence), each
    followed by two calm sentences: Chromium must show the sentences of every paragraph in
    order (right to left in Dari, left to right in English) on one line, and "2024" in the
    second Dari sentence as 2024."""
    chromium = _chromium()
    cases = sorted(HOSTILE)
    second, third = "Year two.", "Year three."
    article = [(BlockKind.HEADLINE, ["Bidi islands"])]
    article += [(BlockKind.BODY, [f"Case {case}.", second, third]) for case in cases]
    english = "Stray \u2069\u202dx y override."
    article.append((BlockKind.BODY, [english, second, third]))
    targets = {f"Case {case}.": HOSTILE[case] for case in cases}
    targets.update({"Bidi islands": "جزیره‌ها", second: "سال 2024 بود.", third: "جملهٔ سوم.",
                    english: "ساده."})
    units = make_units("fa_AF", article=article, targets=targets)
    page = tmp_path / "hostile.html"
    document = render_html(build_edition("hostile", units, DARI), layout="side-by-side")
    page.write_text(document.replace("</body>", ORDER_PROBE, 1), encoding="utf-8")

    dom = _run_all([_command(chromium, tmp_path / "profile", "1280,2000", "--dump-dom",
                             page.as_uri())])[0]
    found = re.search(r'<pre id="order">([^<]+)</pre>', dom)
    assert found, "the probe script did not run"
    rows = json.loads(html.unescape(found[1]))
    assert len(rows) == len(article)
    for paragraph, row in rows.items():
        if paragraph == "0":
            continue
        name = cases[int(paragraph) - 1] if int(paragraph) <= len(cases) else "english"
        src, tgt = row["src"], row["tgt"]
        assert len(src) == len(tgt) == 3, name
        assert len({top for _, _, top in src + tgt}) <= 2, f"{name}: not one line per column"
        assert src[0][1] <= src[1][0] and src[1][1] <= src[2][0], f"{name}: English order"
        assert tgt[0][0] >= tgt[1][1] and tgt[1][0] >= tgt[2][1], f"{name}: Dari order"
        assert row["digits"] is True, f"{name}: 2024 reversed"

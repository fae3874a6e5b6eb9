"""Benchmark the publisher against plain polib parsing.

Generates N articles' catalogs in Dari and Pashto (U units each, all reviewed, with Latin
names, hashtags, hyphenated dates and URLs so the bidi isolation has work to do, and one
sentence repeated in two paragraphs) in a temporary folder, then times in one run:

  (a) parsing every catalog with polib alone;
  (b) parsing every catalog, building the edition (``build_edition``, with a publication
      date) and rendering it to HTML (``render_html``); once with the real loader
      ``localize.catalog.load_catalog(path).units()`` (when it exists) and once with polib
      plus a small adapter in this file, so the publisher's own share stays visible.

and reports editions per second and the ratio (b)/(a) (target: at most 1.5), with (b)
broken down into loading, building and rendering (``(build+render)/a``). Times are
CPU time of this process (``time.process_time``), passes are interleaved and the best
of ``--repeat`` is kept, so other work on a shared machine disturbs the figures less.

Usage::

    python benchmarks/bench_publish.py                    # 1,000 articles x 2 languages x 40
    python benchmarks/bench_publish.py --articles 50      # quick run
    python benchmarks/bench_publish.py --repeat 3 --json out.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from localize.langs import DARI, PASHTO, Language
from localize.model import BlockKind, State, Unit
from localize.publish import build_edition, render_html

# (English, Dari, Pashto); {n} a number, {y} a year.
TEMPLATES = [
    ("NATO Secretary General Jens Stoltenberg said {n} trainers would stay until {y}.",
     "Jens Stoltenberg، دبیرکل ناتو، گفت که {n} مربی تا سال {y} باقی خواهند ماند.",
     "د ناټو سرمنشي Jens Stoltenberg وویل چې {n} روزونکي به تر {y} کال پورې پاتې شي."),
    ("At least {n} civilians were killed in an explosion in Kabul on {y}-02-10.",
     "دست‌کم {n} غیرنظامی به تاریخ {y}-02-10 در انفجاری در کابل کشته شدند.",
     "لږ تر لږه {n} ملکي وګړي د {y}-02-10 په نېټه په کابل کې په یوه چاودنه کې ووژل شول."),
    ("The Taliban have stepped up their war on Afghan forces in {n} districts since {y}.",
     "طالبان از سال {y} به این سو جنگ خود را علیه نیروهای افغان در {n} ولسوالی شدت بخشیده‌اند.",
     "طالبانو له {y} کال راهیسې په {n} ولسوالیو کې د افغان ځواکونو پر ضد جګړه ګړندۍ کړې ده."),
    ("He told {n} reporters: “This is a result of the efforts of #NATO Allies.”",
     "او به {n} خبرنگار گفت: «این نتیجه تلاش‌های متحدان #NATO است.»",
     "هغه {n} خبریالانو ته وویل: «دا د #NATO متحدینو د هڅو پایله ده.»"),
    ("The full statement of {y} is at https://www.nato.int/cps/en/natohq/{n}.htm for readers.",
     "متن کامل بیانیه سال {y} در https://www.nato.int/cps/en/natohq/{n}.htm است.",
     "د {y} کال د اعلامیې بشپړ متن په https://www.nato.int/cps/en/natohq/{n}.htm کې دی."),
    ("The ministry said {n} schools in the province had reopened by {y}.",
     "وزارت گفت که تا سال {y} شمار {n} مکتب در این ولایت دوباره باز شده‌اند.",
     "وزارت وویل چې تر {y} کال پورې په دې ولایت کې {n} ښوونځي بیا پرانیستل شوي دي."),
]
REPEATED = ("There is still much to be done.", "هنوز کارهای زیادی باید انجام شود.",
            "لا هم ډېر کار پاتې دی چې وشي.")
HEAD = [
    (BlockKind.HEADLINE, ("NATO SG: our support has brought Taliban to the table ({n})",
                          "دبیرکل ناتو: حمایت ما طالبان را به میز مذاکره کشاند ({n})",
                          "د ناټو سرمنشي: زموږ ملاتړ طالبان د خبرو مېز ته راوستل ({n})")),
    (BlockKind.DATELINE, ("Kabul- Afghanistan (PMG):", "کابل، افغانستان (PMG):",
                          "کابل، افغانستان (PMG):")),
    (BlockKind.BYLINE, ("Report: Shershah Nawabi", "گزارش: شیرشاه نوابی", "راپور: شېرشاه نوابي")),
]
_POSITION_RE = re.compile(r"^(headline|dateline|byline|body), paragraph (\d+), unit (\d+)$")


def _article(number: int, units: int) -> list[tuple[BlockKind, tuple[str, str, str]]]:
    """One article: (kind, (English, Dari, Pashto)) per occurrence, in order."""
    rng = random.Random(number)
    out = [(kind, tuple(t.format(n=number) for t in texts)) for kind, texts in HEAD]
    body = units - len(out) - 1  # the repeated sentence: one unit, two occurrences
    for i in range(body):
        template = TEMPLATES[(number + i) % len(TEMPLATES)]
        n, y = rng.randint(2, 99_999) * 100 + i, rng.randint(2001, 2021)
        out.append((BlockKind.BODY, tuple(t.format(n=n, y=y) for t in template)))
    for where in (len(out) // 2, len(out) + 1):
        out.insert(where, (BlockKind.BODY, REPEATED))
    return out  # type: ignore[return-value]


def write_catalogs(folder: Path, articles: int, units: int) -> list[tuple[Path, Language]]:
    """The catalogs, in localize's PO encoding (see ``localize/catalog.py``)."""
    paths = []
    for number in range(articles):
        slug = f"article-{number:04d}"
        occurrences = _article(number, units)
        for column, language in ((1, DARI), (2, PASHTO)):
            po = polib.POFile(wrapwidth=79)
            po.metadata = {"Project-Id-Version": slug, "Language": language.code,
                           "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                           "Content-Transfer-Encoding": "8bit",
                           "Plural-Forms": language.plural_forms}
            entries: dict[str, polib.POEntry] = {}
            paragraph = -1
            for index, (kind, texts) in enumerate(occurrences):
                # headline/dateline/byline: one paragraph each; body: 5 sentences a paragraph
                if kind is not BlockKind.BODY or paragraph < 3 or (index - 3) % 5 == 0:
                    paragraph += 1
                entry = entries.get(texts[0])
                if entry is None:
                    entry = entries[texts[0]] = polib.POEntry(
                        msgid=texts[0], msgstr=texts[column], occurrences=[], comment="")
                    po.append(entry)
                entry.occurrences.append((f"{slug}.txt", str(paragraph + 1)))
                position = f"{kind.value}, paragraph {paragraph + 1}, unit {index + 1}"
                entry.comment = f"{entry.comment}\n{position}" if entry.comment else position
            path = folder / language.code / f"{slug}.po"
            path.parent.mkdir(parents=True, exist_ok=True)
            po.save(str(path))
            paths.append((path, language))
    return paths


def _adapter_units(path: Path) -> list[Unit]:
    """polib entries -> Units, for when ``localize.catalog`` is not there.

    Reads the file itself and gives polib the text, as ``load_catalog`` does (polib's own
    file handling opens the file twice to sniff the encoding).
    """
    units = []
    for entry in polib.pofile(path.read_text(encoding="utf-8"), wrapwidth=79):
        lines = [int(line) for _, line in entry.occurrences]
        positions = []
        for n, comment in enumerate(entry.comment.split("\n")):
            match = _POSITION_RE.match(comment)
            if match:
                positions.append((int(match[2]) - 1, int(match[3]) - 1, BlockKind(match[1]),
                                  lines[n]))
        state = State.DRAFT if "fuzzy" in entry.flags else State.REVIEWED
        units.append(Unit(entry.msgid, entry.msgstr, state, tuple(positions)))
    return units


def _loaders() -> dict[str, Callable[[Path], list[Unit]]]:
    """The real loader (when ``localize.catalog`` has it) first, then the adapter."""
    loaders: dict[str, Callable[[Path], list[Unit]]] = {}
    try:
        from localize.catalog import load_catalog
    except ImportError:
        pass
    else:
        loaders["load_catalog"] = lambda path: load_catalog(path).units()
    loaders["adapter"] = _adapter_units
    return loaders


def _time_pipeline(paths: list[tuple[Path, Language]], load: Callable[[Path], list[Unit]],
                   published: dt.date) -> tuple[float, float, float, int]:
    loading = building = rendering = 0.0
    size = 0
    for path, language in paths:
        t0 = time.process_time()
        units = load(path)
        t1 = time.process_time()
        edition = build_edition(path.stem, units, language, published=published)
        t2 = time.process_time()
        size += len(render_html(edition))
        t3 = time.process_time()
        loading, building, rendering = loading + t1 - t0, building + t2 - t1, rendering + t3 - t2
    return loading, building, rendering, size


def run(articles: int, units: int, repeat: int) -> dict[str, object]:
    loaders = _loaders()
    published = dt.date(2019, 2, 10)
    parse_s: list[float] = []
    timings: dict[str, list[tuple[float, float, float, int]]] = {name: [] for name in loaders}
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as tmp:
        paths = write_catalogs(Path(tmp), articles, units)
        for load in loaders.values():
            check = load(paths[0][0])
            assert len(check) == units and all(u.positions for u in check), "encoding mismatch"
        for path, _ in paths:  # warm the page cache
            path.read_bytes()
        for _ in range(repeat):  # interleaved, so a busy machine hits every variant alike
            start = time.process_time()
            for path, _ in paths:
                polib.pofile(str(path), wrapwidth=79)
            parse_s.append(time.process_time() - start)
            for name, load in loaders.items():
                timings[name].append(_time_pipeline(paths, load, published))
    a = min(parse_s)
    editions = len(paths)
    result: dict[str, object] = {
        "articles": articles, "languages": 2, "editions": editions, "units_per_catalog": units,
        "occurrences_per_article": units + 1, "repeat": repeat,
        "a_parse_s": round(a, 3), "a_catalogs_per_s": round(editions / a, 1),
    }
    for name, runs in timings.items():
        load_s, build_s, render_s, size = min(runs, key=lambda r: r[0] + r[1] + r[2])
        b = load_s + build_s + render_s
        result[f"b[{name}]_total_s"] = round(b, 3)
        result[f"b[{name}]_load_s"] = round(load_s, 3)
        result[f"b[{name}]_editions_per_s"] = round(editions / b, 1)
        result[f"b[{name}]/a"] = round(b / a, 3)
        result["mean_html_kib"] = round(size / editions / 1024, 1)
    fastest = min((run for runs in timings.values() for run in runs), key=lambda r: r[1] + r[2])
    result["build_s"] = round(fastest[1], 3)
    result["render_html_s"] = round(fastest[2], 3)
    result["(build+render)/a"] = round((fastest[1] + fastest[2]) / a, 3)
    result["python"] = sys.version.split()[0]
    result["polib"] = getattr(polib, "__version__", "?")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--units", type=int, default=40,
                        help="distinct sentences (units) per catalog")
    parser.add_argument("--repeat", type=int, default=1, help="take the best of N passes")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    result = run(args.articles, args.units, args.repeat)
    for key, value in result.items():
        print(f"{key:30} {value}")
    first = next(k for k in result if k.endswith("]/a"))
    verdict = "OK" if float(str(result[first])) <= 1.5 else "above target"
    print(f"{'target ' + first + ' <= 1.5':30} {verdict}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

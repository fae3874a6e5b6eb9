"""Benchmark the news segmenter against pySBD (and syntok when installed).

Measures, in one run and on the same data:

* Golden Rules: the share of the 48 English "Golden Rules" cases whose sentences come out
  exactly as expected;
* news F1: boundary F1 on the hand-annotated news set (tests/data/segment/news_gold.jsonl),
  where a boundary is the end offset of a unit (headline, dateline, byline or sentence);
  "in-paragraph" leaves out the ends of paragraphs, which every tool gets for free here;
* speed: characters per second, best of several repeats over a corpus made of copies of
  all news articles and Golden Rules texts. By default the clock is this process's CPU
  time, so other load on a shared machine does not distort the comparison (``--clock
  wall`` for wall-clock time).

localize gets whole articles. The other tools get one paragraph at a time (blank-line
blocks or lines, as localize would find them), which is how one would use them on news and
is kinder to their quality and speed than whole articles.

Usage: python benchmarks/bench_segment.py [--json] [--size CHARS] [--repeats N]
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from localize.segment import segment_article

DATA = ROOT / "tests" / "data" / "segment"
GOLDEN = DATA / "golden_rules_en.json"
NEWS = DATA / "news_gold.jsonl"

Spans = list[tuple[int, int]]
Segmenter = Callable[[str], Spans]

_BLANK_LINE = re.compile(r"\S[^\S\r\n]*(?:\r\n|\r|\n)[^\S\r\n]*(?:\r\n|\r|\n)\s*\S")
_BLOCK = re.compile(r"(?:[^\r\n]*\S[^\r\n]*(?:\r\n|\r|\n)?)+")
_LINE = re.compile(r"[^\r\n]*\S[^\r\n]*")
_BLANKS = " \t\r\n\ufeff\u200b\xa0"


def localize_spans(text: str) -> Spans:
    return [(unit.start, unit.end) for unit in segment_article(text)]


def paragraphs(text: str) -> Spans:
    """Paragraph spans: blank-line separated blocks if there are blank lines, else lines."""
    pattern = _BLOCK if _BLANK_LINE.search(text) else _LINE
    return [_trim(text, m.start(), m.end()) for m in pattern.finditer(text)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip(_BLANKS))
    return start, start + len(piece.strip(_BLANKS))


def per_paragraph(split: Callable[[str], list[str]]) -> Segmenter:
    """Wrap a segmenter of plain strings: feed it paragraphs, find its sentences in them."""

    def spans(text: str) -> Spans:
        result = []
        for start, end in paragraphs(text):
            para, position = text[start:end], 0
            for sentence in split(para):
                core = sentence.strip(_BLANKS)
                found = para.find(core, position) if core else -1
                if found >= 0:
                    result.append((start + found, start + found + len(core)))
                    position = found + len(core)
        return result

    return spans


def load_segmenters() -> dict[str, Segmenter]:
    segmenters: dict[str, Segmenter] = {"localize": localize_spans}
    pysbd = _optional("pysbd")
    if pysbd is not None:
        seg = pysbd.Segmenter(language="en", clean=False)
        segmenters[f"pysbd {pysbd.__version__}"] = per_paragraph(seg.segment)
    syntok = _optional("syntok.segmenter")
    if syntok is not None:
        segmenters["syntok"] = per_paragraph(lambda p: _syntok_split(syntok, p))
    return segmenters


def _optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _syntok_split(module: Any, para: str) -> list[str]:
    sentences = []
    for block in module.analyze(para):
        for sentence in block:
            tokens = list(sentence)
            if tokens:
                end = tokens[-1].offset + len(tokens[-1].value)
                sentences.append(para[tokens[0].offset : end])
    return sentences


def golden_exact(split: Segmenter, cases: list[dict[str, Any]]) -> int:
    return sum([t[a:b] for a, b in split(t)] == c["sentences"] for c in cases for t in [c["text"]])


def news_f1(split: Segmenter, articles: list[dict[str, Any]], in_paragraph: bool) -> float:
    true_positive = predicted = expected = 0
    for article in articles:
        text = article["text"]
        gold = {unit["end"] for unit in article["units"]}
        got = {end for _, end in split(text)}
        if in_paragraph:
            free = {end for _, end in paragraphs(text)}
            gold, got = gold - free, got - free
        true_positive += len(gold & got)
        predicted += len(got)
        expected += len(gold)
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / expected if expected else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def chars_per_second(
    split: Segmenter, corpus: list[str], repeats: int, clock: Callable[[], float]
) -> float:
    total = sum(map(len, corpus))
    best = float("inf")
    for _ in range(repeats):
        started = clock()
        for document in corpus:
            split(document)
        best = min(best, clock() - started)
    return total / best


def run(size: int, repeats: int, clock: str = "cpu") -> dict[str, Any]:
    cases = json.loads(GOLDEN.read_text(encoding="utf-8"))
    articles = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()]
    documents = [a["text"] for a in articles] + [c["text"] for c in cases]
    copies = -(-size // sum(map(len, documents)))
    corpus = documents * copies
    timer = time.process_time if clock == "cpu" else time.perf_counter
    results: dict[str, dict[str, Any]] = {}
    for name, split in load_segmenters().items():
        exact = golden_exact(split, cases)
        results[name] = {
            "golden_exact": exact,
            "golden_pct": round(100 * exact / len(cases), 1),
            "news_f1": round(news_f1(split, articles, in_paragraph=False), 4),
            "news_f1_in_paragraph": round(news_f1(split, articles, in_paragraph=True), 4),
            "chars_per_s": round(chars_per_second(split, corpus, repeats, timer)),
        }
    return {
        "python": platform.python_version(),
        "golden_cases": len(cases),
        "news_articles": len(articles),
        "news_units": sum(len(a["units"]) for a in articles),
        "corpus_chars": sum(map(len, corpus)),
        "repeats": repeats,
        "clock": clock,
        "results": results,
    }


def print_table(report: dict[str, Any]) -> None:
    results: dict[str, dict[str, Any]] = report["results"]
    cases = report["golden_cases"]
    print(
        f"corpus {report['corpus_chars']:,} chars, best of {report['repeats']} "
        f"({report['clock']} time); {cases} Golden Rules cases; {report['news_articles']} news "
        f"articles, {report['news_units']} gold units; Python {report['python']}"
    )
    print(f"{'segmenter':<14}{'golden':>14}{'news F1':>10}{'in-para F1':>12}{'chars/s':>13}")
    for name, r in results.items():
        golden = f"{r['golden_exact']}/{cases} {r['golden_pct']:.1f}%"
        print(
            f"{name:<14}{golden:>14}{r['news_f1']:>10.4f}{r['news_f1_in_paragraph']:>12.4f}"
            f"{r['chars_per_s']:>13,.0f}"
        )
    pysbd = [name for name in results if name.startswith("pysbd")]
    if pysbd:
        ratio = results["localize"]["chars_per_s"] / results[pysbd[0]]["chars_per_s"]
        print(f"speed ratio localize/pysbd: {ratio:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--size", type=int, default=1_000_000, help="corpus size in characters")
    parser.add_argument("--repeats", type=int, default=3, help="timing repeats (best is kept)")
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu", help="what to time")
    args = parser.parse_args()
    report = run(args.size, args.repeats, args.clock)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)


if __name__ == "__main__":
    main()

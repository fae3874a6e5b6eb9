"""Throughput of localize's CTranslate2 engine vs argostranslate vs raw CTranslate2.

One run, same model, same sentences, same beam, same decoding cap:

  (a) localize ``CTranslate2Translator`` (length-sorted token batches, inter_threads = cores)
  (b) argostranslate ``translate()`` called per sentence, with its default settings
  (c) raw ``ctranslate2.Translator.translate_batch``: one call, all sentences length-sorted,
      1024-token batches, inter_threads = cores, intra_threads = 1, int8 (the best settings
      found; ENGINE.md §3) - timed including SentencePiece encode/decode, as (a) is

The model is a transformer-base-sized demo package (6+6 layers, d_model 512, 32k vocabulary,
int8, random weights, built offline and cached under benchmarks/results/). Its ``</s>`` bias
is negative, so every sentence decodes exactly to the cap: work is identical across variants.

Usage::

    python benchmarks/bench_translate.py            # ~200 sentences (argostranslate is slow)
    python benchmarks/bench_translate.py --quick    # 40 sentences
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from localize.engine.base import EngineOptions
from localize.engine.ctranslate import CTranslate2Translator
from localize.engine.demo import build_demo_package
from localize.engine.packages import (
    ModelPackage,
    install_package,
    list_packages,
    remove_package,
    validate_archive,
)
from localize.errors import PackageError

RESULTS = ROOT / "benchmarks" / "results"
ARTICLE = ROOT / "examples" / "nato-sg-taliban-talks.txt"
TO_CODE = "prs"

_SUBJECTS = [
    "The government",
    "NATO's secretary general",
    "Officials in Kabul",
    "The United Nations",
    "Afghan security forces",
    "The Taliban delegation",
    "Women's rights groups",
    "The health ministry",
    "A spokesman for the president",
    "Aid agencies in Herat",
]
_VERBS = [
    "said on Monday that",
    "warned on Tuesday that",
    "announced that",
    "denied reports that",
    "confirmed on Friday that",
    "told reporters in Doha that",
]
_OBJECTS = [
    "talks would resume next week in Doha",
    "more than 3,000 civilians were killed last year",
    "schools for girls would reopen in March",
    "aid deliveries to Herat had been delayed",
    "the ceasefire would be extended by ten days",
    "a border crossing would open near Torkham",
    "the budget for 2024 had been cut by 12 percent",
    "elections could not be held this year",
]


def news_sentences(count: int, seed: int = 1) -> list[str]:
    """The article's sentences (naive split), then generated news-like ones; all distinct."""
    text = ARTICLE.read_text(encoding="utf-8")
    found = [s.strip() for s in re.split(r"(?<=[.?!])\s+|\n", text) if len(s.split()) >= 3]
    sentences = list(dict.fromkeys(found))
    rng = random.Random(seed)
    seen = set(sentences)
    while len(sentences) < count:
        sentence = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}."
        if rng.random() < 0.5:
            sentence = sentence[:-1] + f", according to {rng.choice(_SUBJECTS).lower()}."
        if sentence not in seen:
            seen.add(sentence)
            sentences.append(sentence)
    return sentences[:count]


def base_package(threads: int, texts: list[str]) -> ModelPackage:
    """Build (once) and install the transformer-base-sized demo package under RESULTS.

    SentencePiece also trains on ``texts`` so English tokenizes about as compactly as with a
    real Argos model (~1.3 pieces per word) instead of falling back to letters.
    """
    models, packages = RESULTS / "models", RESULTS / "packages"
    models.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:10]
    archive = models / f"bench-base-{TO_CODE}-seed0-{digest}.argosmodel"
    try:
        validate_archive(archive)
    except PackageError:
        print("building the base-size demo model (once; cached in benchmarks/results)...")
        for stale in models.glob(f"bench-base-{TO_CODE}-*.argosmodel"):
            stale.unlink()
        build_demo_package(
            archive,
            to_code=TO_CODE,
            size="base",
            eos_bias=-10.0,
            threads=threads,
            extra_text=texts,
        )
    folder = validate_archive(archive).folder
    if folder in {p.name for p in list_packages(packages).packages}:
        remove_package(folder, packages)  # same folder name, maybe another text digest
    return install_package(archive, packages)


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall seconds and this process's CPU seconds (all threads) spent in ``run``."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def bench_localize(
    package: ModelPackage, texts: list[str], a: argparse.Namespace
) -> tuple[float, float]:
    options = EngineOptions.for_cores(
        a.threads,
        beam_size=a.beam,
        max_decoding_length=a.cap,
        decoding_length_ratio=None,  # fixed cap, identical for every variant
    )
    engine = CTranslate2Translator(package, options)
    engine.translate(texts[:2])  # warm-up
    seconds = timed(lambda: engine.translate(texts))
    assert len(engine.translate(texts[:3])) == 3
    return seconds


def bench_raw(
    package: ModelPackage, texts: list[str], a: argparse.Namespace
) -> tuple[float, float]:
    import ctranslate2
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(package.tokenizer))
    translator = ctranslate2.Translator(
        str(package.model_dir),
        device="cpu",
        compute_type="int8",
        inter_threads=a.threads,
        intra_threads=1,
    )

    def run(batch: list[str]) -> list[str]:
        tokens = sp.encode(batch, out_type=str)
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        results = translator.translate_batch(
            [tokens[i] for i in order],
            max_batch_size=1024,
            batch_type="tokens",
            beam_size=a.beam,
            max_decoding_length=a.cap,
            length_penalty=0.2,
            replace_unknowns=True,
            return_scores=False,
        )
        out = [""] * len(batch)
        for i, result in zip(order, results):
            out[i] = sp.decode(result.hypotheses[0])
        return out

    run(texts[:2])
    return timed(lambda: run(texts))


def prepare_argos(package: ModelPackage, a: argparse.Namespace) -> list[str]:
    """Environment and patches so argostranslate runs offline; returns what was done."""
    home = RESULTS / "argos-home"
    # argostranslate reads settings (and creates dirs) at import: set them first.
    os.environ.update(
        {
            "ARGOS_PACKAGES_DIR": str(package.path.parent),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "ARGOS_DEVICE_TYPE": "cpu",
            "ARGOS_BEAM_SIZE": str(a.beam),
        }
    )
    import argostranslate.sbd
    import argostranslate.translate
    import ctranslate2

    # MiniSBD would download en.onnx on first use (offline: URLError), and no ARGOS_CHUNK_TYPE
    # avoids both a download and stanza (NONE raises NotImplementedError). Each input is one
    # sentence already, so the splitter returns it unchanged.
    def one_sentence(self: object, text: str) -> list[str]:
        return [text]

    argostranslate.sbd.MiniSBDSentencizer.split_sentences = one_sentence

    # argostranslate passes no max_decoding_length; inject the shared cap.
    class CappedTranslator:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self._inner = ctranslate2.Translator(*args, **kwargs)

        def translate_batch(self, *args: Any, **kwargs: Any) -> Any:
            kwargs.setdefault("max_decoding_length", a.cap)
            return self._inner.translate_batch(*args, **kwargs)

    argostranslate.translate.ctranslate2 = types.SimpleNamespace(Translator=CappedTranslator)
    return [
        "MiniSBDSentencizer.split_sentences patched to return each (single) sentence as-is",
        f"ctranslate2.Translator wrapped to add max_decoding_length={a.cap}",
        (
            f"ARGOS_BEAM_SIZE={a.beam}; other ARGOS_* at defaults (batch 32 tokens, inter 1, "
            "intra 0, compute auto)"
        ),
    ]


def bench_argos(texts: list[str]) -> tuple[float, float]:
    from argostranslate import translate

    translate.translate(texts[0], "en", TO_CODE)  # warm-up: loads the model

    def run() -> None:
        for text in texts:
            translate.translate(text, "en", TO_CODE)

    return timed(run)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="40 sentences instead of 200")
    parser.add_argument("--sentences", type=int, default=None)
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--cap", type=int, default=48, help="max_decoding_length, all variants")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=3, help="best of N for (a) and (c)")
    parser.add_argument("--skip-argos", action="store_true")
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    a = parser.parse_args(argv)
    count = a.sentences or (40 if a.quick else 200)

    texts = news_sentences(count)
    package = base_package(a.threads, news_sentences(400) * 5)
    notes = [] if a.skip_argos else prepare_argos(package, a)
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(package.tokenizer))
    lengths = [len(t) for t in sp.encode(texts, out_type=str)]
    print(f"model: {package.name} ({package.size_bytes / 1e6:.0f} MB, int8, 6+6 x 512, 32k vocab)")
    print(
        f"{len(texts)} sentences, {sum(lengths) / len(lengths):.1f} source tokens on average "
        f"(max {max(lengths)}); beam {a.beam}; decoding cap {a.cap} tokens for every variant; "
        f"{a.threads} threads"
    )
    best: dict[str, tuple[float, float]] = {}
    for _ in range(max(1, a.repeat)):  # interleaved, best of N: this machine may be shared
        for name, bench in (("localize", bench_localize), ("raw", bench_raw)):
            wall, cpu = bench(package, texts, a)
            old = best.get(name, (float("inf"), float("inf")))
            best[name] = (min(old[0], wall), min(old[1], cpu))
    if not a.skip_argos:
        best["argos"] = bench_argos(texts)
    rate = {name: len(texts) / wall for name, (wall, _) in best.items()}
    cpu_ms = {name: 1000 * cpu / len(texts) for name, (_, cpu) in best.items()}
    labels = {
        "localize": "(a) localize CTranslate2Translator ",
        "argos": "(b) argostranslate translate()     ",
        "raw": "(c) raw ctranslate2 translate_batch",
    }
    for name in ("localize", "argos", "raw"):
        if name in rate:
            print(
                f"{labels[name]}: {rate[name]:7.2f} sentences/s  "
                f"{cpu_ms[name]:7.0f} CPU-ms/sentence (all threads)"
            )
    if "argos" in rate:
        print(
            f"(a)/(b) = {rate['localize'] / rate['argos']:.1f}x  (target >= 6x); "
            f"CPU efficiency {cpu_ms['argos'] / cpu_ms['localize']:.1f}x"
        )
    print(
        f"(a)/(c) = {rate['localize'] / rate['raw']:.2f}   (target >= 0.95); "
        f"CPU efficiency {cpu_ms['raw'] / cpu_ms['localize']:.2f}"
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average at the end: {load:.1f} on {os.cpu_count()} CPUs")
    for note in notes:
        print(f"argostranslate offline: {note}")
    if a.json:
        a.json.write_text(
            json.dumps(
                {
                    "sentences": len(texts),
                    "beam": a.beam,
                    "cap": a.cap,
                    "threads": a.threads,
                    "rate": rate,
                    "cpu_ms_per_sentence": cpu_ms,
                    "notes": notes,
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

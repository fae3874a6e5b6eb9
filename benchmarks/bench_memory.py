"""Benchmark: translation-memory lookup (dictionary index) against a naive linear scan.

Builds a memory of N synthetic units made from repeating news phrases, then measures
lookups per second with ``TranslationMemory.lookup`` and with a linear scan over the same
units (comparing precomputed keys: the fairest naive baseline), in the same run.

    python benchmarks/bench_memory.py            # N=40,000
    python benchmarks/bench_memory.py --n 10000 --queries 5000 --scan-queries 200 --json out.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from localize.language.memory import MemoryMeta, TranslationMemory, memory_key

SUBJECTS = [
    "NATO Secretary General Jens Stoltenberg",
    "The Taliban spokesman",
    "The Ministry of Interior",
    "Afghan security forces",
    "The UN Security Council",
    "A provincial official in Kandahar",
    "The Ministry of Public Health",
    "US officials",
]
VERBS = ["said", "announced", "reported", "confirmed", "denied", "warned"]
OBJECTS = [
    "that {n} soldiers were deployed to the province",
    "that peace talks will resume in {n} days",
    "that {n} people were killed in an explosion",
    "that the budget for {n} was approved by parliament",
    "that {n} schools reopened in Kabul",
    "that the attack wounded {n} civilians",
]


def synthetic_units(count: int, seed: int = 7) -> list[tuple[str, str]]:
    """``count`` distinct (source, target) pairs built from repeating news phrases."""
    rng = random.Random(seed)
    units = []
    for index in range(count):
        sentence = (
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} "
            f"{rng.choice(OBJECTS).format(n=index)} on Monday."
        )
        units.append((sentence, f"ترجمه {index}"))
    return units


def run(count: int, queries: int, scan_queries: int) -> dict[str, float]:
    units = synthetic_units(count)
    memory = TranslationMemory("fa_AF")
    meta = MemoryMeta(origin="bench", reviewer="bench", date="2024-01-01")
    started = time.perf_counter()
    for source, target in units:
        memory.add(source, target, meta)
    build_s = time.perf_counter() - started

    rng = random.Random(11)
    # Half hits (with spacing and quote variants), half misses.
    probe = []
    for index in range(queries):
        source = rng.choice(units)[0]
        probe.append("  " + source if index % 2 else source.replace("Monday", "Tuesday"))

    started = time.perf_counter()
    hits = sum(memory.lookup(text) is not None for text in probe)
    index_s = time.perf_counter() - started

    keyed = [(memory_key(source), target) for source, target in units]
    started = time.perf_counter()
    scan_hits = 0
    for text in probe[:scan_queries]:
        key = memory_key(text)
        for unit_key, _target in keyed:
            if unit_key == key:
                scan_hits += 1
                break
    scan_s = time.perf_counter() - started

    index_rate = queries / index_s
    scan_rate = scan_queries / scan_s
    expected_scan_hits = sum(memory.lookup(text) is not None for text in probe[:scan_queries])
    assert scan_hits == expected_scan_hits, "the baseline and the index disagree"
    return {
        "units": count,
        "build_s": round(build_s, 3),
        "index_lookups": queries,
        "index_hits": hits,
        "index_lookups_per_s": round(index_rate),
        "scan_lookups": scan_queries,
        "scan_lookups_per_s": round(scan_rate, 1),
        "ratio": round(index_rate / scan_rate, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40_000, help="memory units (default 40000)")
    parser.add_argument("--queries", type=int, default=20_000, help="lookups through the index")
    parser.add_argument("--scan-queries", type=int, default=200, help="lookups by linear scan")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    figures = run(args.n, args.queries, args.scan_queries)
    for name, value in figures.items():
        print(f"{name:>22}: {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Benchmark writing catalogs: polib's ``str(po)`` against localize's ``render_po(po)``.

Generates the catalogs of ``bench_check.py`` (default 1,000 x 40 units, seed 20240601: Dari
and Pashto drafts with layout comments, references, the ``fuzzy`` flag and a provenance
line), loads each with ``localize.catalog.load_catalog(path)``, checks that both renderers
give the same text for every catalog (and the file as polib saved it), then times, in one
run, turn about, rendering every catalog with

  (a) ``str(po)``: ``polib.POFile.__unicode__``, what ``Catalog.render`` used to call;
  (b) ``localize.catalog._render.render_po(po)``, what it calls now.

Times are CPU time of this process (``time.process_time``) and wall time, best of
``--repeat``; the ratio is (a) / (b) in CPU time.

Usage::

    python benchmarks/bench_render.py                  # 1,000 x 40 units, best of 3
    python benchmarks/bench_render.py --catalogs 100   # quick run
    python benchmarks/bench_render.py --json out.json  # also write the figures
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_check import generate  # this folder is on sys.path when run as a script

from localize.catalog import load_catalog
from localize.catalog._render import render_po


def _interleaved(runs: dict[str, Callable[[], int]],
                 repeat: int) -> dict[str, tuple[int, float, float]]:
    """Best (units, CPU s, wall s) of each run; the runs take turns, so a busy machine hurts
    all alike."""
    best: dict[str, tuple[int, float, float]] = {}
    for _ in range(repeat):
        for name, run in runs.items():
            cpu, wall = time.process_time(), time.perf_counter()
            count = run()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            if name not in best or cpu < best[name][1]:
                best[name] = (count, cpu, wall)
    return best


def measure(catalogs: list[polib.POFile], repeat: int) -> dict[str, tuple[int, float, float]]:
    def run(render: Callable[[polib.POFile], str]) -> Callable[[], int]:
        def rendered() -> int:
            for po in catalogs:
                render(po)
            return sum(len(po) for po in catalogs)
        return rendered

    return _interleaved({"(a) str(po)  [polib]": run(str),
                         "(b) render_po(po)  [localize]": run(render_po)}, repeat)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--catalogs", type=int, default=1000)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--repeat", type=int, default=3, help="best of N")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
        files = generate(Path(tmp), args.catalogs, args.units, args.seed)
        catalogs = [load_catalog(path).po for path, _ in files]
        differ = [path.name for (path, _), po in zip(files, catalogs)
                  if not render_po(po) == str(po) == path.read_text(encoding="utf-8")]
    if differ:
        print(f"render_po differs from str(po) on {len(differ)} catalogs: {differ[:5]}")
        return 1
    figures = measure(catalogs, args.repeat)
    print(f"{len(catalogs)} catalogs x {args.units} units, identical output; best of "
          f"{args.repeat}")
    print(f"{'renderer':32} {'units':>7} {'cpu s':>8} {'wall s':>8} {'units/s cpu':>12} "
          f"{'ms/catalog':>11}")
    for name, (count, cpu, wall) in figures.items():
        print(f"{name:32} {count:7d} {cpu:8.3f} {wall:8.3f} {count / cpu:12,.0f} "
              f"{1000 * cpu / len(catalogs):11.2f}")
    (_, polib_cpu, polib_wall), (_, ours_cpu, ours_wall) = figures.values()
    print(f"render_po is {polib_cpu / ours_cpu:.1f}x str(po) in CPU time "
          f"({polib_wall / ours_wall:.1f}x wall; target >= 5x)")
    if args.json:
        args.json.write_text(json.dumps(
            {name: {"units": count, "cpu_s": cpu, "wall_s": wall}
             for name, (count, cpu, wall) in figures.items()}, indent=2) + "\n",
            encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

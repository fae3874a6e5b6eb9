"""Scale: extract, status, translate and catalog update on a newsroom-sized archive.

Generates N news-like articles of about 40 units each (templates filled with random names,
places and numbers, so sentences differ; ``tests/hardening/newsgen.py``), then measures, each
CLI step as its own process:

  extract     ``localize extract DIR`` for Dari and Pashto (templates + 2 catalogs per
              article), then again with nothing changed (the up-to-date check);
  status      ``localize status`` over all catalogs;
  translate   ``localize translate`` with the tiny demo model (Pashto, beam 1, 4096-token
              batches) on the first 30, 100, 300 articles (``--big``: 100, 300, 1,000): units/s,
              CPU seconds (comparable on a busy machine, unlike wall time) and peak memory,
              with its growth per 100 articles (flat: about 0), as the number of articles grows;
  update      one 10,000-unit catalog (drafts, a third reviewed with a translator note, some
              approved) after editing its article (10% of sentences changed, 5% deleted, 5%
              inserted): localize against GNU ``msgmerge`` (with and without ``--previous``)
              on the same PO and POT, in the same run, each as a process that reads both files
              and writes the result (localize: ``load_catalog`` x2, ``update_catalog``,
              ``save_catalog``; start-up included on both sides), in interleaved rounds; the
              ratio, and what each result keeps (source-changed units with their previous
              English, obsolete units, lost reviewed work). ``localize extract`` from the
              edited article (which also segments it and writes the template) is shown too.

Wall time is ``time.perf_counter``; peak memory is ``ru_maxrss`` of the step's process and CPU
time its user + system time, read with ``resource.getrusage(RUSAGE_CHILDREN)`` in a small
wrapper process that runs only that step (RUSAGE_CHILDREN is a maximum over all children, so
each step gets its own wrapper).

Usage::

    python benchmarks/bench_scale.py                 # 1,000 articles (~4-5 min on 2 cores)
    python benchmarks/bench_scale.py --quick         # 100 articles, small update (< 1 min)
    python benchmarks/bench_scale.py --big           # + 10,000 articles, translate up to 1,000
    python benchmarks/bench_scale.py --json out.json --workdir /tmp/scale   # keep the files
    python benchmarks/bench_scale.py --update-only --update-rounds 3   # update vs msgmerge

Flags: ``--articles N``, ``--units N`` (per article), ``--translate-sizes 30,100,300``,
``--update-units N``, ``--edit-rate F``, ``--update-rounds N``, ``--seed N``,
``--skip-translate``, ``--skip-update``, ``--update-only``. Needs GNU gettext (``msgmerge``) for the update comparison.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from localize.catalog import Catalog, load_catalog, save_catalog
from localize.extract import plan_extract, write_extract
from localize.langs import LANGUAGES
from localize.model import Origin, Provenance, State
from localize.project import Locales
from tests.hardening.newsgen import SENTENCES, _fill, generate_article, write_articles

MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "seconds = time.perf_counter() - start\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps({'rc': done.returncode, 'seconds': seconds, 'peak_kb': usage.ru_maxrss,\n"
    "                  'cpu_s': usage.ru_utime + usage.ru_stime,\n"
    "                  'stdout': done.stdout[-20000:], 'stderr': done.stderr[-4000:]}))\n"
)
FAST = ["--beam-size", "1", "--batch-size", "4096"]
NOW = dt.datetime(2024, 6, 11, 9, 0, tzinfo=dt.timezone.utc)


def measured(args: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``localize *args`` in its own wrapper; seconds, peak RSS (MB) and output."""
    command = [sys.executable, "-c", MEASURE, sys.executable, "-m", "localize", *args]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"localize {' '.join(args[:2])} failed:\n{result['stderr']}")
    result["peak_mb"] = result.pop("peak_kb") / 1024
    return result


def environment(packages: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LOCALIZE_", "ARGOS_"))}
    if packages is not None:
        env["ARGOS_PACKAGES_DIR"] = str(packages)
    return env


# -- extract and status -----------------------------------------------------------------------
def bench_extract(work: Path, count: int, units: int, seed: int) -> dict[str, Any]:
    articles = work / f"articles-{count}"
    locales = work / f"locales-{count}"
    started = time.perf_counter()
    write_articles(articles, count, seed=seed, units=units)
    generated = time.perf_counter() - started
    total_units = sum(1 for _ in (articles.glob("*.txt"))) * units
    first = measured(["extract", str(articles), "--locales", str(locales)], environment())
    again = measured(["extract", str(articles), "--locales", str(locales)], environment())
    status = measured(["status", "--locales", str(locales)], environment())
    files = sum(1 for p in locales.rglob("*") if p.suffix in (".po", ".pot"))
    size = sum(p.stat().st_size for p in locales.rglob("*") if p.is_file())
    return {
        "articles": count, "units": total_units, "files": files, "locales_mb": size / 2**20,
        "generate_s": generated,
        "extract_s": first["seconds"], "extract_peak_mb": first["peak_mb"],
        "extract_again_s": again["seconds"], "extract_again_peak_mb": again["peak_mb"],
        "status_s": status["seconds"], "status_peak_mb": status["peak_mb"],
    }


# -- translate --------------------------------------------------------------------------------
_DRAFTED = re.compile(r"drafted (\d+) by engine .* in ([\d.]+) s")


def bench_translate(work: Path, sizes: list[int], units: int, seed: int) -> list[dict[str, Any]]:
    from localize.engine.demo import build_demo_package
    from localize.engine.packages import install_package

    packages = work / "packages"
    archive = build_demo_package(work / "demo-ps.argosmodel", to_code="ps")
    install_package(archive, packages)
    source = work / "translate-articles"
    write_articles(source, max(sizes), seed=seed + 1, units=units)
    everything = sorted(source.glob("*.txt"))
    rows = []
    for size in sizes:
        subset = work / f"translate-{size}"
        subset.mkdir()
        for path in everything[:size]:
            os.link(path, subset / path.name)
        locales = work / f"translate-locales-{size}"
        result = measured(["translate", str(subset), "-l", "ps", "--locales", str(locales), *FAST],
                          environment(packages))
        match = _DRAFTED.search(result["stdout"])
        drafted, engine_s = (int(match[1]), float(match[2])) if match else (0, 0.0)
        rows.append({
            "articles": size, "units": size * units, "drafted": drafted,
            "wall_s": result["seconds"], "cpu_s": result["cpu_s"], "engine_s": engine_s,
            "units_per_s": drafted / engine_s if engine_s else 0.0,
            "units_per_s_wall": drafted / result["seconds"],
            "peak_mb": result["peak_mb"],
        })
        shutil.rmtree(locales)
    return rows


# -- update vs msgmerge -------------------------------------------------------------------------
def make_states(catalog: Catalog, rng: random.Random) -> None:
    provenance = Provenance(Origin.MACHINE, "demo", "1", "ps", "2024-06-10")
    for number, unit in enumerate(catalog.units()):
        catalog.set_draft(unit.source, f"پیش‌نویس ماشینی شماره {number}", provenance)
        if number % 3 == 0:
            entry = next(e for e in catalog.po if e.msgid == unit.source and not e.obsolete)
            entry.flags.remove("fuzzy")
            entry.msgstr = f"ترجمهٔ بازبینی‌شده شماره {number}"
            entry.tcomment += f"\ntranslator: checked against the wire copy {number}"
            if rng.random() < 0.3:
                catalog.approve(unit.source, "Editor", "2024-06-11")
    save_catalog(catalog)


def edit_article(text: str, rng: random.Random, rate: float) -> tuple[str, Counter[str]]:
    """Change a word in ``rate`` of the sentences, delete ``rate/2``, insert ``rate/2``."""
    edits: Counter[str] = Counter()
    lines = text.split("\n")
    out = lines[:3]
    for line in lines[3:]:
        sentences = [s for s in re.split(r"(?<=\.) ", line) if s]
        kept = []
        for sentence in sentences:
            roll = rng.random()
            if roll < rate:
                words = sentence.split(" ")
                position = rng.randrange(len(words))
                words[position] = rng.choice(["several", "many", "dozens of", "new", "local"])
                sentence = " ".join(words)
                edits["changed"] += 1
            elif roll < rate * 1.5:
                edits["deleted"] += 1
                continue
            kept.append(sentence)
            if rng.random() < rate / 2:
                kept.append(_fill(rng, rng.choice(SENTENCES)))
                edits["inserted"] += 1
        out.append(" ".join(kept))
    return "\n".join(out), edits


def describe(path: Path) -> dict[str, int]:
    """What a catalog keeps, read with localize (states) and by the letter (comments)."""
    catalog = load_catalog(path, "ps")
    units = catalog.units()
    states = Counter(u.state for u in units)
    active = [e for e in catalog.po if not e.obsolete and e.msgid]
    texts = Counter(e.msgstr for e in active if e.msgstr)
    return {
        "active": len(units),
        "obsolete": sum(1 for e in catalog.po if e.obsolete),
        "untranslated": states[State.UNTRANSLATED],
        "draft": states[State.DRAFT],
        "source_changed": states[State.SOURCE_CHANGED],
        "reviewed": states[State.REVIEWED],
        "approved": states[State.APPROVED],
        "previous_msgid_lines": sum(1 for e in catalog.po if e.previous_msgid),
        "distinct_translator_notes": len({line for e in catalog.po
                                          for line in (e.tcomment or "").split("\n")
                                          if line.startswith("translator: checked")}),
        "stale_approvals_on_fuzzy": sum(1 for e in active if "fuzzy" in e.flags
                                        and "approved: " in (e.tcomment or "")),
        "translations_copied_to_2plus_units": sum(n - 1 for n in texts.values() if n > 1),
    }


# localize's side of the comparison, as msgmerge does it: a process that reads the PO and the
# POT, merges, and writes the result (timed from outside, like msgmerge, start-up included).
UPDATE = (
    "import json, sys, time\n"
    "start = time.perf_counter()\n"
    "from pathlib import Path\n"
    "from localize.catalog import load_catalog, save_catalog, update_catalog\n"
    "imported = time.perf_counter()\n"
    "existing, template = load_catalog(Path(sys.argv[1])), load_catalog(Path(sys.argv[2]))\n"
    "loaded = time.perf_counter()\n"
    "merged = update_catalog(existing, template).catalog\n"
    "done = time.perf_counter()\n"
    "save_catalog(merged, Path(sys.argv[3]))\n"
    "saved = time.perf_counter()\n"
    "print(json.dumps({'import_s': imported - start, 'load_s': loaded - imported,\n"
    "                  'merge_s': done - loaded, 'save_s': saved - done}))\n"
)


def run_update(tool: str, before: Path, pot: Path, out: Path) -> tuple[float, dict[str, float]]:
    """One update of ``before`` with ``pot`` into ``out`` (a fresh file); wall seconds."""
    out.unlink(missing_ok=True)
    if tool == "localize":
        command = [sys.executable, "-c", UPDATE, str(before), str(pot), str(out)]
    else:
        options = ["--previous"] if tool == "msgmerge_previous" else []
        command = ["msgmerge", "--quiet", *options, "-o", str(out), str(before), str(pot)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{tool} failed:\n{done.stderr[-4000:]}")
    return seconds, json.loads(done.stdout) if tool == "localize" else {}


def merged_entries(path: Path) -> list[tuple[Any, ...]]:
    return [(e.msgid, e.msgstr, e.obsolete, e.flags, e.previous_msgid, e.tcomment, e.comment,
             e.occurrences) for e in load_catalog(path, "ps").po]


UPDATE_TOOLS = ("localize", "msgmerge", "msgmerge_previous")


def bench_update(work: Path, units: int, rate: float, seed: int, rounds: int) -> dict[str, Any]:
    rng = random.Random(seed + 2)
    root = work / "update"
    article = root / "big.txt"
    root.mkdir()
    article.write_text(generate_article(rng, units), encoding="utf-8")
    locales = Locales(root / "locales")
    pashto = [LANGUAGES["ps"]]
    write_extract(plan_extract([article], pashto, locales, NOW), locales)
    po, pot = locales.catalog_path("ps", "big"), locales.template_path("big")
    make_states(load_catalog(po, "ps"), rng)
    before = root / "before.po"
    shutil.copyfile(po, before)
    reviewed_texts = {u.target for u in load_catalog(po, "ps").units()
                      if u.state >= State.REVIEWED}
    edited, edits = edit_article(article.read_text(encoding="utf-8"), rng, rate)
    article.write_text(edited, encoding="utf-8")

    # The CLI's way (`localize extract`), in process: from the article, so it also segments,
    # builds and writes the template; not what msgmerge does, shown for reference.
    started = time.perf_counter()
    plan = plan_extract([article], pashto, locales, NOW)
    planned = time.perf_counter() - started
    write_extract(plan, locales)  # writes the new POT that every tool below merges with
    extract_s = time.perf_counter() - started
    results: dict[str, Any] = {
        "units": units, "edits": dict(edits), "template_units": len(load_catalog(pot).po),
        "extract_s": extract_s, "extract_plan_s": planned,
        "rounds": {tool: [] for tool in UPDATE_TOOLS}, "localize_phases": [],
    }
    outputs = {tool: root / f"{tool}.po" for tool in UPDATE_TOOLS}
    for _ in range(rounds):  # interleaved, so that a busy spell hits every tool alike
        for tool in UPDATE_TOOLS:
            seconds, phases = run_update(tool, before, pot, outputs[tool])
            results["rounds"][tool].append(seconds)
            if phases:
                results["localize_phases"].append(phases)
    for tool in UPDATE_TOOLS:
        results[f"{tool}_s"] = min(results["rounds"][tool])
    results["ratios"] = [ours / theirs for ours, theirs in
                         zip(results["rounds"]["localize"], results["rounds"]["msgmerge"])]
    results["ratio"] = results["localize_s"] / results["msgmerge_s"]
    results["ratio_previous"] = results["localize_s"] / results["msgmerge_previous_s"]
    results["extract_same_result"] = merged_entries(po) == merged_entries(outputs["localize"])
    for tool, path in outputs.items():
        kept = describe(path)
        texts = {e.msgstr for e in load_catalog(path, "ps").po if e.msgstr}
        kept["reviewed_translations_lost"] = len(reviewed_texts - texts)
        results[tool] = kept
    return results


# -- report -----------------------------------------------------------------------------------
def table(header: list[str], rows: list[list[Any]]) -> str:
    cells = [[f"{c:,.2f}" if isinstance(c, float) else f"{c:,}" if isinstance(c, int) else str(c)
              for c in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = ["  ".join(c.rjust(w) if n else c.ljust(w) for n, (c, w) in enumerate(zip(row, widths)))
             for row in cells]
    return "\n".join([lines[0], "  ".join("-" * w for w in widths), *lines[1:]])


def report(results: dict[str, Any]) -> str:
    out = [f"localize scale benchmark: {results['machine']}"]
    for ext in results["extract"]:
        title = (f"extract / status: {ext['articles']:,} articles, {ext['units']:,} units, "
                 f"{ext['files']:,} files, {ext['locales_mb']:.1f} MB")
        out += ["", title,
                table(["step", "seconds", "peak MB", "ms/article"], [
                    ["extract (create)", ext["extract_s"], ext["extract_peak_mb"],
                     1000 * ext["extract_s"] / ext["articles"]],
                    ["extract (up to date)", ext["extract_again_s"], ext["extract_again_peak_mb"],
                     1000 * ext["extract_again_s"] / ext["articles"]],
                    ["status", ext["status_s"], ext["status_peak_mb"],
                     1000 * ext["status_s"] / ext["articles"]],
                ])]
    if results.get("translate"):
        out += ["", "translate (Pashto, tiny demo model, beam 1, 4096-token batches)",
                table(["articles", "units", "drafted", "wall s", "CPU s", "engine s",
                       "units/s engine", "units/s wall", "peak MB", "MB/100 articles"],
                      [[r["articles"], r["units"], r["drafted"], r["wall_s"], r["cpu_s"],
                        r["engine_s"], r["units_per_s"], r["units_per_s_wall"], r["peak_mb"],
                        _growth(results["translate"], r)]
                       for r in results["translate"]])]
    if results.get("update"):
        out += report_update(results["update"])
    return "\n".join(out)


def _growth(rows: list[dict[str, Any]], row: dict[str, Any]) -> str:
    """Peak memory added per 100 articles since the smallest size (flat: about 0)."""
    first = rows[0]
    if row is first:
        return "-"
    return f"{100 * (row['peak_mb'] - first['peak_mb']) / (row['articles'] - first['articles']):+.2f}"


def report_update(up: dict[str, Any]) -> list[str]:
    edits = ", ".join(f"{v} {k}" for k, v in sorted(up["edits"].items()))
    rounds = len(up["rounds"]["localize"])
    phases = min(up["localize_phases"], key=lambda p: sum(p.values()))
    split = ", ".join(f"{k.removesuffix('_s')} {v:.2f}" for k, v in phases.items())
    each = ", ".join(f"{r:.3f}" for r in up["ratios"])
    title = (f"update one {up['units']:,}-unit article's catalog ({up['template_units']:,} "
             f"distinct sentences) after edits ({edits}): the same PO and POT for every tool, "
             f"each a process that reads both and writes the result; best of {rounds} "
             f"interleaved round(s), wall seconds")
    return [
        "", title,
        table(["tool", "seconds"], [
            ["localize (load PO + POT, merge, save)", up["localize_s"]],
            [f"  of which: {split}", ""],
            ["GNU msgmerge", up["msgmerge_s"]],
            ["GNU msgmerge --previous", up["msgmerge_previous_s"]],
            ["ratio localize / msgmerge (best)", f"{up['ratio']:.3f}"],
            ["ratio localize / msgmerge (each round)", each],
            ["ratio localize / msgmerge --previous (best)", f"{up['ratio_previous']:.3f}"],
            ["for reference: localize extract from the article", up["extract_s"]],
            ["  of which plan (segment, template, load, merge)", up["extract_plan_s"]],
        ]),
        f"extract wrote the same entries as the update: {up['extract_same_result']}",
        "", "what each result keeps (states as localize reads them)",
        table(["", "localize", "msgmerge", "msgmerge --previous"],
              [[k, up["localize"][k], up["msgmerge"][k], up["msgmerge_previous"][k]]
               for k in up["localize"]]),
    ]


def machine() -> str:
    import platform

    return (f"{platform.python_implementation()} {platform.python_version()}, "
            f"{os.cpu_count()} CPUs, {platform.machine()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--units", type=int, default=40, help="units per article")
    parser.add_argument("--translate-sizes", default=None,
                        help="comma-separated article counts [30,100,300; --big 100,300,1000]")
    parser.add_argument("--update-units", type=int, default=10_000)
    parser.add_argument("--edit-rate", type=float, default=0.10,
                        help="update: share of sentences changed; half as many deleted and "
                        "inserted [0.10]")
    parser.add_argument("--update-rounds", type=int, default=2,
                        help="update: interleaved rounds of localize and msgmerge [2]")
    parser.add_argument("--update-only", action="store_true",
                        help="only the update comparison (no extract, status or translate)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true",
                        help="100 articles, translate 10/30, a 2,000-unit update")
    parser.add_argument("--big", action="store_true",
                        help="also 10,000 articles for extract/status; translate 100/300/1,000")
    parser.add_argument("--skip-translate", action="store_true")
    parser.add_argument("--skip-update", action="store_true")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="keep the generated files here (must not exist)")
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    a = parser.parse_args(argv)
    if a.quick:
        a.articles, a.update_units = 100, 2_000
    sizes = ([int(s) for s in a.translate_sizes.split(",")] if a.translate_sizes
             else [10, 30] if a.quick else [100, 300, 1000] if a.big else [30, 100, 300])
    if not a.skip_update and not shutil.which("msgmerge"):
        raise SystemExit("needs GNU gettext (msgmerge) for the update comparison; "
                         "or pass --skip-update")
    if a.workdir:
        a.workdir.mkdir(parents=True)
        work = a.workdir
    else:
        temp = tempfile.TemporaryDirectory(prefix="bench-scale-")
        work = Path(temp.name)
    results: dict[str, Any] = {"machine": machine(), "extract": []}
    counts = [a.articles] + ([10_000] if a.big and a.articles != 10_000 else [])
    if a.update_only:
        counts, a.skip_translate, a.skip_update = [], True, False
    for count in counts:
        print(f"extract/status: {count:,} articles ...", file=sys.stderr)
        results["extract"].append(bench_extract(work, count, a.units, a.seed))
    if not a.skip_translate:
        print(f"translate: {sizes} articles ...", file=sys.stderr)
        results["translate"] = bench_translate(work, sizes, a.units, a.seed)
    if not a.skip_update:
        print(f"update: {a.update_units:,} units ...", file=sys.stderr)
        results["update"] = bench_update(work, a.update_units, a.edit_rate, a.seed,
                                         a.update_rounds)
    print(report(results))
    if a.json:
        a.json.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Scale: extract, status, translate and catalog update on a newsroom-sized archive.

Generates N news-like articles of about 40 units each (templates filled with random names,
places and numbers, so sentences differ; ``tests/hardening/newsgen.py``), then measures, each
CLI step as its own process:

  extract     ``localize extract DIR`` for Dari and Pashto (templates + 2 catalogs per
              article), then again with nothing changed (the up-to-date check);
  status      ``localize status`` over all catalogs;
  translate   ``localize translate`` with the tiny demo model (Pashto, beam 1, 4096-token
              batches) on the first 30, 100, 300 articles (``--big``: 100, 300, 1,000): units/s
              and peak memory, to see how memory grows with the number of articles;
  update      one 10,000-unit catalog (drafts, a third reviewed with a translator note, some
              approved) after editing its article (5% of sentences changed, 2.5% deleted,
              2.5% inserted): localize (``plan_extract`` + ``write_extract``, in process)
              against GNU ``msgmerge`` (with and without ``--previous``) on the same PO and
              POT, in the same run, and what each result keeps.

Wall time is ``time.perf_counter``; peak memory is ``ru_maxrss`` of the step's process, read
with ``resource.getrusage(RUSAGE_CHILDREN)`` in a small wrapper process that runs only that
step (RUSAGE_CHILDREN is a maximum over all children, so each step gets its own wrapper).

Usage::

    python benchmarks/bench_scale.py                 # 1,000 articles (~4-5 min on 2 cores)
    python benchmarks/bench_scale.py --quick         # 100 articles, small update (< 1 min)
    python benchmarks/bench_scale.py --big           # + 10,000 articles, translate up to 1,000
    python benchmarks/bench_scale.py --json out.json --workdir /tmp/scale   # keep the files

Flags: ``--articles N``, ``--units N`` (per article), ``--translate-sizes 30,100,300``,
``--update-units N``, ``--edit-rate F``, ``--seed N``, ``--skip-translate``,
``--skip-update``. Needs GNU gettext (``msgmerge``) for the update comparison.
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
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(json.dumps({'rc': done.returncode, 'seconds': seconds, 'peak_kb': peak,\n"
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
            "wall_s": result["seconds"], "engine_s": engine_s,
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
        "translator_notes": sum((e.tcomment or "").count("translator: checked") for e in catalog.po),
        "stale_approvals_on_fuzzy": sum(1 for e in active if "fuzzy" in e.flags
                                        and "approved: " in (e.tcomment or "")),
        "translations_copied_to_2plus_units": sum(n - 1 for n in texts.values() if n > 1),
    }


def bench_update(work: Path, units: int, rate: float, seed: int) -> dict[str, Any]:
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

    started = time.perf_counter()
    plan = plan_extract([article], pashto, locales, NOW)
    planned = time.perf_counter() - started
    write_extract(plan, locales)
    localize_s = time.perf_counter() - started
    results: dict[str, Any] = {"units": units, "edits": dict(edits), "localize_s": localize_s,
                               "localize_plan_s": planned}
    outputs = {"localize": po}
    for name, options in (("msgmerge", []), ("msgmerge_previous", ["--previous"])):
        out = root / f"{name}.po"
        started = time.perf_counter()
        subprocess.run(["msgmerge", "--quiet", *options, "-o", str(out), str(before), str(pot)],
                       check=True)
        results[f"{name}_s"] = time.perf_counter() - started
        outputs[name] = out
    results["ratio"] = localize_s / results["msgmerge_s"]
    for name, path in outputs.items():
        kept = describe(path)
        texts = {e.msgstr for e in load_catalog(path, "ps").po if e.msgstr}
        kept["reviewed_translations_lost"] = len(reviewed_texts - texts)
        results[name] = kept
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
                table(["articles", "units", "drafted", "wall s", "engine s", "units/s engine",
                       "units/s wall", "peak MB"],
                      [[r["articles"], r["units"], r["drafted"], r["wall_s"], r["engine_s"],
                        r["units_per_s"], r["units_per_s_wall"], r["peak_mb"]]
                       for r in results["translate"]])]
    if results.get("update"):
        up = results["update"]
        edits = ", ".join(f"{v} {k}" for k, v in sorted(up["edits"].items()))
        out += ["", f"update one {up['units']:,}-unit catalog after edits ({edits})",
                table(["tool", "seconds"], [
                    ["localize plan_extract + write_extract", up["localize_s"]],
                    ["  of which plan_extract (load, merge)", up["localize_plan_s"]],
                    ["GNU msgmerge", up["msgmerge_s"]],
                    ["GNU msgmerge --previous", up["msgmerge_previous_s"]],
                    ["ratio localize / msgmerge", up["ratio"]],
                ]), "",
                "what each result keeps (states as localize reads them)"]
        keys = list(up["localize"])
        out.append(table(["", "localize", "msgmerge", "msgmerge --previous"],
                         [[k, up["localize"][k], up["msgmerge"][k], up["msgmerge_previous"][k]]
                          for k in keys]))
    return "\n".join(out)


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
    parser.add_argument("--edit-rate", type=float, default=0.05)
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
    for count in counts:
        print(f"extract/status: {count:,} articles ...", file=sys.stderr)
        results["extract"].append(bench_extract(work, count, a.units, a.seed))
    if not a.skip_translate:
        print(f"translate: {sizes} articles ...", file=sys.stderr)
        results["translate"] = bench_translate(work, sizes, a.units, a.seed)
    if not a.skip_update:
        print(f"update: {a.update_units:,} units ...", file=sys.stderr)
        results["update"] = bench_update(work, a.update_units, a.edit_rate, a.seed)
    print(report(results))
    if a.json:
        a.json.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

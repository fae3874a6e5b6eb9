"""Review operations on catalogs: editors' approval and quality checks written on entries."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .catalog import BackgroundSaves, Catalog, save_catalog
from .errors import NotReady
from .langs import Language, get_language
from .model import Finding, Severity, State, Unit, UnitFindings
from .project import Locales
from .workspace import article_slug, data_file, load_article_catalog

if TYPE_CHECKING:
    from multiprocessing.sharedctypes import Synchronized  # imports ctypes: only for types


@dataclass(frozen=True)
class ApprovalResult:
    approved: int  # units newly approved
    already: int  # units that were approved before


def approve_catalog(catalog: Catalog, by: str, date: str) -> ApprovalResult:
    """Approve every reviewed unit; refuse (``NotReady``, listing them) while any unit is
    untranslated, a draft or source-changed."""
    if not by.strip():
        raise NotReady("an approval needs the editor's name: --by NAME")
    units = catalog.units()
    blocking = [u for u in units if u.state < State.REVIEWED]
    if blocking:
        raise NotReady(_not_ready_message(catalog, blocking))
    approved = 0
    for unit in units:
        if unit.state is State.REVIEWED:
            catalog.approve(unit.source, by, date)
            approved += 1
    return ApprovalResult(approved, len(units) - approved)


def _not_ready_message(catalog: Catalog, blocking: Sequence[Unit], limit: int = 10) -> str:
    lines = [
        f"{catalog.path}: cannot approve: {len(blocking)} unit(s) are not reviewed yet; "
        + "review them in your PO editor first:"
    ]
    for unit in blocking[:limit]:
        line = unit.positions[0][3] if unit.positions else "?"
        lines.append(f"  line {line} [{unit.state.label}] {unit.source[:70]}")
    if len(blocking) > limit:
        lines.append(f"  ... and {len(blocking) - limit} more")
    return "\n".join(lines)


CheckUnit = Callable[[str, str], list[Finding]]


def check_catalog(catalog: Catalog, check_unit: CheckUnit) -> tuple[list[UnitFindings], bool]:
    """Run ``check_unit(source, target)`` on every unit with a translation and record the
    findings on the entries (replacing earlier ``check:`` comments, clearing stale ones).

    Returns the findings per unit, in document order, and whether the catalog changed.
    """
    return catalog.record_findings(check_unit)


def worst(results: Sequence[UnitFindings]) -> Severity | None:
    severities = [f.severity for r in results for f in r.findings]
    return max(severities) if severities else None


# -- file-level operations ----------------------------------------------------------------
def approve_article(
    article: str, language: Language, by: str, locales: Locales, now: dt.datetime
) -> tuple[Path, ApprovalResult]:
    """Approve one article's catalog in one language and save it."""
    slug, _ = article_slug(article)
    catalog = load_article_catalog(locales, slug, language)
    result = approve_catalog(catalog, by, now.date().isoformat())
    if result.approved:
        catalog.touch(now)
        save_catalog(catalog)
    assert catalog.path is not None
    return catalog.path, result


def unit_checker(locales: Locales, language: Language) -> CheckUnit:
    """``check_unit`` bound to a language's glossary (and, for Dari, its lexicon)."""
    from .checks import unit_checker as bound_checker
    from .language.adapt import iranian_forms_in, load_lexicon
    from .language.glossary import load_glossary

    glossary_path = data_file(locales, language.code, "glossary.tsv")
    glossary = load_glossary(glossary_path) if glossary_path else None
    lexicon_path = data_file(locales, language.code, "dari_lexicon.tsv")
    iranian: Callable[[str], list[str]] | None = None
    if lexicon_path is not None and language.code == "fa_AF":
        lexicon = load_lexicon(lexicon_path)
        iranian = lambda text: [str(hit) for hit in iranian_forms_in(text, lexicon)]
    return bound_checker(language.code, glossary=glossary, iranian_forms=iranian)


def check_articles(
    articles: Sequence[str],
    languages: Sequence[Language],
    locales: Locales,
    jobs: int = 1,
) -> list[tuple[Path, str, list[UnitFindings]]]:
    """Check the catalogs of ``articles`` (all when empty) and write findings on entries.

    With ``jobs`` > 1 the catalogs are shared out, in contiguous runs, to this process and
    ``jobs - 1`` workers; each loads, checks and saves its own catalogs, so the result (and
    every file) is the same as with one. Returns ``(path, language, findings)`` in catalog
    order.
    """
    slugs = [article_slug(a)[0] for a in articles] or None
    work = [(language, slug) for language in languages
            for slug in (slugs if slugs is not None else locales.slugs(language.code))]
    # Loaded here, before any catalog is touched: a broken glossary or lexicon stops the
    # run with its file and line, and every catalog stays as it was.
    checkers = {language.code: unit_checker(locales, language)
                for language in dict.fromkeys(language for language, _ in work)}
    batches = _batches(work, jobs)
    if len(batches) <= 1:
        return _check_batch(locales, work, checkers)
    import concurrent.futures
    import multiprocessing

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    claimed = context.Value("i", 0)  # the batches taken so far, by this process and the workers
    _worker_checkers.update(checkers)  # forked workers inherit them; spawned ones reload
    done: dict[int, list[tuple[Path, str, list[UnitFindings]]]] = {}
    try:
        workers = min(jobs, len(batches)) - 1
        with concurrent.futures.ProcessPoolExecutor(
            workers, mp_context=context,
            initializer=_start_worker, initargs=(locales, tuple(checkers), batches, claimed),
        ) as pool:
            # One task per batch at most: each takes the next batch nobody has taken (or
            # none), so its result comes back, and is unpickled by the pool's thread, while
            # the work goes on, not all at the end.
            helping = [pool.submit(_check_next_claimed) for _ in range(len(batches))]
            try:
                # This process checks too: one process fewer to start, and its results
                # need no pickling.
                while (index := _claim(claimed, len(batches))) is not None:
                    done[index] = _check_claimed(locales, batches, index, checkers, claimed)
                for future in helping:
                    done.update(future.result())
            except BaseException:
                pool.shutdown(cancel_futures=True)
                raise
        return [result for index in range(len(batches)) for result in done[index]]
    finally:
        _worker_checkers.clear()
        _worker_run.clear()


# What a worker process checks with, set once when it starts (forked: inherited from the
# parent): the checkers by language code (a glossary and a lexicon are parsed, validated
# and compiled into matchers when loaded), and the run's batches and count of batches taken.
class _Run(NamedTuple):
    locales: Locales
    batches: Sequence[Sequence[tuple[Language, str]]]
    claimed: Synchronized[int]


_worker_checkers: dict[str, CheckUnit] = {}
_worker_run: list[_Run] = []  # this worker's run, once it has started


def _start_worker(
    locales: Locales, codes: tuple[str, ...],
    batches: Sequence[Sequence[tuple[Language, str]]], claimed: Synchronized[int],
) -> None:
    _worker_run[:] = [_Run(locales, batches, claimed)]
    for code in codes:
        if code not in _worker_checkers:
            _worker_checkers[code] = unit_checker(locales, get_language(code))


_MIN_PARALLEL = 50  # fewer catalogs than this are checked in this process alone
_SMALLEST_BATCH = 8


def _batches(work: list[tuple[Language, str]], jobs: int) -> list[list[tuple[Language, str]]]:
    """Contiguous batches, each a ``2 * jobs``-th of the work still left (guided scheduling):
    big ones first, then smaller and smaller, so that the processes taking them in turn
    finish together even when catalogs differ in size or a core is busy with something
    else."""
    if jobs <= 1 or len(work) < _MIN_PARALLEL:
        return [work]
    batches = []
    start = 0
    while start < len(work):
        size = max(_SMALLEST_BATCH, -(-(len(work) - start) // (2 * jobs)))
        batches.append(work[start:start + size])
        start += size
    return batches


def _claim(claimed: Synchronized[int], count: int) -> int | None:
    """Take the next batch nobody has taken: every process of a run takes batches in turn
    from the one counter ``claimed``, so none is left waiting on batches promised to
    another (a queue handing each worker its next batch in advance would)."""
    with claimed.get_lock():
        index = claimed.value
        if index >= count:
            return None
        claimed.value = index + 1
    return index


def _check_next_claimed() -> dict[int, list[tuple[Path, str, list[UnitFindings]]]]:
    """A worker's task: check the next batch nobody has taken, if any is left."""
    locales, batches, claimed = _worker_run[0]
    index = _claim(claimed, len(batches))
    if index is None:
        return {}
    return {index: _check_claimed(locales, batches, index, _worker_checkers, claimed)}


def _check_claimed(
    locales: Locales, batches: Sequence[Sequence[tuple[Language, str]]], index: int,
    checkers: dict[str, CheckUnit], claimed: Synchronized[int],
) -> list[tuple[Path, str, list[UnitFindings]]]:
    """Check the batch this process claimed; a failure takes all batches left, so that the
    other processes stop after their current one."""
    try:
        return _check_batch(locales, batches[index], checkers)
    except BaseException:
        with claimed.get_lock():
            claimed.value = len(batches)
        raise


def _check_batch(
    locales: Locales, work: Sequence[tuple[Language, str]], checkers: dict[str, CheckUnit],
) -> list[tuple[Path, str, list[UnitFindings]]]:
    results = []
    with BackgroundSaves() as saves:
        for language, slug in work:
            run = checkers[language.code]
            catalog = load_article_catalog(locales, slug, language)
            found, changed = check_catalog(catalog, run)
            assert catalog.path is not None
            results.append((catalog.path, language.code, found))
            if changed:
                saves.save(catalog)
    return results

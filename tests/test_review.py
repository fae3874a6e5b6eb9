"""Checking many catalogs: parallel workers give the same findings and files as one process,
and what they send back survives pickling whole."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from localize.errors import CatalogSyntaxError, DataFileError
from localize.langs import DARI, PASHTO
from localize.model import (
    Approval,
    BlockKind,
    Finding,
    Origin,
    Provenance,
    Severity,
    State,
    Unit,
)
from localize.project import Locales
from localize.review import UnitFindings, _batches, check_articles

HEADER = ('msgid ""\nmsgstr ""\n"Language: {code}\\n"\n'
          '"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
ENTRY = ('#. body, paragraph 1, unit {n}\n#: story-{i}.txt:{n}\n#, fuzzy\n'
         'msgid "{n} people attended the meeting in {year}."\nmsgstr "{target}"\n\n')


def write_catalogs(root: Path, count: int) -> Locales:
    """``count`` catalogs per language; every third unit's translation loses its year."""
    for language in (DARI, PASHTO):
        folder = root / language.code / "LC_MESSAGES"
        folder.mkdir(parents=True)
        for i in range(count):
            body = "".join(
                ENTRY.format(i=i, n=n, year=2000 + n,
                             target=f"{n} نفر در جلسه شرکت کردند" + ("" if n % 3 else f" {2000 + n}"))
                for n in range(1, 5)
            )
            (folder / f"story-{i:03d}.po").write_text(HEADER.format(code=language.code) + body,
                                                     encoding="utf-8")
    return Locales(root)


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def summary(results: list, root: Path) -> list[tuple[str, str, list[tuple[object, ...]]]]:
    return [(str(path.relative_to(root)), code,
             [(uf.source, uf.state, uf.line, f.check, f.message)
              for uf in found for f in uf.findings])
            for path, code, found in results]


def test_parallel_workers_find_and_write_exactly_what_one_process_does(tmp_path: Path) -> None:
    one = write_catalogs(tmp_path / "one", 40)
    two = tmp_path / "two"
    shutil.copytree(one.root, two)
    serial = check_articles([], [DARI, PASHTO], one, jobs=1)
    parallel = check_articles([], [DARI, PASHTO], Locales(two), jobs=2)
    assert summary(parallel, two) == summary(serial, one.root)
    numbers = [f for _, _, found in serial for uf in found for f in uf.findings
               if f.check == "numbers"]
    assert len(serial) == 80 and len(numbers) == 80 * 3  # units 1, 2 and 4 of each catalog
    assert tree(two) == tree(one.root)
    assert "check: error numbers" in (one.root / "ps/LC_MESSAGES/story-039.po").read_text("utf-8")


@pytest.mark.parametrize(("catalogs", "jobs"), [(1000, 2), (1000, 8), (60, 4), (50, 2)])
def test_parallel_batches_cover_the_work_in_order_and_shrink_towards_the_end(
    catalogs: int, jobs: int
) -> None:
    work = [(DARI, f"story-{i}") for i in range(catalogs)]
    batches = _batches(work, jobs)
    assert [item for batch in batches for item in batch] == work
    sizes = [len(batch) for batch in batches]
    assert sizes == sorted(sizes, reverse=True)  # the big ones first...
    assert sizes[-1] <= 25  # ...and a small one last, so the workers finish together
    if catalogs >= 2 * jobs * 25:
        assert sizes[0] == -(-catalogs // (2 * jobs)) and len(batches) > 2 * jobs


def test_one_job_or_a_few_catalogs_make_one_batch() -> None:
    work = [(DARI, f"story-{i}") for i in range(49)]
    assert _batches(work, 1) == [work] and _batches(work, 4) == [work]


@pytest.mark.parametrize("where", [("fa_AF", "story-001"), ("ps", "story-039")])
def test_a_broken_catalog_in_a_parallel_run_is_reported_with_its_file_and_line(
    tmp_path: Path, where: tuple[str, str]
) -> None:
    """The first batches go to a worker process; this one takes them from the end."""
    locales = write_catalogs(tmp_path, 40)
    broken = locales.catalog_path(*where)
    broken.write_text(broken.read_text("utf-8") + 'msgid "unterminated\n', encoding="utf-8")
    with pytest.raises(CatalogSyntaxError) as caught:
        check_articles([], [DARI, PASHTO], locales, jobs=2)
    assert caught.value.path == broken and caught.value.line is not None
    assert str(caught.value).startswith(f"{broken}:{caught.value.line}: ")


def test_file_errors_survive_pickling_with_their_parts() -> None:
    error = CatalogSyntaxError(Path("x.po"), "unterminated string", 7)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is CatalogSyntaxError and str(copy) == str(error)
    assert (copy.path, copy.line, copy.detail) == (Path("x.po"), 7, "unterminated string")


def test_a_broken_glossary_is_reported_with_its_file_and_line_by_parallel_workers(
    tmp_path: Path,
) -> None:
    locales = write_catalogs(tmp_path, 40)
    glossary = tmp_path / "fa_AF" / "glossary.tsv"
    glossary.write_text("term\ttranslation\tnote\tdo_not_translate\tsource\n"
                        "NATO\t\t\tmaybe\t\n", encoding="utf-8")
    before = tree(tmp_path)
    with pytest.raises(DataFileError) as caught:
        check_articles([], [DARI, PASHTO], locales, jobs=2)
    assert caught.value.path == glossary and caught.value.line == 2
    assert "do_not_translate" in str(caught.value)
    assert tree(tmp_path) == before


def test_units_and_their_findings_survive_pickling_whole() -> None:
    """Workers send them back pickled; ``pickled_as_call`` must keep every field."""
    unit = Unit(
        "12 people.", "۱۲ نفر.", State.APPROVED,
        positions=((0, 1, BlockKind.BODY, 3),),
        provenance=Provenance(Origin.MACHINE, "translate-en_fa", "1.9", "fa", "2026-01-01"),
        machine_draft="۱۲ نفر", approval=Approval("Editor", "2026-01-02", "0123456789ab"),
        findings=(Finding("numbers", Severity.ERROR, "numbers differ"),),
        previous_source="11 people.", draft_notes=("masked",), notes=("see wire copy",),
    )
    assert pickle.loads(pickle.dumps(unit)) == unit
    assert pickle.loads(pickle.dumps([unit, unit]))[1].approval == unit.approval
    found = UnitFindings(unit.source, unit.state, 3, unit.findings)
    assert pickle.loads(pickle.dumps(found)) == found
    assert pickle.loads(pickle.dumps([found, found]))[1].findings == unit.findings

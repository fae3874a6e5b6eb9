"""Hostile and broken input: every case has one stated outcome, checked through the CLI.

Each row builds a small project (an article, its drafted catalogs with one unit reviewed per
language, an Argos packages folder with the demo models) in ``tmp_path``, breaks one thing
and runs one ``localize`` command. The outcome is either

* ``refused``: a one-line ``Error:`` naming the file (and its line where there is one), exit
  status 1, no traceback, and NOTHING under ``tmp_path`` modified (every path and byte is
  compared; only the lock file's content, the pid of its last holder, may change); or
* a stated safe outcome (``ok=``), e.g. a CRLF catalog loads and keeps its reviewed unit.

Heavy rows (a 100 MB catalog, a 5 MB one-line article) run as subprocesses under a memory
limit and a timeout, and are marked slow.
"""

from __future__ import annotations

import html.parser
import json
import re
import resource
import shutil
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from localize.catalog import load_catalog
from localize.cli import main
from localize.model import State
from localize.segment import segment_article

from .conftest import (
    FAST,
    SAMPLE,
    check_catalogs_sound,
    cli_env,
    localize_cmd,
    review_by_hand,
    run_localize,
    snapshot,
    without_lock,
)
from .newsgen import generate_article

GIB = 1 << 30
BIDI_INITIATORS = "\u202a\u202b\u202d\u202e\u2066\u2067\u2068"


@dataclass
class Project:
    root: Path
    models: Path
    archive: Path  # a good .argosmodel (Pashto demo)

    @property
    def article(self) -> Path:
        return self.root / "articles" / "story.txt"

    @property
    def locales(self) -> Path:
        return self.root / "locales"

    @property
    def packages(self) -> Path:
        return self.root / "packages"

    def po(self, language: str = "fa_AF") -> Path:
        return self.locales / language / "LC_MESSAGES" / "story.po"

    @property
    def pot(self) -> Path:
        return self.locales / "templates" / "story.pot"

    def translate(self, language: str = "fa_AF") -> list[str]:
        return ["translate", str(self.article), "-l", language, "--locales", str(self.locales),
                *FAST]

    def extract(self, article: Path | None = None) -> list[str]:
        return ["extract", str(article or self.article), "--locales", str(self.locales)]

    def install(self, archive: Path) -> list[str]:
        return ["models", "install", str(archive), "--packages-dir", str(self.packages)]


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@dataclass
class Outcome:
    """What one row runs and expects: refused naming ``file`` (and ``line``), or ``ok``."""

    args: list[str]
    file: Path | None = None
    line: int | None = None
    ok: Callable[[Project, Result, bool], None] | None = None  # (.., unchanged)
    heavy: dict[str, float] = field(default_factory=dict)  # {"memory": bytes, "timeout": s}
    packages: Path | None = None  # ARGOS_PACKAGES_DIR, if not the project's demo models


@pytest.fixture(scope="module")
def base_project(tmp_path_factory: pytest.TempPathFactory, demo_models: Path,
                 demo_archives: dict[str, Path]) -> Path:
    root = tmp_path_factory.mktemp("hostile-base")
    (root / "articles").mkdir()
    shutil.copyfile(SAMPLE, root / "articles" / "story.txt")
    done = run_localize("translate", root / "articles" / "story.txt", "--locales",
                        root / "locales", *FAST, packages=demo_models)
    assert done.returncode == 0, done.stderr
    for language in ("fa_AF", "ps"):
        review_by_hand(root / "locales" / language / "LC_MESSAGES" / "story.po", 1, "hand")
    shutil.copytree(demo_models, root / "packages")
    return root


# -- editing helpers ------------------------------------------------------------------------------
def line_of(path: Path, needle: str, nth: int = 0) -> int:
    hits = [n for n, ln in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
            if ln.startswith(needle)]
    return hits[nth]


def replace_in(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert old in data, (path, old)
    path.write_bytes(data.replace(old, new, 1))


REVIEWED_TEXT = "hand 1 ترجمهٔ بازبینی‌شده"


def reviewed_unit_kept(language: str = "fa_AF") -> Callable[[Project, Result, bool], None]:
    def check(p: Project, result: Result, unchanged: bool) -> None:
        units = load_catalog(p.po(language), language).units()
        assert [u.target for u in units if u.state is State.REVIEWED] == [REVIEWED_TEXT]
        assert check_catalogs_sound(p.locales) == []
    return check


# -- catalogs ---------------------------------------------------------------------------------------
def po_unterminated(p: Project) -> Outcome:
    line = line_of(p.po(), 'msgid "Report: Shershah Nawabi"')
    replace_in(p.po(), b'msgid "Report: Shershah Nawabi"', b'msgid "Report: Shershah Nawabi')
    return Outcome(p.translate(), p.po(), line)


def po_duplicate(p: Project) -> Outcome:
    with p.po().open("a", encoding="utf-8") as handle:
        handle.write('\nmsgid "Report: Shershah Nawabi"\nmsgstr "دوباره"\n')
    return Outcome(p.translate(), p.po(), line_of(p.po(), 'msgid "Report: Shershah Nawabi"', 1))


def po_missing_header(p: Project) -> Outcome:
    text = p.po().read_text(encoding="utf-8")
    p.po().write_text(text[text.index("\n\n") + 2:], encoding="utf-8")
    return Outcome(p.translate(), p.po())


def po_garbage_header(p: Project) -> Outcome:
    text = p.po().read_text(encoding="utf-8")
    rest = text.split("\n\n", 1)[1]
    p.po().write_text('msgid ""\nmsgstr "this is not a header\\n"\n\n' + rest, encoding="utf-8")
    return Outcome(p.translate(), p.po())


def po_wrong_plural_count(p: Project) -> Outcome:
    with p.po().open("a", encoding="utf-8") as handle:
        handle.write('\nmsgid "one"\nmsgid_plural "many"\nmsgstr[0] "a"\nmsgstr[1] "b"\n'
                     'msgstr[2] "c"\n')
    return Outcome(p.translate(), p.po(), line_of(p.po(), 'msgid "one"'))


def line_of_bytes(path: Path, needle: bytes) -> int:
    data = path.read_bytes()
    return data.count(b"\n", 0, data.index(needle)) + 1


def po_nul(p: Project) -> Outcome:
    line = line_of_bytes(p.po(), b"(PMG)")
    replace_in(p.po(), b"(PMG)", b"(P\x00G)")
    return Outcome(p.translate(), p.po(), line)


def po_invalid_utf8(p: Project) -> Outcome:
    line = line_of_bytes(p.po(), b"(PMG)")
    replace_in(p.po(), b"(PMG)", b"(P\xffG)")
    return Outcome(p.translate(), p.po(), line)


def po_language_disagrees(p: Project) -> Outcome:
    replace_in(p.po(), b'"Language: fa_AF\\n"', b'"Language: ps\\n"')
    return Outcome(p.translate(), p.po())


def po_truncated_mid_entry(p: Project) -> Outcome:
    """What a PO editor that writes in place leaves when it dies mid-save."""
    line = line_of(p.po(), 'msgid "Report: Shershah Nawabi"')
    lines = p.po().read_text(encoding="utf-8").split("\n")
    p.po().write_text("\n".join(lines[:line]) + "\n", encoding="utf-8")
    return Outcome(p.translate(), p.po(), line)


def po_is_a_directory(p: Project) -> Outcome:
    p.po().unlink()
    p.po().mkdir()
    return Outcome(p.translate(), p.po())


def pot_unterminated(p: Project) -> Outcome:
    line = line_of(p.pot, 'msgid "Report: Shershah Nawabi"')
    replace_in(p.pot, b'msgid "Report: Shershah Nawabi"', b'msgid "Report: Shershah Nawabi')
    return Outcome(p.extract(), p.pot, line)


def po_crlf(p: Project) -> Outcome:
    p.po().write_bytes(p.po().read_bytes().replace(b"\n", b"\r\n"))
    with p.article.open("a", encoding="utf-8") as handle:  # the catalog must be rewritten
        handle.write("\nThe talks will resume next week.\n")
    return Outcome(p.translate(), ok=reviewed_unit_kept())


def po_bom(p: Project) -> Outcome:
    p.po().write_bytes(b"\xef\xbb\xbf" + p.po().read_bytes())
    with p.article.open("a", encoding="utf-8") as handle:
        handle.write("\nThe talks will resume next week.\n")
    return Outcome(p.translate(), ok=reviewed_unit_kept())


def po_declares_latin1(p: Project) -> Outcome:
    """A catalog whose header declares ISO-8859-1 (its text is UTF-8, as localize reads it) gets
    Dari drafts: localize must refuse it or save it declaring UTF-8, never UTF-8 bytes under an
    ISO-8859-1 header (which Poedit, polib and msgfmt then read as mojibake)."""
    replace_in(p.po(), b"charset=UTF-8", b"charset=ISO-8859-1")
    text = p.po().read_text(encoding="utf-8")
    p.po().write_text(re.sub(r'msgstr "[^"]*[^\x00-\x7f][^"]*"', 'msgstr ""',
                             re.sub(r"\n(#[^\n]*|\"[^\n]*)[^\x00-\x7f][^\n]*", "", text)),
                      encoding="utf-8")

    def check(p: Project, result: Result, unchanged: bool) -> None:
        if result.exit_code == 1:
            assert unchanged, "refused, but files were modified"
            return
        header = polib.pofile(str(p.po())).metadata["Content-Type"]
        assert "utf-8" in header.lower(), f"UTF-8 drafts saved under {header!r}"

    return Outcome(p.translate(), ok=check)


def po_100mb(p: Project) -> Outcome:
    """A 100 MB catalog (200,000 entries): loads, or is refused, within 1 GiB and 120 s."""
    head = p.po().read_text(encoding="utf-8").split("\n\n", 1)[0]
    line = "ینس استولتنبرگ، دبیرکل ناتو، گفت که مربی تا سال باقی خواهند ماند " * 3
    with p.po().open("w", encoding="utf-8") as handle:
        handle.write(head + "\n")
        size, number = 0, 0
        while size < 100_000_000:
            entry = (f'\n#. body, paragraph 1, unit {number + 1}\n#: story.txt:1\n'
                     f'msgid "Sentence number {number} of a huge catalog."\n'
                     f'msgstr "{line}{number}"\n')
            handle.write(entry)
            size += len(entry.encode())
            number += 1

    def check(p: Project, result: Result, unchanged: bool) -> None:
        assert result.exit_code in (0, 1), result.stderr
        if result.exit_code == 0:
            assert "story" in result.stdout
    return Outcome(["status", "-l", "fa_AF", "--locales", str(p.locales)], ok=check,
                   heavy={"memory": GIB, "timeout": 120})


# -- articles ---------------------------------------------------------------------------------------
def article(p: Project, data: bytes) -> Path:
    path = p.root / "articles" / "incoming.txt"
    path.write_bytes(data)
    return path


def article_binary(p: Project) -> Outcome:
    path = article(p, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return Outcome(p.extract(path), path)


def article_empty(p: Project) -> Outcome:
    path = article(p, b"")
    return Outcome(p.extract(path), path)


def article_only_whitespace(p: Project) -> Outcome:
    path = article(p, " \n\t\n\u00a0\u2003\n".encode())
    return Outcome(p.extract(path), path)


def article_invalid_utf8(p: Project) -> Outcome:
    path = article(p, b"A good first line.\nThen caf\xe9 in Latin-1.\n")
    return Outcome(p.extract(path), path, 2)


def article_utf16(p: Project) -> Outcome:
    path = article(p, "Kabul talks resume.\n".encode("utf-16"))
    return Outcome(p.extract(path), path)


def article_unusable_name(p: Project) -> Outcome:
    path = p.root / "articles" / "---.txt"
    path.write_text("A fine article.\n", encoding="utf-8")
    return Outcome(p.extract(path), path)


def units_round_trip(path: Path) -> Callable[[Project, Result, bool], None]:
    def check(p: Project, result: Result, unchanged: bool) -> None:
        assert result.exit_code == 0, result.stderr
        text = path.read_bytes().decode("utf-8")
        segments = segment_article(text)
        assert all(text[s.start:s.end] == s.text for s in segments)
        po = p.locales / "fa_AF" / "LC_MESSAGES" / f"{path.stem}.po"
        assert {u.source for u in load_catalog(po, "fa_AF").units()} == {s.text for s in segments}
        assert check_catalogs_sound(p.locales) == []
    return check


MIXED = ("Kabul (Pajhwok) - Официальные лица и 官员 met «مقامات کابل» on Monday 😀.\n"
         "The café’s naïve owner said 1,200 people came; ناتو گفت ۱۲۰۰ نفر. Ω≈ç√∫ works.\n")


def article_mixed_scripts(p: Project) -> Outcome:
    path = article(p, MIXED.encode())
    return Outcome(p.extract(path), ok=units_round_trip(path))


BIDI = ("Officials said the \u202egnp.exe\u202c file was harmless. The minister \u2067"
        "وزیر\u2069 spoke in Kabul. An unclosed \u202b embedding here.\n")


def article_bidi_controls(p: Project) -> Outcome:
    path = article(p, BIDI.encode())
    return Outcome(p.extract(path), ok=units_round_trip(path))


def article_5mb_line(p: Project) -> Outcome:
    """A 5 MB article pasted without a single line break (about 50,000 sentences)."""
    import random

    rng, parts, size = random.Random(5), [], 0
    while size < 5_000_000:
        body = generate_article(rng, 40).split("\n", 3)[3].replace("\n", " ")
        parts.append(body)
        size += len(body.encode()) + 1
    path = article(p, " ".join(parts).encode())

    def check(p: Project, result: Result, unchanged: bool) -> None:
        assert result.exit_code == 0, result.stderr
        assert check_catalogs_sound(p.locales) == []
    return Outcome(p.extract(path), ok=check, heavy={"memory": 1.5 * GIB, "timeout": 120})


# -- model packages -------------------------------------------------------------------------------
def repack(p: Project, name: str, change: Callable[[dict[str, bytes], str], None],
           extra: list[tuple[zipfile.ZipInfo, bytes]] = ()) -> Path:  # type: ignore[assignment]
    with zipfile.ZipFile(p.archive) as source:
        members = {i.filename: source.read(i) for i in source.infolist() if not i.is_dir()}
    top = next(iter(members)).split("/")[0]
    change(members, top)
    out = p.root / name
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
        for info, data in extra:
            archive.writestr(info, data)
    return out


def package_zip_slip(p: Project) -> Outcome:
    path = repack(p, "slip.argosmodel", lambda m, top: m.update({f"{top}/../../evil.txt": b"x"}))
    return Outcome(p.install(path), path)


def package_absolute_member(p: Project) -> Outcome:
    path = repack(p, "abs.argosmodel", lambda m, top: m.update({"/tmp/evil.txt": b"x"}))
    return Outcome(p.install(path), path)


def package_symlink_member(p: Project) -> Outcome:
    info = zipfile.ZipInfo("translate-en_ps-0_0_0+demo/model/link")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    path = repack(p, "link.argosmodel", lambda m, top: None, [(info, b"/etc/passwd")])
    return Outcome(p.install(path), path)


def package_missing_metadata(p: Project) -> Outcome:
    def drop(m: dict[str, bytes], top: str) -> None:
        del m[f"{top}/metadata.json"]
    path = repack(p, "nometa.argosmodel", drop)
    return Outcome(p.install(path), path)


def package_zip_bomb(p: Project) -> Outcome:
    path = repack(p, "bomb.argosmodel",
                  lambda m, top: m.update({f"{top}/model/padding.bin": bytes(64 << 20)}))
    return Outcome(p.install(path), path)


def package_too_many_members(p: Project) -> Outcome:
    def add(m: dict[str, bytes], top: str) -> None:
        m.update({f"{top}/junk/{n}": b"" for n in range(10_001)})
    path = repack(p, "many.argosmodel", add)
    return Outcome(p.install(path), path)


def package_two_folders(p: Project) -> Outcome:
    path = repack(p, "two.argosmodel", lambda m, top: m.update({"other/readme.txt": b"x"}))
    return Outcome(p.install(path), path)


def package_truncated(p: Project) -> Outcome:
    path = p.root / "truncated.argosmodel"
    data = p.archive.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return Outcome(p.install(path), path)


def package_corrupt_member(p: Project) -> Outcome:
    """The central directory is intact but a member's compressed bytes are damaged."""
    path = p.root / "corrupt.argosmodel"
    data = bytearray(p.archive.read_bytes())
    with zipfile.ZipFile(p.archive) as archive:
        info = archive.getinfo(next(n for n in archive.namelist() if n.endswith("model.bin")))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 100, start + 140):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    return Outcome(p.install(path), path)


def package_not_a_zip(p: Project) -> Outcome:
    path = p.root / "text.argosmodel"
    path.write_text("this is not a model\n")
    return Outcome(p.install(path), path)


def package_other_pair(p: Project) -> Outcome:
    """A de->fr package installs (it is a valid package) but serves neither language:
    `models list` says so and `translate` names the missing model and the install command."""
    def to_de_fr(m: dict[str, bytes], top: str) -> None:
        meta = json.loads(m[f"{top}/metadata.json"])
        meta.update(from_code="de", to_code="fr")
        m[f"{top}/metadata.json"] = json.dumps(meta).encode()
    path = repack(p, "defr.argosmodel", to_de_fr)
    only = p.root / "only-de-fr"
    clear_unit(p, "Report: Shershah Nawabi")  # something pending: translate needs an engine

    def check(p: Project, result: Result, unchanged: bool) -> None:
        installed = invoke(["models", "install", str(path), "--packages-dir", str(only)], p)
        assert installed.exit_code == 0, installed.stderr
        listing = invoke(["models", "list", "--packages-dir", str(only)], p)
        assert "de->fr" in listing.stdout and "not used by localize" in listing.stdout
        before = without_lock(snapshot(p.root))
        refused = invoke(p.translate(), p, packages=only)
        assert refused.exit_code == 1
        message = refused.stderr.strip()
        assert message.count("\n") == 0
        assert "no installed model translates English into Dari (fa_AF)" in message
        assert "localize models install" in message
        assert without_lock(snapshot(p.root)) == before
    return Outcome(["models", "list", "--packages-dir", str(p.packages)], ok=check)


# -- glossaries and translation memories ------------------------------------------------------------
HEADER = "term\ttranslation\tnote\tdo_not_translate\tsource\n"


def glossary(p: Project, data: bytes) -> Outcome:
    path = p.locales / "fa_AF" / "glossary.tsv"
    path.write_bytes(data)
    return Outcome(["check", "story", "-l", "fa_AF", "--locales", str(p.locales)], path, 2)


def glossary_wrong_columns(p: Project) -> Outcome:
    return glossary(p, (HEADER + "NATO\tناتو\n").encode())


def glossary_invalid_utf8(p: Project) -> Outcome:
    return glossary(p, HEADER.encode() + b"NATO\t\xff\t\t\t\n")


def glossary_unclosed_quote(p: Project) -> Outcome:
    return glossary(p, (HEADER + '"NATO\tناتو\t\t\t\n').encode())


def glossary_bad_flag(p: Project) -> Outcome:
    return glossary(p, (HEADER + "NATO\tناتو\t\tmaybe\t\n").encode())


def glossary_wrong_header(p: Project) -> Outcome:
    outcome = glossary(p, b"english\tdari\nNATO\t\xd9\x86\xd8\xa7\xd8\xaa\xd9\x88\n")
    outcome.line = 1
    return outcome


def tmx(p: Project, body: str) -> Path:
    path = p.root / "memory.tmx"
    path.write_text(body, encoding="utf-8")
    return path


def memory_import(p: Project, path: Path) -> list[str]:
    return ["memory", "import", str(path), "-l", "ps", "--locales", str(p.locales)]


TU = ('<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>{src}</seg>'
      '</tuv><tuv xml:lang="ps"><seg>{tgt}</seg></tuv></tu></body></tmx>\n')


def tmx_billion_laughs(p: Project) -> Outcome:
    entities = '<!ENTITY a "ha">' + "".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9))
    path = tmx(p, f'<?xml version="1.0"?>\n<!DOCTYPE tmx [{entities}]>\n'
               + TU.format(src="&j;", tgt="x"))
    return Outcome(memory_import(p, path), path)


def tmx_external_entity(p: Project) -> Outcome:
    secret = p.root / "secret.txt"
    secret.write_text("password")
    path = tmx(p, f'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM "file://{secret}">]>'
               "\n" + TU.format(src="Hello.", tgt="&x;"))
    return Outcome(memory_import(p, path), path)


def tmx_not_well_formed(p: Project) -> Outcome:
    path = tmx(p, '<?xml version="1.0"?>\n<tmx version="1.4"><header/><body>\n<tu><tuv>\n'
               "</body></tmx>\n")
    return Outcome(memory_import(p, path), path, 4)


def tmx_not_tmx(p: Project) -> Outcome:
    path = tmx(p, "<html><body>hello</body></html>\n")
    return Outcome(memory_import(p, path), path)


def tmx_remote_doctype(p: Project) -> Outcome:
    """CAT tools write ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``: accepted, never fetched."""
    path = tmx(p, '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "http://192.0.2.1/tmx14.dtd">\n'
               + TU.format(src="Hello world.", tgt="سلام نړۍ"))

    def check(p: Project, result: Result, unchanged: bool) -> None:
        assert result.exit_code == 0, result.stderr
        assert "imported 1 translation units" in result.stdout
    return Outcome(memory_import(p, path), ok=check)


def clear_unit(p: Project, source: str, language: str = "fa_AF") -> None:
    """A translator empties one translation in their editor (it is untranslated again)."""
    po = polib.pofile(str(p.po(language)), wrapwidth=79)
    entry = po.find(source)
    assert entry is not None, source
    entry.msgstr, entry.flags = "", []
    po.save()


def imported_memory_corrupt(p: Project) -> Outcome:
    """A broken ``imported-memory.tmx`` in the locales folder is named when translate needs
    the memory (a unit was cleared, so something is pending); nothing is drafted."""
    path = p.locales / "fa_AF" / "imported-memory.tmx"
    path.write_text('<?xml version="1.0"?>\n<tmx><body><tu>\n', encoding="utf-8")
    clear_unit(p, "Report: Shershah Nawabi")
    return Outcome(p.translate(), path)


# -- editions ---------------------------------------------------------------------------------------
def set_translations(p: Project, language: str, texts: Callable[[int], str]) -> None:
    """Every unit reviewed with ``texts(n)`` (as a translator would save it)."""
    po = polib.pofile(str(p.po(language)), wrapwidth=79)
    for number, entry in enumerate(e for e in po if not e.obsolete and e.msgid):
        entry.msgstr = texts(number)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()


SCRIPT = '<script>alert("x{n}")</script> ترجمه <img src=x onerror=alert(1)> </p></html> ]]> -->'


def edition_markup_escaped(p: Project) -> Outcome:
    set_translations(p, "fa_AF", lambda n: SCRIPT.format(n=n))
    out = p.root / "editions"

    def check(p: Project, result: Result, unchanged: bool) -> None:
        assert result.exit_code == 0, result.stderr
        md = invoke(["publish", "story", "-l", "fa_AF", "--locales", str(p.locales), "-o",
                     str(out), "--format", "md"], p)
        assert md.exit_code == 0, md.stderr
        for name in ("story.fa_AF.html", "story.fa_AF.md"):
            page = (out / name).read_text(encoding="utf-8")
            assert "<script" not in page and "<img" not in page, name
            assert "&lt;" in page and "alert" in page
            assert page.count("</html>") == (1 if name.endswith("html") else 0)
    return Outcome(["publish", "story", "-l", "fa_AF", "--locales", str(p.locales), "-o",
                    str(out)], ok=check)


class _Isolation(html.parser.HTMLParser):
    """Records, for every text run holding a bidi initiator, its innermost element."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.found: list[tuple[str, bool, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("meta", "link", "br", "hr", "img", "input"):
            self.stack.append((tag, any(name == "dir" for name, _ in attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if any(c in data for c in BIDI_INITIATORS):
            tag, isolated = self.stack[-1]
            self.found.append((tag, isolated, data))


def translation_with_override(p: Project) -> Outcome:
    """An unbalanced RLO in a translation: `check` warns on its line, and the edition keeps it
    inside an element with its own ``dir`` (an isolate), so it cannot leak out of it."""
    set_translations(p, "fa_AF", lambda n: f"ترجمه \u202e{n} بدون پایان" if n == 4
                     else f"ترجمهٔ {n}")

    def check(p: Project, result: Result, unchanged: bool) -> None:
        assert result.exit_code in (0, 1), result.stderr  # 1: error-level findings elsewhere
        assert re.search(rf"{re.escape(str(p.po()))}:\d+: warning: bidi-controls", result.stdout)
        out = p.root / "editions"
        published = invoke(["publish", "story", "-l", "fa_AF", "--locales", str(p.locales),
                            "-o", str(out)], p)
        assert published.exit_code == 0, published.stderr
        parser = _Isolation()
        parser.feed((out / "story.fa_AF.html").read_text(encoding="utf-8"))
        assert parser.found and all(isolated for _, isolated, _ in parser.found), parser.found
    return Outcome(["check", "story", "-l", "fa_AF", "--locales", str(p.locales)], ok=check)


CASES: dict[str, tuple[Callable[[Project], Outcome], tuple[pytest.MarkDecorator, ...]]] = {
    "po-unterminated-string": (po_unterminated, ()),
    "po-duplicate-entry": (po_duplicate, ()),
    "po-missing-header": (po_missing_header, ()),
    "po-garbage-header": (po_garbage_header, ()),
    "po-wrong-plural-count": (po_wrong_plural_count, ()),
    "po-nul-bytes": (po_nul, ()),
    "po-invalid-utf8": (po_invalid_utf8, ()),
    "po-language-disagrees-with-folder": (po_language_disagrees, ()),
    "po-truncated-mid-entry": (po_truncated_mid_entry, ()),
    "po-is-a-directory": (po_is_a_directory, ()),
    "pot-unterminated-string": (pot_unterminated, ()),
    "po-crlf-loads-and-keeps-review": (po_crlf, ()),
    "po-bom-loads-and-keeps-review": (po_bom, ()),
    "po-declares-iso-8859-1": (po_declares_latin1, ()),
    "po-100mb": (po_100mb, (pytest.mark.slow,)),
    "article-binary": (article_binary, ()),
    "article-empty": (article_empty, ()),
    "article-only-whitespace": (article_only_whitespace, ()),
    "article-invalid-utf8": (article_invalid_utf8, ()),
    "article-utf16": (article_utf16, ()),
    "article-unusable-name": (article_unusable_name, ()),
    "article-mixed-scripts": (article_mixed_scripts, ()),
    "article-bidi-controls": (article_bidi_controls, ()),
    "article-5mb-single-line": (article_5mb_line, (pytest.mark.slow,)),
    "package-zip-slip": (package_zip_slip, ()),
    "package-absolute-member": (package_absolute_member, ()),
    "package-symlink-member": (package_symlink_member, ()),
    "package-missing-metadata": (package_missing_metadata, ()),
    "package-zip-bomb": (package_zip_bomb, ()),
    "package-too-many-members": (package_too_many_members, ()),
    "package-two-top-folders": (package_two_folders, ()),
    "package-truncated": (package_truncated, ()),
    "package-corrupt-member": (package_corrupt_member, ()),
    "package-not-a-zip": (package_not_a_zip, ()),
    "package-de-fr-installs-but-serves-nothing": (package_other_pair, ()),
    "glossary-wrong-column-count": (glossary_wrong_columns, ()),
    "glossary-invalid-utf8": (glossary_invalid_utf8, ()),
    "glossary-unclosed-quote": (glossary_unclosed_quote, ()),
    "glossary-bad-flag": (glossary_bad_flag, ()),
    "glossary-wrong-header": (glossary_wrong_header, ()),
    "tmx-billion-laughs": (tmx_billion_laughs, ()),
    "tmx-external-entity": (tmx_external_entity, ()),
    "tmx-not-well-formed": (tmx_not_well_formed, ()),
    "tmx-not-tmx": (tmx_not_tmx, ()),
    "tmx-remote-doctype-not-fetched": (tmx_remote_doctype, ()),
    "imported-memory-corrupt": (imported_memory_corrupt, ()),
    "edition-html-and-script-escaped": (edition_markup_escaped, ()),
    "translation-bidi-override-contained": (translation_with_override, ()),
}


def invoke(args: list[str], p: Project, packages: Path | None = None,
           heavy: dict[str, float] | None = None) -> Result:
    """Run the CLI in-process (CliRunner), or as a limited subprocess for heavy rows."""
    if heavy:
        limit = int(heavy["memory"])

        def limit_memory() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

        done = subprocess.run(localize_cmd(*args), capture_output=True, text=True,
                              env=cli_env(packages or p.models), timeout=heavy["timeout"],
                              preexec_fn=limit_memory, check=False)
        return Result(done.returncode, done.stdout, done.stderr)
    runner = CliRunner()
    result = runner.invoke(main, args, env={"ARGOS_PACKAGES_DIR": str(packages or p.models)})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback is never an acceptable outcome
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.mark.parametrize(
    "case", [pytest.param(name, marks=marks, id=name) for name, (_, marks) in CASES.items()])
def test_hostile_input_has_its_stated_outcome(
    case: str, base_project: Path, tmp_path: Path, demo_models: Path,
    demo_archives: dict[str, Path]
) -> None:
    root = tmp_path / "project"
    shutil.copytree(base_project, root)
    project = Project(root, demo_models, demo_archives["ps"])
    outcome = CASES[case][0](project)
    before = without_lock(snapshot(tmp_path))
    result = invoke(outcome.args, project, outcome.packages, outcome.heavy)
    assert "Traceback" not in result.stderr, result.stderr
    if outcome.ok is not None:
        outcome.ok(project, result, without_lock(snapshot(tmp_path)) == before)
        return
    message = result.stderr.strip()
    assert result.exit_code == 1, f"expected a refusal, got {result.exit_code}: {result.stdout}"
    assert message.startswith("Error: ") and "\n" not in message, message
    assert outcome.file is not None and str(outcome.file) in message, message
    if outcome.line is not None:
        assert f"{outcome.file}:{outcome.line}:" in message, message
    assert without_lock(snapshot(tmp_path)) == before, "a refused command modified files"


def test_at_least_25_cases() -> None:
    assert len(CASES) >= 25


def test_one_sentences_override_does_not_reorder_the_next_sentence(
    base_project: Path, tmp_path: Path, demo_models: Path, demo_archives: dict[str, Path]
) -> None:
    """Every published sentence is its own bidi isolate with its controls balanced
    (``localize.publish.bidi``): an RLO left open in one translation stays in its sentence."""
    root = tmp_path / "project"
    shutil.copytree(base_project, root)
    p = Project(root, demo_models, demo_archives["ps"])
    set_translations(p, "fa_AF", lambda n: "چهارم \u202eبرعکس" if n == 4 else f"جمله {n}")
    out = root / "editions"
    result = invoke(["publish", "story", "-l", "fa_AF", "--locales", str(p.locales), "-o",
                     str(out)], p)
    assert result.exit_code == 0, result.stderr
    parser = _Isolation()
    parser.feed((out / "story.fa_AF.html").read_text(encoding="utf-8"))
    overridden = [data.split("\u202e", 1)[1] for _, _, data in parser.found if "\u202e" in data]
    assert overridden, "the override did not reach the edition"
    assert not [text for text in overridden if "جمله" in text], overridden


def test_extract_time_grows_linearly_with_a_repeated_sentence() -> None:
    """An article repeating one sentence 100,000 times (a pasted ticker; 2 MB) builds its
    template in a few seconds: the position comment of the repeated entry must not be copied
    once per occurrence (quadratic: 20 s to 60 s here, 10 min at 250,000)."""
    code = (
        "import datetime as dt\n"
        "from localize.catalog import build_template\n"
        "from localize.segment import segment_article\n"
        "segments = segment_article('The talks continue. ' * 100000)\n"
        "build_template('ticker', 'ticker.txt', segments, dt.datetime(2024, 6, 11))\n"
    )
    try:
        subprocess.run([sys.executable, "-c", code], check=True, timeout=10, env=cli_env())
    except subprocess.TimeoutExpired:
        pytest.fail("build_template took over 10 s for 100,000 copies of one sentence")

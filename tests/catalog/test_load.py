"""``load_catalog`` and ``load_article_catalog``: what they refuse, and with which message.

They look at the file once (one ``stat``, one unbuffered read) and take the entries with
plural forms from the reader; these pin down that the errors stay those of the plain
``Path.is_file``/``read_bytes``/``exists`` checks and of a check of every entry.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from localize.catalog import load_catalog
from localize.errors import CatalogMismatch, CatalogNotFound, CatalogSyntaxError
from localize.langs import get_language
from localize.project import Locales
from localize.workspace import load_article_catalog

HEADER = (
    'msgid ""\nmsgstr ""\n"Language: fa_AF\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
)  # the first entry after it starts on line 7
FORMS = 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\nmsgstr[2] "z"\n\n'


def written(tmp_path: Path, text: str, name: str = "story.po") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_catalog_is_read_with_its_language_and_translated_count(tmp_path: Path) -> None:
    path = written(tmp_path, HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr ""\n\n'
                   '#~ msgid "d"\n#~ msgstr "e"\n')
    catalog = load_catalog(path, "fa_AF")
    assert (catalog.language, catalog.path, catalog.loaded_translated) == ("fa_AF", path, 2)
    assert catalog.disk_bytes == path.read_bytes()
    assert load_catalog(path).language == "fa_AF"


@pytest.mark.parametrize("text", [
    HEADER + 'msgid "a"\nmsgstr "b"\n',
    "\ufeff" + HEADER.replace("\n", "\r\n") + 'msgid "a"\r\nmsgstr "b"\r\n\rmsgid "c"\rmsgstr ""\r\n',
    "\ufeff\ufeff" + HEADER + 'msgid "a"\nmsgstr "b"\r\r\n',  # \r\r\n: one line end
])
def test_line_ends_and_byte_order_marks_read_as_parse_po_reads_them(
    tmp_path: Path, text: str
) -> None:
    from localize.catalog._parse import parse_po

    path = written(tmp_path, text)
    po = load_catalog(path, "fa_AF").po
    reference = parse_po(text.removeprefix("\ufeff").replace("\r\n", "\n"), path)
    assert [vars(entry) for entry in po] == [vars(entry) for entry in reference]
    assert (po.header, po.metadata) == (reference.header, reference.metadata)


def test_missing_file_directory_and_other_non_files(tmp_path: Path) -> None:
    with pytest.raises(CatalogNotFound, match=r"does not exist; run `localize extract ARTICLE`"):
        load_catalog(tmp_path / "nope.po")
    with pytest.raises(CatalogNotFound, match=r"is a directory, not a catalog; run `localize"):
        load_catalog(tmp_path)
    os.symlink(tmp_path / "gone.po", tmp_path / "dangling.po")
    with pytest.raises(CatalogNotFound, match="does not exist"):
        load_catalog(tmp_path / "dangling.po")
    with pytest.raises(CatalogNotFound, match="does not exist"):
        load_catalog(tmp_path / "\x00.po")
    if hasattr(os, "mkfifo"):  # never opened (it would block): "does not exist", as ever
        os.mkfifo(tmp_path / "fifo.po")
        with pytest.raises(CatalogNotFound, match="does not exist"):
            load_catalog(tmp_path / "fifo.po")


def test_a_file_that_cannot_be_read_names_why(tmp_path: Path) -> None:
    path = written(tmp_path, HEADER)
    real_open = io.open

    def refusing_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == os.fspath(path):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    with mock.patch("builtins.open", refusing_open), mock.patch("io.open", refusing_open), \
            pytest.raises(CatalogNotFound) as caught:
        load_catalog(path, "fa_AF")
    assert str(caught.value) == f"{path}: cannot be read: Permission denied"
    assert caught.value.__suppress_context__


def test_a_symlink_to_a_catalog_is_read(tmp_path: Path) -> None:
    path = written(tmp_path, HEADER + 'msgid "a"\nmsgstr "b"\n')
    os.symlink(path, tmp_path / "link.po")
    assert load_catalog(tmp_path / "link.po", "fa_AF").loaded_translated == 1


@pytest.mark.parametrize(("header", "error", "message"), [
    (HEADER.replace("fa_AF", "ps"), CatalogMismatch,
     "says Language: ps but lives in the fa_AF folder"),
    (HEADER.replace('"Language: fa_AF\\n"\n', ""), CatalogMismatch,
     "has no Language header; add `Language: fa_AF`"),
])
def test_a_wrong_language_header_is_refused_before_the_plural_forms(
    tmp_path: Path, header: str, error: type[Exception], message: str
) -> None:
    path = written(tmp_path, header + FORMS)
    with pytest.raises(error, match=message):
        load_catalog(path, "fa_AF")
    load_catalog(path)  # no language expected: neither is checked


@pytest.mark.parametrize(("body", "line"), [
    (FORMS, 7),
    ('msgid "b"\nmsgstr "c"\n\n' + FORMS, 10),
    ('#. x\nmsgid "b"\nmsgid_plural "bs"\nmsgstr[0] ""\nmsgstr[1] ""\n\n' + FORMS, 13),
    ("#~ " + FORMS.replace("\nm", "\n#~ m"), 7),  # obsolete entries are checked too
    ('msgid "b"\nmsgid_plural "bs"\nmsgstr[3] ""\nmsgstr[1] ""\nmsgstr[0] ""\n\n' + FORMS, 7),
])
def test_more_plural_forms_than_the_header_allows_are_refused(
    tmp_path: Path, body: str, line: int
) -> None:
    path = written(tmp_path, HEADER + body)
    with pytest.raises(CatalogSyntaxError) as caught:
        load_catalog(path, "fa_AF")
    assert caught.value.line == line
    assert "this entry has 3 plural forms but the header says nplurals=2; fix the entry" in str(
        caught.value)


@pytest.mark.parametrize("text", [
    HEADER + FORMS.replace('msgstr[2] "z"\n', ""),  # as many as allowed
    HEADER.replace("nplurals=2", "nplurals=3") + FORMS,
    HEADER.replace('"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n', "") + FORMS,
    HEADER + 'msgid "a"\nmsgstr "b"\n',
])
def test_plural_forms_within_the_header_or_without_one_are_read(
    tmp_path: Path, text: str
) -> None:
    load_catalog(written(tmp_path, text), "fa_AF")


def test_load_article_catalog_tells_a_missing_catalog_from_a_broken_one(tmp_path: Path) -> None:
    locales = Locales(tmp_path)
    dari = get_language("fa_AF")
    path = locales.catalog_path("fa_AF", "story")
    with pytest.raises(CatalogNotFound) as caught:
        load_article_catalog(locales, "story", dari)
    assert str(caught.value) == (f"{path}: no Dari catalog for 'story'; run `localize extract` "
                                 "on the article")
    assert caught.value.__context__ is None and caught.value.__cause__ is None
    path.mkdir(parents=True)
    with pytest.raises(CatalogNotFound, match="is a directory, not a catalog"):
        load_article_catalog(locales, "story", dari)
    path.rmdir()
    path.write_text(HEADER + 'msgid "a"\nmsgstr "b\n', encoding="utf-8")
    with pytest.raises(CatalogSyntaxError, match=r"story\.po:8: unterminated string"):
        load_article_catalog(locales, "story", dari)
    path.write_text(HEADER + 'msgid "a"\nmsgstr "b"\n', encoding="utf-8")
    assert load_article_catalog(locales, "story", dari).loaded_translated == 1
    with pytest.raises(CatalogMismatch, match="lives in the ps folder"):
        load_catalog(path, "ps")

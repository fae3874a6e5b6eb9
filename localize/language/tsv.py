"""Strict reading of the small, spreadsheet-editable TSV data files (lexicon, glossary).

One reader for both, so both fail the same way: a ``DataFileError`` naming the file and
the line, and saying what to fix. Files are UTF-8 (a BOM is tolerated), CRLF or LF,
tab-separated, with a fixed header row. Spreadsheets quote a cell that contains a
double quote or a tab in double quotes, doubling the inner quotes; that quoting is understood. Blank lines are
skipped. Cells are returned in NFC with surrounding spaces stripped.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataFileError

__all__ = ["TsvRow", "decode_data_file", "read_tsv"]

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class TsvRow:
    """One data row: ``line`` is the 1-based line where the row starts."""

    line: int
    cells: tuple[str, ...]


def decode_data_file(path: Path) -> str:
    """Read a data file as UTF-8 text (BOM dropped).

    Args:
        path: The file to read.

    Returns:
        The decoded text.

    Raises:
        DataFileError: If the file cannot be read or is not UTF-8 (with the line).
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DataFileError(path, f"cannot read the file: {error.strerror or error}") from None
    data = data.removeprefix(_BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DataFileError(
            path,
            f"not UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8",
            line=line,
        ) from None


def read_tsv(path: Path, header: tuple[str, ...]) -> list[TsvRow]:
    """Read a TSV data file whose first row must be exactly ``header``.

    Args:
        path: The file to read.
        header: The expected column names, in order.

    Returns:
        The data rows (header and blank lines excluded), each with exactly
        ``len(header)`` cells.

    Raises:
        DataFileError: Unreadable or non-UTF-8 file, wrong header, broken quoting,
            or a row with the wrong number of columns.
    """
    text = decode_data_file(path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", strict=True)
    rows: list[TsvRow] = []
    seen_header = False
    last_line = 0
    expected = "\t".join(header)
    while True:
        start = last_line + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise DataFileError(
                path, f"cannot parse the row: {error}", line=reader.line_num
            ) from None
        last_line = reader.line_num
        if not record or all(not cell.strip() for cell in record):
            continue
        cells = tuple(unicodedata.normalize("NFC", cell).strip() for cell in record)
        if not seen_header:
            if cells != header:
                raise DataFileError(
                    path,
                    f"the first row must be the header {expected!r} (tab-separated); "
                    f"found {chr(9).join(cells)!r}",
                    line=start,
                )
            seen_header = True
            continue
        if len(cells) != len(header):
            raise DataFileError(
                path,
                f"expected {len(header)} tab-separated columns ({', '.join(header)}), "
                f"found {len(cells)}",
                line=start,
            )
        rows.append(TsvRow(start, cells))
    if not seen_header:
        raise DataFileError(path, f"empty file; the first row must be the header {expected!r}")
    return rows

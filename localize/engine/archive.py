"""Validate ``.argosmodel`` archives and install or remove packages safely.

argostranslate's ``install_from_path`` runs ``ZipFile.extractall`` into the shared packages
directory and checks nothing (ENGINE.md §1.3): an archive can overwrite another package's files,
install without metadata (which breaks every later listing), or expand without limit. Here an
archive is checked completely first, extracted into a temporary folder inside the packages
directory, and moved into place with one ``rename``, so a failure leaves no trace.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import PackageError
from .layout import TOKENIZER_FILES, ModelPackage, parse_metadata, read_package

#: Default limit on the total uncompressed size (NLLB-200 1.3B in float16 is ~2.7 GB).
MAX_UNPACKED_BYTES = 4 << 30
#: Default limit on the number of archive members.
MAX_MEMBERS = 10_000
#: Largest uncompressed/compressed ratio accepted for members bigger than ``RATIO_MIN_BYTES``.
MAX_RATIO = 100
RATIO_MIN_BYTES = 1 << 20
_FOLDER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,199}")
_VOCABULARIES = (
    ("shared_vocabulary.json",),
    ("shared_vocabulary.txt",),
    ("source_vocabulary.json", "target_vocabulary.json"),
    ("source_vocabulary.txt", "target_vocabulary.txt"),
)
_CHUNK = 1 << 20
_FIX = "download the .argosmodel again or ask its publisher for a fixed one"


@dataclass(frozen=True)
class ArchiveInfo:
    """What :func:`validate_archive` found in a valid archive.

    Attributes:
        path: The archive file.
        folder: Its single top-level folder (the installed package's name).
        metadata: The parsed ``metadata.json``.
        members: Number of members (files and directories).
        unpacked_bytes: Total uncompressed size of the files.
        tokenizer: ``sentencepiece.model`` or ``bpe.model``.
    """

    path: Path
    folder: str
    metadata: dict[str, Any]
    members: int
    unpacked_bytes: int
    tokenizer: str

    @property
    def from_code(self) -> str:
        return str(self.metadata["from_code"])

    @property
    def to_code(self) -> str:
        return str(self.metadata["to_code"])


def _member_parts(path: Path, info: zipfile.ZipInfo) -> tuple[str, ...]:
    name = info.filename
    if "\x00" in name or "\\" in name:
        raise PackageError(path, f"member {name!r} has a NUL or backslash in its name; {_FIX}")
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        raise PackageError(path, f"member {name!r} has an absolute path; {_FIX}")
    parts = PurePosixPath(name).parts
    if not parts or any(part in ("..", ".") for part in name.rstrip("/").split("/")):
        raise PackageError(path, f"member {name!r} points outside its folder (..); {_FIX}")
    kind = stat.S_IFMT(info.external_attr >> 16) if info.create_system == 3 else 0
    if kind == stat.S_IFLNK:
        raise PackageError(path, f"member {name!r} is a symbolic link; {_FIX}")
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):  # 0: no type bits (Python's writestr)
        raise PackageError(path, f"member {name!r} is a device or special file; {_FIX}")
    return parts


def _inspect(
    path: Path, zf: zipfile.ZipFile, max_unpacked_bytes: int, max_members: int
) -> ArchiveInfo:
    infos = zf.infolist()
    if len(infos) > max_members:
        raise PackageError(path, f"{len(infos)} members, more than the limit of {max_members}")
    tops: set[str] = set()
    files: set[str] = set()
    seen: set[str] = set()
    total = 0
    for info in infos:
        parts = _member_parts(path, info)
        key = "/".join(parts)
        if key in seen:
            raise PackageError(path, f"member {info.filename!r} appears twice; {_FIX}")
        seen.add(key)
        tops.add(parts[0])
        if info.is_dir():
            continue
        if len(parts) == 1:
            raise PackageError(
                path, f"file {info.filename!r} is outside the package folder; {_FIX}"
            )
        if info.flag_bits & 0x1:
            raise PackageError(path, f"member {info.filename!r} is encrypted")
        files.add("/".join(parts[1:]))
        total += info.file_size
        if total > max_unpacked_bytes:
            raise PackageError(
                path,
                f"unpacks to more than {max_unpacked_bytes} bytes (a zip bomb or not a model "
                "package); if it is a genuine large model, raise the limit",
            )
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise PackageError(
                path,
                f"member {info.filename!r} compresses {info.file_size // max(info.compress_size, 1)}"
                f":1, more than {MAX_RATIO}:1 (a zip bomb, not model data); {_FIX}",
            )
    if len(tops) != 1:
        found = ", ".join(sorted(tops)) or "nothing"
        raise PackageError(
            path, f"must contain exactly one top-level folder, found {found}; {_FIX}"
        )
    folder = tops.pop()
    if not _FOLDER_NAME.fullmatch(folder):
        raise PackageError(path, f"top-level folder {folder!r} is not a plain folder name")
    if "metadata.json" not in files:
        raise PackageError(path, f"no {folder}/metadata.json: not an Argos package; {_FIX}")
    meta_info = zf.getinfo(_name_in(zf, folder, "metadata.json"))
    if meta_info.file_size > 1 << 20:
        raise PackageError(path, "metadata.json is larger than 1 MB")
    metadata = parse_metadata(_read(path, zf, meta_info), path)
    for required in ("model/model.bin", "model/config.json"):
        if required not in files:
            raise PackageError(
                path, f"no {folder}/{required}: not a CTranslate2 model package; {_FIX}"
            )
    if not any(all(f"model/{v}" in files for v in group) for group in _VOCABULARIES):
        raise PackageError(path, f"no vocabulary file in {folder}/model/; {_FIX}")
    tokenizer = next((name for name in TOKENIZER_FILES if name in files), None)
    if tokenizer is None:
        raise PackageError(path, f"no {folder}/sentencepiece.model or bpe.model; {_FIX}")
    return ArchiveInfo(path, folder, metadata, len(infos), total, tokenizer)


def _name_in(zf: zipfile.ZipFile, folder: str, inner: str) -> str:
    wanted = f"{folder}/{inner}"
    for info in zf.infolist():
        if "/".join(PurePosixPath(info.filename).parts) == wanted:
            return info.filename
    raise KeyError(wanted)  # pragma: no cover - callers checked membership


def _read(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        return zf.read(info)
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
    ) as error:
        raise PackageError(path, f"corrupt member {info.filename!r} ({error}); {_FIX}") from None


def _open_zip(path: Path) -> zipfile.ZipFile:
    if not path.is_file():
        raise PackageError(path, "no such file")
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, ValueError) as error:
        raise PackageError(
            path, f"not a valid .argosmodel (zip) archive, or truncated ({error}); {_FIX}"
        ) from None
    except OSError as error:
        raise PackageError(path, f"cannot read ({error})") from None


def _copy_members(path: Path, zf: zipfile.ZipFile, dest: Path | None) -> None:
    """Read every member (checking CRCs); write them under ``dest`` unless it is None."""
    for info in zf.infolist():
        parts = PurePosixPath(info.filename).parts
        target = dest.joinpath(*parts) if dest is not None else None
        if info.is_dir():
            if target is not None:
                target.mkdir(parents=True, exist_ok=True)
            continue
        if target is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with zf.open(info) as source, contextlib.ExitStack() as stack:
                out = stack.enter_context(open(target, "xb")) if target is not None else None
                while chunk := source.read(_CHUNK):
                    if out is not None:
                        out.write(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as error:
            raise PackageError(
                path, f"corrupt member {info.filename!r} ({error}); {_FIX}"
            ) from None


def validate_archive(
    path: Path,
    *,
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES,
    max_members: int = MAX_MEMBERS,
) -> ArchiveInfo:
    """Check that ``path`` is a complete, safe ``.argosmodel`` (reads all data once, for CRCs).

    Args:
        path: The archive.
        max_unpacked_bytes: Limit on the total uncompressed size.
        max_members: Limit on the number of members.

    Returns:
        What the archive holds.

    Raises:
        PackageError: Naming the archive, what is wrong and what to do.
    """
    with _open_zip(path) as zf:
        info = _inspect(path, zf, max_unpacked_bytes, max_members)
        _copy_members(path, zf, None)
    return info


def install_package(
    archive: Path,
    directory: Path,
    *,
    replace: bool = False,
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES,
    max_members: int = MAX_MEMBERS,
) -> ModelPackage:
    """Validate ``archive`` and install it as ``directory/<its top-level folder>``, atomically.

    The archive is extracted into a temporary folder inside ``directory`` and renamed into
    place; no other package is touched, and on any failure nothing is left behind.
    Reinstalling an archive whose ``metadata.json`` equals the installed one is allowed.

    Args:
        archive: The ``.argosmodel`` file.
        directory: The packages directory (created if missing).
        replace: Replace an installed package of the same folder name even if it differs.
        max_unpacked_bytes: Limit on the total uncompressed size.
        max_members: Limit on the number of members.

    Returns:
        The installed package.

    Raises:
        PackageError: Invalid archive, conflicting installed package, or a disk error.
    """
    with _open_zip(archive) as zf:
        info = _inspect(archive, zf, max_unpacked_bytes, max_members)
        final = directory / info.folder
        if final.exists() or final.is_symlink():
            _check_replaceable(archive, final, info, replace)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            temp = Path(tempfile.mkdtemp(prefix=".localize-install-", dir=directory))
        except OSError as error:
            raise PackageError(archive, f"cannot write to {directory} ({error})") from None
        try:
            _copy_members(archive, zf, temp)
            staged = temp / info.folder
            read_package(staged)  # the extracted folder must read back as a package
            _move_into_place(archive, staged, final, temp)
        except OSError as error:
            raise PackageError(
                archive, f"could not install into {directory} ({error}); nothing was installed"
            ) from None
        finally:
            shutil.rmtree(temp, ignore_errors=True)
    return read_package(final)


def _check_replaceable(archive: Path, final: Path, info: ArchiveInfo, replace: bool) -> None:
    if final.is_symlink() or not final.is_dir():
        raise PackageError(archive, f"{final} exists and is not a package folder; remove it first")
    if replace:
        return
    try:
        installed = parse_metadata((final / "metadata.json").read_bytes(), final)
    except (OSError, PackageError):
        installed = None
    if installed != info.metadata:
        raise PackageError(
            archive,
            f"a different package is installed as {final.name} in {final.parent}; "
            f"remove it (`localize models remove {final.name}`) or install with --replace",
        )


def _move_into_place(archive: Path, staged: Path, final: Path, temp: Path) -> None:
    old = temp / ".replaced"
    if final.exists():
        os.rename(final, old)
    try:
        os.rename(staged, final)
    except OSError:
        if old.exists() and not final.exists():
            os.rename(old, final)
        raise


def remove_package(name: str, directory: Path) -> None:
    """Remove the installed package folder ``directory/name``.

    The folder is first renamed to a temporary name, so an interrupted removal never leaves a
    half-deleted folder that looks like a package.

    Args:
        name: The package's folder name (as listed by ``localize models list``).
        directory: The packages directory.

    Raises:
        PackageError: ``name`` is not a plain folder name or is not installed.
    """
    target = directory / name
    if not _FOLDER_NAME.fullmatch(name):
        raise PackageError(target, "not a package folder name")
    if target.is_symlink() or not target.is_dir():
        installed = []
        if directory.is_dir():
            installed = sorted(p.name for p in directory.iterdir() if p.is_dir())
        raise PackageError(
            target,
            "no such installed package; installed: " + (", ".join(installed) or "none"),
        )
    try:
        temp = Path(tempfile.mkdtemp(prefix=".localize-remove-", dir=directory))
        os.rename(target, temp / name)
    except OSError as error:
        raise PackageError(target, f"cannot remove ({error})") from None
    shutil.rmtree(temp, ignore_errors=True)

"""Installed Argos packages as localize reads them: the directory, one package, a listing.

The packages directory is shared with argostranslate (``argospm install`` / ``argospm list``):
every sub-directory is one package, holding ``metadata.json``, a CTranslate2 ``model/`` and a
``sentencepiece.model`` (or ``bpe.model``). We read that layout ourselves, so listing needs no
``argostranslate`` import (whose settings module creates directories under ``$HOME``).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import PackageError

#: Tokenizer files, in the order argostranslate looks for them.
TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")
#: Names of temporary folders localize creates inside a packages directory.
TEMP_PREFIXES = (".localize-install-", ".localize-remove-")
_MAX_METADATA_BYTES = 1 << 20


def _home(env: Mapping[str, str]) -> Path:
    # Path.home() would read os.environ; the caller's mapping decides.
    if "HOME" in env:
        return Path(env["HOME"])
    if sys.platform != "win32":
        import pwd

        return Path(pwd.getpwuid(os.getuid()).pw_dir)
    return Path(env.get("USERPROFILE", "~")).expanduser()  # pragma: no cover


def _argos_dirs(env: Mapping[str, str]) -> tuple[Path, Path]:
    home = _home(env)
    if "SNAP" in env:
        home = Path(env.get("SNAP_USER_DATA", str(home)))
    # os.getenv(key, default) semantics, as in argostranslate/settings.py: a variable that is
    # set (even to "") wins over the default.
    data_dir = Path(env.get("XDG_DATA_HOME", str(home / ".local" / "share"))) / "argos-translate"
    config_dir = Path(env.get("XDG_CONFIG_HOME", str(home / ".config"))) / "argos-translate"
    return data_dir, config_dir


def default_packages_dir(env: Mapping[str, str]) -> Path:
    """The directory argostranslate (argos-translate-lt 1.12.1) installs packages into.

    Mirrors ``argostranslate/settings.py``: ``ARGOS_PACKAGES_DIR`` from the environment, else
    ``ARGOS_PACKAGES_DIR`` from ``$XDG_CONFIG_HOME/argos-translate/settings.json``, else
    ``$XDG_DATA_HOME/argos-translate/packages`` (``XDG_DATA_HOME`` defaults to
    ``~/.local/share``; under snap, ``$SNAP_USER_DATA`` replaces ``~``). The legacy
    ``ARGOS_TRANSLATE_PACKAGE_DIR`` is read by argostranslate into an unused variable, so it is
    ignored here too. Nothing is created.

    Args:
        env: The environment to resolve against (the CLI passes ``os.environ``).

    Returns:
        The packages directory (it may not exist yet).
    """
    if "ARGOS_PACKAGES_DIR" in env:
        return Path(env["ARGOS_PACKAGES_DIR"])
    data_dir, config_dir = _argos_dirs(env)
    settings_file = config_dir / "settings.json"
    try:
        settings = json.loads(settings_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        settings = None
    if isinstance(settings, dict) and settings.get("ARGOS_PACKAGES_DIR") is not None:
        return Path(str(settings["ARGOS_PACKAGES_DIR"]))
    return data_dir / "packages"


def package_search_dirs(env: Mapping[str, str]) -> list[Path]:
    """Every directory argostranslate lists packages from: the default one, plus snap extras.

    Args:
        env: The environment to resolve against.

    Returns:
        ``[default_packages_dir(env)]`` followed by existing snap bundle directories.
    """
    dirs = [default_packages_dir(env)]
    if "SNAP" in env:
        snap = Path(env["SNAP"]) / "snap_custom"
        if (snap / "packages").is_dir():
            dirs.append(snap / "packages")
        content = snap / "content_snap_packages"
        if content.is_dir():
            dirs.extend(sorted(p for p in content.iterdir() if p.is_dir()))
    return dirs


def version_key(version: str) -> tuple[tuple[int, ...], str]:
    """A sort key for package versions such as ``1.5``, ``1.9.0`` or ``0.0.0+demo``.

    >>> version_key("1.10") > version_key("1.9")
    True
    """
    release = re.split(r"[+\-]", version, maxsplit=1)[0]
    return tuple(int(part) for part in re.findall(r"\d+", release)), version


@dataclass(frozen=True)
class ModelPackage:
    """One installed Argos translate package.

    Attributes:
        name: The folder name inside the packages directory (``translate-en_prs-1_0``).
        path: The package folder.
        from_code: Source language code from ``metadata.json``.
        to_code: Target language code from ``metadata.json``.
        version: ``package_version`` ("" if absent).
        target_prefix: Token forced at the start of every translation ("" if none).
        tokenizer: Path of ``sentencepiece.model`` or ``bpe.model``.
        size_bytes: Total size of the files in the folder.
        metadata: The parsed ``metadata.json``.
    """

    name: str
    path: Path
    from_code: str
    to_code: str
    version: str
    target_prefix: str
    tokenizer: Path
    size_bytes: int
    metadata: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def model_dir(self) -> Path:
        """The CTranslate2 model directory."""
        return self.path / "model"

    @property
    def package_type(self) -> str:
        return str(self.metadata.get("type", "translate"))

    @property
    def argospm_name(self) -> str:
        """The name argospm shows, e.g. ``translate-en_fa``."""
        return f"{self.package_type}-{self.from_code}_{self.to_code}"

    @property
    def from_name(self) -> str:
        return str(self.metadata.get("from_name") or self.from_code)

    @property
    def to_name(self) -> str:
        return str(self.metadata.get("to_name") or self.to_code)

    @property
    def is_demo(self) -> bool:
        """True for packages made by :func:`localize.engine.demo.build_demo_package`."""
        return self.metadata.get("demo") is True

    @property
    def uses_bpe(self) -> bool:
        return self.tokenizer.name == "bpe.model"

    def readme(self) -> str | None:
        """The package's ``README.md``, or None if it has none."""
        try:
            return (self.path / "README.md").read_text(encoding="utf-8")
        except OSError:
            return None

    def describe(self) -> str:
        """One line for listings: ``translate-en_prs-1_0  en -> prs  1.0  62.1 MB``."""
        demo = "  (demo: nonsense output)" if self.is_demo else ""
        return (
            f"{self.name}  {self.from_code} -> {self.to_code}  {self.version or '?'}  "
            f"{self.size_bytes / 1e6:.1f} MB{demo}"
        )


@dataclass(frozen=True)
class PackageProblem:
    """A folder in the packages directory that is not a usable package."""

    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class PackageListing:
    """Result of :func:`list_packages`: the usable packages and the folders that are not."""

    packages: list[ModelPackage]
    problems: list[PackageProblem]


def parse_metadata(raw: bytes, where: Path) -> dict[str, Any]:
    """Parse and check ``metadata.json`` bytes (from a folder or an archive member).

    Raises:
        PackageError: Not JSON, not an object, or without string ``from_code``/``to_code``.
    """
    try:
        metadata = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise PackageError(where, f"metadata.json is not valid UTF-8 JSON ({error})") from None
    if not isinstance(metadata, dict):
        raise PackageError(where, "metadata.json must hold a JSON object")
    for key in ("from_code", "to_code"):
        value = metadata.get(key)
        if not isinstance(value, str) or not value.strip():
            raise PackageError(
                where,
                f"metadata.json has no {key!r} string; a translate package needs both "
                "'from_code' and 'to_code' (e.g. \"en\" and \"prs\")",
            )
    if metadata.get("type", "translate") != "translate":
        raise PackageError(where, f"package type {metadata.get('type')!r} is not 'translate'")
    for key in ("target_prefix", "package_version"):
        if key in metadata and not isinstance(metadata[key], str):
            raise PackageError(where, f"metadata.json field {key!r} must be a string")
    return metadata


def read_package(path: Path) -> ModelPackage:
    """Read one installed package folder.

    Args:
        path: The package folder.

    Returns:
        The package.

    Raises:
        PackageError: The folder is not a complete translate package.
    """
    metadata_path = path / "metadata.json"
    try:
        if metadata_path.stat().st_size > _MAX_METADATA_BYTES:
            raise PackageError(metadata_path, "metadata.json is larger than 1 MB")
        raw = metadata_path.read_bytes()
    except FileNotFoundError:
        raise PackageError(path, "no metadata.json: not an Argos package") from None
    except OSError as error:
        raise PackageError(metadata_path, f"cannot read metadata.json ({error})") from None
    metadata = parse_metadata(raw, metadata_path)
    tokenizer = next((path / n for n in TOKENIZER_FILES if (path / n).is_file()), None)
    if tokenizer is None:
        raise PackageError(path, "no sentencepiece.model or bpe.model")
    for required in ("model.bin", "config.json"):
        if not (path / "model" / required).is_file():
            raise PackageError(path, f"no model/{required}: not a CTranslate2 package")
    size = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                size += (Path(root) / name).stat().st_size
            except OSError:
                pass
    return ModelPackage(
        name=path.name,
        path=path,
        from_code=metadata["from_code"].strip(),
        to_code=metadata["to_code"].strip(),
        version=str(metadata.get("package_version", "")),
        target_prefix=str(metadata.get("target_prefix", "")),
        tokenizer=tokenizer,
        size_bytes=size,
        metadata=metadata,
    )


def list_packages(directory: Path) -> PackageListing:
    """Read every package folder in ``directory``; never fails because of one bad folder.

    A missing directory lists as empty. Plain files are ignored (as argostranslate does).

    Args:
        directory: A packages directory.

    Returns:
        Packages sorted by name, and one problem per folder that is not a usable package.
    """
    packages: list[ModelPackage] = []
    problems: list[PackageProblem] = []
    try:
        entries = sorted(directory.iterdir())
    except FileNotFoundError:
        return PackageListing([], [])
    except OSError as error:
        return PackageListing([], [PackageProblem(directory, f"cannot list ({error})")])
    for entry in entries:
        if not entry.is_dir():
            continue
        if entry.name.startswith(TEMP_PREFIXES):
            problems.append(
                PackageProblem(entry, "left over from an interrupted localize run; delete it")
            )
            continue
        try:
            packages.append(read_package(entry))
        except PackageError as error:
            problems.append(PackageProblem(entry, error.detail))
    return PackageListing(packages, problems)

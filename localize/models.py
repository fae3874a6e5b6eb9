"""Installed model packages as the CLI shows them, and the generated demo packages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .langs import LANGUAGES


def describe_packages(directory: Path) -> tuple[list[tuple[str, ...]], list[str]]:
    """Rows (name, pair, version, size, which localize language it serves) and problems."""
    from .engine.packages import list_packages

    listing = list_packages(directory)
    rows: list[tuple[str, ...]] = [
        (pkg.name, f"{pkg.from_code}->{pkg.to_code}", pkg.version, _size(pkg.size_bytes),
         serves(pkg))
        for pkg in listing.packages
    ]
    return rows, [str(p) for p in listing.problems]


def serves(package: Any) -> str:
    """What a package does for the newsroom: ``Dari (fa_AF)``, ``Persian model, adapted to
    Dari (fa_AF)``, ``Pashto (ps)`` or ``not used by localize``."""
    from .engine.resolve import choose_package
    from .errors import BackendUnavailable

    uses = []
    for language in LANGUAGES.values():
        try:
            choice = choose_package(language, [package])
        except BackendUnavailable:
            continue
        label = choice.note(language) or language.name
        uses.append(f"{label} ({language.code})")
    return "; ".join(uses) or "not used by localize"


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def install_demo_models(which: str, directory: Path, *, replace: bool = True) -> list[Any]:
    """Build and install the generated demo package(s): a genuine engine with nonsense output."""
    import tempfile

    from .engine.demo import build_demo_package
    from .engine.packages import install_package

    codes = {"fa_AF": ["prs"], "ps": ["ps"], "both": ["prs", "ps"]}[which]
    installed = []
    with tempfile.TemporaryDirectory() as tmp:
        for code in codes:
            archive = build_demo_package(Path(tmp) / f"demo-en_{code}.argosmodel", to_code=code)
            installed.append(install_package(archive, directory, replace=replace))
    return installed

"""Which installed package translates English into Dari or Pashto.

Dari (``fa_AF``) is served natively by a package whose target is ``prs``/``fa_AF``/``prs_Arab``
(``to_code``, or the NLLB ``target_prefix``), else by a Persian (``fa``) package whose output
is marked "Persian model, adapted to Dari". Pashto is served by ``ps``/``pbt``/``pbu``/
``pbt_Arab``. Native beats adapted, then the highest version wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import BackendUnavailable
from ..langs import SOURCE_LANGUAGE, Language
from .layout import ModelPackage, version_key


@dataclass(frozen=True)
class PackageChoice:
    """The package chosen for a language.

    Attributes:
        package: The package.
        adapted_from: The related language code whose model is adapted (``"fa"`` when a
            Persian model serves Dari), or None for a native model.
    """

    package: ModelPackage
    adapted_from: str | None = None

    @property
    def native(self) -> bool:
        return self.adapted_from is None

    def note(self, language: Language) -> str | None:
        """The label drafts carry when the model is adapted, else None.

        >>> from localize.langs import DARI
        >>> from pathlib import Path
        >>> p = ModelPackage("x", Path("x"), "en", "fa", "1.5", "", Path("x"), 0)
        >>> PackageChoice(p, "fa").note(DARI)
        'Persian model, adapted to Dari'
        """
        if self.adapted_from is None:
            return None
        names = {"fa": "Persian", "pes": "Persian", "pes_arab": "Persian"}
        source = names.get(self.adapted_from.lower(), self.adapted_from)
        return f"{source} model, adapted to {language.name}"


def _norm(code: str) -> str:
    return code.strip().replace("-", "_").lower()


def _served_code(package: ModelPackage, codes: tuple[str, ...]) -> str | None:
    wanted = {_norm(code) for code in codes}
    for candidate in (package.to_code, package.target_prefix):
        if candidate and _norm(candidate) in wanted:
            return candidate
    return None


def choose_package(language: Language, packages: Sequence[ModelPackage]) -> PackageChoice:
    """Pick the installed package that translates English into ``language``.

    Args:
        language: ``DARI`` or ``PASHTO`` (from :mod:`localize.langs`).
        packages: Installed packages (``list_packages(dir).packages``).

    Returns:
        The best package, and ``adapted_from`` when it is a related language's model.

    Raises:
        BackendUnavailable: No installed package serves the language; the message says how
            to install one.
    """
    ranked: list[tuple[int, tuple[tuple[int, ...], str], str, PackageChoice]] = []
    for package in packages:
        if _norm(package.from_code) != SOURCE_LANGUAGE:
            continue
        if _served_code(package, language.native_model_codes) is not None:
            ranked.append((1, version_key(package.version), package.name, PackageChoice(package)))
            continue
        adapted = _served_code(package, language.adapted_model_codes)
        if adapted is not None:
            choice = PackageChoice(package, adapted_from=adapted)
            ranked.append((0, version_key(package.version), package.name, choice))
    if ranked:
        return max(ranked, key=lambda item: item[:3])[3]
    raise BackendUnavailable(_missing_message(language, packages))


def _missing_message(language: Language, packages: Sequence[ModelPackage]) -> str:
    example = "prs" if language.code == "fa_AF" else "ps"
    installed = ", ".join(f"{p.name} ({p.from_code}->{p.to_code})" for p in packages) or "none"
    targets = {_norm(c) for c in language.native_model_codes + language.adapted_model_codes}
    wrong_way = [
        p.name
        for p in packages
        if _norm(p.to_code) == SOURCE_LANGUAGE and _norm(p.from_code) in targets
    ]
    hint = f" ({', '.join(wrong_way)} translates into English, not from it)" if wrong_way else ""
    adapted = ""
    if language.adapted_model_codes:
        adapted = (
            f"; a Persian en->{language.adapted_model_codes[0]} package also works "
            "(marked 'adapted')"
        )
    return (
        f"no installed model translates English into {language.name} ({language.code}); "
        f"installed: {installed}{hint}. Install one with "
        f"`localize models install PATH/TO/translate-en_{example}.argosmodel`"
        f"{adapted}. The Argos index has no {language.name} model: to make one from "
        f"NLLB-200 ({language.nllb_code}), see the README section on converting NLLB. "
        "To try the pipeline first, `localize models install --demo` installs a demo model "
        "(nonsense output)."
    )

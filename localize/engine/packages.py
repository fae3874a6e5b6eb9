"""The Argos package format and the packages directory, read and written by localize.

One import path for everything about model packages; the work is done in
:mod:`~localize.engine.layout` (directory, listing), :mod:`~localize.engine.archive`
(validate, install, remove) and :mod:`~localize.engine.index` (the optional online index).
No ``argostranslate`` import is needed except by :func:`install_from_index`.
"""

from __future__ import annotations

from .archive import (
    MAX_MEMBERS,
    MAX_UNPACKED_BYTES,
    ArchiveInfo,
    install_package,
    remove_package,
    validate_archive,
)
from .index import install_from_index
from .layout import (
    ModelPackage,
    PackageListing,
    PackageProblem,
    default_packages_dir,
    list_packages,
    package_search_dirs,
    read_package,
    version_key,
)

__all__ = [
    "MAX_MEMBERS",
    "MAX_UNPACKED_BYTES",
    "ArchiveInfo",
    "ModelPackage",
    "PackageListing",
    "PackageProblem",
    "default_packages_dir",
    "install_from_index",
    "install_package",
    "list_packages",
    "package_search_dirs",
    "read_package",
    "remove_package",
    "validate_archive",
    "version_key",
]

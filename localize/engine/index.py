"""Install a package from the Argos package index (optional; needs the ``argos`` extra).

This is the only place localize goes on the network, and only when asked explicitly. It uses
argostranslate for the index location (``ARGOS_PACKAGE_INDEX``) and the index entries, but
fetches with its own short timeouts and installs through :func:`install_package`, because
argostranslate's own path has no timeout, recurses without end when the index cannot be fetched
(``get_available_packages`` -> ``update_package_index`` swallows the error -> retry), and
extracts archives unchecked.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from types import ModuleType
from typing import Any

from ..errors import BackendUnavailable, PackageError
from .archive import MAX_UNPACKED_BYTES, install_package
from .layout import ModelPackage

_OFFLINE_HINT = (
    "download the .argosmodel on a connected machine and run `localize models install FILE`"
)


def _import_argos(directory: Path) -> tuple[ModuleType, ModuleType]:
    # argostranslate.settings reads the environment once, at import: point it at our
    # directory for that moment only, then restore the caller's environment.
    saved = os.environ.get("ARGOS_PACKAGES_DIR")
    first_import = "argostranslate.settings" not in sys.modules
    if first_import:
        os.environ["ARGOS_PACKAGES_DIR"] = str(directory)
    try:
        import argostranslate.package as argos_package
        import argostranslate.settings as argos_settings
    except ImportError as error:
        raise BackendUnavailable(
            f"installing from the package index needs argostranslate ({error}); "
            "`pip install 'localize[argos]'`, or " + _OFFLINE_HINT
        ) from None
    finally:
        if first_import:
            if saved is None:
                os.environ.pop("ARGOS_PACKAGES_DIR", None)
            else:
                os.environ["ARGOS_PACKAGES_DIR"] = saved
    return argos_package, argos_settings


def _fetch(url: str, timeout: float, limit: int, out: Any) -> None:
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"unsupported URL {url!r}")
    request = urllib.request.Request(url, headers={"User-Agent": "localize"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        received = 0
        while chunk := response.read(1 << 20):
            received += len(chunk)
            if received > limit:
                raise ValueError(f"larger than {limit} bytes")
            out.write(chunk)


def install_from_index(
    from_code: str,
    to_code: str,
    directory: Path,
    *,
    timeout: float = 10.0,
    index_url: str | None = None,
) -> ModelPackage:
    """Download the index's ``from_code -> to_code`` package and install it into ``directory``.

    Args:
        from_code: Source code as the index spells it (``en``).
        to_code: Target code as the index spells it (``fa``; the index has no Dari or Pashto).
        directory: The packages directory.
        timeout: Seconds allowed for connecting and for each read.
        index_url: The index JSON URL; default: argostranslate's (``ARGOS_PACKAGE_INDEX``).

    Returns:
        The installed package.

    Raises:
        BackendUnavailable: argostranslate missing, index or package unreachable, or no such
            pair in the index.
        PackageError: The downloaded archive is invalid.
    """
    argos_package, argos_settings = _import_argos(directory)
    url = index_url or str(argos_settings.remote_package_index)
    buffer = io.BytesIO()
    try:
        _fetch(url, timeout, 64 << 20, buffer)
        entries = json.loads(buffer.getvalue().decode("utf-8"))
        available = [argos_package.AvailablePackage(entry) for entry in entries]
    except (OSError, ValueError, urllib.error.URLError, RecursionError, TypeError) as error:
        raise BackendUnavailable(
            f"could not reach the Argos package index at {url} ({_reason(error)}); " + _OFFLINE_HINT
        ) from None
    matches = [p for p in available if p.from_code == from_code and p.to_code == to_code]
    if not matches:
        pairs = sorted(f"{p.from_code}->{p.to_code}" for p in available if p.from_code == from_code)
        raise BackendUnavailable(
            f"the Argos package index has no {from_code}->{to_code} package "
            f"(it has: {', '.join(pairs) or 'none'}); for Dari or Pashto see the README section "
            "on converting NLLB-200, then `localize models install FILE`"
        )
    chosen = matches[0]
    links = [str(link) for link in (getattr(chosen, "links", None) or [])]
    return _download_and_install(links, directory, timeout, str(chosen))


def _download_and_install(
    links: list[str], directory: Path, timeout: float, label: str
) -> ModelPackage:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(
            prefix=".localize-install-", suffix=".argosmodel", dir=directory
        )
    except OSError as error:
        raise PackageError(directory, f"cannot write here ({error})") from None
    temp = Path(name)
    try:
        errors: list[str] = []
        source = ""
        with os.fdopen(handle, "wb") as out:
            for link in links:
                try:
                    out.seek(0)
                    out.truncate()
                    _fetch(link, timeout, MAX_UNPACKED_BYTES, out)
                    source = link
                    break
                except (OSError, ValueError, urllib.error.URLError) as error:
                    errors.append(f"{link}: {_reason(error)}")
            else:
                raise BackendUnavailable(
                    f"could not download {label} ({'; '.join(errors) or 'no download link'}); "
                    + _OFFLINE_HINT
                )
        try:
            return install_package(temp, directory)
        except PackageError as error:
            raise PackageError(source, error.detail) from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def _reason(error: BaseException) -> str:
    if isinstance(error, urllib.error.URLError) and not isinstance(error, urllib.error.HTTPError):
        return str(error.reason)
    return str(error) or type(error).__name__

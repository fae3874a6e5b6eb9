"""localize: offline translation and localization of English news into Dari and Pashto.

Public names are re-exported here; everything heavy (engines) is imported lazily.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import LocalizeError
from .model import BlockKind, Finding, Provenance, Segment, Severity, State, Unit

__all__ = [
    "BlockKind",
    "Finding",
    "LocalizeError",
    "Provenance",
    "Segment",
    "Severity",
    "State",
    "Unit",
    "__version__",
]

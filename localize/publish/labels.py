"""The few interface strings an edition shows, in English, Dari and Pashto.

Keep this table small and reviewed: every string here appears on published pages.

TODO(native review): the Dari (``fa_AF``) and Pashto (``ps``) strings below were written
for the first version and have not yet been checked by a native editor; fix them here,
nowhere else (the renderers and tests read them from this table).
"""

from __future__ import annotations

import datetime as dt

# key -> text; "{name}" in "edition" is the target language's English name.
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "language": "English",
        "pending": "translation pending review",
        "draft": "machine translation, not reviewed",
        "published": "Published",
        "incomplete": "This edition is incomplete: some translations are pending review.",
        "has_drafts": "Parts of this edition are machine translations that have not been reviewed.",
        "edition": "English / {name} edition",
    },
    "fa_AF": {
        "language": "دری",
        "pending": "ترجمه در انتظار بازبینی",
        "draft": "ترجمه ماشینی، بازبینی نشده",
        "published": "تاریخ نشر",
        "incomplete": "این نسخه کامل نیست: ترجمه برخی بخش‌ها در انتظار بازبینی است.",
        "has_drafts": "بخش‌هایی از این نسخه ترجمه ماشینی است که بازبینی نشده است.",
    },
    "ps": {
        "language": "پښتو",
        "pending": "ژباړه د بیاکتنې په تمه",
        "draft": "ماشیني ژباړه، بیاکتنه یې نه ده شوې",
        "published": "د خپرېدو نېټه",
        "incomplete": "دا نسخه بشپړه نه ده: د ځینو برخو ژباړه د بیاکتنې په تمه ده.",
        "has_drafts": "د دې نسخې ځینې برخې ماشیني ژباړه ده چې بیاکتنه یې نه ده شوې.",
    },
}

_ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def label(language_code: str, key: str) -> str:
    """The interface string ``key`` in ``language_code`` (``en``, ``fa_AF`` or ``ps``).

    Raises:
        KeyError: for a language or key not in ``LABELS`` (a programming error).
    """
    return LABELS[language_code][key]


def english_date(day: dt.date) -> str:
    """``10 February 2019``: independent of the process locale.

    >>> english_date(dt.date(2019, 2, 10))
    '10 February 2019'
    """
    return f"{day.day} {_ENGLISH_MONTHS[day.month - 1]} {day.year}"

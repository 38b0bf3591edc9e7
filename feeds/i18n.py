"""The words of the site pages in the site's language: one message catalog per language.

A catalog is a TOML file in ``feeds/pages/locales/`` (beside the templates) named by its language (``ko.toml``), used
through Jinja2's i18n extension (``_()``, ``ngettext()``, ``{% trans %}``) by way of the small
gettext-compatible object below. TOML rather than gettext .po/.mo: compiled .mo files need Babel or
msgfmt at build time, while a TOML file is read by the standard library, reviewed as plain text,
and adding a language is adding one file. The message ids are the English text, as in gettext, so
the templates read as English and ``pybabel extract`` still finds every message.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

LOCALES = Path(__file__).parent / "pages" / "locales"
FALLBACK = "en"


@dataclass(frozen=True)
class Catalog:
    """One language's messages, with gettext's calling convention (what Jinja2's i18n extension calls)."""

    language: str  # the catalog's own language tag: "ko"
    messages: dict[str, str | list[str]] = field(default_factory=dict)
    date_format: str = "{year}-{month:02d}-{day:02d}"  # str.format fields: year, month, day, month_name
    month_names: tuple[str, ...] = ()
    plural_forms: int = 2  # 1 for a language without plurals (Korean): its forms are one string

    def gettext(self, message: str) -> str:
        found = self.messages.get(message, message)
        return found if isinstance(found, str) else found[0]

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self.messages.get(singular)
        if isinstance(found, str):
            return found
        if found is None:
            found = [singular, plural]
        return found[0] if n == 1 or len(found) == 1 else found[1]

    def date(self, value: datetime) -> str:
        """``value``'s day written the language's way: "May 3, 2024", "2024년 5월 3일"."""
        months = self.month_names or tuple(str(m) for m in range(1, 13))
        return self.date_format.format(
            year=value.year, month=value.month, day=value.day, month_name=months[value.month - 1]
        )


def catalog_name(language: str) -> str:
    """The catalog a site's ``language`` picks: the whole tag if there is one for it (``pt-br``),
    else its primary language (``ko-KR`` -> ``ko``), else English."""
    tag = language.lower().replace("_", "-")
    for name in (tag, tag.split("-", 1)[0]):
        if name and (LOCALES / f"{name}.toml").is_file():
            return name
    return FALLBACK


@cache
def catalog(language: str) -> Catalog:
    """The catalog for a site's ``language`` (see ``catalog_name``)."""
    name = catalog_name(language)
    with (LOCALES / f"{name}.toml").open("rb") as f:
        data = tomllib.load(f)
    return Catalog(
        language=name,
        messages=dict(data.get("messages", {})),
        date_format=data["date_format"],
        month_names=tuple(data.get("month_names", ())),
        plural_forms=int(data.get("plural_forms", 2)),
    )


def available() -> list[str]:
    """Every language that has a catalog."""
    return sorted(p.stem for p in LOCALES.glob("*.toml"))


def words(language: str, message: str, **args: str) -> str:
    """``message`` in the catalog of ``language``, its ``%(name)s`` fields filled: for the words
    made outside the templates, such as a tag feed's description."""
    return catalog(language).gettext(message) % args

"""Jinja2 set-up for the site pages: autoescaped, the site's templates before the built-in ones,
their words from the catalog of the site's language (``feeds.i18n``)."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from feeds.errors import ConfigError
from feeds.i18n import catalog
from feeds.pages import BUILTIN_TEMPLATES


@cache
def _environment(templates: Path | None, language: str) -> jinja2.Environment:
    folders = [str(templates)] if templates is not None else []
    env = jinja2.Environment(
        extensions=["jinja2.ext.i18n"],
        loader=jinja2.FileSystemLoader([*folders, str(BUILTIN_TEMPLATES)]),
        # Every page is HTML or XML: escape everything a template prints unless marked safe.
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,  # a typo in a site's template fails loudly, not silently empty
    )
    env.filters["rfc822"] = _rfc822
    env.filters["isodate"] = lambda value: value.date().isoformat() if isinstance(value, datetime) else ""
    env.filters["xml_comment"] = _xml_comment
    env.filters["iri"] = iri
    words = catalog(language)
    # newstyle: ``_("%(n)s", n=...)`` formats and escapes its arguments itself.
    env.install_gettext_translations(words, newstyle=True)  # type: ignore[attr-defined]
    env.filters["longdate"] = lambda value: words.date(value) if isinstance(value, datetime) else ""
    env.globals["ui_lang"] = words.language
    env.globals["ui_lang_attr"] = lambda page_language: _lang_attr(words.language, page_language)
    return env


def _lang_attr(words: str, page: object) -> Markup:
    """`` lang="en"`` on the interface words when the page is in another language (a French site
    shows the English catalog), so screen readers pronounce them right; nothing when they agree."""
    if str(page).lower().split("-", 1)[0] == words.split("-", 1)[0]:
        return Markup("")
    return Markup(' lang="{}"').format(words)


_ENCODED_UTF8 = re.compile(r"(?:%[89A-Fa-f][0-9A-Fa-f])+")
_HIDDEN = frozenset(("Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp", "Zs"))


def iri(url: object) -> str:
    """``url`` as people read it (RFC 3987 3.2): its percent-encoded UTF-8 decoded, so a Korean
    tag's feed shows ``tags/여행/rss.xml``. Only non-ASCII is decoded (an encoded "/", "%" or
    space stays as it is, keeping the address the same), and nothing invisible or bidirectional
    is: such a character stays encoded, so what is shown is what a reader will fetch."""

    def decode(match: re.Match[str]) -> str:
        try:
            text = bytes.fromhex(match.group().replace("%", "")).decode("utf-8")
        except UnicodeDecodeError:
            return match.group()
        if any(unicodedata.category(c) in _HIDDEN or unicodedata.bidirectional(c) in ("R", "AL") for c in text):
            return match.group()
        return text

    return _ENCODED_UTF8.sub(decode, str(url))


def _xml_comment(value: object) -> Markup:
    """``value`` escaped for the inside of an XML comment, which may not hold "--"."""
    text = str(escape(value))
    while "--" in text:
        text = text.replace("--", "- -")
    return Markup(text)


def _rfc822(value: object) -> str:
    if not isinstance(value, datetime):
        return ""
    from email.utils import format_datetime  # here: it imports socket and more, and only the OPML page asks

    return format_datetime(value)


def fill(template: str, templates: Path | None, **context: Any) -> bytes:
    """The page; a broken template (most likely a site's own) is a ConfigError naming file and line."""
    try:
        language = context["site"].language if "site" in context else "en"
        return _environment(templates, language).get_template(template).render(**context).encode("utf-8")
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or template}:{exc.lineno}"
        raise ConfigError(f"{where}: template error: {exc.message}", key="templates") from exc
    except jinja2.TemplateError as exc:
        raise ConfigError(f"{template}: template error: {exc}", key="templates") from exc

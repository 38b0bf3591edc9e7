"""Jinja2 set-up for the site pages: autoescaped, the site's templates before the built-in ones."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from feeds.errors import ConfigError
from feeds.pages import BUILTIN_TEMPLATES


@cache
def _environment(templates: Path | None) -> jinja2.Environment:
    folders = [str(templates)] if templates is not None else []
    env = jinja2.Environment(
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
    return env


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


def render(template: str, templates: Path | None, **context: Any) -> bytes:
    """The page; a broken template (most likely a site's own) is a ConfigError naming file and line."""
    try:
        return _environment(templates).get_template(template).render(**context).encode("utf-8")
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or template}:{exc.lineno}"
        raise ConfigError(f"{where}: template error: {exc.message}", key="templates") from exc
    except jinja2.TemplateError as exc:
        raise ConfigError(f"{template}: template error: {exc}", key="templates") from exc

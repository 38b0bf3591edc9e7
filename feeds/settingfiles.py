"""The settings that name files, relative to the settings file (so a cron job started from any
folder finds the same ones): the templates and static folders, the icon and logo, the id ledger.
They are given to ``Site`` as keyword arguments (``file_settings``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from feeds.settingtext import Fail, is_hub_url

IMAGE_SUFFIXES = (".png", ".svg", ".ico", ".jpg", ".jpeg", ".gif", ".webp", ".avif")


def file_settings(get_str: Callable[[str], str | None], site_url: str, source: str, fail: Fail) -> dict[str, Any]:
    """``Site``'s keyword arguments for the settings that name files, checked."""
    icon, icon_file = image(get_str("icon"), "icon", site_url, source, fail)
    logo, logo_file = image(get_str("logo"), "logo", site_url, source, fail)
    return {
        "templates": templates_folder(get_str("templates"), source, fail),
        "static": static_folder(get_str("static"), source, fail),
        "icon": icon,
        "icon_file": icon_file,
        "logo": logo,
        "logo_file": logo_file,
        "id_ledger": ledger_file(get_str("id_ledger"), source, fail),
    }


def _beside(value: str, source: str) -> Path:
    return Path(value) if source == "config" else Path(source).parent / value


def static_folder(static: str | None, source: str, fail: Fail) -> Path | None:
    if static is None:
        return None
    folder = _beside(static, source)
    if not folder.is_dir():
        raise fail("static", f"must name a folder to copy into the output; {str(folder)!r} is not one")
    return folder


def templates_folder(templates: str | None, source: str, fail: Fail) -> Path | None:
    if templates is None:
        return None
    folder = _beside(templates, source)
    if not folder.is_dir():
        raise fail("templates", f"must name a folder of templates; {str(folder)!r} is not one")
    return folder


def image(value: str | None, key: str, site_url: str, source: str, fail: Fail) -> tuple[str | None, Path | None]:
    """An ``icon`` or ``logo`` setting: an absolute http(s) URL, used as it is, or an image file
    published at the top of out/ under its own name; (None, None) when it is not set."""
    from urllib.parse import quote

    if value is None:
        return None, None
    if value.startswith(("http://", "https://")):
        if not is_hub_url(value):
            raise fail(key, f"must be an image file or an absolute http(s) URL, got {value!r}")
        return value, None
    path = _beside(value, source)
    if path.suffix.lower() not in IMAGE_SUFFIXES or not path.is_file():
        raise fail(key, f"must name an image file ({', '.join(IMAGE_SUFFIXES)}) or be a URL; {str(path)!r} is not one")
    return site_url + quote(path.name), path


def ledger_file(ledger: str | None, source: str, fail: Fail) -> Path | None:
    """The id ledger: committed beside the content it pins, created by the first build."""
    if ledger is None:
        return None
    path = _beside(ledger, source)
    if not ledger.strip() or path.is_dir():
        raise fail("id_ledger", f"must name a file (created by the first build), got {ledger!r}")
    return path

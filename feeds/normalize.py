"""Normalization: a reader's raw metadata to a ``Document``, one small function per field."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from feeds import mojibake
from feeds.config import Site, bundle_name
from feeds.dates import is_zero_date, parse_date
from feeds.dialects import is_jekyll_post, references
from feeds.document import Author, Document
from feeds.errors import ContentError, DateError, MissingField, PageError, RedirectStub
from feeds.fields import (
    AUTHORS,
    DRAFT,
    KNOWN_KEYS,
    LANGUAGE,
    LINK,
    OWN,
    OWN_PATHS,
    PUBLISHED,
    SLUG,
    SUMMARY,
    TAGS,
    TITLE,
    UPDATED,
)
from feeds.hangulcount import mostly_hangul
from feeds.langtag import is_language_tag
from feeds.readers import Parsed
from feeds.slugs import slugify
from feeds.tagrules import matches
from feeds.urls import absolute, to_uri
from feeds.xmlchars import clean_xml_chars

log = logging.getLogger(__name__)
_SPACES = re.compile(r"\s+")
_LIST = (list, tuple)  # a tuple of types: isinstance takes it faster than ``list | tuple``, made at each call
_SCALAR = (str, int, float, date)  # what a text field may be written as: `title: 2024` is text
_NAMES = ((bool, "true or false"), (dict, "a mapping"), (list | tuple, "a list"), (int | float, "a number"),
          (date, "a date"), (str, "text"))  # fmt: skip
_NAME_ADDRESS = re.compile(r"(.*?)\s*<([^<>@\s]+@[^<>\s]+)>")
_AUTHOR_URL = re.compile(r"(?i:https?)://[^/?#\s]+[^\s]*|(?i:mailto):[^\s]+")
_TAG_SEPARATORS = re.compile(r"[;,]")
# Jekyll splits a string of its plural keys on white space; a comma left by a writer who thought
# them comma-separated separates too. Its singular keys are one tag or category each.
_JEKYLL_SPLIT = frozenset({"tags", "categories"})
_JEKYLL_SINGLE = frozenset({"tag", "category"})
_JEKYLL_SEPARATORS = re.compile(r"[\s,;]+")
# Jekyll's _posts convention (also Hugo's :filename dates): "2014-05-06-jekyll-turns-2-0-0.markdown".
_DATED_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})[-_](.+)")  # Jekyll's "-", Zola's "_" too
# The same date in a path-like key, as a folder chain or a name's start: Zola's "posts/2019/09/11/x",
# "2030-01-01-x", a WordPress-style "/2012/03/04/x/".
_PATH_DATE = re.compile(r"(?:^|/)(\d{4})([/-])(\d{2})\2(\d{2})(?:[/-]|$)")
# Keys whose value is a path on the site, in the order the first present one sets the link.
_LINK_KEYS = ("link", "url", *OWN_PATHS, "canonical")
# A file name's extension at the end of a URL path: Hugo then adds no "/" (about.html stays a file).
_EXTENSION = re.compile(r"\.[A-Za-z0-9]+$")
# Template syntax or placeholders other than Jekyll's date and title ones: a permalink feeds cannot fill in.
_UNFILLED = re.compile(r"\{[{%]|:(?!(?:year|month|day|title|slug)\b)[a-z_]+")
# Said with every error that may be of a file that is no article: the setting that leaves it out.
NOT_AN_ARTICLE = "; if it is not an article, list it in the exclude setting"
FRONT_MATTER = "frontmatter"  # feeds.readers.frontmatter.NAME (formats "frontmatter-yaml", …), not imported
_NOT_EXTRA = KNOWN_KEYS | frozenset(OWN)  # keys a Document has fields for
# Keys of front matter that sends readers elsewhere (Jekyll's jekyll-redirect-from, Hugo, Eleventy).
REDIRECT = ("redirect", "redirect_to", "redirect_url", "redirecturl", "redirect_uri")


def to_document(parsed: Parsed, source: str, site: Site, label: str | None = None) -> Document:
    """Build the document for ``source`` (path relative to the content folder) or raise ContentError.

    ``label`` is how errors name the file (the path as the user gave it); default ``source``.
    """
    meta = {str(k).lower(): v for k, v in parsed.meta.items()}
    doc_source, source = source, label or source
    if site.fields:
        parsed = _own_keys(parsed, meta, site.fields)

    line = partial(_line, parsed.lines)

    _check_types(meta, source, parsed.lines)

    unpublished = _switched_off(meta)
    if meta.get("permalink") is False:
        # Eleventy's "permalink: false": the file is data for other pages, never a page itself.
        raise PageError(source, "'permalink: false': Eleventy writes no page for it", line(("permalink",)) or 1)
    name, name_date = _file_name(doc_source)
    published_key, published_raw = _published_date(meta, name_date)
    undated = published_raw is None or published_raw == ""
    zero = next((k for k in PUBLISHED if is_zero_date(meta.get(k))), None) if undated else None
    hugo_zero = f"field {zero!r}: 0001-01-01 is Hugo's 'no date'; " if zero else ""
    if undated and parsed.format.startswith(FRONT_MATTER):
        # Front matter with no date at all is how sites write their pages (about, contact) and
        # redirect stubs: not a post, and nothing a build should fail on.
        first = min(parsed.lines.values(), default=1)
        redirect = next((k for k in REDIRECT if k in meta), None)
        if redirect is not None and not _text(meta.get("title")):
            raise RedirectStub(source, f"front matter that only redirects ({redirect!r}), not an article", first)
        raise PageError(
            source, f"a page, not a post: its front matter has no date ({hugo_zero}{', '.join(PUBLISHED)})", first
        )
    title = _title(meta, source, line(TITLE))
    if undated:
        raise MissingField(
            source,
            f"missing published date ({hugo_zero}expected one of: {', '.join(PUBLISHED)}, or a file name like "
            f"2025-03-10-my-post.md){NOT_AN_ARTICLE}",
            line(PUBLISHED) or min(parsed.lines.values(), default=1),
        )
    published = _date(published_raw, published_key, source, parsed.lines.get(published_key or ""), site)
    updated_key, updated_raw = _first_date(meta, UPDATED)
    updated = published
    if updated_raw not in (None, ""):
        # An 'updated' before 'published' is a typo; readers would sort it oddly.
        updated = max(published, _date(updated_raw, updated_key, source, parsed.lines.get(updated_key or ""), site))
    slug = _slug(meta, name, source, line(SLUG))
    link = _link(meta, slug, title, site, source, parsed, published, doc_source)
    summary_key, summary_raw = _first(meta, SUMMARY)
    summary = _text(summary_raw)
    _no_mojibake(((TITLE[0], title), (summary_key or SUMMARY[0], summary)), source, parsed.lines)
    tags = _tags(meta, jekyll=is_jekyll_post(parsed.format, doc_source))
    if site.tag_rules or site.folder_tags:
        tags = _tags_with_rules(tags, site, doc_source, source, title, summary, parsed.body)
    return Document(
        source=doc_source,
        format=parsed.format,
        title=title,
        published=published,
        updated=updated,
        authors=_authors(meta, source, line(AUTHORS)),
        tags=tags,
        summary=summary or None,
        language=_language(meta, title, summary, parsed.body, site, source, line(LANGUAGE)),
        slug=slug,
        link=link,
        id=link,
        body=parsed.body,
        markup=_markup(parsed, meta, site, doc_source, source),
        publication=_text(meta.get("publication")) or None,
        draft=_truthy(_first(meta, DRAFT)[1]) or unpublished,
        body_line=parsed.body_line,
        references=references(parsed.body, parsed.format, doc_source, meta.get("template") is True)
        if parsed.markup == "markdown"
        else (),
        extra={k: v for k, v in parsed.meta.items() if k.lower() not in _NOT_EXTRA},
    )


def _line(lines: dict[str, int], keys: Iterable[str]) -> int | None:
    """The line of the first of ``keys`` that ``lines`` has."""
    for key in keys:
        if key in lines:
            return lines[key]
    return None


def _published_date(meta: dict[str, Any], name_date: str | None) -> tuple[str | None, Any]:
    """The published date's key and value: a date field, else the file name's date, else the path's."""
    published_key, published_raw = _first_date(meta, PUBLISHED)
    if (published_raw is None or published_raw == "") and name_date is not None:
        published_key, published_raw = "file name", name_date
    if published_raw is None or published_raw == "":
        published_key, published_raw = _path_date(meta)
    return published_key, published_raw


def _switched_off(meta: dict[str, Any]) -> bool:
    """Whether Jekyll's "published: false" says the document is not an article yet. That key is a
    switch, not a date: it is taken out of ``meta``, true or false."""
    switch = meta.get("published")
    if isinstance(switch, bool) or (isinstance(switch, str) and switch.strip().lower() in ("true", "false")):
        del meta["published"]
        return not _truthy(switch)
    return False


# Where each [fields] name is read from: its first key (the others are read as before).
_FIELD_KEYS = {"title": TITLE, "date": PUBLISHED, "updated": UPDATED, "author": AUTHORS, "tags": TAGS,
               "summary": SUMMARY, "slug": SLUG, "link": LINK, "language": LANGUAGE, "draft": DRAFT}  # fmt: skip


def _own_keys(parsed: Parsed, meta: dict[str, Any], fields: Mapping[str, tuple[str, ...]]) -> Parsed:
    """The site's own keys ([fields]) read as the field's: the first present wins over the usual ones.

    ``meta`` is changed in place; the returned Parsed's lines follow it, so errors point at the
    line the value was written on.
    """
    lines = dict(parsed.lines)
    for name, keys in fields.items():
        key = next((k for k in keys if meta.get(k) is not None), None)
        if key is None:
            continue
        usual = _FIELD_KEYS[name]
        meta[usual[0]] = meta[key]  # the key read first
        if key in lines:
            lines[usual[0]] = lines[key]
    return replace(parsed, lines=lines)


def _no_mojibake(fields: Iterable[tuple[str, str]], source: str, lines: dict[str, int]) -> None:
    """A field that is Korean mojibake is the file's error, as ``feeds validate`` would find it in the feed.

    ``sources.decode`` repairs or refuses garbled files, but a JSON or YAML escape (``"\\u00c0"``)
    makes the garbled text only once the front matter is parsed.
    """
    for key, text in fields:
        if mojibake.suspect(text) and mojibake.is_korean_mojibake(text):
            raise ContentError(
                source,
                f"field {key!r}: Korean text decoded with the wrong codec (mojibake like "
                f"{mojibake.sample(text)!r}); write the field's real text",
                lines.get(key),
            )


def _markup(parsed: Parsed, meta: dict[str, Any], site: Site, doc_source: str, source: str) -> str:
    """How the body renders: a Markdown body by the engine its front matter's ``markdown`` key
    names, else the one the settings give its folder (``Site.markdown_for``)."""
    if parsed.markup != "markdown":
        return parsed.markup
    from feeds.markup import MARKDOWN_ENGINES

    engine = meta.get("markdown")
    if engine is None:
        engine = site.markdown_for(doc_source)
    elif not isinstance(engine, str) or engine.strip().lower() not in MARKDOWN_ENGINES:
        known = " or ".join(repr(name) for name in MARKDOWN_ENGINES)
        raise ContentError(source, f"field 'markdown': must be {known}, got {engine!r}", parsed.lines.get("markdown"))
    return MARKDOWN_ENGINES[engine.strip().lower()]


def _first(meta: dict[str, Any], keys: Iterable[str]) -> tuple[str | None, Any]:
    for key in keys:
        if key in meta and meta[key] is not None:
            return key, meta[key]
    return None, None


def _first_date(meta: dict[str, Any], keys: Iterable[str]) -> tuple[str | None, Any]:
    """``_first``, passing over Hugo's zero date (0001-01-01), which means no date, as in Hugo."""
    for key in keys:
        value = meta.get(key)
        if value is not None and not is_zero_date(value):
            return key, value
    return None, None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, _LIST):
        value = " ".join(_text(v) for v in value)
    text = unicodedata.normalize("NFC", value if type(value) is str else str(value))
    if text.isprintable() and "  " not in text:
        # The common case, told in one C scan: no control, surrogate or noncharacter (nothing XML
        # forbids) and no whitespace but single " " (nothing to squeeze but the ends).
        return text.strip()
    # Escapes in YAML/JSON strings ("\u0007") can make characters XML cannot carry.
    return _text_slow(text)


def _text_slow(text: str) -> str:
    return _SPACES.sub(" ", clean_xml_chars(text)).strip()


def _title(meta: dict[str, Any], source: str, line: int | None) -> str:
    title = _text(meta.get("title"))
    if not title:
        raise MissingField(source, f"missing title (expected a 'title' key or a first line){NOT_AN_ARTICLE}", line or 1)
    return title


def _date(raw: Any, key: str | None, source: str, line: int | None, site: Site) -> Any:
    try:
        return parse_date(raw, site.timezone)
    except DateError as exc:
        raise ContentError(source, f"field {key!r}: {exc}", line) from exc


def _authors(meta: dict[str, Any], source: str, line: int | None) -> tuple[Author, ...]:
    # The first key present is the authors, as for every other field: "author" beside "authors" is
    # a theme's byline for the same people, not more of them.
    key, value = _first(meta, AUTHORS)
    found: list[Author] = []
    if value is None:
        return ()
    for author in _author_list(value, plural=key == "authors"):
        if author.name and all(a.name != author.name for a in found):
            found.append(_published_url(author, source, line))
    return tuple(found)


def _published_url(author: Author, source: str, line: int | None) -> Author:
    # Readers make an author's URL a link: a javascript: one would run in them, and a relative
    # one has nothing it is relative to in a feed.
    if author.url is None or _AUTHOR_URL.fullmatch(author.url):
        return author
    where = f"{source}:{line}" if line else source
    log.warning("%s: author url %r is not an absolute http(s) or mailto: URL; published without it", where, author.url)
    return Author(author.name, author.email, None)


def _author_list(value: Any, *, plural: bool, item: bool = False) -> list[Author]:
    if isinstance(value, dict):
        name = _text(value.get("name"))
        email = _text(value.get("email")) or None
        url = _text(value.get("url") or value.get("uri") or value.get("link")) or None
        return [Author(name or (email or ""), email, url)]
    if isinstance(value, _LIST):
        return [a for entry in value for a in _author_list(entry, plural=False, item=True)]
    text = _text(value)
    if item:
        # A list already separates the authors: an item is one name, whatever it holds.
        return [_author_from_text(text)] if text else []
    # Pelican: "Last, First; Other, Name" -- ";" separates authors whenever it is present, so
    # the commas inside names survive. Without ";", only a plural key splits on commas.
    if ";" in text:
        parts = text.split(";")
    elif plural:
        parts = text.split(",")
    else:
        parts = [text]
    return [_author_from_text(p.strip()) for p in parts if p.strip()]


def _author_from_text(text: str) -> Author:
    # "Jane Doe <jane@example.com>" is how many front matters spell an address.
    m = _NAME_ADDRESS.fullmatch(text)
    if m:
        return Author(m.group(1) or m.group(2), m.group(2))
    return Author(text)


def _tags(meta: dict[str, Any], *, jekyll: bool = False) -> tuple[str, ...]:
    """Every tag of every tag key, merged. ``jekyll``: the document is a Jekyll post, whose plural
    keys' strings are space-separated lists (``tags: android tip`` is two tags), as Jekyll reads them."""
    seen: dict[str, str] = {}
    # Zola's taxonomies are a table of their own: [taxonomies] tags = ["rust", "web"].
    taxonomies = meta.get("taxonomies")
    pairs = [(key, meta.get(key)) for key in TAGS]
    if isinstance(taxonomies, dict):
        pairs += [(key, taxonomies.get(key)) for key in TAGS if _is_text_list(taxonomies.get(key))]
    for key, value in pairs:
        if value is None:
            continue
        if isinstance(value, _LIST):
            items = value
        elif jekyll and key in _JEKYLL_SPLIT:
            items = _JEKYLL_SEPARATORS.split(str(value))
        elif jekyll and key in _JEKYLL_SINGLE:
            items = [value]
        else:
            text = str(value)
            items = _TAG_SEPARATORS.split(text) if ";" in text else text.split(",")
        for item in items:
            tag = _text(item)
            if tag:
                seen.setdefault(tag.casefold(), tag)
    return tuple(seen.values())


def _tags_with_rules(
    own: tuple[str, ...], site: Site, doc_source: str, label: str, title: str, summary: str, body: str
) -> tuple[str, ...]:
    # Rules only add: a document's own tags stay first, as written; tag_aliases apply later, to all.
    have = {t.casefold() for t in own}
    added = []
    for m in matches(site.tag_rules, site.folder_tags, doc_source, title, summary, body):
        # A folder's name is a tag as written, cleaned as front matter's tags are: XML forbids
        # control characters, which a file system allows in a name.
        tag = _text(m.tag) if m.why == "folder" else m.tag
        if not tag or tag.casefold() in have:
            continue
        have.add(tag.casefold())
        added.append(tag)
        if m.why == "folder":
            log.info("%s: tagged %r by its folder (folder_tags)", label, tag)
        else:
            log.info("%s: tagged %r by tag_rules (matched %r)", label, tag, m.why)
    return own + tuple(added)


def _file_name(source: str) -> tuple[str, str | None]:
    """The name a slug is made from, and the date the file name gives (``YYYY-MM-DD``), if any."""
    name = bundle_name(source)
    m = _DATED_NAME.fullmatch(name)
    if m:
        return m.group(4), f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return name, None


def _slug(meta: dict[str, Any], name: str, source: str, line: int | None) -> str:
    # The file name is the slug as written (case and "_" kept), cleaned only of what is unsafe in
    # a URL path segment.
    raw = _text(meta.get("slug")) or name
    slug = slugify(raw, lower=False, keep="_.")
    if not slug:
        raise ContentError(source, f"slug {raw!r} has no letters or digits", line)
    if slug != raw.replace(" ", "-"):
        where = f"{source}:{line}" if line else source
        log.warning("%s: slug %r is not one safe URL path segment; using %r", where, raw, slug)
    return slug


def _path_date(meta: dict[str, Any]) -> tuple[str | None, str | None]:
    """The date a path-like key's value carries (``posts/2019/09/11/x``), read as a file name's."""
    for key in ("url", *OWN_PATHS):
        value = meta.get(key)
        if isinstance(value, str) and (m := _PATH_DATE.search(value)) is not None:
            return key, f"{m.group(1)}-{m.group(3)}-{m.group(4)}"
    return None, None


def _link(
    meta: dict[str, Any],
    slug: str,
    title: str,
    site: Site,
    source: str,
    parsed: Parsed,
    published: Any,
    doc_source: str,
) -> str:
    lines = parsed.lines
    # A path key of another kind (a list, a number) is some other tool's, not a URL: passed over.
    key, raw = None, ""
    for k in _LINK_KEYS:
        v = meta.get(k)
        if isinstance(v, str) and v.strip():
            key, raw = k, _text(v)
            break
    line = lines.get(key or "")
    if key == "permalink" and _UNFILLED.search(raw):
        where = f"{source}:{line}" if line else source
        log.info("%s: permalink %r is a template feeds does not run; the site's permalink is used", where, raw)
        key, raw = next(((k, _text(meta[k])) for k in ("canonical",) if _text(meta.get(k))), (None, ""))
        line = lines.get(key or "")
    if not raw:
        # Hugo's :slug only where the pattern has it: a slug of every title would cost every build.
        titled = _slug_or_title(meta, title) if "{slug_or_title}" in site.permalink else ""
        return to_uri(site.permalink_for(slug, published, doc_source, titled))
    try:
        own = key if parsed.format.startswith(FRONT_MATTER) else None  # Pelican's URL: as written, as before
        link = absolute(_site_path(own, raw, slug, published, site), site.url)
    except ValueError as exc:  # urlsplit's "Invalid IPv6 URL" and the like
        raise ContentError(source, f"link {raw!r} is not a valid URL ({exc})", line) from exc
    if not link.startswith(("http://", "https://")):
        raise ContentError(source, f"link {raw!r} is not an http(s) URL", line)
    return link


def _site_path(key: str | None, raw: str, slug: str, published: Any, site: Site) -> str:
    """A post's own URL key's value as the generator that wrote it read it, to resolve against the site's URL.

    Hugo's ``url``, Zola's ``path`` and Jekyll's and Eleventy's ``permalink`` are paths from the
    site's root (``site.url``), with or without a leading "/"; an absolute URL stays as it is.
    """
    if key not in ("url", *OWN_PATHS) or urlsplit(raw).scheme:
        return raw
    path = raw.lstrip("/")
    if key == "url":
        # Hugo: "articles/x" is the folder articles/x/, "articles/x.html" a file.
        if not path.endswith("/") and not _EXTENSION.search(path.rpartition("/")[2]):
            path += "/"
    elif key == "path":
        path = path.rstrip("/") + "/" if path else ""  # Zola's page paths always end with "/"
    else:
        if ":" in path:  # Jekyll's :year, :month, :day, :title and :slug
            local = published.astimezone(site.timezone)
            values = {"year": f"{local.year:04d}", "month": f"{local.month:02d}", "day": f"{local.day:02d}",
                      "title": slug, "slug": slug}  # fmt: skip
            path = re.sub(r":(year|month|day|title|slug)\b", lambda m: values[m.group(1)], path)
        if path.endswith("/index.html") or path == "index.html":
            path = path[: -len("index.html")]  # Eleventy's output file; its URL is the folder
    return site.url + path


def _slug_or_title(meta: dict[str, Any], title: str) -> str:
    """Hugo's ``:slug``: the front matter's slug, else the title, as a path segment in lower case, as Hugo's."""
    return slugify(_text(meta.get("slug")) or title, keep="_.+~")


def _language(
    meta: dict[str, Any], title: str, summary: str, body: str, site: Site, source: str, line: int | None
) -> str:
    key, value = _first(meta, LANGUAGE)
    lang = _text(value).replace("_", "-")  # ko_KR, as locales spell it
    if lang:
        if not is_language_tag(lang):
            raise ContentError(
                source, f"field {key!r}: {lang!r} is not a BCP 47 language tag (expected e.g. 'ko', 'en-US')", line
            )
        return lang
    return "ko" if mostly_hangul(f"{title} {summary} {body[:400]}") else site.language


def _kind(value: Any, inside: bool = False) -> str:
    kind = next((name for types, name in _NAMES if isinstance(value, types)), type(value).__name__)
    if isinstance(value, _LIST) and value and not inside:  # say what is in it: the list may be fine
        kind += " of " + " and ".join(sorted({_kind(item, inside=True) for item in value}))
    return kind


def _is_text(value: Any) -> bool:
    return isinstance(value, _SCALAR) and not isinstance(value, bool)


def _is_text_list(value: Any) -> bool:
    return _is_text(value) or (isinstance(value, _LIST) and all(_is_text(v) for v in value))


def _is_author(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_is_text(v) for k, v in value.items() if k in ("name", "email", "url", "uri", "link"))
    return isinstance(value, str)


# Per field: the check, and what the message says was expected. Only keys present are looked at,
# with isinstance alone: this runs for every document of every build.
_EXPECTED: tuple[tuple[tuple[str, ...], Callable[[Any], bool], str], ...] = (
    (TITLE + OWN + SLUG, _is_text, "text"),
    (SUMMARY, _is_text_list, "text"),
    (TAGS, _is_text_list, "a list of tags or a comma-separated string of them"),
    (
        AUTHORS,
        lambda v: _is_author(v) or (isinstance(v, _LIST) and all(_is_author(a) for a in v)),
        "a name, a mapping with 'name', 'email' and 'url', or a list of them",
    ),
    (LINK, lambda v: isinstance(v, str), "a URL"),
    (LANGUAGE, lambda v: isinstance(v, str), "a BCP 47 language tag such as 'ko' or 'en-US'"),
    (DRAFT, lambda v: isinstance(v, (bool, str, int)), "true or false"),
)


# Each checked key's place in _EXPECTED's order, its check and what is expected of it.
_CHECKS = {key: (at, ok, expected) for at, (key, ok, expected) in enumerate(
    (key, ok, expected) for keys, ok, expected in _EXPECTED for key in keys)}  # fmt: skip


def _check_types(meta: dict[str, Any], source: str, lines: dict[str, int]) -> None:
    """A field of the wrong type is the file's error, never a Python repr in a feed.

    The first wrong one in _EXPECTED's order: the keys present are few, looked at in that order.
    """
    for key in sorted(meta.keys() & _CHECKS.keys(), key=lambda k: _CHECKS[k][0]):
        _, ok, expected = _CHECKS[key]
        value = meta[key]
        if value is not None and not ok(value):
            raise ContentError(source, f"field {key!r}: expected {expected}, got {_kind(value)}", lines.get(key))


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1", "on")
    return bool(value)

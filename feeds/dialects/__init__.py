"""Other generators' syntax in a Markdown body, turned into what it means, before Markdown runs.

A site moved from Jekyll, Hugo or Pelican keeps its posts as they are; none of their template
syntax may reach a feed. One module per generator, each a text transform of the body:

- ``liquid``: Jekyll's Liquid, in Jekyll posts: YAML front matter (Jekyll reads no other) and a
  ``YYYY-MM-DD-slug`` file name or a ``_posts``/``_drafts`` folder. Not in every document: a post
  about Vue or Django templates elsewhere keeps its ``{{ message }}`` and ``{% block %}``;
- ``shortcodes``: Hugo's shortcodes, in any front matter document;
- ``pelican``: Pelican's ``{filename}``/``{static}`` links, in every Markdown document;
- ``gotemplate``: golang.org/x/website's template actions (``{{image "x.png"}}``, ``{{code}}``), in
  YAML front matter documents that are not Jekyll posts and use them outside code;
- ``mdx``: MDX's ``import``/``export`` lines and JSX components, in ``.mdx`` files;
- ``emoji``: ``:rocket:`` shortcodes in text, in every Markdown document of a site that enables them.

A body with Hugo shortcodes is not Liquid (Hugo's code samples hold ``{{ .Title }}``). Links to
other documents resolve through ``links.Links``, built from every loaded document before
rendering. Every step is a pure function of the body, the document and the links: the same input
always gives the same text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from feeds.dialects import docsy, emoji, gotemplate, liquid, mdx, pelican, shortcodes
from feeds.dialects.code import find_outside
from feeds.dialects.common import Job

if TYPE_CHECKING:
    from feeds.config import Site
    from feeds.dialects.links import Links
    from feeds.document import Document

MORE = "<!--more-->"  # Hugo's and WordPress's summary marker; Jekyll's excerpt_separator becomes it


def _is_hugo(body: str) -> bool:
    return "{{<" in body or "{{%" in body


_JEKYLL_POST = re.compile(r"(?:^|/)(?:_posts/|_drafts/|\d{4}-\d{2}-\d{2}-[^/]+$)")


def is_jekyll_post(fmt: str, source: str) -> bool:
    """Whether the document is a Jekyll post: YAML front matter (Jekyll reads no other) and a
    ``YYYY-MM-DD-slug`` file name or a ``_posts``/``_drafts`` folder."""
    return fmt == "frontmatter-yaml" and _JEKYLL_POST.search(source) is not None


def _is_liquid(body: str, fmt: str, source: str) -> bool:
    return ("{%" in body or "{{" in body) and not _is_hugo(body) and is_jekyll_post(fmt, source)


def _is_gotemplate(body: str, fmt: str, source: str, template: bool) -> bool:
    return not _is_hugo(body) and not is_jekyll_post(fmt, source) and gotemplate.applies(body, fmt, template)


def references(body: str, fmt: str, source: str, template: bool = False) -> tuple[str, ...]:
    """What other documents ``body`` names by path (``kind\\x1fpath``): its HTML depends on their links."""
    if "{" not in body:  # most bodies: one scan for one character, the cheapest test there is
        return ()
    found: list[str] = []
    if _is_liquid(body, fmt, source):
        found += liquid.references(body)
    elif _is_gotemplate(body, fmt, source, template):
        found += gotemplate.references(body, source)
    if fmt.startswith("frontmatter") and _is_hugo(body):
        found += shortcodes.references(body) + docsy.references(body, source)
    found += pelican.references(body)
    return tuple(dict.fromkeys(found))


def transform(doc: Document, site: Site, links: Links | None) -> str:
    """``doc``'s Markdown body with other generators' syntax replaced, and the summary marked."""
    if doc.body is None:
        raise ValueError(f"{doc.source}: converted without its body; feeds.load says where to read it")
    body: str = doc.body
    job = Job(doc, site, links)
    if mdx.applies(doc.source):
        body = mdx.expand(body, job)
    if "{" in body:
        if _is_liquid(body, doc.format, doc.source):
            body = liquid.expand(body, job)
        elif _is_gotemplate(body, doc.format, doc.source, doc.extra.get("template") is True):
            body = gotemplate.expand(body, job)
        if doc.format.startswith("frontmatter"):
            body = shortcodes.expand(body, job)
        body = pelican.expand(body, job)
    if site.emoji and ":" in body:
        body = emoji.expand(body, job)
    separator = doc.extra.get("excerpt_separator") or site.excerpt_separator
    if not (isinstance(separator, str) and separator.strip() and separator != MORE and separator in body):
        # On a block of its own, as Hugo's Markdown reads it: not the end of a paragraph line, which
        # would turn a following "---" into a heading underline.
        separator = MORE if "<" in body and MORE in body else None
    if separator is not None and (at := find_outside(body, separator)) >= 0:
        # The first outside code: a code sample that shows the marker is not where the summary ends.
        body = f"{body[:at]}\n\n{MORE}\n\n{body[at + len(separator) :]}"
    return job.restore(body) if job.stash else body

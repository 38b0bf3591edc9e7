"""The build: content folder in, feeds out. Reading and rendering are pure; I/O is at the edges."""

from __future__ import annotations

import logging
import os
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from feeds import readers
from feeds.config import Site
from feeds.document import Document
from feeds.errors import ContentError
from feeds.feedsets import Entry, Feed, newest_first, plan_feeds
from feeds.formats import FORMATS
from feeds.normalize import to_document
from feeds.render import content_html, excerpt
from feeds.sources import discover, read_text
from feeds.tags import Tag, index_tags, tag_key
from feeds.write import safe_path, write_if_changed

log = logging.getLogger(__name__)


@dataclass
class BuildResult:
    read: int = 0
    published: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, why): drafts, future
    errors: list[ContentError] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # paths under out/
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def now() -> datetime:
    """The build time: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch) if epoch else time.time(), UTC)


def read_document(path: Path, content_dir: Path, site: Site) -> Document:
    """Read, detect, parse and normalize one file; raise ContentError naming it."""
    label = str(path)
    text = read_text(path, label)
    parsed = readers.read(text.text, label)
    return to_document(parsed, path.relative_to(content_dir).as_posix(), site, label=label)


def read_documents(content_dir: Path, site: Site) -> tuple[list[Document], list[ContentError]]:
    docs: list[Document] = []
    errors: list[ContentError] = []
    for path in discover(content_dir):
        try:
            docs.append(read_document(path, content_dir, site))
        except ContentError as exc:
            errors.append(exc)
    return docs, errors


def select(
    docs: Iterable[Document], at: datetime, include_future: bool
) -> tuple[list[Document], list[tuple[str, str]]]:
    """The documents to publish, and why the others are left out (drafts, future dates)."""
    kept: list[Document] = []
    skipped: list[tuple[str, str]] = []
    for doc in docs:
        if doc.draft:
            skipped.append((doc.source, "draft"))
        elif doc.published > at and not include_future:
            skipped.append((doc.source, f"dated in the future ({doc.published.isoformat()})"))
        else:
            kept.append(doc)
    return kept, skipped


def reject_duplicates(docs: Sequence[Document], content_dir: Path) -> tuple[list[Document], list[ContentError]]:
    """Two documents with one slug or link would be one entry: publish neither, name both."""
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        groups[doc.slug].append(doc)
        groups["\0" + doc.link].append(doc)
    clashing: dict[str, list[str]] = defaultdict(list)
    for key, group in groups.items():
        if len(group) > 1:
            for doc in group:
                others = [o.source for o in group if o is not doc]
                what = f"slug {key!r}" if not key.startswith("\0") else f"link {key[1:]!r}"
                clashing[doc.source].append(f"same {what} as {', '.join(others)}")
    errors = [
        ContentError(str(content_dir / source), "; ".join(dict.fromkeys(why)) + "; neither is published")
        for source, why in sorted(clashing.items())
    ]
    return [d for d in docs if d.source not in clashing], errors


def render_site(docs: Iterable[Document], site: Site) -> dict[str, bytes]:
    """Every output file (path under out/ -> bytes) for the published documents. Pure."""
    ordered = newest_first(docs)
    tags = index_tags((d.tags for d in ordered), site.tag_aliases)
    entries: dict[str, Entry] = {}  # rendered once, shared by the main and tag feeds

    def entry(doc: Document) -> Entry:
        if doc.id not in entries:
            entries[doc.id] = to_entry(doc, tags)
        return entries[doc.id]

    files: dict[str, bytes] = {}
    for plan in plan_feeds(ordered, site, tags):
        feed = Feed(plan.folder, plan.title, plan.description, site, tuple(entry(d) for d in plan.docs))
        for filename, render in FORMATS.items():
            files[plan.folder + filename] = render(feed)
    return files


def to_entry(doc: Document, tags: dict[str, Tag]) -> Entry:
    content = content_html(doc)
    categories = tuple(dict.fromkeys(tags[tag_key(t)].name for t in doc.tags))
    return Entry(doc, categories, doc.summary or excerpt(content) or doc.title, content)


def write_site(files: dict[str, bytes], out_dir: Path, result: BuildResult) -> None:
    """Write what changed, then remove feeds of tags that no longer exist."""
    targets = {rel: safe_path(out_dir, rel) for rel in files}  # check every path before writing any
    for rel, data in files.items():
        (result.written if write_if_changed(targets[rel], data) else result.unchanged).append(rel)
    tags_dir = out_dir / "tags"
    if tags_dir.is_dir():
        for folder in sorted(p for p in tags_dir.iterdir() if p.is_dir() and not p.is_symlink()):
            for filename in FORMATS:
                rel = f"tags/{folder.name}/{filename}"
                if rel not in files and (folder / filename).is_file():
                    (folder / filename).unlink()
                    result.removed.append(rel)
            if not any(folder.iterdir()):
                folder.rmdir()


def build(
    site: Site,
    content_dir: Path,
    out_dir: Path,
    *,
    include_future: bool = False,
    strict: bool = False,
    at: datetime | None = None,
) -> BuildResult:
    """Read ``content_dir`` and write the feeds to ``out_dir``; with ``strict``, errors write nothing."""
    docs, errors = read_documents(content_dir, site)
    result = BuildResult(read=len(docs) + len(errors))
    kept, result.skipped = select(docs, at or now(), include_future)
    kept, duplicates = reject_duplicates(kept, content_dir)
    result.errors = sorted(errors + duplicates, key=lambda e: (e.path, e.line or 0))
    result.published = len(kept)
    if strict and result.errors:
        return result
    write_site(render_site(kept, site), out_dir, result)
    return result

"""The plan of a site's feeds: one record per feed (``PlannedFeed``: what it is, its entries, its
files), the whole plan (``Plan``), and which feeds a site has: the main feed, one per tag and one
per author. A new kind of feed is one more function here.

The full build computes the plan (``feeds.publish.computed_plan``); an edit recalls the last one
(``feeds.planstore``) and patches it (``feeds.incremental``); either is published the same way
(``feeds.publish.publish``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from operator import attrgetter
from typing import Any, TypeVar

from feeds.archivepaths import is_archive
from feeds.config import Site
from feeds.document import Planned
from feeds.formats import filenames
from feeds.i18n import words
from feeds.sources import Found, listed_source
from feeds.tags import Tag, tag_key

P = TypeVar("P", bound=Planned)


ArchiveLinks = tuple[tuple[str, str], ...]  # (rel, folder) of RFC 5005 archive links (feeds.archives)


@dataclass(frozen=True)
class PlannedFeed:
    """One feed of the site: what it is, its entries, and what its files are made of.

    Planning makes it in steps (``plan_feeds``: which feeds and their documents; ``feeds.archives``:
    cut to a page, with archive links; ``described``: what the site pages say of it; then its
    fingerprint); the plan store keeps all of it but ``docs``, ``links`` and ``since``, and an edit
    gives back ``docs`` to the feeds it writes (``feeds.incremental``).
    """

    # What it is.
    folder: str  # under out/: "", "tags/<slug>/", "authors/<slug>/" or an archive page's
    title: str
    description: str
    # Its entries: their planning fields, newest first (feeds.entries.Entries gives the full documents).
    docs: tuple[Planned, ...] = ()
    links: ArchiveLinks = ()  # the RFC 5005 archive links it carries: none without archives
    # The date of a feed with no entries to date it: an empty archive page's is the newest of the
    # page before it, which filled as it started (feeds.archives).
    since: datetime | None = None
    # What the site pages show of it (``feeds.pages.view.FeedLink``): the name of its tag or
    # author, every published article it covers, its newest entry's date.
    name: str | None = None
    articles: int = 0
    updated: datetime | None = None
    # Each entry as the fingerprint takes it: (source, file digest, categories) and, for a document
    # that links to others, the fingerprint of those links (``feeds.dialects.links``).
    inputs: tuple[tuple[Any, ...], ...] = ()
    fingerprint: str = ""  # of everything its files are made of (``feeds.publish.feed_fingerprint``)

    @property
    def files(self) -> list[str]:
        """Its files under out/, one per format."""
        return [self.folder + name for name in filenames(self.folder)]

    @property
    def sources(self) -> list[str]:
        return [entry[0] for entry in self.inputs]

    def links_others(self) -> bool:
        """Whether some entry's HTML depends on other documents' links (which need every document)."""
        return any(len(entry) > 3 for entry in self.inputs)

    def with_digests(self, digests: Mapping[str, str]) -> PlannedFeed:
        """This feed with the entries of ``digests``' sources given their new file digests."""
        inputs = tuple((e[0], digests[e[0]], *e[2:]) if e[0] in digests else e for e in self.inputs)
        return replace(self, inputs=inputs)


@dataclass(frozen=True)
class Plan:
    """Every feed of the site, and the tags they were planned with."""

    key: str  # the site and the build's options it was made for (``feeds.run.Run.plan_key``)
    files: str  # ``feeds.sources.listing(stats)`` of the files it was made from: their names and stats
    feeds: tuple[PlannedFeed, ...]
    tags: tuple[tuple[str, Tag], ...]  # feeds.tags.index_tags's mapping, as pairs

    def tag_index(self) -> dict[str, Tag]:
        return dict(self.tags)

    def changed(self, files: str, stats: Sequence[Found]) -> list[Found] | None:
        """The files of ``stats`` (whose ``listing`` is ``files``) with another stat than planned
        (or racy then); None if a file was added, removed or renamed since."""
        if files == self.files:
            return []
        now, then = files.split("\0"), self.files.split("\0")
        if len(now) != len(then) or len(now) != len(stats):
            return None
        changed = []
        for st, line, old in zip(stats, now, then, strict=True):
            if line != old:
                if listed_source(line) != listed_source(old):
                    return None
                changed.append(st)
        return changed

    def showing(self, changed: Iterable[str]) -> list[int]:
        """The positions of the feeds that show any of the ``changed`` sources."""
        wanted = set(changed)
        return [i for i, feed in enumerate(self.feeds) if wanted.intersection(feed.sources)]


def newest_first(docs: Iterable[P]) -> list[P]:
    """Newest published first; ties broken by id, so the order never depends on file order."""
    # Two stable sorts on plain keys, not one on tuples: faster at 100,000 documents. Timestamps,
    # not datetimes: two datetimes with distinct tzinfo objects compare through utcoffset().
    by_id = sorted(docs, key=attrgetter("id"))
    return sorted(by_id, key=lambda d: d.published.timestamp(), reverse=True)


def shown(site: Site) -> int | None:
    """How many documents a kind of feed plans: all of them when older ones go into archives
    (``feeds.archives.arrange`` cuts each feed), else the newest ``max_items``."""
    return None if site.archives else site.max_items


def main_feed(docs: Sequence[Planned], site: Site, tags: dict[str, Tag], authors: dict[str, Tag]) -> list[PlannedFeed]:
    return [PlannedFeed("", site.title, site.description, tuple(docs[: shown(site)]))]


def tag_feeds(docs: Sequence[Planned], site: Site, tags: dict[str, Tag], authors: dict[str, Tag]) -> list[PlannedFeed]:
    return [
        PlannedFeed(
            f"tags/{tag.slug}/",
            f"{site.title}: {tag.name}",
            words(site.language, "Articles tagged “%(tag)s” on %(site)s", tag=tag.name, site=site.title),
            picked,
        )
        for tag, picked in _by_name(docs, site, tags, attrgetter("tags"))
    ]


def author_feeds(
    docs: Sequence[Planned], site: Site, tags: dict[str, Tag], authors: dict[str, Tag]
) -> list[PlannedFeed]:
    """One feed per author the documents name. A document that names none is shown as by the
    site's author, but makes no feed of the site's author: that would be the main feed again."""
    if not site.author_feeds:
        return []
    return [
        PlannedFeed(
            f"authors/{a.slug}/",
            f"{site.title}: {a.name}",
            words(site.language, "Articles by %(author)s on %(site)s", author=a.name, site=site.title),
            picked,
        )
        for a, picked in _by_name(docs, site, authors, attrgetter("author_names"))
    ]


def _by_name(
    docs: Sequence[Planned], site: Site, index: dict[str, Tag], names: Callable[[Planned], tuple[str, ...]]
) -> list[tuple[Tag, tuple[Planned, ...]]]:
    """Each name of ``index`` the documents have, by slug, with the documents that have it, as many
    as a feed plans (``shown``)."""
    # By slug, which is one name's alone: a Tag's own hash is computed in Python, for every name of every document.
    by_slug: dict[str, list[Planned]] = defaultdict(list)
    limit = shown(site)
    for doc in docs:  # one pass over documents, never names x documents
        for slug in {tag.slug for t in names(doc) if (tag := index.get(tag_key(t)))}:
            picked = by_slug[slug]
            if limit is None or len(picked) < limit:
                picked.append(doc)
    tag_of = {tag.slug: tag for tag in index.values()}
    return sorted(((tag_of[slug], tuple(picked)) for slug, picked in by_slug.items()), key=lambda item: item[0].slug)


Kind = Callable[[Sequence[Planned], Site, dict[str, Tag], dict[str, Tag]], list[PlannedFeed]]
KINDS: tuple[Kind, ...] = (main_feed, tag_feeds, author_feeds)


def plan_feeds(
    docs: Sequence[Planned], site: Site, tags: dict[str, Tag], authors: dict[str, Tag] | None = None
) -> list[PlannedFeed]:
    """Every feed of the site; ``docs`` must already be ``newest_first``. ``authors``: the
    documents' authors (``feeds.tags.index_authors``)."""
    return [plan for kind in KINDS for plan in kind(docs, site, tags, authors or {})]


def described(
    feeds: Sequence[PlannedFeed], docs: Sequence[Planned], tags: dict[str, Tag], authors: dict[str, Tag]
) -> list[PlannedFeed]:
    """``feeds`` with what the site pages say of each: its tag's or author's name, every published
    article it covers (``docs`` are all of them), its newest entry's date. An archive page, which
    the pages do not list, says none."""
    names: dict[str, dict[str, str]] = {"tags/": {}, "authors/": {}}  # slug -> the first name of the index that has it
    for kind, index in (("tags/", tags), ("authors/", authors)):
        for tag in index.values():
            names[kind].setdefault(tag.slug, tag.name)
    counts = {
        "tags/": Counter(tags[key].slug for doc in docs for key in {tag_key(t) for t in doc.tags}),
        "authors/": Counter(slug for doc in docs for slug in _author_slugs(doc.author_names, authors)),
    }
    found = []
    for feed in feeds:
        if is_archive(feed.folder):
            found.append(feed)
            continue
        kind, _, rest = feed.folder.partition("/")
        slug, kind = (rest[:-1], kind + "/") if rest else (None, "")
        name = names[kind].get(slug) if slug else None
        updated = max((d.updated for d in feed.docs), default=None)
        count = counts[kind][slug] if slug else len(docs)
        found.append(replace(feed, name=name, articles=count, updated=updated))
    return found


def _author_slugs(names: Sequence[str], authors: dict[str, Tag]) -> set[str]:
    return {authors[key].slug for key in map(tag_key, names) if key in authors}

"""What the site files' pass remembers between builds (feeds.sitefiles): each article's page, link
and assets when last rendered, and the files copied and looked for, in the cache's state rows.
An edit build writes what changed of it, not every article's row."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from feeds.cache import Cache, uncollected

STATE_KEY = "site_files"  # each article's page and assets
# The articles changed since STATE_KEY was written, by source (null: gone): an edit build writes one
# article's row, not 10,000.
STATE_EDITS_KEY = "site_files_edits"
SOURCES_KEY = "site_sources"  # the files copied and looked for
SITEMAP_KEY = "sitemap_listed"  # what the sitemap last written lists, hashed


@dataclass
class Article:
    """What one published article's page and links were, when last rendered."""

    fp: str  # of everything its page and its assets' list depend on
    page: str | None  # under out/; None: no page (not under url, article_pages = false)
    link: str
    updated: str  # isoformat, for the sitemap
    assets: list[tuple[str, str]] = field(default_factory=list)  # (out path, content path)
    missing: list[str] = field(default_factory=list)  # content paths looked for and not found


@dataclass
class State:
    articles: dict[str, Article] = field(default_factory=dict)  # by source
    # out -> origin, source, its size and mtime when copied, and the bytes' digest ((-1, 0, ""): missing)
    copied: dict[str, tuple[str, str, int, int, str]] = field(default_factory=dict)
    static: str = ""  # the static folder's listing, hashed
    missing: list[str] = field(default_factory=list)  # every article's missing files, as last saved

    # The rows it was loaded from (STATE_KEY's, STATE_EDITS_KEY's) and its articles then:
    # ``save`` writes what changed since alone, while those rows are as they were.
    loaded: tuple[tuple[object, ...], str | None, dict[str, Article]] | None = field(
        default=None, repr=False, compare=False
    )

    def save(self, cache: Cache) -> None:
        """Two entries: what a run with nothing to do checks (``sources_unchanged``) apart from the
        articles, which it need not decode (a few MB at 100,000 articles)."""
        missing = sorted({m for a in self.articles.values() for m in a.missing})
        sources = {"copied": self.copied, "missing": missing, "static": self.static}
        cache.put(SOURCES_KEY, json.dumps(sources, ensure_ascii=False, sort_keys=True))
        edits = self._edits(cache)
        if edits is not None:
            cache.put(STATE_EDITS_KEY, edits)
            return
        articles = {s: _row(a) for s, a in self.articles.items()}
        cache.put(STATE_KEY, json.dumps(articles, ensure_ascii=False, sort_keys=True))
        cache.forget(STATE_EDITS_KEY)

    def _edits(self, cache: Cache) -> str | None:
        """The STATE_EDITS_KEY row that makes the rows loaded read back as this state; None when
        they are not there as loaded any more, or a tenth of the articles changed (then the whole
        state is written again, and the edits start over)."""
        if self.loaded is None:
            return None
        versions, text, then = self.loaded
        if versions != cache.versions(STATE_KEY, STATE_EDITS_KEY):
            return None
        edits = json.loads(text) if text else {}
        for source, article in self.articles.items():
            was = then.get(source)
            if was is not article and was != article:
                edits[source] = _row(article)
        for source in then.keys() - self.articles.keys():
            edits[source] = None
        if len(edits) > len(self.articles) // 10 + 64:
            return None
        return json.dumps(edits, ensure_ascii=False, sort_keys=True)

    @classmethod
    def load(cls, cache: Cache, articles: bool = True, hold: bool = False) -> State:
        """The remembered state (without the articles: ``articles`` False); an empty one if there
        is none or it does not decode (the cache is never trusted: everything is then rendered
        and compared again). ``hold``: keep it for the next load of the same rows, which takes
        it (an edit build checks the state, ``remembered``, then publishes from it)."""
        global _held
        versions = cache.versions(SOURCES_KEY, STATE_KEY, STATE_EDITS_KEY)
        held, _held = _held, None
        if held is not None and articles and held[0] == versions:
            state = held[1]
        else:
            texts = (cache.get(SOURCES_KEY), *((cache.get(STATE_KEY), cache.get(STATE_EDITS_KEY)) if articles else ()))
            try:
                with uncollected():
                    state = cls._decoded(*texts)
            except (ValueError, TypeError, AttributeError):
                state = cls()
            if state.loaded is not None:
                state.loaded = (cache.versions(STATE_KEY, STATE_EDITS_KEY), *state.loaded[1:])
        if hold and articles:
            _held = versions, state
        return state

    @classmethod
    def _decoded(cls, sources: str | None, articles: str | None = None, edits: str | None = None) -> State:
        raw = json.loads(sources or "{}")
        state = cls(static=str(raw.get("static", "")), missing=[str(m) for m in raw.get("missing", [])])
        for out, (origin, source, size, mtime, sha) in raw.get("copied", {}).items():
            state.copied[str(out)] = (str(origin), str(source), int(size), int(mtime), str(sha))
        if articles is None:
            return state
        rows, changed = json.loads(articles), json.loads(edits or "{}")
        if type(rows) is not dict or type(changed) is not dict:
            raise TypeError("not a state")
        rows.update(changed)
        for source, row in rows.items():
            if row is None:
                continue  # gone since the whole state was written
            fp, page, link, updated, used, missing = row
            state.articles[str(source)] = Article(
                str(fp),
                None if page is None else str(page),
                str(link),
                str(updated),
                [(str(o), str(s)) for o, s in used],
                [str(m) for m in missing],
            )
        state.loaded = (), edits, dict(state.articles)  # ``load`` gives the rows' versions
        return state


def _row(a: Article) -> list[object]:
    return [a.fp, a.page, a.link, a.updated, a.assets, a.missing]


# A state loaded to be taken by the next load of the same rows (``State.load``'s ``hold``), and
# their versions (``Cache.versions``): never changed while held.
_held: tuple[tuple[object, ...], State] | None = None

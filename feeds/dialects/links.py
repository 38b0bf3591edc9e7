"""Finding a document by the path another document names it by, and its link."""

from __future__ import annotations

import hashlib
import posixpath
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from feeds.document import Planned


def _stem(path: str) -> str:
    base, dot, ext = path.rpartition(".")
    return base if dot and "/" not in ext else path


class Links:
    """Every loaded document's link by its path under the content folder.

    Built in the parent before rendering forks, so workers share it. Paths are matched the way
    the generators write them: from the content folder (``/post/x.md``), from the linking
    document's folder (``other.md``), with or without the extension (Hugo's ``ref``, Jekyll's
    ``post_url``), or from a site root above the content folder (``_posts/x.md`` when the content
    folder is ``_posts`` itself).
    """

    def __init__(self, docs: Iterable[Planned], content_dir: Path | str = "") -> None:
        self.by_source = {d.source: d.link for d in docs}
        self.prefix = str(content_dir).rstrip("/")
        self._names: dict[str, list[str]] | None = None

    @property
    def _by_name(self) -> dict[str, list[str]]:
        # Made on the first lookup by name: most builds resolve no reference at all, and sorting
        # 100,000 sources would cost an edit at that size a large share of its time.
        if self._names is None:
            self._names = defaultdict(list)
            for source in sorted(self.by_source):
                name = source.rsplit("/", 1)[-1]
                self._names[name].append(source)
                self._names[_stem(name)].append(source)
        return self._names

    def label(self, source: str) -> str:
        return f"{self.prefix}/{source}" if self.prefix else source

    def find(self, path: str, from_source: str = "") -> str | None:
        """The link of the document ``path`` names, seen from ``from_source``; None if none does."""
        path = path.strip().strip("\"'")
        if not path:
            return None
        if path.startswith("/"):
            candidates = [posixpath.normpath(path.lstrip("/"))]
        else:
            here = posixpath.dirname(from_source)
            candidates = [posixpath.normpath(posixpath.join(here, path)), posixpath.normpath(path)]
        for candidate in candidates:
            for source in (candidate, candidate + "/index.md", candidate + "/_index.md"):
                if source in self.by_source:
                    return self.by_source[source]
        for candidate in candidates:
            name = candidate.rstrip("/").rsplit("/", 1)[-1]
            for source in self._by_name.get(name, ()):
                for form in (source, _stem(source)):
                    if candidate == form or candidate.endswith("/" + form) or form.endswith("/" + candidate):
                        return self.by_source[source]
        return None

    def fingerprint(self, doc: Planned) -> str:
        """What ``doc``'s HTML depends on besides its own file: the links its references resolve to."""
        if not doc.references:
            return ""
        resolved = [(ref, self._resolve(ref, doc.source)) for ref in doc.references]
        return hashlib.sha256(repr(resolved).encode()).hexdigest()[:16]

    def _resolve(self, ref: str, source: str) -> str | None:
        kind, _, path = ref.partition("\x1f")
        if kind == "dir":
            # A page bundle whose images a shortcode shows: the names of its files.
            return hashlib.sha256("\n".join(listing(Path(self.prefix or "."), path)).encode()).hexdigest()
        if kind != "file":
            return self.find(path, source)
        # A file a post includes (x/website's {{code}}): its bytes, so an edit there renders anew.
        try:
            return hashlib.sha256((Path(self.prefix or ".") / path).read_bytes()).hexdigest()
        except OSError:
            return None


MAX_RESOURCES = 1000  # files beside one page; more is not a bundle


def listing(root: Path, folder: str) -> list[str]:
    """The files under ``root/folder`` (none of them the page itself), as sorted paths from it."""
    base = (root / folder).resolve()
    if not base.is_relative_to(root.resolve()):
        return []
    found: list[str] = []
    try:
        for path in sorted(base.rglob("*")):
            if len(found) >= MAX_RESOURCES:
                break
            name = path.relative_to(base).as_posix()
            if path.is_file() and not path.is_symlink() and name not in ("index.md", "index.markdown"):
                found.append(name)
    except OSError:
        return found
    return found

"""Every spelling of every metadata field a reader may find, in the order the first present one is taken.

Its own module, below both the readers and normalization: a reader (the ``Key: value`` header's
detection) needs to know which keys are fields, and must never import a later stage to learn it.
"""

from __future__ import annotations

TITLE = ("title",)
PUBLISHED = ("date", "pubdate", "published", "pub_date", "created")
UPDATED = ("updated", "modified", "lastmod", "updateddate")
AUTHORS = ("author", "authors", "by")
TAGS = ("tags", "tag", "keywords", "categories", "category")  # all merged, not first-wins
SUMMARY = ("description", "summary", "excerpt")
SLUG = ("slug",)
LINK = ("link", "url", "canonical")
# A post's own path on the site, read as the generator that wrote it did (Hugo's ``url`` is in LINK):
# Zola's ``path`` and Jekyll's and Eleventy's ``permalink``. Not fields of their own: Liquid's
# ``{{ page.permalink }}`` still finds them among the document's other keys.
OWN_PATHS = ("path", "permalink")
LANGUAGE = ("lang", "language")
DRAFT = ("draft",)
OWN = ("publication",)  # set by readers themselves
KNOWN_KEYS = frozenset(TITLE + PUBLISHED + UPDATED + AUTHORS + TAGS + SUMMARY + SLUG + LINK + LANGUAGE + DRAFT)

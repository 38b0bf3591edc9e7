"""URLs as feeds write them: absolute, and percent-encoded so every reader can fetch them."""

from __future__ import annotations

import re
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

# Characters a URI may carry as they are (RFC 3986 reserved + unreserved, and "%" of an
# existing escape): quote() then only touches spaces, non-ASCII and the truly unsafe.
_SAFE = "/:?#@!$&'()*+,;=%~-._"
# An absolute http(s) URL that to_uri() gives back unchanged and HTML needs no escape for: ASCII,
# nothing to percent-encode, no query or fragment for urlunsplit to normalize. Most links are
# like this, and urlsplit costs more than Markdown's whole link pattern.
PLAIN_URI = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9/._~!$()*+,;=:@%-]*)?")


def to_uri(iri: str) -> str:
    """Percent-encode an IRI's path, query and fragment (UTF-8) and IDNA-encode its host."""
    iri = iri.strip()
    if PLAIN_URI.fullmatch(iri):
        return iri
    parts = urlsplit(iri)
    netloc = parts.netloc
    if netloc and not netloc.isascii():
        host, sep, port = parts.hostname or "", ":" if parts.port else "", str(parts.port or "")
        userinfo = netloc.rpartition("@")[0]
        netloc = (f"{quote(userinfo, safe=':%')}@" if userinfo else "") + host.encode("idna").decode() + sep + port
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe=_SAFE),
            quote(parts.query, safe=_SAFE),
            quote(parts.fragment, safe=_SAFE),
        )
    )


def path_segment(name: str) -> str:
    """A file or folder name as text in a URL path: the characters ``to_uri`` would take as URL
    syntax ("%", "?", "#") percent-encoded; the rest is left to ``to_uri``, as before."""
    if "%" not in name and "?" not in name and "#" not in name:
        return name
    return name.replace("%", "%25").replace("?", "%3F").replace("#", "%23")


def _stands_alone(url: str) -> bool:
    # Whether urljoin must leave ``url`` as it is: a scheme and a host, or a scheme without one
    # (mailto:, tag:, …). Not the validator's RFC 3987 test (feeds.validate.iri.is_absolute).
    parts = urlsplit(url)
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme in ("mailto", "tel", "data", "urn", "tag"))


def absolute(url: str, base: str) -> str:
    """``url`` resolved against ``base`` and percent-encoded."""
    if PLAIN_URI.fullmatch(url):  # most pictures' links: as to_uri gives them back, urlsplit spared
        return url
    return to_uri(url if _stands_alone(url) else urljoin(base, url))


def feed_url(site_url: str, folder: str, filename: str) -> str:
    """The public URL of ``out/<folder><filename>``; ``folder`` is "" or ends with "/"."""
    return site_url + quote(folder + filename, safe="/")

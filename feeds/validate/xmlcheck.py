"""XML-level checks: encoding, characters XML 1.0 forbids, undefined entities, well-formedness.

The byte- and character-level problems are found by scanning the text ourselves, because the
parser stops at the first one and its messages ("PCDATA invalid Char value 1") do not say what to
do. Each such problem is then neutralised so the parser can go on and the structural checks
still run on the rest of the file.
"""

from __future__ import annotations

import bisect
import codecs
import html.entities
import re
from collections.abc import Iterator

from lxml import etree

from feeds.validate.findings import Collector, Level
from feeds.xmlchars import FORBIDDEN

MAX_PER_CODE = 10  # a mis-encoded file can have thousands of bad lines; the first few say it all

_DECLARATION = re.compile(r"""^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")
# Markup whose content is not scanned for references: in CDATA, "&nbsp;" is just text.
_OPAQUE = re.compile(r"<!\[CDATA\[.*?\]\]>|<!--.*?-->|<\?.*?\?>", re.DOTALL)
_ENTITY_REF = re.compile(r"&([A-Za-z_:][\w.:-]*);")
_CHAR_REF = re.compile(r"&#(?:x([0-9A-Fa-f]+)|([0-9]+));")
_DECLARED_ENTITY = re.compile(r"<!ENTITY\s+([A-Za-z_:][\w.:-]*)")
_PREDEFINED = {"amp", "lt", "gt", "quot", "apos"}
# Allowed but almost always Windows-1252 text decoded as Latin-1 (mojibake).
_C1 = re.compile("[\x80-\x9f]")
_NS_ERROR = re.compile(r"Namespace prefix (\S+) (?:for (\S+) )?on (\S+) is not defined")
KNOWN_NAMESPACES = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "media": "http://search.yahoo.com/mrss/",
    "slash": "http://purl.org/rss/1.0/modules/slash/",
    "sy": "http://purl.org/rss/1.0/modules/syndication/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def check_xml(data: bytes, out: Collector) -> etree._Element | None:
    """Report XML-level problems; return the root element, or None when the file cannot be read as XML."""
    if not data.strip():
        out.error("NotWellFormed", None, "the file is empty; a feed needs an <rss> or <feed> root element")
        return None
    text = _decode(data, out)
    text = _check_characters(text, out)
    text = _check_entities(text, out)
    return _parse(text, out)


class _Lines:
    """Maps offsets in the text to 1-based line numbers, as lxml counts them."""

    def __init__(self, text: str) -> None:
        self._newlines = [m.start() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> int:
        return bisect.bisect_left(self._newlines, offset) + 1


def _report(out: Collector, level: Level, code: str, hits: list[tuple[int, str]]) -> None:
    for line, message in hits[:MAX_PER_CODE]:
        out.add(level, code, line, message)
    if len(hits) > MAX_PER_CODE:
        out.add(
            level,
            code,
            hits[MAX_PER_CODE][0],
            f"and {len(hits) - MAX_PER_CODE} more like the above from this line on; fix them the same way",
        )


# --- encoding -------------------------------------------------------------------------------


def _decode(data: bytes, out: Collector) -> str:
    if data.startswith(codecs.BOM_UTF8):
        bom, body = "utf-8", data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        bom, body = "utf-16", data
    else:
        bom, body = None, data
    head = body[:400].decode(bom or "latin-1", errors="replace")
    match = _DECLARATION.match(head.lstrip("\ufeff"))
    declared = match.group(1) if match else None
    name = bom or declared or "utf-8"
    try:
        encoding = codecs.lookup(name).name
    except LookupError:
        out.error(
            "UnknownEncoding",
            1,
            f"unknown character encoding {name!r} in the XML declaration; "
            'save the file as UTF-8 and declare encoding="UTF-8"',
        )
        encoding = "utf-8"
    if encoding != "utf-8":
        out.warning(
            "NotUTF8",
            1,
            f"the file is encoded as {name}; UTF-8 is the one encoding every reader "
            'handles: re-encode it and declare encoding="UTF-8"',
        )
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        _report(out, "error", "UnicodeError", _bad_bytes(body, encoding, exc))
        return body.decode(encoding, errors="replace")


def _bad_bytes(body: bytes, encoding: str, first: UnicodeDecodeError) -> list[tuple[int, str]]:
    """One hit per line holding bytes that are not valid in ``encoding``."""
    if "\n".encode(encoding) != b"\n" or encoding.startswith(("utf-16", "utf-32")):
        # Not line-splittable as bytes: report the first bad spot only.
        line = body[: first.start].decode(encoding, errors="replace").count("\n") + 1
        return [(line, f"bytes that are not valid {encoding}; re-save the file in the declared encoding")]
    hits = []
    label = _label(encoding)
    for number, raw in enumerate(body.split(b"\n"), start=1):
        try:
            raw.decode(encoding)
        except UnicodeDecodeError as exc:
            bad = raw[exc.start : exc.end + 3]
            hits.append(
                (number, f"bytes {bad.hex(' ')} are not valid {label}{_guess(raw)}; convert this text to {label}")
            )
    return hits


def _label(encoding: str) -> str:
    return "UTF-8" if encoding == "utf-8" else encoding


def _guess(raw: bytes) -> str:
    # The usual culprit for Korean sites: CP949 (EUC-KR) text pasted into a UTF-8 file.
    try:
        korean = raw.decode("cp949")
    except UnicodeDecodeError:
        return ""
    if not any("\uac00" <= c <= "\ud7a3" for c in korean):
        return ""
    text = " ".join(re.sub(r"<[^>]*>", " ", korean).split())
    return f" (they read as CP949/EUC-KR Korean: {text[:24]!r})"


# --- characters and references -----------------------------------------------------------------


def _cut(reference: str) -> str:
    """A character reference as shown in a message: ``&#`` and thousands of digits are cut short."""
    return reference if len(reference) <= 20 else f"{reference[:12]}…{reference[-4:]}"


def _check_characters(text: str, out: Collector) -> str:
    lines = _Lines(text)
    forbidden = [
        (
            lines(m.start()),
            f"character U+{ord(m.group()):04X} is not allowed in XML 1.0; remove it "
            "(control characters usually come from pasted text)",
        )
        for m in FORBIDDEN.finditer(text)
    ]
    refs = []
    for start, end in _transparent_spans(text):
        for m in _CHAR_REF.finditer(text, start, end):
            try:
                char = chr(int(m.group(1), 16) if m.group(1) else int(m.group(2)))
            except (ValueError, OverflowError):
                char = "\x00"
            if FORBIDDEN.match(char):
                refs.append((m.start(), m.end(), lines(m.start())))
    forbidden += [
        (line, f"character reference {_cut(text[s:e])} names a character XML 1.0 does not allow; remove it")
        for s, e, line in refs
    ]
    _report(out, "error", "InvalidXMLCharacter", sorted(forbidden))
    _report(
        out,
        "warning",
        "BadCharacters",
        [
            (
                lines(m.start()),
                f"C1 control character U+{ord(m.group()):04X}: this is usually Windows-1252 "
                "text decoded as Latin-1; fix the conversion that produced it",
            )
            for m in _C1.finditer(text)
        ],
    )
    text = _splice(text, [(start, end, "&#xFFFD;") for start, end, _line in refs])
    return FORBIDDEN.sub("\ufffd", text)


def _transparent_spans(text: str) -> Iterator[tuple[int, int]]:
    """The parts of the text outside CDATA sections, comments and processing instructions."""
    position = 0
    for m in _OPAQUE.finditer(text):
        yield position, m.start()
        position = m.end()
    yield position, len(text)


def _check_entities(text: str, out: Collector) -> str:
    declared = set(_DECLARED_ENTITY.findall(text))
    lines = _Lines(text)
    undefined = []
    for start, end in _transparent_spans(text):
        for m in _ENTITY_REF.finditer(text, start, end):
            name = m.group(1)
            if name not in _PREDEFINED and name not in declared:
                undefined.append((m.start(), m.end(), name))
    hits = []
    for start, _end, name in undefined:
        replacement = html.entities.html5.get(name + ";")
        hint = (
            f"write {''.join(f'&#{ord(c)};' for c in replacement)} or the character itself"
            if replacement
            else "escape the ampersand as &amp;"
        )
        hits.append((lines(start), f"&{name}; is not defined in XML (only &amp; &lt; &gt; &quot; &apos; are); {hint}"))
    _report(out, "error", "UndefinedNamedEntity", hits)
    edits = []
    for start, end, name in undefined:
        replacement = html.entities.html5.get(name + ";")
        edits.append((start, end, "".join(f"&#{ord(c)};" for c in replacement) if replacement else f"&amp;{name};"))
    return _splice(text, edits)


def _splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Replace the (start, end) spans, in order and not overlapping, in one pass (files can hold
    thousands of &nbsp;)."""
    pieces, position = [], 0
    for start, end, replacement in edits:
        pieces += [text[position:start], replacement]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


# --- parsing -------------------------------------------------------------------------------------


def _parser(recover: bool) -> etree.XMLParser:
    # No DTD loading, no entity expansion, no network, no huge-tree mode: a feed file must not be
    # able to make the validator fetch URLs or blow up memory. The encoding is forced because the
    # text was already decoded (and re-encoded as UTF-8) above.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=recover,
        encoding="utf-8",
    )


def _parse(text: str, out: Collector) -> etree._Element | None:
    data = text.encode("utf-8")
    parser = _parser(recover=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        log = [e for e in parser.error_log if e.level >= etree.ErrorLevels.ERROR]
    namespace_errors = [e for e in log if e.domain_name == "NAMESPACE"]
    for entry in namespace_errors:
        out.error("UndeclaredPrefix", entry.line, _namespace_message(entry.message))
    others = [e for e in log if e.domain_name != "NAMESPACE"]
    if not others:
        # Only undeclared prefixes: the structure is intact, so keep checking it.
        try:
            return etree.fromstring(data, _parser(recover=True))
        except etree.XMLSyntaxError:
            return None
    seen: set[tuple[int, str]] = set()
    for entry in others:
        if (entry.line, entry.message) not in seen and len(seen) < 5:
            seen.add((entry.line, entry.message))
            out.error(
                "NotWellFormed",
                entry.line or None,
                f"XML parsing error: {entry.message.strip()}; the file is not well-formed XML and no "
                "reader will accept it",
            )
    return None


def _namespace_message(message: str) -> str:
    m = _NS_ERROR.search(message)
    if m is None:
        return f"{message.strip()}; declare every namespace prefix on the root element"
    prefix, attribute, element = m.groups()
    what = f"attribute {prefix}:{attribute} on <{element}>" if attribute else f"<{prefix}:{element}>"
    uri = KNOWN_NAMESPACES.get(prefix)
    fix = f'add xmlns:{prefix}="{uri}"' if uri else f'add xmlns:{prefix}="…its namespace URI…"'
    return f"namespace prefix {prefix!r} of {what} is not declared; {fix} to the root element"

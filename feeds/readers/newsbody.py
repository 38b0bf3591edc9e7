"""What the body of a news article says of its writers and outlet.

When the head names no reporter or outlet, the body's dateline or byline does
(``(서울=연합뉴스) 홍길동 기자 =``, ``아주경제 정하균 기자=``), or a closing line (``홍길동 기자
hong@example.com``, the copyright line), a broadcast's sign-off or its anchor handing over to the
reporter, a transcript's speaker cues, or a letter's signature under its date at the end.
"""

from __future__ import annotations

import re

from feeds.readers.newscaptions import NOTE, is_caption, is_photo_credit, is_sign_credit
from feeds.readers.newsdatewords import DATE_STAMP
from feeds.readers.newswords import (
    ALONE_EMAIL,
    BROADCAST_SIGN_OFF,
    BYLINE,
    CALLED,
    CLOSING_OUTLET_REPORTER,
    CLOSING_REPORTER,
    COPYRIGHT,
    COPYRIGHT_LAST,
    DATELINE,
    DESK_AFTER,
    GLUED_SIGNATURE,
    HANDOVER,
    JUNK,
    OPENING_OUTLET,
    OUTLET_LIKE,
    PLACE_SEPARATORS,
    REGARDS,
    SECTION,
    SIGN_OFF,
    SPEAKER_CUE,
    is_bare_name,
    is_outlet,
    plain,
    spaced_signer,
    split_authors,
)


def from_body(body: str) -> tuple[str | None, list[dict[str, str]]]:
    """The outlet and reporters the body's dateline, byline or closing lines name."""
    raw = [line for line in body.split("\n") if line.strip()]
    head = [plain(line) for line in raw[:8]]
    # Closing lines are short: a long one is a paragraph, not worth cleaning.
    tail = [plain(line) if len(line) < 200 else line for line in raw[-12:]] if len(raw) > 8 else head
    outlet: str | None = None
    reporters: list[dict[str, str]] = []
    for s, line in zip(head, raw, strict=False):
        m = BYLINE.match(s)
        if m and is_caption(s):
            continue  # a photo's dateline names the photographer, not the reporter
        if m:
            # "(서울=연합뉴스)", "[공주/CTN]", "[교육타임즈/충남교육]": the part that is an outlet
            pub = m.group("pub1") or m.group("pub2") or m.group("pub3")
            parts = [p.strip() for p in PLACE_SEPARATORS.split(pub.strip())]
            outlet = DESK_AFTER.sub("", next((p for p in parts if OUTLET_LIKE.search(p)), parts[-1]))
            reporters = split_authors(m.group("names1") or m.group("names2") or m.group("names3"), None)
            break
        d = DATELINE.match(s)
        if d:
            reporters = split_authors(d.group("names"), d.group("email"))
            break
        opening = OPENING_OUTLET.match(s) if outlet is None else None
        named = DESK_AFTER.sub("", opening.group("outlet")) if opening else ""  # "[한빛일보 사회부]"
        # "[김용삼 / 문화체육관광부 1차관]": a speaker's name and title in a broadcast's script, no desk
        if opening and (
            is_outlet(named) or (opening.group("desk") and not is_bare_name(named)) or _set_off(line, named)
        ):
            outlet = named  # "[파이낸셜뉴스] 계묘년 새해가 …", "[더팩트ㅣ사진공동취재단] …"
    if not reporters:  # a transcript: the anchor's and the reporter's cues name them
        reporters = [{"name": m.group("name")} for s in head if s[-1] == ">" and (m := SPEAKER_CUE.fullmatch(s))]
    closing_outlet = None
    for i in reversed(range(len(tail))):
        c = CLOSING_REPORTER.match(tail[i]) or CLOSING_OUTLET_REPORTER.match(tail[i])
        if c:
            # "홍길동 기자" with the address on the next line
            after = ALONE_EMAIL.fullmatch(tail[i + 1]) if i + 1 < len(tail) else None
            email = c.group("email") or c.groupdict().get("lead") or (after and after.group("email"))
            signed = split_authors(c.group("names"), email)
            if not reporters:
                reporters = signed
                closing_outlet = c.groupdict().get("outlet") or closing_outlet
            elif len(reporters) == len(signed) == 1 and signed[0]["name"] == reporters[0]["name"]:
                reporters = signed  # the byline's reporter signing off with the address
        signed_copy = "ⓒ" in tail[i] or "©" in tail[i]  # COPYRIGHT_LAST needs the sign: most lines are paragraphs
        copyright = COPYRIGHT.search(tail[i]) or (COPYRIGHT_LAST.search(tail[i]) if signed_copy else None)
        if copyright and not closing_outlet and not is_photo_credit(tail[i]) and not _mid_credit(tail, i):
            closing_outlet = copyright.group("outlet")
    signers = _section_signers(raw)
    if len(signers) > 1 and (not reporters or reporters == signers[-1:]):
        reporters = signers  # an editors' notes page: each note signed by its writer
    aired = _aired(tail) if not reporters else None
    if aired:  # "KBS 뉴스 신강문입니다.": the station and the reporter, signing off
        reporters = [{"name": aired.group("name")}]
        closing_outlet = closing_outlet or aired.group("outlet")
    if not reporters:  # a broadcast: the anchor hands over to the reporter ("조형준 기자가 정리했습니다.")
        lead = [plain(line) for line in raw[:_HANDOVER_LINES]]
        handover = next((m for s in lead if (m := HANDOVER.search(s) or CALLED.fullmatch(s))), None)
        if handover:  # "울산BBS 박상규 기자가 보도합니다.": the station's name may lead
            reporters = [{"name": handover.group("name")}]
            station = handover.groupdict().get("outlet")
            closing_outlet = closing_outlet or (station if station and is_outlet(station) else None)
    # the comment box's labels may come after it
    glued = next((m for s in reversed(tail) if (m := _glued_signature(s))), None) if not reporters else None
    if glued and is_bare_name(glued.group("name")):  # "… 당면과제이다. 변옥윤·객원논설위원"
        reporters = [{"name": glued.group("name")}]
    if not reporters:
        signer, signed_for = _signature(tail)
        reporters, closing_outlet = signer, closing_outlet or signed_for
    if not reporters:  # a letter signed with the name spaced out: "원장 윤 제 용"
        reporters = next(([{"name": name}] for s in tail[-3:] if (name := spaced_signer(s))), [])
    return outlet or closing_outlet, reporters


def _glued_signature(s: str) -> re.Match[str] | None:
    """``GLUED_SIGNATURE.search(s)``, tried only at the line's last full stop, "!" or "?": the
    signature after its sentence's mark holds none, so a match starts nowhere else."""
    last = max(s.rfind("."), s.rfind("!"), s.rfind("?"))
    return GLUED_SIGNATURE.match(s, last) if last >= 0 else None


_SIGNER_ALONE = re.compile(r"(?P<name>[가-힣]{2,4})\s?기자")


def _signer_alone(line: str) -> re.Match[str] | None:
    s = line.strip()
    return _SIGNER_ALONE.fullmatch(s) if len(s) <= _SIGNER_MAX and s.endswith("기자") else None


_SIGNER_MAX = 7  # four syllables, a space and "기자"


def _section_signers(raw: list[str]) -> list[dict[str, str]]:
    """The writers who each sign a note of the text with their name alone on a line ("신연실 기자"),
    the next note under it, the last closing the text; in their order, each once."""
    # Only a short line ending in the role can be one: most are paragraphs, not worth the pattern.
    names = [m.group("name") for line in raw if (m := _signer_alone(line))]
    if len(names) < 2 or not _SIGNER_ALONE.fullmatch(raw[-1].strip()):
        return []
    return [{"name": n} for n in dict.fromkeys(names) if is_bare_name(n)]


def _aired(tail: list[str]) -> re.Match[str] | None:
    """A broadcast's sign-off among the last lines: only the address and the crew's credits
    ("영상취재 : 이준희") may come after it."""
    for i in range(len(tail) - 1, max(len(tail) - _SIGN_OFF_LINES, 0) - 1, -1):
        last = i == len(tail) - 1  # a script run into one line signs off at its end
        if (
            "입니다" in tail[i]
            and (last or len(tail[i]) <= _SIGN_OFF_MAX)
            and (m := BROADCAST_SIGN_OFF.search(tail[i]))
        ):
            return m
    return None


_SIGN_OFF_LINES = 5  # the sign-off, the address, the camera's and the editor's credits, a button
_SIGN_OFF_MAX = 40  # a sign-off above other lines is a line of its own
_HANDOVER_LINES = 15  # an anchor's lead of a few short lines, as scripts break them


def lone_address(body: str) -> str | None:
    """The one address alone on a line among the closing lines ("fob140@heraldcorp.com"): the
    reporter's, when the head names one reporter without it."""
    raw = [line.strip() for line in body.split("\n")[-_TAIL:] if line.strip()]
    found = {m.group("email") for line in raw if "@" in line and (m := ALONE_EMAIL.fullmatch(line))}
    return found.pop() if len(found) == 1 else None


_TAIL = 24  # the closing lines, blank lines counted


def _signature(tail: list[str]) -> tuple[list[dict[str, str]], str | None]:
    """The writer and outlet of a letter signed under its date at the end: "2012. 10.22" /
    "국회의원 강기윤", or "2022년 5월17일" / "디지털데일리 배상" / "윤상호" / "crow@ddaily.co.kr"."""
    last_lines = range(len(tail) - 1, max(len(tail) - 5, 0) - 1, -1)
    dated = next((i for i in last_lines if DATE_STAMP.fullmatch(tail[i])), None)
    if dated is None:
        return [], None
    writer: dict[str, str] = {}
    outlet = None
    for line in tail[dated + 1 :]:
        signer, regards, email = SIGN_OFF.fullmatch(line), REGARDS.fullmatch(line), ALONE_EMAIL.fullmatch(line)
        if signer or (is_bare_name(line) and not is_outlet(line)):
            writer = {"name": signer.group("name") if signer else line}
        elif regards and is_outlet(regards.group("outlet")):
            outlet = regards.group("outlet")
        elif email and writer:
            writer["email"] = email.group("email")
        else:
            return [], None  # more than a signature: the date is no sign-off
    return ([writer] if writer else []), outlet


def _set_off(line: str, name: str) -> bool:
    """A bracketed name opening the text, set off from it by a wide space ("[투어코리아]  전남 곡성군이
    …"), as a dateline is: the outlet, unless it is a section's or a label's word ("[단독]")."""
    m = _WIDE_OPENING.match(line)
    return m is not None and m.group(1) == name and not SECTION.fullmatch(name) and not JUNK.match(name)


_WIDE_OPENING = re.compile(r"\s*[\[【]\s*([^\]】\s]{2,12})\s*[\]】](?:\s{2,}|\u00a0|\u3000)\S")


def _mid_credit(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is a copyright sign and a name with text under it: a photo's credit, no
    closing that names the outlet."""
    return is_sign_credit(lines[i]) and any(not NOTE.search(line) for line in lines[i + 1 :])

"""A small, deterministic generator of a mixed-format corpus: the tests' own, so they need nothing
outside the repository (the benchmark's larger generator lives in ``../shared/bench``).

    python tests/corpus.py --n 1000 --out DIR [--seed 7]

Document ``i`` comes from its own seeded RNG, so the first 100 documents of a 1,000 corpus are the
100 corpus. The mix, every format detected by content (extensions ``.md``, ``.markdown`` and
``.txt`` are mixed):

- Markdown + YAML front matter (~35%): ``pubDate`` as a date, ``Jul 08 2022`` or an ISO datetime;
  tags as a flow list, a block list or a comma string; sometimes ``updatedDate``;
- Markdown + TOML front matter (~10%) and JSON front matter (~5%);
- Markdown with a Pelican ``Key: value`` header (~15%);
- plain-text Korean news (~35%): title, deck, a date line (date only, or ``입력 … 수정 …``), a
  byline, subheadings, photo captions, a copyright line; no tags.

Bodies use every Markdown syntax the renderer treats specially (links, relative links, images,
emphasis, code, lists, tables, footnotes, abbreviations, definition lists, attribute lists,
fenced code, raw HTML). Tags follow a Zipf law over 90 names, with case variants and an alias
(``오픈AI``). Every date is before 2026-11-01 (KST); ``Generated.date_only`` says which documents
give a date without a time.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

SEED = 7
KST = timezone(timedelta(hours=9))
START = datetime(2019, 1, 1, tzinfo=KST)
SPAN = int((datetime(2026, 10, 31, tzinfo=KST) - START).total_seconds())
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

NOUNS = [
    *("기술", "시장", "기업", "서비스", "플랫폼", "개발자", "사용자", "데이터", "인공지능", "모델", "반도체", "투자"),
    *("매출", "성장", "경쟁", "전략", "정부", "정책", "규제", "산업", "클라우드", "보안", "검색", "광고", "콘텐츠"),
    *("스타트업", "글로벌", "데이터센터", "메모리", "소프트웨어", "로봇", "배터리", "통신", "연구"),
]
ENDINGS = ("밝혔다", "전했다", "설명했다", "강조했다", "예정이다", "전망이다", "것으로 알려졌다", "발표했다")
WORDS = ["data", "model", "open", "source", "cloud", "agent", "search", "chip", "memory", "python", "release", "api"]
NAMED_TAGS = [
    *("AI", "ai", "반도체", "클라우드", "Python", "보안", "OpenAI", "오픈AI", "스타트업", "Open Source"),
    *("데이터", "로봇", "자율주행", "Rust", "web", "검색", "광고", "정책", "투자", "모바일"),
]
TAGS = NAMED_TAGS + [f"주제 {k}" if k % 2 else f"topic-{k}" for k in range(70)]
TAG_WEIGHTS = [1 / (rank + 1) ** 1.07 for rank in range(len(TAGS))]
AUTHORS = ("Jane Doe", "김민수", "이서연", "Rick Roe", "박지훈", "최유진")
REPORTERS = ("김민수", "이서연", "박지훈", "최유진", "전윤미")
MEDIA = ("애플경제", "테크뉴스", "디지털일보", "AI타임스")
PHOTO = ("마이크로소프트", "오픈AI", "삼성전자", "구글", "연합뉴스")


@dataclass(frozen=True)
class Generated:
    name: str  # the file name in the corpus folder
    kind: str  # yaml, toml, json, pelican or news
    date_only: bool  # every date in the source is without a time: published (and updated) at midnight
    tags: tuple[str, ...]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(NOUNS) + rng.choice(("은", "이", "을", "의", "에서", "")) for _ in range(rng.randint(4, 9))]
    if rng.random() < 0.2:
        words.insert(rng.randrange(len(words)), rng.choice(WORDS))
    return " ".join(words) + " " + rng.choice(ENDINGS) + "."


def paragraph(rng: random.Random, sentences: int | None = None) -> str:
    return " ".join(sentence(rng) for _ in range(sentences or rng.randint(1, 3)))


def markdown_block(rng: random.Random, i: int) -> str:
    text = paragraph(rng)
    kind = rng.random()
    if kind < 0.12:
        return f"### {rng.choice(NOUNS)} {rng.choice(NOUNS)}"
    if kind < 0.24:  # inline syntax: links (absolute, relative, reference), emphasis, code, entities
        link = rng.choice(("https://example.org/news/1", "../other/", f"/posts/item-{i:05d}/#top", "img/a b.png"))
        return f"{text} *{rng.choice(NOUNS)}* 와 **{rng.choice(WORDS)}**, `code_{i}` [링크]({link}) &amp; R&D."
    if kind < 0.32:
        return f"![{rng.choice(NOUNS)}](images/{i}-{rng.randrange(100)}.jpg)\n\n{text}"
    if kind < 0.42:
        marker = rng.choice(("-", "*", "1."))
        return "\n".join(f"{marker} {sentence(rng)}" for _ in range(rng.randint(2, 4)))
    if kind < 0.46:
        return f"| {rng.choice(WORDS)} | 값 |\n|---|---:|\n| a | {rng.randrange(100)} |\n| `b` | [c](/c) |"
    if kind < 0.50:
        return f"{text}[^{i}]\n\n[^{i}]: {sentence(rng)}"
    if kind < 0.53:
        return f"The API and the HTML.\n\n*[API]: Application Programming Interface\n*[HTML]: {rng.choice(NOUNS)}"
    if kind < 0.56:
        return f"{rng.choice(WORDS)}\n:   {sentence(rng)}"
    if kind < 0.59:
        return f"{text}\n{{: .note #n{i} }}"
    if kind < 0.63:
        return f"```python\nprint({rng.randrange(1000)})  # *not* [a link](x)\n```"
    if kind < 0.66:
        return f'<div class="box" markdown="1">\n{text} _{rng.choice(WORDS)}_\n</div>'
    if kind < 0.69:
        return f"> {text}\n> {sentence(rng)}"
    return text


def markdown_body(rng: random.Random, i: int) -> str:
    return "\n\n".join(markdown_block(rng, i) for _ in range(rng.randint(3, 9))) + "\n"


def pick_tags(rng: random.Random) -> tuple[str, ...]:
    return tuple(dict.fromkeys(rng.choices(TAGS, weights=TAG_WEIGHTS, k=rng.randint(1, 4))))


def yq(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML and TOML string too


def make(i: int, seed: int = SEED) -> tuple[Generated, str]:
    """Document ``i``: what it is, and its text."""
    rng = random.Random(seed * 1_000_003 + i)
    r = rng.random()
    kind = "yaml" if r < 0.35 else "toml" if r < 0.45 else "json" if r < 0.50 else "pelican" if r < 0.65 else "news"
    when = (START + timedelta(seconds=rng.randrange(SPAN))).replace(second=0)
    title = f"{rng.choice(NOUNS)} {rng.choice(NOUNS)}, {rng.choice(WORDS)} {rng.choice(('공개', '출시', '발표'))} {i}"
    author = rng.choice(REPORTERS if kind == "news" else AUTHORS)
    summary = paragraph(rng, 1)
    tags = () if kind == "news" else pick_tags(rng)
    date_only = rng.random() < (0.8 if kind == "news" else 0.4)
    day = when.strftime("%Y-%m-%d")
    if kind == "news":
        text = news(rng, title, summary, author, when, date_only)
    elif kind == "yaml":
        if date_only:
            published = day if rng.random() < 0.5 else f"'{MONTHS[when.month - 1]} {when.day:02d} {when.year}'"
        else:
            published = when.astimezone(timezone(timedelta(hours=rng.choice((9, 0, -5))))).isoformat()
        lines = ["---", f"title: {yq(title)}", f"description: {yq(summary)}", f"pubDate: {published}"]
        if rng.random() < 0.1:
            edited = when + timedelta(days=3, hours=2)
            lines.append(f"updatedDate: {edited.strftime('%Y-%m-%d') if date_only else edited.isoformat()}")
        lines.append(f"author: {yq(author)}")
        style = rng.random()
        if style < 0.45:
            lines.append("tags: [" + ", ".join(yq(t) for t in tags) + "]")
        elif style < 0.8:
            lines += ["tags:", *(f"  - {yq(t)}" for t in tags)]
        else:
            lines.append(f"tags: {yq(', '.join(tags))}")
        text = "\n".join([*lines, "---", "", markdown_body(rng, i)])
    elif kind == "toml":
        published = day if date_only else when.isoformat()
        lines = ["+++", f"title = {yq(title)}", f"date = {published}", f"author = {yq(author)}"]
        lines += ["tags = [" + ", ".join(yq(t) for t in tags) + "]", f"description = {yq(summary)}"]
        if rng.random() < 0.3:
            lines.append("draft = false")
        text = "\n".join([*lines, "+++", "", markdown_body(rng, i)])
    elif kind == "json":
        meta = {"title": title, "date": day if date_only else when.isoformat(), "tags": list(tags), "author": author}
        text = json.dumps(meta, ensure_ascii=False, indent=2) + "\n\n" + markdown_body(rng, i)
    else:  # pelican
        header = [f"Title: {title}", f"Date: {day if date_only else when.strftime('%Y-%m-%d %H:%M')}"]
        header += [f"Tags: {', '.join(tags)}", f"Author: {author}", f"Summary: {summary}"]
        if rng.random() < 0.3:
            header.append(f"Slug: item-{i:05d}")
        text = "\n".join([*header, "", markdown_body(rng, i)])
    extension = rng.choice(("txt", "txt", "md") if kind == "news" else ("md", "md", "md", "markdown", "txt"))
    return Generated(f"item-{i:05d}.{extension}", kind, date_only, tags), text


def news(rng: random.Random, title: str, deck: str, reporter: str, when: datetime, date_only: bool) -> str:
    media = rng.choice(MEDIA)
    if date_only:
        dateline = f"{when:%Y-%m-%d}{' ' * rng.choice((2, 5, 5, 8))}{reporter} 기자"
    else:
        edited = when + timedelta(hours=rng.randint(1, 30))
        dateline = f"입력 {when:%Y.%m.%d %H:%M}  수정 {edited:%Y.%m.%d %H:%M}"
    body = [f"[{media} {reporter} 기자] {paragraph(rng)}"]
    for _ in range(rng.randint(2, 6)):
        r = rng.random()
        if r < 0.15:
            body.append(f"{rng.choice(NOUNS)} {rng.choice(NOUNS)} {rng.choice(NOUNS)}")  # a subheading
        elif r < 0.3:
            body.append(f"{rng.choice(AUTHORS)} 대표가 발표하고 있다. (사진={rng.choice(PHOTO)})")
        body.append(paragraph(rng))
    if rng.random() < 0.5:
        body.append(f"<저작권자 © {media} 무단전재 및 재배포 금지>")
    return "\n\n".join([title, deck, dateline, *body]) + "\n"


def generate(out: Path, n: int, seed: int = SEED) -> list[Generated]:
    """Write documents 0 to n-1 into ``out``; what each one is, in order."""
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(n):
        generated, text = make(i, seed)
        (out / generated.name).write_bytes(text.encode("utf-8"))
        made.append(generated)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--format", choices=["native"], default="native", help="ours only (the benchmark's peers need ../shared)"
    )
    args = parser.parse_args(argv)
    made = generate(args.out, args.n, args.seed)
    kinds = {kind: sum(g.kind == kind for g in made) for kind in sorted({g.kind for g in made})}
    print(json.dumps({"n": args.n, "out": str(args.out), "kinds": kinds}, ensure_ascii=False), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The site pages speak the site's language: every word from a catalog (feeds/pages/locales/)."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import jinja2
import pytest

from feeds.build import build
from feeds.config import load_site
from feeds.i18n import available, catalog, catalog_name
from feeds.pages import BUILTIN_TEMPLATES

from .conftest import tree, write_site_toml
from .test_pages import parse_html5

AT = datetime(2026, 11, 1, tzinfo=UTC)
SITES = Path(__file__).parent / "data" / "sites"
HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
# Messages made outside the templates (feeds/plan.py).
CODE_MESSAGES = {"Articles tagged “%(tag)s” on %(site)s", "Articles by %(author)s on %(site)s"}


def template_messages() -> set[str]:
    """Every message id the built-in templates use, found as ``pybabel extract`` finds them."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    found = set()
    for path in BUILTIN_TEMPLATES.glob("*.j2"):
        for _line, _function, message in env.extract_translations(path.read_text(encoding="utf-8")):  # type: ignore[attr-defined]
            found.add(message if isinstance(message, str) else message[0])
    return found


def pages(out: Path) -> dict[str, bytes]:
    return {name: data for name, data in tree(out).items() if name.endswith((".html", ".opml", ".xsl"))}


def interface_phrases(language: str) -> set[str]:
    """The catalog's own text in pieces (split at fields and markup), each of two words or more: a
    lone word ("article") may well be the site's own text."""
    phrases = set()
    for value in catalog(language).messages.values():
        for form in [value] if isinstance(value, str) else value:
            for piece in re.split(r"%\(\w+\)[sd]|<[^>]*>|[():“”]", form):
                if len(piece.strip()) >= 5 and " " in piece.strip():
                    phrases.add(piece.strip())
    return phrases


@pytest.mark.parametrize("language", available())
def test_every_catalog_holds_every_message(language: str) -> None:
    used = template_messages() | CODE_MESSAGES
    messages = catalog(language).messages
    assert used - set(messages) == set(), f"{language}.toml misses messages"
    assert set(messages) - used == set(), f"{language}.toml holds messages no page uses"
    for key, value in messages.items():
        forms = [value] if isinstance(value, str) else value
        for form in forms:
            assert sorted(re.findall(r"%\(\w+\)[sd]", form)) == sorted(set(re.findall(r"%\(\w+\)[sd]", key))), (
                f"{language}.toml: {key!r} loses or adds a field"
            )
        assert len(forms) in (1, catalog(language).plural_forms)


def test_the_language_setting_picks_the_catalog() -> None:
    assert catalog_name("ko") == catalog_name("ko-KR") == catalog_name("KO_kr") == "ko"
    assert catalog_name("en-GB") == catalog_name("fr") == catalog_name("x-klingon") == "en"


def test_dates_are_written_the_locales_way() -> None:
    day = datetime(2024, 5, 3, tzinfo=UTC)
    assert catalog("ko").date(day) == "2024년 5월 3일"
    assert catalog("en").date(day) == "May 3, 2024"
    assert catalog("en").ngettext("%(num)d article", "%(num)d articles", 1) == "%(num)d article"
    assert catalog("en").ngettext("%(num)d article", "%(num)d articles", 2) == "%(num)d articles"
    assert catalog("ko").ngettext("%(num)d article", "%(num)d articles", 2) == "글 %(num)d개"


def test_the_korean_site_holds_no_english_interface_words() -> None:
    """The golden Korean site (its own title and description aside, which its settings give)."""
    found = pages(SITES / "seeds" / "expected")
    assert "index.html" in found and any(name.startswith("posts/") for name in found)
    english = interface_phrases("en")
    for name, data in found.items():
        text = data.decode("utf-8")
        if name.endswith(".html"):
            parse_html5(data)
            assert ' lang="en"' not in text, name
        assert [p for p in english if p in text] == [], name
    index = found["index.html"].decode("utf-8")
    assert "최신 글" in index and "2026년 2월 13일" in index


@pytest.fixture
def english_site(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    for n, tag in enumerate(["travel", "food", "travel"]):
        (content / "posts" / f"p{n}.md").write_text(
            f"---\ntitle: Post {n}\ndate: 2024-05-0{n + 1}\nauthor: Ann\ntags: [{tag}]\n---\n\nPlain words.\n",
            encoding="utf-8",
        )
    config = tmp_path / "site.toml"
    config.write_text(
        'title = "Test site"\nurl = "https://example.org/blog/"\ndescription = "Feeds for tests"\n'
        'language = "en-US"\npermalink = "{url}posts/{slug}/"\nxsl = true\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build(load_site(config), content, out, at=AT)
    return out


def test_the_english_site_holds_no_korean_words(english_site: Path) -> None:
    found = pages(english_site)
    assert {"index.html", "feeds.opml", "feed.xsl", "tags/travel/index.html", "posts/p0/index.html"} <= set(found)
    korean = interface_phrases("ko")
    for name, data in found.items():
        text = data.decode("utf-8")
        if name.endswith(".html"):
            parse_html5(data)
        assert not HANGUL.search(text), name
        assert [p for p in korean if p in text] == [], name
    assert "May 3, 2024" in found["index.html"].decode("utf-8")
    assert "(2 articles)" in found["feeds.opml"].decode("utf-8")
    assert "(1 article)" in found["feeds.opml"].decode("utf-8")


def test_a_language_without_a_catalog_shows_english_marked_as_english(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("---\ntitle: Un\ndate: 2024-05-03\n---\n\nMots.\n", encoding="utf-8")
    config = write_site_toml(tmp_path / "site.toml", language="fr-CA", permalink="{url}{slug}/", tag_aliases={})
    build(load_site(config), content, tmp_path / "out", at=AT)
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    parse_html5(index.encode())
    assert '<html lang="fr-CA">' in index
    assert '<h2 id="latest" lang="en">Latest articles</h2>' in index
    assert "May 3, 2024" in index


def test_adding_a_language_is_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import feeds.i18n as i18n

    locales = tmp_path / "locales"
    shutil.copytree(i18n.LOCALES, locales)
    text = (locales / "en.toml").read_text(encoding="utf-8").replace('= "Latest articles"', '= "Derniers articles"')
    (locales / "fr.toml").write_text(text.replace("{month_name} {day}, {year}", "{day} {month_name} {year}"), "utf-8")
    monkeypatch.setattr(i18n, "LOCALES", locales)
    i18n.catalog.cache_clear()
    try:
        assert catalog_name("fr-CA") == "fr"
        assert catalog("fr-CA").gettext("Latest articles") == "Derniers articles"
        assert catalog("fr").date(datetime(2024, 5, 3, tzinfo=UTC)) == "3 May 2024"
    finally:
        i18n.catalog.cache_clear()

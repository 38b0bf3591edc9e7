"""Fixed costs of a process: what a run imports depends on what it has to do.

Each case runs in a process of its own, since this one has imported everything already. These
check which modules get loaded, never how long anything takes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from .conftest import SEEDS, write_site_toml

# Loaded only to read or render articles: a build with nothing to do needs none of them.
HEAVY = [
    "jinja2",
    "markdown",
    "yaml",
    "lxml",
    "feedgen",
    "dateutil",
    "feeds.readers",
    "feeds.normalize",
    "feeds.pages.view",
    "feeds.readers.news",
]


def last_line(code: str, **env: str) -> Any:
    """The JSON value ``code`` prints last, run in a new interpreter."""
    run = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True, check=True
    )
    return json.loads(run.stdout.splitlines()[-1])


def loaded_after(code: str, modules: list[str], **env: str) -> Any:
    """Which of ``modules`` are in sys.modules after running ``code``."""
    return last_line(
        f"import json, sys\n{code}\nprint(json.dumps([m for m in {modules!r} if m in sys.modules]))", **env
    )


def test_reading_front_matter_never_loads_the_news_reader() -> None:
    code = "from feeds.readers import read\nread('---\\ntitle: T\\ndate: 2025-01-02\\n---\\nBody\\n', 'a.md')"
    assert loaded_after(code, ["feeds.readers.frontmatter", "feeds.readers.header", "feeds.readers.news"]) == [
        "feeds.readers.frontmatter"
    ]


def test_only_yaml_front_matter_loads_pyyaml() -> None:
    libraries = ["yaml", "frontmatter", "feeds.readers.news"]
    toml = "from feeds.readers import read\nread('+++\\ntitle = \"T\"\\ndate = 2025-01-02\\n+++\\nBody\\n', 'a.md')"
    header = "from feeds.readers import read\nread('Title: T\\nDate: 2025-01-02\\n\\nBody\\n', 'a.md')"
    yaml = "from feeds.readers import read\nread('---\\ntitle: T\\n---\\nBody\\n', 'a.md')"
    assert loaded_after(toml, libraries) == []
    assert loaded_after(header, libraries) == []
    assert loaded_after(yaml, libraries) == ["yaml", "frontmatter"]


def test_front_matter_opens_as_python_frontmatter_says() -> None:
    # The reader detects YAML front matter with a copy of python-frontmatter's pattern, so that
    # detecting needs neither it nor PyYAML: the copy must stay what the library uses.
    import frontmatter.default_handlers as fm

    from feeds.readers.frontmatter import _BOUNDARIES

    assert (_BOUNDARIES["yaml"].pattern, _BOUNDARIES["yaml"].flags) == (
        fm.YAMLHandler.FM_BOUNDARY.pattern,
        fm.YAMLHandler.FM_BOUNDARY.flags,
    )


def test_reading_news_compiles_only_the_patterns_it_uses() -> None:
    code = (
        "import json\n"
        "from feeds.readers import news, newscaptions, newsdatewords, newshead, newswords, read\n"
        "from feeds.lazyre import LazyPattern\n"
        "modules = (news, newshead, newswords, newsdatewords, newscaptions)\n"
        "lazy = [p for m in modules for p in vars(m).values() if isinstance(p, LazyPattern)]\n"
        "lazy = list({id(p): p for p in lazy}.values())\n"
        "before = sum('search' in vars(p) for p in lazy)\n"
        "read('제목\\n\\n2025-03-10 09:40 홍길동 기자\\n\\n본문입니다.\\n', 'a.txt')\n"
        "print(json.dumps([len(lazy), before, sum('search' in vars(p) for p in lazy)]))"
    )
    total, before, after = last_line(code)
    assert total > 30
    assert before == 0
    assert 0 < after < total


def test_no_change_build_loads_no_reader_nor_converter(tmp_path: Path) -> None:
    config = write_site_toml(tmp_path / "site.toml")
    code = (
        "from feeds.cli import main\n"
        f"status = main(['build', '--content', {str(SEEDS)!r}, '--out', {str(tmp_path / 'out')!r}, "
        f"'--config', {str(config)!r}, '-q'])\n"
    )
    env = {"SOURCE_DATE_EPOCH": "1790000000"}
    assert set(loaded_after(code, HEAVY, **env)) >= {"jinja2", "feeds.readers", "feeds.normalize"}  # the first build
    assert loaded_after(code, HEAVY, **env) == []

"""The Markdown engines measured: the CommonMark spec's examples, and CPU time on a corpus's bodies.

    python bench/engines.py /tmp/cm-corpus     # a folder made by ../shared/bench/gen_corpus.py

Engines: feeds' two (Python-Markdown and cmarkgfm, as feeds calls them) and, when installed,
markdown-it-py with the plugins that give it what cmarkgfm has (mdit-py-plugins, linkify-it-py),
the other candidate for ``markdown = "commonmark"``. An example passes when feeds' link
absolutizing of the engine's HTML and of the spec's, normalized as the spec's harness does, agree.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from feeds.fragments import absolutize  # noqa: E402
from feeds.markup.commonmark import to_html as commonmark  # noqa: E402
from feeds.markup.markdown import to_html as python_markdown  # noqa: E402
from feeds.readers import read  # noqa: E402
from tests.commonmark_spec import examples, normalize  # noqa: E402

BASE = "https://example.org/posts/spec/"


def engines() -> dict[str, Callable[[str], str]]:
    found = {"python-markdown (feeds)": python_markdown, "cmarkgfm (feeds commonmark)": commonmark}
    try:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.footnote import footnote_plugin
        from mdit_py_plugins.tasklists import tasklists_plugin
    except ImportError:
        return found
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    try:
        import linkify_it  # noqa: F401

        md = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(["table", "strikethrough", "linkify"])
    except ImportError:
        pass
    md = md.use(footnote_plugin).use(tasklists_plugin)
    found["markdown-it-py + plugins"] = md.render
    return found


def main(corpus: Path) -> None:
    cases = examples()
    bodies = []
    for path in sorted(corpus.rglob("*.*")):
        try:
            parsed = read(path.read_text(encoding="utf-8"), str(path))
        except Exception:
            continue
        if parsed.markup == "markdown":
            bodies.append(parsed.body)
    mean = sum(map(len, bodies)) // len(bodies)
    print(f"{len(cases)} spec examples; {len(bodies)} Markdown bodies, {mean} chars mean")
    for name, render in engines().items():
        ok = sum(normalize(absolutize(render(c.markdown), BASE)) == normalize(absolutize(c.html, BASE)) for c in cases)
        for body in bodies[:20]:
            render(body)
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            for body in bodies:
                render(body)
            best = min(best, time.process_time() - start)
        print(f"{name:28} {ok}/{len(cases)} ({100 * ok / len(cases):.1f}%)  {1000 * best / len(bodies):.3f} ms/body")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

"""BCP 47 well-formedness: the examples of RFC 5646 Appendix A, and what a config file might hold."""

from __future__ import annotations

import pytest

from feeds.langtag import is_language_tag

# RFC 5646 Appendix A, "Examples of Language Tags (Informative)", plus common tags.
WELL_FORMED = [
    "de", "fr", "ja", "i-enochian", "zh-Hant", "zh-Hans", "sr-Cyrl", "sr-Latn", "zh-cmn-Hans-CN",
    "cmn-Hans-CN", "zh-yue-HK", "yue-HK", "zh-Hans-CN", "sr-Latn-RS", "sl-rozaj", "sl-rozaj-biske",
    "sl-nedis", "de-CH-1901", "sl-IT-nedis", "hy-Latn-IT-arevela", "de-DE", "en-US", "es-419",
    "de-CH-x-phonebk", "az-Arab-x-AZE-derbend", "x-whatever", "qaa-Qaaa-QM-x-southern", "de-Qaaa",
    "sr-Latn-QM", "sr-Qaaa-RS", "en-US-u-islamcal", "zh-CN-a-myext-x-private", "en-a-myext-b-another",
    "ko", "ko-KR", "KO-kr", "en-GB-oed", "zh-min-nan",
]  # fmt: skip
# Appendix A's "Some Invalid Tags" that break the ABNF, and what people write instead of a tag.
NOT_WELL_FORMED = [
    "a-DE", "ar-a-aaa-b-bbb-a", "", "not a language <>", "en--US", "en_US",
    "ko-", "-ko", "x", "x-", "en-x", "en-US-", "de-419-DE-1901-1901-x", "한국어", "en\n", "e1",
]  # fmt: skip


@pytest.mark.parametrize("tag", WELL_FORMED)
def test_well_formed(tag: str) -> None:
    assert is_language_tag(tag)


@pytest.mark.parametrize("tag", NOT_WELL_FORMED)
def test_not_well_formed(tag: str) -> None:
    assert not is_language_tag(tag)

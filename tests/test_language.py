"""Language routing per chunk: Chinese, English, or both for mixed text."""
from __future__ import annotations

import pytest

from detectors.language import english_view, languages
from tests.conftest import detect


@pytest.mark.parametrize(("text", "expected"), [
    ("Call Mary Jones tomorrow about invoice 42.", ("en",)),
    ("客户手机13800138000，请尽快联系。", ("zh",)),
    ("参会人：张伟、李娜，讨论数据迁移方案。", ("zh",)),
    ("This Agreement is made between Acme Ltd and Mr. 王伟 (the Consultant).", ("zh", "en")),
    ("参会人：张伟、John Smith（外方顾问）", ("zh", "en")),
    ("12345 67890", ("en",)),
])
def test_routing(text, expected):
    assert languages(text) == expected


def test_a_forced_language_wins():
    assert languages("参会人：John Smith", "zh") == ("zh",)
    assert languages("Call Mary Jones", "zh") == ("zh",)


def test_english_view_blanks_chinese_and_keeps_offsets():
    text = "联系人John Smith，电话"
    view = english_view(text)
    assert len(view) == len(text) and view.strip() == "John Smith"
    assert view.index("John") == text.index("John")


@pytest.mark.parametrize(("text", "names"), [
    # English contract paragraph with a Chinese name: the Chinese recognizers must see it.
    ("This Agreement is made on 2024-03-01 between Acme Ltd and Mr. 王伟 (the Consultant).", {"王伟"}),
    # Chinese minutes with an English name: spaCy must see it, without the Chinese around it.
    ("参会人：张伟、John Smith（外方顾问）", {"张伟", "John Smith"}),
    ("客户联系人 Mary Jones，邮箱 mj@example.com，下周到访。", {"Mary Jones"}),
])
def test_names_in_mixed_text(engine, text, names):
    found = {value for entity, value in detect(engine, text) if entity == "PERSON"}
    assert found == names


def test_mixed_text_finds_each_value_once(engine):
    text = "Mr. 王伟, mobile 13800138000, e-mail wang.wei@example.com"
    found = detect(engine, text)
    assert sorted(entity for entity, _ in found) == ["EMAIL_ADDRESS", "PERSON", "PHONE_NUMBER"]

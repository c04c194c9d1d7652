"""The character-window context enhancer: Chinese and English context words raise, negative ones lower."""
import pytest

from detectors.context import nearest_word
from scanner.records import Chunk


def score(engine, text, entity, column=None):
    chunk = Chunk(text, ((0, "line 1"),), column=column)
    scores = [d.match.score for d in engine.explain(chunk) if d.match.entity_type == entity]
    return scores[0] if scores else 0.0


def test_chinese_context_word_raises_the_score(engine):
    assert score(engine, "手机13800138000", "PHONE_NUMBER") > score(engine, "号码13800138000", "PHONE_NUMBER")


def test_column_header_is_context(engine):
    assert score(engine, "13800138000\n13912345678\n", "PHONE_NUMBER", column="sjhm") > \
        score(engine, "13800138000\n13912345678\n", "PHONE_NUMBER", column="c1")


def test_context_stays_on_its_line(engine):
    # '手机' on the line above must not vouch for a bare number on the next line.
    assert score(engine, "手机\n13800138000", "PHONE_NUMBER") == score(engine, "备注\n13800138000", "PHONE_NUMBER")


@pytest.mark.parametrize("words, window, found", [
    (["id"], "he said so", ""),
    (["id"], "id: 12", "id"),
    (["手机"], "联系人手机号", "手机"),
    (["ssn"], "ssns", ""),
])
def test_english_words_stand_alone_chinese_are_substrings(words, window, found):
    assert nearest_word(words, window, "", "")[0] == found


def test_nearest_context_word_decides(engine):
    # "order" is further from the number than "mobile": a phone, not an order number.
    assert score(engine, "order created mobile=13186111423", "PHONE_NUMBER") >= 0.5
    assert score(engine, "mobile app order no 13186111423", "PHONE_NUMBER") == 0.0


def test_longer_word_wins_a_tie(engine):
    # "routing number" (negative) and "number" (supportive) end at the same place: the longer decides.
    assert score(engine, "routing number 021000021", "PHONE_NUMBER") == 0.0


@pytest.mark.parametrize("text, entity", [
    ("批次号：4111111111111111  产品：Espresso Maker X1", "CREDIT_CARD"),
    ("订单号：13812345678  产品：Espresso Maker X1", "PHONE_NUMBER"),
])
def test_chinese_negative_context_counts_in_mixed_text(engine, text, entity):
    # The Latin product name sends the line through the English pipeline too, which sees 批次号 blanked.
    assert score(engine, text, entity) == 0.0


def test_chinese_context_raises_the_score_in_mixed_text(engine):
    assert score(engine, "手机 13800138000 (John Smith)", "PHONE_NUMBER") > \
        score(engine, "备注 13800138000 (John Smith)", "PHONE_NUMBER")

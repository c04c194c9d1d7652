import datetime

import pytest

from conftest import detect
from detectors.recognizers.cn_resident_id import ResidentIdRecognizer, plausible


def test_valid_vectors_are_accepted(cn_vectors):
    for number in cn_vectors["cn.ric"]["valid"]:
        assert plausible(number), number


def test_invalid_vectors(cn_vectors):
    """Format, date and checksum failures are rejected; county-at-birth-date checks are deliberately not
    applied (real and test data both fail them), so those vectors are accepted."""
    for case in cn_vectors["cn.ric"]["invalid"]:
        county_timing = "registered" in case["comment"]
        assert plausible(case["value"]) is county_timing, case


@pytest.mark.parametrize("number, reason", [
    ("110102199101010079", "check digit"),
    ("110102199102300074", "30 February"),
    ("990426199112010074", "unknown province 99"),
    ("000426199112010074", "province 00"),
    ("110102210001010075", "born in the future"),
])
def test_rejects(number, reason):
    assert not plausible(number), reason


def test_future_birth_relative_to_today():
    assert not plausible("110102202601010031", today=datetime.date(2025, 1, 1))


@pytest.mark.parametrize("text, expected", [
    ("身份证号110102199101010078，", ["110102199101010078"]),
    ("公民身份号码：44011320141005001x", ["44011320141005001x"]),
    ("ID card 110102199101010078 on file", ["110102199101010078"]),
    ("sfzh=360426199101010071;", ["360426199101010071"]),
    ("编号1101021991010100780", []),   # part of a longer number
    ("A110102199101010078", []),       # part of a code
    ("批次号 110102199101010079", []),  # fails the check digit
])
def test_in_text(engine, text, expected):
    found = [value for entity, value in detect(engine, text) if entity == "CN_RESIDENT_ID"]
    assert found == expected


def test_is_one_recognizer_per_language():
    assert ResidentIdRecognizer("en").supported_language == "en"
    assert ResidentIdRecognizer().supported_entities == ["CN_RESIDENT_ID"]


@pytest.mark.parametrize("born, today, minor", [
    (datetime.date(2012, 6, 1), datetime.date(2026, 5, 31), True),
    (datetime.date(2012, 6, 1), datetime.date(2026, 6, 1), False),
])
def test_minor_under_14(born, today, minor):
    from detectors.recognizers.cn_resident_id import is_minor_on

    assert is_minor_on(born, today) is minor


def test_finding_carries_only_the_derived_minor_flag(engine):
    from scanner.records import Chunk

    adult, child = "110102199101010078", "110102201501010018"
    assert plausible(child)
    matches = engine.detect(Chunk(f"身份证 {adult} 身份证 {child}", ((0, "t"),)))
    assert [(m.text, m.is_minor) for m in matches] == [(adult, False), (child, True)]

import datetime

import pytest

from conftest import detect
from detectors.recognizers.date_of_birth import DateOfBirthRecognizer, parse


@pytest.mark.parametrize("text, expected", [
    ("出生日期：1990年1月2日", ["1990年1月2日"]),
    ("生日 1990-01-02", ["1990-01-02"]),
    ("出生年月1990.01.02，籍贯", ["1990.01.02"]),
    ("Date of birth: 02/01/1990", ["02/01/1990"]),
    ("DOB 12/31/1990", ["12/31/1990"]),
    ("born Jan 2, 1990 in Ohio", ["Jan 2, 1990"]),
    ("Birthday: 2 January 1990", ["2 January 1990"]),
    ("2024-09-30 09:00:53 INFO job finished", []),   # a timestamp
    ("签订日期 2024-09-12", []),                      # another date
    ("出生日期：1990-02-30", []),                     # no such day
    ("DOB 2199-01-01", []),                            # in the future
    ("生日 1990-01-021", []),                          # part of a longer number
    ("出生日期：19850312", ["19850312"]),              # compact, as HR systems store it
    ("批次号 20240312 出厂", []),                      # eight digits without birth context
    ("出生日期 19851332", []),                         # no thirteenth month
    ("身份证 110105198503127711", []),                 # the date inside a resident ID is not matched alone
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "DATE_OF_BIRTH"] == expected


@pytest.mark.parametrize("text, date", [
    ("1990年1月2日", datetime.date(1990, 1, 2)), ("02/01/1990", datetime.date(1990, 1, 2)),
    ("12/31/1990", datetime.date(1990, 12, 31)), ("Sept 5, 2001", datetime.date(2001, 9, 5)),
    ("31/02/1990", None), ("19850312", datetime.date(1985, 3, 12)), ("19850231", None),
])
def test_parse(text, date):
    assert parse(text) == date


def test_minor_flag_is_derived(engine):
    from scanner.records import Chunk

    child = f"{datetime.date.today().year - 5}-06-01"
    matches = engine.detect(Chunk(f"出生日期：{child}\n出生日期：1980-06-01", ((0, "t"),)))
    assert [(m.entity_type, m.is_minor) for m in matches] == [("DATE_OF_BIRTH", True), ("DATE_OF_BIRTH", False)]
    assert DateOfBirthRecognizer.is_minor("not a date") is None


def test_compact_dates_in_a_birth_date_column(engine):
    from scanner.records import Chunk

    text = "19850312\n20000217\n19791130\n"
    chunk = Chunk(text, ((0, "row 1"), (9, "row 2"), (18, "row 3")), column="csrq")
    assert [m.entity_type for m in engine.detect(chunk)] == ["DATE_OF_BIRTH"] * 3

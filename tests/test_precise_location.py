import pytest

from conftest import detect


@pytest.mark.parametrize("text, expected", [
    ("GPS 31.230416, 121.473701", ["31.230416, 121.473701"]),
    ("经纬度：39.9042，116.4074", ["39.9042，116.4074"]),
    ("location 40.7128° N, 74.0060° W", ["40.7128° N, 74.0060° W"]),
    ("坐标 N31.2304 E121.4737", ["N31.2304 E121.4737"]),
    ("31.230416, 121.473701", []),                    # no context
    ("location 95.1234, 121.4737", []),              # latitude out of range
    ("location 0.0000, 0.0000", []),                 # null island
    ("GPS 31.2, 121.4", []),                          # too coarse to locate a person
    ("price 12.5000, 13.2500", []),
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "PRECISE_LOCATION"] == expected

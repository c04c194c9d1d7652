import pytest

from conftest import detect


@pytest.mark.parametrize("text, expected", [
    ("850 Andrew Avenue, Lake Andrewborough, DC 33880", ["850 Andrew Avenue, Lake Andrewborough, DC 33880"]),
    ("Mail to 12 W. Main St., Springfield, IL 62701 please", ["12 W. Main St., Springfield, IL 62701"]),
    ("She lives at 30 Odonnell Way", ["30 Odonnell Way"]),
    # USPS suffixes that were missing: the street name was then read as a person.
    ("734 Anthony Canyon, East Marc, DC 70977", ["734 Anthony Canyon, East Marc, DC 70977"]),
    ("968 Brian Overpass, Sheilaton, ID 61771", ["968 Brian Overpass, Sheilaton, ID 61771"]),
    ("662 James Streets Apt. 310, Jonesside, AR 60961", ["662 James Streets Apt. 310, Jonesside, AR 60961"]),
    ("住址：广东省深圳市南山区科技园路88号3栋1201室", ["广东省深圳市南山区科技园路88号3栋1201室"]),
    ("地址 北京市朝阳区建国路8号", ["北京市朝阳区建国路8号"]),
    ("中山路8号", []),                     # a road without a division: a shop sign as often as a home
    ("We shipped 3 units on Main Street", []),
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "ADDRESS"] == expected


def test_full_address_is_not_reported_as_a_person(engine):
    found = detect(engine, "2133 Amanda Park, Jamesstad, CO 72891")
    assert [e for e, _ in found] == ["ADDRESS"]

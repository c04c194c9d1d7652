import pytest

from conftest import detect


@pytest.mark.parametrize("text, expected", [
    ("SSN: 610-18-6989", ["610-18-6989"]),
    ("social security number 876 26 0492", ["876 26 0492"]),
    ("SSN 610186989", ["610186989"]),
    ("ssn=003-46-9153;", ["003-46-9153"]),
    ("SSN 000-12-3456", []),        # area 000
    ("SSN 666-12-3456", []),        # area 666
    ("SSN 912-34-5678", []),        # area 9xx (ITINs)
    ("SSN 123-00-4567", []),        # group 00
    ("SSN 123-45-0000", []),        # serial 0000
    ("SSN 078-05-1120", []),        # the Woolworth wallet-card number
    ("SSN 123-45-6789", []),        # a sample
    ("610186989", []),              # nine bare digits without context
    ("routing number 610186989", []),
    ("order 610-18-6989-22", []),   # part of a longer code
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "US_SSN"] == expected


def test_replaces_presidios_recognizer(engine):
    names = {r.name for r in engine.analyzer.registry.recognizers}
    assert "SocialSecurityNumberRecognizer" in names and "UsSsnRecognizer" not in names

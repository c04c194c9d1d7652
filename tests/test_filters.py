import pytest

from detectors.filters import is_plausible_person


@pytest.mark.parametrize("text, plausible", [
    ("John Smith", True), ("O'Neil", True), ("Zoë Saldaña", True),
    ("8AB3F", False), ("req=feb34d42", False), ("SKU", False), ("短信验证码发送成功", False),
    ("x", False), ("user@example.com", False),
])
def test_is_plausible_person(text, plausible):
    assert is_plausible_person(text) is plausible

import pytest

from detectors.filters import is_plausible_person


@pytest.mark.parametrize("text, plausible", [
    ("John Smith", True), ("O'Neil", True), ("Zoë Saldaña", True),
    ("8AB3F", False), ("req=feb34d42", False), ("SKU", False), ("短信验证码发送成功", False),
    ("x", False), ("user@example.com", False),
    ("张三丰", True), ("欧阳娜娜", True), ("买买提·艾力", True), ("张三 Smith", False),   # Chinese names whole only
    ("Arial", False), ("Times New Roman", False), ("Kafka", False), ("Shenzhen", False),  # fonts, tools, cities
    ("Acme Holdings", False), ("Globex Corp.", False), ("Donald Manor Apt", False), ("James Mission", False),
])
def test_is_plausible_person(text, plausible):
    assert is_plausible_person(text) is plausible

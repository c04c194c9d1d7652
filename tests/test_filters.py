import pytest

from detectors.filters import is_plausible_person


@pytest.mark.parametrize("text, plausible", [
    ("John Smith", True), ("O'Neil", True), ("Zoë Saldaña", True),
    ("8AB3F", False), ("req=feb34d42", False), ("SKU", False), ("短信验证码发送成功", False),
    ("x", False), ("user@example.com", False),
    ("张三丰", True), ("欧阳娜娜", True), ("买买提·艾力", True), ("张三 Smith", False),   # Chinese names whole only
    ("Arial", False), ("Times New Roman", False), ("Kafka", False), ("Shenzhen", False),  # fonts, tools, cities
    ("Acme Holdings", False), ("Globex Corp.", False), ("Donald Manor Apt", False), ("James Mission", False),
    ("Admin", False), ("Jane Doe", False), ("赵六", False), ("王某", False),       # accounts and sample names
    ("Vega V.", False), ("Lumen X Pro", False), ("Halo Max", False),              # model names
    ("Accrued Rent  Walter", False), ("Rowe Tower", False),                       # a ledger's columns, a building
    ("Walter Rowe", True), ("J. Smith", True), ("赵六一", True),
    ("Address", False), ("Salesperson", False), ("Dunmore Terrace", False), ("Crown St", False),
    ("Grazer Strasse", False), ("Lindenstraße", False), ("Keizersgracht", False), ("Via Roma", False),
])
def test_is_plausible_person(text, plausible):
    assert is_plausible_person(text) is plausible

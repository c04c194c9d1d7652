import os
import stat

import pytest

from scanner import privacy


@pytest.mark.parametrize("entity, value, masked", [
    ("CN_RESIDENT_ID", "110102199101010078", "1101**********0078"),  # birth date hidden
    ("PHONE_NUMBER", "13800138000", "138****8000"),
    ("PHONE_NUMBER", "(555) 123-4567", "55****4567"),
    ("US_SSN", "578-42-1546", "*****1546"),                                  # the last four at most
    ("PASSPORT", "821194533", "*****4533"),
    ("CN_PASSPORT", "E12345678", "E****5678"),                               # the kind letter, no digit
    ("BANK_ACCOUNT", "021008005", "*****8005"),
    ("IBAN_CODE", "DE89 3704 0044 0532 0130 00", "DE****************3000"),
    ("IP_ADDRESS", "203.0.113.77", "203.0.*.*"),
    ("EMAIL_ADDRESS", "john.smith@example.com", "j***@example.com"),
    ("EMAIL_ADDRESS", "li@example.com", "***@example.com"),                 # too short to show a letter
    ("PERSON", "张三丰", "张**"),
    ("PERSON", "张三", "张**"),                                               # the stars never tell the length
    ("PERSON", "John Smith", "J*** S***"),
    ("ETHNICITY", "回族", "******"),                                          # the value is the category
    ("CREDIT_CARD", "4111111111111111", "4111********1111"),
    ("CREDENTIAL", "Hunter2xyz", "********"),                                # short: nothing, not even its length
    ("CREDENTIAL", "ghp_" + "a1B2" * 9, "gh********"),                       # long token: its kind only
])
def test_mask(entity, value, masked):
    assert privacy.mask(entity, value) == masked
    assert value not in privacy.mask(entity, value)


# Values of every entity type, long and short, for the 10^4 rule.
VALUES = {
    "PERSON": ["张三", "欧阳娜娜", "Al Wu", "Alice", "J. R. Smith"],
    "EMAIL_ADDRESS": ["a@b.cn", "abc@example.com", "abcd@example.com", "alice.walker@example.com"],
    "PHONE_NUMBER": ["13800138000", "+86 138-0013-8000", "(555) 123-4567", "020-8888 1234", "12345"],
    "ADDRESS": ["上海", "北京市朝阳区", "北京市朝阳区建国路88号", "12 Main St, Springfield"],
    "DATE_OF_BIRTH": ["1991-01-01", "01/02/1991", "1991年1月1日"],
    "CN_RESIDENT_ID": ["110101201503070019", "11010519491231002X", "110101491231002"],
    "CN_PASSPORT": ["E12345678", "EA1234567", "G1234567", "C12345678"],
    "CN_USCC": ["91350100M000100Y43"],
    "US_SSN": ["536-22-8721", "536228721"],
    "PASSPORT": ["821194533", "X1234567", "AB123456", "123456"],
    "DRIVER_LICENSE": ["D1234567", "S12345678901", "123456789"],
    "CREDIT_CARD": ["4111111111111111", "4222222222222", "6212 3456 7890 1234 567", "378282246310005"],
    "BANK_ACCOUNT": ["021008005", "6222021234567890123", "12345678", "123456"],
    "IBAN_CODE": ["DE89370400440532013000", "NO9386011117947", "GB29 NWBK 6016 1331 9268 19"],
    "IP_ADDRESS": ["192.168.1.23", "10.0.0.1", "2001:db8::1", "fe80::1ff:fe23:4567:890a"],
    "MEDICAL_CONDITION": ["糖尿病", "HIV", "hypertension"],
    "RELIGION": ["佛教", "Catholic"],
    "ETHNICITY": ["回族", "Hispanic"],
    "BIOMETRIC": ["指纹模板 3f2a9c", "face_template_0001"],
    "PRECISE_LOCATION": ["39.9042,116.4074", "31.2,121.5"],
    "CREDENTIAL": ["Hunter2xyz", "ghp_" + "a1B2" * 9, "AKIAIOSFODNN7EXAMPLE"],
}
CJK_NAME_CHARACTERS = 8105  # 通用规范汉字表: the characters a given name can be written in
CHECK_FACTOR = {"CREDIT_CARD": 10, "CN_RESIDENT_ID": 11, "CN_USCC": 31, "IBAN_CODE": 97}


def left_possible(entity: str, value: str, masked: str) -> int:
    """How many values the mask leaves: each hidden position times its alphabet, less check digits.
    Codes are masked position by position (the shown characters must be the value's own, in place);
    other types write a fixed run of stars, which hides the length too, so each star counts once."""
    if entity in privacy._CODE_ENDS:
        compact = privacy._SEPARATORS.sub("", value)
        assert all(m in ("*", c) for c, m in zip(compact, masked, strict=True)), masked
        hidden = [c for c, m in zip(compact, masked, strict=True) if m == "*"]
        left = 1
        for char in hidden:
            left *= 10 if char.isdigit() else 26
        return left // CHECK_FACTOR.get(entity, 1)
    stars = masked.count("*")
    if entity == "IP_ADDRESS":  # an IPv4 star is an octet, the IPv6 one at least four 16-bit groups
        return 256 ** stars if "." in value else 2 ** 64
    if entity == "PERSON" and "\u4e00" <= value[0] <= "\u9fff":
        return CJK_NAME_CHARACTERS ** stars
    alphabet = {"PERSON": 26, "EMAIL_ADDRESS": 36, "CREDENTIAL": 36}
    return alphabet.get(entity, 10) ** stars  # free text: digits, the smallest alphabet it is written in


@pytest.mark.parametrize("entity, value", [(e, v) for e, values in VALUES.items() for v in values])
def test_every_mask_leaves_at_least_ten_thousand_values(entity, value):
    masked = privacy.mask(entity, value)
    assert left_possible(entity, value, masked) >= 10**4, masked
    assert value not in masked


def test_every_entity_type_has_mask_vectors():
    from detectors.vocabulary import ENTITY_TYPES

    assert set(VALUES) == set(ENTITY_TYPES)


def test_a_resident_id_mask_never_shows_the_birth_date():
    for value in VALUES["CN_RESIDENT_ID"][:2]:
        assert value[6:14] not in privacy.mask("CN_RESIDENT_ID", value)


@pytest.mark.parametrize("entity, a, b", [
    ("PHONE_NUMBER", "13800138000", "+86 138-0013-8000"),
    ("CN_RESIDENT_ID", "44011320141005001x", "44011320141005001X"),
    ("CREDIT_CARD", "4111 1111 1111 1111", "4111-1111-1111-1111"),
    ("EMAIL_ADDRESS", "John@Example.com", "john@example.com"),
])
def test_same_value_hashes_the_same_whatever_its_spelling(entity, a, b):
    assert privacy.value_hash(b"k", entity, a) == privacy.value_hash(b"k", entity, b)


def test_hash_depends_on_key_and_is_not_the_plain_digest():
    import hashlib

    a = privacy.value_hash(b"key-one", "US_SSN", "219-09-9999")
    assert a != privacy.value_hash(b"key-two", "US_SSN", "219-09-9999")
    assert a != hashlib.sha256(b"219099999").hexdigest()


def test_key_file_is_created_once_with_mode_0600(tmp_path, monkeypatch):
    monkeypatch.delenv(privacy.KEY_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    first = privacy.load_key()
    path = privacy.key_path()
    assert path.is_relative_to(tmp_path / "config")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert privacy.load_key() == first and len(first) == 64


def test_environment_key_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv(privacy.KEY_ENV, "from-env")
    assert privacy.load_key() == b"from-env"
    assert not privacy.key_path().exists()

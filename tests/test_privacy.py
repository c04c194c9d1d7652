import os
import stat

import pytest

from scanner import privacy


@pytest.mark.parametrize("entity, value, masked", [
    ("CN_RESIDENT_ID", "110102199101010078", "1101**********0078"),
    ("PHONE_NUMBER", "13800138000", "138****8000"),
    ("EMAIL_ADDRESS", "john.smith@example.com", "j***@example.com"),
    ("PERSON", "张三丰", "张**"),
    ("PERSON", "John Smith", "J*** S."),
    ("CREDIT_CARD", "4111111111111111", "4111********1111"),
    ("CREDENTIAL", "Hunter2xyz", "********"),                                # short: nothing, not even its length
    ("CREDENTIAL", "ghp_" + "a1B2" * 9, "gh********"),                       # long token: its kind only
])
def test_mask(entity, value, masked):
    assert privacy.mask(entity, value) == masked
    assert value not in privacy.mask(entity, value)


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

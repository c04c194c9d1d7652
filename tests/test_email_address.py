import pytest

from conftest import detect


@pytest.mark.parametrize("text, expected", [
    ("邮箱zhang.san@example.com，", ["zhang.san@example.com"]),
    ("电子邮件：li-si+crm@mail.example.cn", ["li-si+crm@mail.example.cn"]),
    ("write to j.doe@example.co.uk today", ["j.doe@example.co.uk"]),
    ("not an address: user@localhost", []),
    ("version 1.2@3.4", []),
    ("url: postgresql://billing:AFIWsQE36g!NAmvPpm@db.internal.example.com:5432/billing", []),
    ("url: postgresql://billing:OTtLf2#nrgOQiJtmu@db.internal.example.com:5432/billing", []),  # '#' in it
    ("smtp://mailer@relay.example.com:25", []),
    ("https://crm.example.com/contact?email=li.wei@example.com", ["li.wei@example.com"]),
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "EMAIL_ADDRESS"] == expected


def test_presidio_vectors(engine, presidio_vectors):
    """Presidio's own positive e-mail vectors hold for our replacement recognizer."""
    for case in presidio_vectors["test_email_recognizer.py"][0]["rows"]:
        spans = [(m.start, m.end) for m in _matches(engine, case["text"])]
        assert len(spans) == case["expected_len"], case["text"]
        assert spans == [tuple(p) for p in case["expected_positions"]], case["text"]


def _matches(engine, text):
    from scanner.records import Chunk

    return [m for m in engine.detect(Chunk(text, ((0, "t"),)), "en") if m.entity_type == "EMAIL_ADDRESS"]

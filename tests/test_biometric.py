import pytest

from conftest import detect

BLOB = "Rk1SACAyMAAAAAFiAAABQAHgAMUAxQEAAAAoQ4B+AEBYZECNAFJbZEBvAGJhZICoAHVsZA=="
VECTOR = "[0.0213, -0.1182, 0.0937, 0.2011, -0.0456, 0.1333, -0.0821, 0.0042]"


@pytest.mark.parametrize("text, expected", [
    (f"指纹模板：{BLOB}", [BLOB]),
    (f"face_embedding = {VECTOR}", [VECTOR]),
    (f"iris template {'ab12' * 20}", ["ab12" * 20]),
    (BLOB, []),                                       # a blob without context
    (f"sha256 {'ab12' * 16}", []),
    (f"face token {BLOB}", []),                        # a token is nearer than face
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "BIOMETRIC"] == expected

import pytest

from conftest import detect
from detectors.recognizers.credential import secret_denylists

GITHUB = "ghp_" + "a1B2c3D4e5" * 3 + "a1B2c3"
AWS = "AKIAIOSFODNN7EXAMPLE"
BCRYPT = "$2y$10$" + "Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh7jKl0nOp3rSt6vWx9zA"
ARGON2 = "$argon2id$v=19$m=65536,t=3,p=4$" + "c2FsdHNhbHQxMjM0$" + "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg"
SHA512_CRYPT = "$6$rounds=656000$" + "Hx2kQ9wLm4$" + "Vb7Nn3Rc8Zp1Tt6Yy0Uu5Ii2Oo9Pp4Aa7Ss3Dd8Ff1Gg6Hh0Jj5Kk2Ll9Mm4Nn7"


@pytest.mark.parametrize("text, expected", [
    ("DB_PASSWORD=S3cr3tPass!", ["S3cr3tPass!"]),                                   # .env
    ("  password: hunter22x", ["hunter22x"]),                                       # YAML
    ("[db]\npassword = s3cret!pw\n", ["s3cret!pw"]),                                # INI
    ('{"password": "p@ssW0rd9"}', ["p@ssW0rd9"]),                                   # JSON
    ("spring.datasource.password=Zx9vLq2w", ["Zx9vLq2w"]),                          # properties
    ("postgres://app:Tr0ub4dor@db.internal:5432/crm", ["Tr0ub4dor"]),              # connection string
    ("mysql+pymysql://root:Wq8pLm3x@10.0.0.5/shop", ["Wq8pLm3x"]),
    ("db.example.com:5432:crm:app:Zx9vLq2w", ["Zx9vLq2w"]),                         # .pgpass
    ("数据库密码：Abc12345", ["Abc12345"]),
    (f"token = {GITHUB}", [GITHUB]),                                                # detect-secrets plugins
    (f"aws_access_key_id {AWS}", [AWS]),
    ("-----BEGIN RSA PRIVATE KEY-----", ["BEGIN RSA PRIVATE KEY"]),
    ("password reset mail to ping18@example.org bounced", []),
    ("password=${DB_PASSWORD}", []),                                                # a template
    ("password: ********", []),                                                    # masked
    ("password: changeme", []),
    ("pwd=request.form['pwd']", []),                                               # code
    ("postgresql+psycopg://user@host/db", []),                                      # no password
    ("login ok user=juntao@example.net ip=203.0.113.210", []),
    # Password hashes: the scheme says what they are, labelled or not (crackable offline).
    (f"admin:{BCRYPT}:19000:0:99999:7:::", [BCRYPT]),
    (f"INSERT INTO users VALUES (7, 'mli', '{ARGON2}');", [ARGON2]),
    (f"password_hash={SHA512_CRYPT}", [SHA512_CRYPT]),
    # Hex digests and opaque tokens only where a label says so.
    ("user_pwd_md5: 0f359740bd1cda994f8b55330c86d845", ["0f359740bd1cda994f8b55330c86d845"]),
    ("api_token=tk_7Hq2Lx9Vb3Nw8Rz4Pd6Fm1Ks", ["tk_7Hq2Lx9Vb3Nw8Rz4Pd6Fm1Ks"]),
    ("commit 0f359740bd1cda994f8b55330c86d845aa12bc34 merged", []),           # a commit
    ("sha256 checksum 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", []),
    ("$PATH$HOME is not a hash", []),
    # A connection string in source code, also with no user name (redis).
    ('const pool = new Pool({ connectionString: "postgres://report:Rp#2024x@10.0.3.4:5432/sales" });',
     ["Rp#2024x"]),
    ('CACHE = "redis://:Qm4vT9wLx2@cache.internal:6379/0"', ["Qm4vT9wLx2"]),
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "CREDENTIAL"] == expected


def test_uses_detect_secrets_plugins_but_not_its_ip_detector():
    types = {secret_type for secret_type, _ in secret_denylists()}
    assert {"GitHub Token", "AWS Access Key", "Private Key", "JSON Web Token"} <= types
    assert "Public IP (ipv4)" not in types


def test_finding_never_holds_the_secret(tmp_path):
    from scanner.privacy import mask

    assert "S3cr" not in mask("CREDENTIAL", "S3cr3tPass!")


@pytest.mark.parametrize("header, values", [
    ("password_hash", [BCRYPT, ARGON2, SHA512_CRYPT, "5f4dcc3b5aa765d61d8327deb882cf99",
                       "e38ad214943daad1d64c102faec29de4afe9da3d"]),
    ("api_token", ["tk_7Hq2Lx9Vb3Nw8Rz4Pd6Fm1Ks", "3f9a1c7e2b4d6f8091a2b3c4d5e6f708", "Zr8Kp2Wn5Qx7Lm3Vc9Bt4Hy6"]),
])
def test_credential_columns(engine, header, values):
    from scanner.records import Chunk

    marks = tuple((sum(len(v) + 1 for v in values[:i]), f"row {i + 2}") for i in range(len(values)))
    matches, classes = engine.detect_columns(Chunk("".join(v + "\n" for v in values), marks, column=header, base=None))
    assert [m.text for m in matches if m.entity_type == "CREDENTIAL"] == values


def test_checksums_are_not_credentials(engine):
    from scanner.records import Chunk

    values = ["5f4dcc3b5aa765d61d8327deb882cf99", "e38ad214943daad1d64c102faec29de4afe9da3d"]
    marks = ((0, "row 2"), (33, "row 3"))
    matches, _ = engine.detect_columns(Chunk("".join(v + "\n" for v in values), marks, column="file_sha1", base=None))
    assert matches == []

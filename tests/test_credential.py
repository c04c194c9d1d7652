import pytest

from conftest import detect
from detectors.recognizers.credential import secret_denylists

GITHUB = "ghp_" + "a1B2c3D4e5" * 3 + "a1B2c3"
AWS = "AKIAIOSFODNN7EXAMPLE"


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

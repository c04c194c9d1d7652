"""Credentials: API keys and tokens through detect-secrets' plugin denylists (run in-process), plus
passwords in key=value, YAML, INI, .env and .pgpass lines and in connection strings (scheme://user:pass@),
password hashes in modular crypt format (bcrypt, argon2, sha-crypt: crackable offline, so a credential), and
opaque hex or token strings where a label (password_hash, api_token) says what they are.

The match is the secret value alone; privacy.mask never shows more than its first two characters.
"""
from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer import AnalysisExplanation, Pattern, PatternRecognizer, RecognizerResult

_KEY = (r"(?i:[\w.-]*(?:password|passwd|passphrase|pwd|secret|api[_-]?key|apikey|access[_-]?key|"
        r"(?:auth|access|api|bearer|refresh|session)[_-]?token|client[_-]?secret|private[_-]?key)[\w.-]*|密码|口令|密钥)")
# $2b$12$…, $argon2id$v=19$…, $6$rounds=5000$salt$…, $apr1$…, $pbkdf2-sha256$…: the scheme names a password hash.
_CRYPT_SCHEME = r"\$(?:2[abxy]?|argon2(?:id|i|d)|[1567]|y|gy|md5|apr1|sha1|pbkdf2(?:-sha\d+)?|scrypt)\$"
_CRYPT_START = re.compile(_CRYPT_SCHEME)
_VALUE = r"[^\s\"'`,;&<>]{4,}"
# Values that stand for a secret without being one: empty, masked, templated or read from elsewhere.
_PLACEHOLDER = re.compile(r"^(?:[*xX•.#-]+|null|none|nil|true|false|undefined|password|passwd|secret|changeme|"
                          r"your[_-]?\w*|example\w*|redacted|hidden|required|optional|string|text)$|^[$%{<(\[]|[({\[]",
                          re.IGNORECASE)
_DETECT_SECRETS_SKIPPED = {"IPPublicDetector"}  # an address, not a credential; IpAddressRecognizer reports it
DETECT_SECRETS_SCORE = 0.8


@lru_cache(maxsize=1)
def secret_denylists() -> tuple[tuple[str, re.Pattern], ...]:
    """(secret type, regex) of every regex-based detect-secrets plugin, found by its plugin scan."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.plugins.base import RegexBasedDetector

    return tuple((secret_type, regex) for secret_type, cls in get_mapping_from_secret_type_to_class().items()
                 if issubclass(cls, RegexBasedDetector) and cls.__name__ not in _DETECT_SECRETS_SKIPPED
                 for regex in cls.denylist)


def _secret_span(match: re.Match) -> tuple[int, int]:
    """The secret inside a denylist match: its first group when that holds most of it (some plugins group only
    a prefix, as ``(ghp|gho)_...``), else the match without delimiters."""
    if match.re.groups and match.group(1) and 2 * len(match.group(1)) > len(match.group(0)) - 2:
        return match.span(1)
    start, end = match.span()
    text = match.group(0)
    return start + len(text) - len(text.lstrip(" \t=:\"'")), end - len(text) + len(text.rstrip(" \t\"'"))


class CredentialRecognizer(PatternRecognizer):
    ENTITY = "CREDENTIAL"
    PATTERNS = [
        # key=value, key: value (YAML), key = value (INI), KEY=value (.env), "key": "value" (JSON), 密码：value
        Pattern("password_assignment", rf"(?<={_KEY}[\"']?\s*[:=：]\s*[\"']?){_VALUE}", 0.7),
        Pattern("connection_string", r"(?<=[a-z][a-z0-9+.-]*://[^\s:/@]*:)[^\s@/]{3,}(?=@[\w.-])", 0.8),
        # .pgpass: hostname:port:database:username:password
        Pattern("pgpass", r"(?m)(?<=^[\w.*-]+:(?:\d{2,5}|\*):[\w*-]+:[\w.*@-]+:)[^\s:]{4,}$", 0.5),
        Pattern("password_hash", rf"(?<![\w$]){_CRYPT_SCHEME}(?:v=\d+\$m=\d+,t=\d+,p=\d+\$)?"  # argon2's parameters
                r"[^\s\"'`,;:]{16,}", 0.8),
        # A hex digest (MD5 to SHA-512) or an opaque token of letters and digits is also a file checksum or a
        # commit: only a label makes it a credential.
        Pattern("labelled_secret", r"(?<![\w$+/=-])(?=[\w-]*\d)(?=[\w-]*[a-zA-Z])[\w-]{20,128}(?![\w$+/=-])", 0.05),
    ]
    CONTEXT = ["password", "passwd", "pwd", "secret", "token", "credential", "密码", "口令", "密钥", "pgpass",
               "api key", "apikey", "api_key"]
    negative_context = ["checksum", "sha256sum", "md5sum", "commit", "etag", "request", "trace", "session id",
                        "uuid", "校验", "文件哈希"]

    def __init__(self, supported_language: str = "en"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__,
                         global_regex_flags=re.DOTALL | re.MULTILINE)

    def validate_result(self, pattern_text: str) -> bool | None:
        if _CRYPT_START.match(pattern_text):
            return None  # a hash starts with $, which otherwise marks a ${TEMPLATE}
        return False if _PLACEHOLDER.search(pattern_text) or len(set(pattern_text)) < 3 else None

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for secret_type, regex in secret_denylists():
            for match in regex.finditer(text):
                start, end = _secret_span(match)
                if end > start:
                    results.append(self._result(start, end, secret_type))
        return self.remove_duplicates(results)

    def _result(self, start: int, end: int, secret_type: str) -> RecognizerResult:
        explanation = AnalysisExplanation(recognizer=self.name, original_score=DETECT_SECRETS_SCORE,
                                          pattern_name=f"detect-secrets: {secret_type}")
        return RecognizerResult(self.ENTITY, start, end, DETECT_SECRETS_SCORE, explanation, recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})

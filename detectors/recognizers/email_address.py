"""E-mail addresses whose edges are found without \\b, so 邮箱zhang@example.com yields the address only."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import EmailRecognizer

# In scheme://user:password@host the part before @ is a login and the host is a server, not a mailbox
# (an address in the path or query, ?email=a@b.com, is still one). Passwords in config files often hold
# an unescaped '#', so it does not end the user info here.
_URL_USERINFO = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s/?@]*$")


class EmailAddressRecognizer(EmailRecognizer):
    """Presidio's e-mail recognizer (domain check through tldextract) with ASCII-bounded patterns.

    Python's \\b treats Chinese characters as word characters, so Presidio's own pattern swallows
    the Chinese label in front of an address. Replaces Presidio's EmailRecognizer in both languages.
    """

    ENTITY = "EMAIL_ADDRESS"
    PATTERNS = [
        Pattern("email", r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@"
                r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,}|xn--[A-Za-z0-9-]+)"
                r"(?![A-Za-z0-9-])", 0.5),
    ]
    CONTEXT = ["email", "e-mail", "mail", "邮箱", "电子邮件", "电子邮箱", "邮件", "yx", "dzyx"]

    def __init__(self, supported_language: str = "zh"):
        super().__init__(patterns=self.PATTERNS, context=self.CONTEXT, supported_language=supported_language,
                         name=type(self).__name__)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if not _URL_USERINFO.search(text, max(0, r.start - 200), r.start)]

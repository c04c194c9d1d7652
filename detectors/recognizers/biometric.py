"""Biometric data: fingerprint, face, iris and voice templates stored as encoded blobs or vectors.

The value itself is an opaque blob (base64, hex) or a feature vector; only 指纹/人脸/虹膜/fingerprint/
face template context says it is biometric, so without context the score stays under the threshold.
"""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer


class BiometricRecognizer(PatternRecognizer):
    ENTITY = "BIOMETRIC"
    PATTERNS = [
        Pattern("base64_template", r"(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=])", 0.05),
        Pattern("hex_template", r"(?<![0-9A-Za-z])(?:0x)?[0-9A-Fa-f]{64,}(?![0-9A-Za-z])", 0.05),
        # A face embedding: a bracketed list of at least eight decimals.
        Pattern("feature_vector", r"\[\s*-?\d*\.\d+(?:\s*,\s*-?\d*\.\d+){7,}\s*\]", 0.05),
    ]
    CONTEXT = ["指纹", "指纹模板", "指纹数据", "人脸", "人脸特征", "人脸模板", "面部特征", "虹膜", "声纹", "掌纹",
               "静脉", "生物识别", "fingerprint", "finger print", "face template", "face_template", "faceprint",
               "face embedding", "face_embedding", "embedding", "face encoding", "facial", "iris", "voiceprint",
               "voice print", "palm print", "biometric", "minutiae"]
    negative_context = ["sha256", "sha1", "md5", "checksum", "hash", "commit", "etag", "token", "secret", "key", "校验",
                        "哈希", "签名"]

    def __init__(self, supported_language: str = "en"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__)

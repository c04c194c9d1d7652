"""The memo's cover and its follow-up evidence requests: who the report is for, and what to ask the target for."""
from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Memo:
    """The cover page's parties, from --target, --client, --matter, --prepared-by and --prepared-for;
    each optional and shown only when given."""

    target: str | None = None
    client: str | None = None
    matter: str | None = None
    prepared_by: str | None = None
    prepared_for: str | None = None

    def given(self) -> list[tuple[str, str]]:
        """(field, value) of the fields given, in cover order."""
        return [(f.name, getattr(self, f.name)) for f in fields(self) if getattr(self, f.name)]


# Documents to ask the target for, each with the obligations (config/obligations.yaml codes) that make
# the document matter; the report shows the citations of the laws --jurisdictions selects. Words are in
# config/report_text.yaml (request_<key> and request_<key>_text).
EVIDENCE_REQUESTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("notices", ("pipl_art_13_legal_basis", "pipl_art_28_29_sensitive_separate_consent", "pipl_art_30_sensitive_notice",
                 "pipl_art_31_minors", "gdpr_art_6_lawful_basis")),
    ("processors", ("pipl_art_21_entrusted_processing",)),
    ("cross_border", ("pipl_art_38_39_cross_border", "xb_provisions_art_7_assessment", "xb_provisions_art_8_contract",
                      "gdpr_ch_v_transfers")),
    ("impact_assessments", ("pipl_art_55_impact_assessment", "gdpr_art_35_dpia")),
    ("mlps", ("csl_art_23_4_encryption", "dsl_arts_21_27_45")),
    ("breaches", ("pipl_art_57_breach_notice", "incident_measures_reporting", "gdpr_art_33_34_breach",
                  "hipaa_164_404_breach_notice")),
    ("audits", ("pipl_art_54_compliance_audit", "pipl_art_52_pi_officer")),
)

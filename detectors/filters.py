"""Predicates that reject known false positives of spaCy's English NER."""
from __future__ import annotations

import re

_DIGIT = re.compile(r"\d")
_CJK = re.compile(r"[\u3400-\u9fff]")
_CHINESE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8}$")
_CODE = re.compile(r"^[A-Z0-9_\-]{2,}$")
_WORD = re.compile(r"[^\W\d_]{2,}")
# Words spaCy's small English model often labels PERSON: fonts, products, tools, cities and companies.
NOT_NAMES = frozenset(w.casefold() for w in (
    "Arial", "Helvetica", "Calibri", "Cambria", "Verdana", "Georgia", "Garamond", "Tahoma", "Roboto", "Consolas",
    "Courier", "Courier New", "Times New Roman", "Segoe UI", "Open Sans", "Lato", "Montserrat", "SimSun", "YaHei",
    "Alexa", "Siri", "Cortana", "Excel", "Outlook", "Kafka", "Spark", "Hadoop", "Jenkins", "Docker", "Kubernetes",
    "Redis", "Postgres", "Grafana", "Kibana", "Jira", "Confluence", "Tableau", "Salesforce", "Zendesk", "Slack",
    "Beijing", "Shanghai", "Shenzhen", "Guangzhou", "Hangzhou", "Nanjing", "Chengdu", "Wuhan", "Hong Kong", "Taipei",
    "Singapore", "London", "Paris", "Berlin", "Tokyo", "Sydney", "Toronto", "Boston", "Seattle", "Chicago", "Houston",
    "Dallas", "Denver", "Austin", "Phoenix", "Atlanta", "Miami", "Portland", "San Francisco", "Los Angeles",
    "Tesla", "Huawei", "Xiaomi", "Lenovo", "Alibaba", "Tencent", "Baidu", "Oracle", "Cisco", "Dell", "Ford",
    "Prefers", "Renewal", "Requested", "Referred", "Asked", "Card", "Notes", "Salary", "Checksum", "Checksums",
    "Changelog", "Router",
))
# A street name ("Donald Manor Apt", "James Mission") is a place named after a person, not a person.
_STREET = re.compile(r"\b(?:Apt|Suite|Manor|Mountains?|Knolls?|Lights|Divide|Junctions?|Mission|Streams?|Valleys?|"
                     r"Inlet|Islands|Turnpike|Harbor|Shores|Villages?|Plains|Estates|Expressway|Freeway|Gateway|"
                     r"Parkways?|Boulevard|Avenue|Street|Road|Lane|Drive|Court|Plaza|Heights|Crossing|Trail|Hill|Mews|Walk)\.?$")
_COMPANY = re.compile(r"\b(?:Inc|Ltd|LLC|LLP|Corp|Corporation|Co|GmbH|AG|SA|PLC|Group|Holdings|Technologies|"
                      r"Software|Systems|Solutions|Bank|University|Hospital)\.?$", re.IGNORECASE)


def is_plausible_person(text: str) -> bool:
    """A name has letters, no digits, and is not an ALL-CAPS code nor a known font, product, city or company.

    Chinese text passes only as a whole Chinese name (2–4 characters, or a minority name with ·): CJK mixed
    into an English span is spaCy misreading Chinese.
    """
    text = text.strip()
    if _CJK.search(text):
        return bool(_CHINESE_NAME.match(text))
    return (bool(_WORD.search(text)) and not _DIGIT.search(text) and not _CODE.match(text)
            and "=" not in text and "@" not in text and len(text) <= 60
            and text.casefold() not in NOT_NAMES and not _COMPANY.search(text) and not _STREET.search(text))

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
    "Changelog", "Router", "Android", "iPhone", "iPad", "Mozilla", "Safari", "Chrome", "Firefox", "Gecko", "Edge",
    "Opera", "WeChat", "Windows", "Linux", "Macintosh", "Ubuntu",
    # Field labels of forms and signatures.
    "Name", "Address", "Phone", "Mobile", "Email", "E-mail", "Fax", "Website", "Salesperson", "Signature",
    # Accounts in logs and the canonical sample names of forms and templates (甲方：张三), not people.
    "Admin", "Administrator", "Root", "Guest", "Operator", "Anonymous", "Superuser", "Sysadmin",
    "John Doe", "Jane Doe", "Joe Bloggs", "Fred Bloggs", "Richard Roe", "Max Mustermann", "Erika Mustermann",
    "John Q. Public", "张三", "李四", "王五", "赵六", "孙七", "周八", "吴九", "郑十", "王某", "张某", "李某", "某某",
    "张某某", "李某某", "王某某", "小明", "小红",
))
# A street name ("Donald Manor Apt", "James Mission") is a place named after a person, not a person.
_STREET = re.compile(r"\b(?:Apt|Suite|Manor|Mountains?|Knolls?|Lights|Divide|Junctions?|Mission|Streams?|Valleys?|"
                     r"Inlet|Islands|Turnpike|Harbor|Shores|Villages?|Plains|Estates|Expressway|Freeway|Gateway|"
                     r"Parkways?|Boulevard|Avenue|Street|Road|Lane|Drive|Court|Plaza|Heights|Crossing|Trail|Hill|"
                     r"Mews|Walk|Building|Tower|Centre|Center|Hall|Strasse|Straße|Allee|Platz|Gasse|Laan|Weg|Vej|"
                     r"Terrace|Squares?|St|Pass)\.?$"
                     r"|(?i:stra(?:ss|ß)e|straat|gracht|vägen|vegen|gatan|gata|gade)$")
# Streets named the Romance and Slavic way start with the word for street: Via Roma, Rue Hsine, Ulica Długa.
_STREET_FIRST = re.compile(r"^(?:Via|Viale|Piazza|Rue|Calle|Avenida|Rua|Rúa|Ulica|ul\.|Carrer|Strada|Plac)\s")
# A model name: "Atlas V." ends in a version letter where a name ends in a surname, "Nova X Pro" in an edition.
_PRODUCT = re.compile(r"(?:\s[A-Z]\.?|\s(?:Pro|Max|Plus|Mini|Ultra|Lite|Air|Neo|Edge|SE|Prime))$")
# Columns of a ledger or a fixed-width report run into one entity ("Petty Cash  Reimbursement  Marcus").
_COLUMN_GAP = re.compile(r"\S(?: {2,}|\t)\S")
_COMPANY = re.compile(r"\b(?:Inc|Ltd|LLC|LLP|Corp|Corporation|Co|GmbH|AG|SA|PLC|Group|Holdings|Technologies|"
                      r"Software|Systems|Solutions|Bank|University|Hospital)\.?$", re.IGNORECASE)


def is_plausible_person(text: str) -> bool:
    """A name has letters, no digits, and is not an ALL-CAPS code nor a known font, product, city, company,
    account (Admin) or sample name (张三, John Doe), nor a model name or columns of a ledger run together.

    Chinese text passes only as a whole Chinese name (2–4 characters, or a minority name with ·): CJK mixed
    into an English span is spaCy misreading Chinese.
    """
    text = text.strip()
    if text.casefold() in NOT_NAMES:
        return False
    if _CJK.search(text):
        return bool(_CHINESE_NAME.match(text))
    return (bool(_WORD.search(text)) and not _DIGIT.search(text) and not _CODE.match(text)
            and "=" not in text and "@" not in text and len(text) <= 60 and not _COMPANY.search(text)
            and not _STREET.search(text) and not _STREET_FIRST.match(text) and not _PRODUCT.search(text)
            and not _COLUMN_GAP.search(text))

"""English street addresses: number, street name and a street suffix, optionally city, state and ZIP."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

# USPS Publication 28, appendix C1: every primary street suffix (Faker's en_US addresses use them all),
# singular and plural, plus the common abbreviations.
_USPS_SUFFIXES = (
    "Alley Anex Arcade Avenue Bayou Beach Bend Bluffs? Bottom Boulevard Branch Bridge Brooks? Burgs? Bypass Camp "
    "Canyon Cape Causeway Centers? Circles? Cliffs? Club Commons? Corners? Course Courts? Coves? Creek Crescent "
    "Crest Crossing Crossroads? Curve Dale Dam Divide Drives? Estates? Expressway Extensions? Falls? Ferry Fields? "
    "Flats? Fords? Forest Forges? Forks? Fort Freeway Gardens? Gateway Glens? Greens? Groves? Harbors? Haven "
    "Heights Highway Hills? Hollow Inlet Islands? Isle Junctions? Keys? Knolls? Lakes? Land Landing Lane Lights? "
    "Loaf Locks? Lodge Loop Mall Manors? Meadows? Mews Mills? Mission Motorway Mount Mountains? Neck Orchard Oval "
    "Overpass Parks? Parkways? Pass Passage Path Pike Pines? Place Plains? Plaza Points? Ports? Prairie Radial "
    "Ramp Ranch Rapids? Rest Ridges? River Roads? Route Row Rue Run Shoals? Shores? Skyway Springs? Spurs? "
    "Squares? Station Stravenue Streams? Streets? Summit Terrace Throughway Trace Track Trafficway Trail Trailer "
    "Tunnel Turnpike Underpass Unions? Valleys? Viaduct Views? Villages? Villes? Vista Walks? Wall Ways? Wells? "
    "Close St Ave Rd Blvd Ln Dr Ct Pl Pkwy Ter Cir Trl Sq Hwy").split()
_SUFFIX = r"(?:" + "|".join(sorted(_USPS_SUFFIXES, key=len, reverse=True)) + r")\.?"
_UPPER, _LOWER = r"[A-ZÀ-ÖØ-ÞĀ-Ž]", r"[a-zß-öø-ÿā-ž]"  # Latin letters with accents: Władysława, Müller
_STREET = rf"\b\d{{1,6}}[A-Z]?\s+(?:[NSEW]\.?\s+)?(?:{_UPPER}{_LOWER}+\.?\s+){{1,4}}" + _SUFFIX
# Streets named the European way, the number after the name: Parijsstraat 8, Nybyvägen 65, Via Roma 131.
_EU_SUFFIX = ("straat|strasse|straße|str\\.|weg|laan|gracht|plein|vej|vegen|vägen|gatan|gata|gade|gate|veien|vei|tie|"
              "katu|allee|platz|gasse|damm|ufer")
_EU_WORD = (r"(?:Straße|Strasse|Str\.|[Gg]ate|[Gg]ade|[Vv]ej|[Ww]ei|[Ww]eg|[Ll]aan|[Aa]llee|[Pp]latz|[Gg]asse|"
            r"tér|utca|u\.|útja)")
_EU_STREET = (rf"\b(?:{_UPPER}{_LOWER}+\s)?{_UPPER}{_LOWER}*(?:{_EU_SUFFIX})\s+\d{{1,4}}[a-z]?\b"
              rf"|\b{_UPPER}{_LOWER}+(?:\s{_UPPER}{_LOWER}+)?\s{_EU_WORD}\s+\d{{1,4}}\b"
              rf"|\b(?:Via|Viale|Piazza|Rue|Calle|Avenida|Rua|Rúa|Ulica|ul\.|Carrer|Strada|Plac)\s+"
              rf"(?:(?:{_UPPER}[\w'.-]*|d[aeiou]|de[ls]|della|la|le|dos|das)\s+){{1,4}}\d{{1,4}}[a-z]?\b")
# US military mail: PSC 1234, Box 5678 / Unit 1234 Box 5678 / USNS Name, then APO|FPO|DPO AA|AE|AP and a ZIP.
_MILITARY = (r"(?i)\b(?:PSC\s+\d{3,5},?\s+Box\s+\d{3,5}|Unit\s+\d{3,5},?\s+Box\s+\d{3,5}|US(?:NS|NV|S|CGC)\s+[A-Z]\w+)"
             r"\s+(?:APO|FPO|DPO)\s+A[AEP]\s+\d{5}\b")
_UNIT = r"(?:,?\s+(?:Apt|Suite|Ste|Unit|#)\.?\s*[\w-]+)?"
_CITY_STATE_ZIP = r",\s+(?:[A-Z][a-z]+\s?){1,3},\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"


class StreetAddressRecognizer(PatternRecognizer):
    ENTITY = "ADDRESS"
    PATTERNS = [
        # A full postal address outranks the PERSON spaCy sees in a street name ("850 Andrew Avenue").
        Pattern("street_city_state_zip", _STREET + _UNIT + _CITY_STATE_ZIP, 0.9),
        Pattern("street", _STREET + _UNIT + r"\b", 0.5),
        Pattern("street_number_after", _EU_STREET, 0.5),
        Pattern("military", _MILITARY, 0.9),
        Pattern("po_box", r"\bP\.?\s?O\.?\s+Box\s+\d{1,6}\b", 0.5),
        # The value of a field labelled Address, when it has a number in it (a house, a postcode).
        Pattern("address_field", r"(?i)(?<=\baddress:[ \t]*)(?=[^\n]*\d)[^\s][^\n]{3,80}?(?=[ \t]*(?:\n|$))", 0.5),
        # Chinese and other addresses written in English name their divisions (Chaoyang District, Hubei
        # Province): an address where a label or an address column says so.
        Pattern("division", rf"\b(?:{_UPPER}{_LOWER}+ ){{1,3}}(?:District|Province|County|Prefecture|Township|"
                r"Autonomous Region|New Area)\b(?:,[ \t]*[A-Z][\w-]*(?: [A-Z][\w-]*){0,2})*", 0.1),
        # An apartment or suite alone is part of an address only when one is being talked about.
        Pattern("unit", r"\b(?:Apt\.|Apartment|Suite|Ste\.)\s+\d{1,5}\b", 0.3),
    ]
    CONTEXT = ["address", "addr", "street", "lives", "located", "mailing", "residence", "home", "地址", "住址"]

    def __init__(self, supported_language: str = "en"):
        # Case matters here (Presidio's default flags ignore it): street names are capitalised.
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__,
                         global_regex_flags=re.DOTALL | re.MULTILINE)

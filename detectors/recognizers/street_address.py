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
_STREET = r"\b\d{1,6}[A-Z]?\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\.?\s+){1,4}" + _SUFFIX
_UNIT = r"(?:,?\s+(?:Apt|Suite|Ste|Unit|#)\.?\s*[\w-]+)?"
_CITY_STATE_ZIP = r",\s+(?:[A-Z][a-z]+\s?){1,3},\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"


class StreetAddressRecognizer(PatternRecognizer):
    ENTITY = "ADDRESS"
    PATTERNS = [
        # A full postal address outranks the PERSON spaCy sees in a street name ("850 Andrew Avenue").
        Pattern("street_city_state_zip", _STREET + _UNIT + _CITY_STATE_ZIP, 0.9),
        Pattern("street", _STREET + _UNIT + r"\b", 0.5),
    ]
    CONTEXT = ["address", "addr", "street", "lives", "located", "mailing", "residence", "home", "地址", "住址"]

    def __init__(self, supported_language: str = "en"):
        # Case matters here (Presidio's default flags ignore it): street names are capitalised.
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__,
                         global_regex_flags=re.DOTALL | re.MULTILINE)

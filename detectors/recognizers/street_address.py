"""English street addresses: number, street name and a street suffix, optionally city, state and ZIP."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

_SUFFIX = (r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Park|"
           r"Parkway|Pkwy|Terrace|Ter|Circle|Cir|Trail|Trl|Square|Sq|Highway|Hwy|Plaza|Alley|Loop|Row|"
           r"Crescent|Close|Mews|Gardens|Walk|Hill|Heights|Point|Ridge|Route|Run|Path|Pike|Crossing|Green|"
           # The rest of USPS Publication 28's suffixes (Faker's en_US addresses use them all).
           r"Manors?|Mountains?|Knolls?|Lights?|Divide|Junctions?|Mission|Streams?|Valleys?|Inlet|Islands?|Isle|"
           r"Turnpike|Locks?|Station|Springs?|Harbors?|Shores?|Trace|Villages?|Views?|Plains?|Estates?|Ranch|"
           r"Rapids?|Summit|Vista|Expressway|Freeway|Gateway|Lakes?|Cliffs?|Corners?|Flats?|Orchard|Prairie|"
           r"Fields?|Falls|Ferry|Forges?|Glens?|Groves?|Meadows?|Mills?|Fort|Camp|Creek|Cove|Bridge|Brooks?|"
           r"Burgs?|Centers?|Circles|Common|Courts|Crest|Dale|Haven|Keys?|Landing|Neck|Pass|Pines|Points|Ports?|"
           r"Shoals?|Spurs?|Squares|Stravenue|Tunnel|Underpass|Unions?|Villes?|Wells?|Ways|Bypass|Causeway|"
           r"Club|Curve|Extensions?|Fords?|Loaf|Mall|Oval|Parks|Parkways|Radial|Rest|Roads|Track|Viaduct|Walks)\.?")
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

"""Numbers and amounts as each language writes them: RMB 50,000,000 in English, 5000万元 in Chinese."""
from __future__ import annotations

# Chinese amounts name the currency after the number (元, 欧元) and count in 万 (10^4) and 亿 (10^8).
_ZH_CURRENCY = {"CNY": "元", "EUR": "欧元", "USD": "美元", "GBP": "英镑"}
_EN_CURRENCY = {"CNY": "RMB", "EUR": "EUR", "USD": "USD", "GBP": "GBP"}


def zh_count(value: int) -> str:
    """10000000 → 1000万, 8026000000 → 80.26亿, 401300000 → 4.013亿, 500 → 500: the largest unit that
    writes the value exactly with at most four decimals, else the plain digits (no grouping commas)."""
    for unit, size in (("亿", 10**8), ("万", 10**4)):
        whole, rest = divmod(value, size)
        if whole and (rest * 10**4) % size == 0:
            decimals = f"{rest * 10**4 // size:04d}".rstrip("0")
            return f"{whole}.{decimals}{unit}" if decimals else f"{whole}{unit}"
    return str(value)


def count(value: int | None, lang: str) -> str:
    """A count of people or records: 10,000,000 in English, 1000万 in Chinese."""
    if value is None:
        return ""
    return zh_count(value) if lang == "zh" else f"{value:,}"


def money(amount: int | None, currency: str, lang: str) -> str:
    """An amount with its currency: ``RMB 50,000,000`` / ``5000万元``, ``EUR 20,000,000`` / ``2000万欧元``."""
    if amount is None:
        return ""
    if lang == "zh":
        return f"{zh_count(amount)}{_ZH_CURRENCY[currency]}"
    return f"{_EN_CURRENCY[currency]} {amount:,}"

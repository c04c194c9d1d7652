"""Click options for the report `piiaudit report` and `piiaudit scan` write: validated at the edge, errors say
what is valid."""
from __future__ import annotations

import functools
import re

import click

from reports.exposure import Turnover
from reports.legal import CURRENCIES, STRUCTURES
from reports.memo import Memo
from reports.obligations import JURISDICTIONS

_AMOUNT = re.compile(r"(?P<amount>\d[\d_,]*(?:\.\d+)?)\s*(?P<scale>[kKmMbB]?)\s*(?P<currency>[A-Za-z]{3})?")
_SCALES = {"": 1, "k": 10**3, "m": 10**6, "b": 10**9}
_ALIASES = {"RMB": "CNY"}


class JurisdictionsType(click.ParamType):
    """A comma-separated subset of cn,eu,us, kept in the canonical order."""

    name = "LIST"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        chosen = {part.strip().lower() for part in value.split(",") if part.strip()}
        unknown = sorted(chosen - set(JURISDICTIONS))
        if unknown or not chosen:
            self.fail(f"{value!r}: use a comma-separated list of {', '.join(JURISDICTIONS)}", param, ctx)
        return tuple(j for j in JURISDICTIONS if j in chosen)


class TurnoverType(click.ParamType):
    """The previous year's turnover: ``3.2b`` (RMB), ``250m EUR``, ``1200000000 USD``."""

    name = "AMOUNT[CUR]"

    def convert(self, value, param, ctx):
        if isinstance(value, Turnover):
            return value
        match = _AMOUNT.fullmatch(value.strip())
        currency = _ALIASES.get((match["currency"] or "CNY").upper(), (match["currency"] or "CNY").upper()) \
            if match else None
        if not match or currency not in CURRENCIES:
            self.fail(f"{value!r}: give an amount with an optional k/m/b and currency "
                      f"({', '.join(CURRENCIES)}; RMB = CNY), e.g. 3.2b or '250m EUR'", param, ctx)
        amount = float(match["amount"].replace(",", "").replace("_", "")) * _SCALES[match["scale"].lower()]
        return Turnover(round(amount), currency)


DEAL_CONTEXT = (
    click.option("--deal", type=click.Choice(["acquisition", "deregistration", "routine"]),
                 help="Deal context: adds its checklist (PIPL Arts. 22/23/47/54) and weighs the risk for it."),
    click.option("--structure", type=click.Choice(STRUCTURES),
                 help="With --deal acquisition: share deal (the target stays the handler), asset deal or merger "
                      "(personal information passes to the buyer); unset: the checklist covers both."),
    click.option("--jurisdictions", type=JurisdictionsType(), default="cn,eu,us", show_default=True,
                 help="Whose law to show: a comma-separated subset of cn,eu,us."),
    click.option("--turnover", type=TurnoverType(),
                 help="Previous year's turnover for the statutory maxima, e.g. 3.2b (RMB) or '250m EUR'."),
    click.option("--retention-days", type=click.IntRange(min=1), metavar="N",
                 help="Personal information untouched for more than N days is past its retention period "
                      "(PIPL Art. 47); default: retention_days in config/risk.yaml."),
)
# The cover page's parties: optional, each shown on the cover only when given.
MEMO = (
    click.option("--target", metavar="NAME", help="Cover page: the company whose data was scanned."),
    click.option("--client", metavar="NAME", help="Cover page: the client the report is for."),
    click.option("--matter", metavar="TEXT", help="Cover page: the matter name or number."),
    click.option("--prepared-by", metavar="NAME", help="Cover page: who prepared the report (firm, team)."),
    click.option("--prepared-for", metavar="NAME", help="Cover page: who the report is addressed to."),
)
MEMO_FIELDS = ("target", "client", "matter", "prepared_by", "prepared_for")


def deal_context(command):
    """Add --deal, --structure, --jurisdictions, --turnover, --retention-days and the cover's parties
    (--target, --client, --matter, --prepared-by, --prepared-for) to a command that writes a report;
    the command receives them as one ``report_options`` (reports.assessment.Options)."""

    @functools.wraps(command)
    def folded(*args, deal=None, structure=None, jurisdictions=None, turnover=None, retention_days=None,
               **kwargs):
        from reports.assessment import Options

        memo = Memo(**{name: (kwargs.pop(name) or "").strip() or None for name in MEMO_FIELDS})
        if structure and deal != "acquisition":
            raise click.UsageError("--structure describes an acquisition: use it with --deal acquisition")
        jurisdictions = JurisdictionsType().convert(jurisdictions, None, None)
        return command(*args, report_options=Options(deal, jurisdictions, turnover, retention_days, structure, memo),
                       **kwargs)

    for option in reversed((*DEAL_CONTEXT, *MEMO)):
        folded = option(folded)
    return folded

"""The options `import-time` and `export-time` share: the days, the time zone, an address.

Each turns what was typed into a value, or a CommandError that says why (the
command line prints it and exits 1).
"""

from __future__ import annotations

import argparse
import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rolemap.cli.common import CommandError, given
from rolemap.domain.errors import DomainError
from rolemap.domain.periods import PERIOD_NAMES, date_range, local_zone, parse_date, period_of
from rolemap.domain.text import clean_line


def add_period_options(parser: argparse.ArgumentParser, what: str) -> None:
    """--period, --from and --to; `what` is the help of --period."""
    parser.add_argument("--period", choices=PERIOD_NAMES, help=what)
    parser.add_argument(
        "--from",
        dest="first",
        type=given,
        metavar="D",
        help="first day, YYYY-MM-DD (or today, yesterday)",
    )
    parser.add_argument(
        "--to", dest="last", type=given, metavar="D", help="last day, YYYY-MM-DD (included)"
    )


def zone(name: str | None) -> dt.tzinfo:
    """The zone named by --tz (default: this computer's)."""
    if name is None:
        return local_zone()
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise CommandError(
            f"‘{name}’ is not a time zone: give a name like Europe/Berlin, America/New_York or UTC."
        ) from None


def checked_address(text: str, option: str) -> str:
    """An email address given to `option`, checked by the rule every text obeys (a lone
    surrogate could not be stored or written; an escape would be kept and printed)."""
    try:
        return clean_line(text, f"The address given to {option}")
    except DomainError as error:
        raise CommandError(str(error)) from None


def days(args: argparse.Namespace, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """--period or --from/--to as (first, last) days, both included (None: open)."""
    if args.period is not None:
        if args.first is not None or args.last is not None:
            raise CommandError("Give either --period or --from/--to, not both.")
        period = period_of(args.period, today)
        return period.start, period.last_day
    first = parse_date(args.first, today) if args.first is not None else None
    last = parse_date(args.last, today) if args.last is not None else None
    date_range(first, last)  # refuses a range that ends before it starts
    return first, last

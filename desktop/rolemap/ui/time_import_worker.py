"""The time import's preview, made on a pool thread: read the file, then plan the import.

`make_preview` is the whole job and needs no Qt: read the file (unless it was
read already), plan it once without the person's assignments (every name
that maps nowhere: the list they assign from) and, if they assigned any, once
more with them (what Apply would write). `PreviewJob` runs it on a thread and
answers through `PreviewSignals`, tagged with the dialog's generation so that
a result overtaken by a newer request is dropped.

Why a thread: 100,000 Timewarrior intervals take ~0.9 s to read and ~0.7 s to
plan on two cores, and the window should keep painting meanwhile. The plan is
made on the window's own connection (it is opened for use from any thread)
because `apply_import` writes a plan without making it again only when the
connection that made it has seen no change since; a plan from a connection
of its own would be made again on Apply, on the window's thread. The job only
reads; the dialog is modal, so nothing of the window writes meanwhile but a
timer stopped from the tray icon, and then Apply makes the plan again (the
change mark moved), which is right.

Signals (PreviewSignals):
    finished(int, object): the generation and its `Preview`.
    failed(int, str): the generation and the message for the person.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from rolemap.domain.errors import DomainError
from rolemap.domain.time_rules import TimeRule, UnmatchedName
from rolemap.interchange.errors import FormatError
from rolemap.interchange.foreign_time import ForeignFile
from rolemap.services.time_files import ReadOptions, TimeFormat, read_time_file
from rolemap.services.time_import import plan_import
from rolemap.services.time_mapping import name_rules
from rolemap.services.time_preview import ImportChoices, ImportPlan, OverlapChoice
from rolemap.store.database import Store


@dataclass(frozen=True)
class SourceChoice:
    """What to read: the format, the file (or Timewarrior's folder), how, and into which role."""

    kind: TimeFormat
    path: Path
    options: ReadOptions
    role_id: str
    stamp: tuple[int, int] = (0, 0)  # the file's size and change time: read again if it moved


@dataclass(frozen=True)
class Preview:
    """A planned import: the file as read, the names to assign, and the plan with the choices."""

    source: SourceChoice
    foreign: ForeignFile
    names: tuple[UnmatchedName, ...]
    ahead: tuple[TimeRule, ...]
    plan: ImportPlan
    read_seconds: float
    plan_seconds: float


def make_preview(
    store: Store,
    source: SourceChoice,
    assigned: tuple[tuple[str, str], ...],
    overlaps: OverlapChoice,
    before: Preview | None = None,
    *,
    now: int | None = None,
) -> Preview:
    """Read (unless `before` read the same source) and plan; raises what the services raise.

    `assigned` are (name, activity id) pairs; an id may be one of an activity
    still to be made (a rule naming it is passed over until it exists).

    Raises:
        FormatError: the file is broken, or an entry breaks a record rule.
        OSError: the file cannot be read.
        DomainError, KeyError: the role is gone, or a rule is refused.
    """
    now = int(time.time()) if now is None else now
    started = time.perf_counter()
    same = before is not None and before.source == source
    foreign = (
        before.foreign
        if same and before is not None
        else read_time_file(source.kind, source.path, source.options)
    )
    read = time.perf_counter() - started
    started = time.perf_counter()
    if same and before is not None:
        names = before.names
    else:
        bare = ImportChoices(overlaps=overlaps)
        first = plan_import(store, source.role_id, foreign, bare, now=now)
        names = tuple(first.unmapped)
        if not assigned:
            return Preview(source, foreign, names, (), first, read, time.perf_counter() - started)
    ahead = tuple(name_rules(list(assigned), foreign)) if assigned else ()
    choices = ImportChoices(ahead=ahead, overlaps=overlaps)
    plan = plan_import(store, source.role_id, foreign, choices, now=now)
    return Preview(source, foreign, names, ahead, plan, read, time.perf_counter() - started)


class PreviewSignals(QObject):
    """Carries a job's answer back to the dialog's thread."""

    finished = Signal(int, object)
    failed = Signal(int, str)


class PreviewJob(QRunnable):
    """One preview on a pool thread (see the module docstring)."""

    def __init__(
        self,
        signals: PreviewSignals,
        generation: int,
        store: Store,
        source: SourceChoice,
        assigned: tuple[tuple[str, str], ...],
        overlaps: OverlapChoice,
        before: Preview | None,
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._signals = signals  # kept alive by the job, whatever becomes of the dialog
        self._generation = generation
        self._args = (store, source, assigned, overlaps, before)

    def run(self) -> None:
        try:
            preview = make_preview(*self._args)
        except (FormatError, DomainError) as error:
            self._signals.failed.emit(self._generation, str(error))
        except KeyError:
            self._signals.failed.emit(self._generation, "The role is gone: choose another.")
        except OSError as error:
            path = self._args[1].path
            self._signals.failed.emit(
                self._generation, f"Cannot read {path}: {error.strerror or error}."
            )
        except Exception as error:  # a bug: say so rather than wait for ever
            traceback.print_exc()
            self._signals.failed.emit(
                self._generation, f"Rolemap could not read the file ({type(error).__name__})."
            )
        else:
            self._signals.finished.emit(self._generation, preview)

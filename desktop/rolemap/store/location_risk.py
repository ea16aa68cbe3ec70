"""Whether a database sits where SQLite is unsafe: a network mount or a cloud-sync folder.

SQLite's locking does not work reliably over network file systems, and sync
clients (Dropbox, OneDrive, Google Drive, iCloud) copy a database and its WAL
separately, which can produce a damaged or conflicting copy. Detection is
pure: the mount table is passed in (read from /proc/mounts by default).
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePath

NETWORK_TYPES = frozenset(
    {"nfs", "nfs4", "cifs", "smb", "smb3", "smbfs", "sshfs", "afs", "ncpfs", "9p", "davfs"}
)
# Folder names sync clients use (compared case-insensitively, per path component).
_SYNC_FOLDERS = (
    (re.compile(r"^dropbox( \(.+\))?$", re.IGNORECASE), "Dropbox"),
    (re.compile(r"^onedrive( - .+)?$", re.IGNORECASE), "OneDrive"),
    (re.compile(r"^(google ?drive|my drive|googledrive)$", re.IGNORECASE), "Google Drive"),
    (
        re.compile(r"^(icloud ?drive|mobile documents|com~apple~clouddocs)$", re.IGNORECASE),
        "iCloud",
    ),
)
_OCTAL = re.compile(r"\\([0-7]{3})")


def parse_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, file system type) pairs from /proc/mounts text (octal escapes decoded)."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            point = _OCTAL.sub(lambda m: chr(int(m[1], 8)), fields[1])
            mounts.append((point, fields[2]))
    return mounts


def _read_mounts() -> str:
    try:
        return Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def network_mount_type(path: PurePath, mounts_text: str | None = None) -> str | None:
    """The network file system type `path` lives on, or None.

    The mount whose mount point is the longest prefix of `path` decides.
    Network types and every FUSE file system (`fuse.*`, e.g. sshfs, rclone)
    count as network.
    """
    mounts = parse_mounts(_read_mounts() if mounts_text is None else mounts_text)
    parts = PurePath(path).parts
    best: tuple[int, str] | None = None
    for point, fstype in mounts:
        point_parts = PurePath(point).parts
        if parts[: len(point_parts)] == point_parts and (
            best is None or len(point_parts) >= best[0]
        ):
            best = (len(point_parts), fstype)
    if best is None:
        return None
    fstype = best[1].lower()
    if fstype in NETWORK_TYPES or fstype.startswith(("fuse.", "nfs")) or fstype == "fuse":
        return fstype
    return None


def sync_service(path: PurePath) -> str | None:
    """The cloud-sync service whose folder holds `path` (by folder name), or None."""
    for part in PurePath(path).parts[:-1]:
        for pattern, service in _SYNC_FOLDERS:
            if pattern.match(part):
                return service
    return None


def location_risk(path: Path, mounts_text: str | None = None) -> str | None:
    """A plain sentence on why `path` is an unsafe place for the database, or None."""
    resolved = Path(os.path.realpath(path))
    service = sync_service(resolved)
    if service:
        return (
            f"The database is inside a {service} folder. Sync services copy the database "
            "and its journal separately, which can damage it or make conflicting copies."
        )
    fstype = network_mount_type(resolved, mounts_text)
    if fstype:
        return (
            f"The database is on a network drive ({fstype}). SQLite cannot lock files "
            "reliably there, so two computers writing at once could damage it."
        )
    return None

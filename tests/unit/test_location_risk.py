"""Detecting network mounts and cloud-sync folders (pure, no real mounts needed)."""

from __future__ import annotations

from pathlib import Path, PurePath

import pytest

from rolemap.store.location_risk import (
    location_risk,
    network_mount_type,
    parse_mounts,
    sync_service,
)

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export/home /home/ana/nfs nfs4 rw 0 0
//nas/share /mnt/My\\040Share cifs rw 0 0
ana@host:/srv /home/ana/remote fuse.sshfs rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


def test_mount_points_with_spaces_are_decoded() -> None:
    assert ("/mnt/My Share", "cifs") in parse_mounts(MOUNTS)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/ana/nfs/rolemap.sqlite3", "nfs4"),
        ("/mnt/My Share/r.sqlite3", "cifs"),
        ("/home/ana/remote/deep/r.sqlite3", "fuse.sshfs"),
        ("/home/ana/nfsish/r.sqlite3", None),
        ("/tmp/r.sqlite3", None),
        ("/home/ana/.local/share/rolemap/rolemap.sqlite3", None),
    ],
)
def test_the_longest_mount_point_decides(path: str, expected: str | None) -> None:
    assert network_mount_type(PurePath(path), MOUNTS) == expected


@pytest.mark.parametrize(
    ("path", "service"),
    [
        ("/home/ana/Dropbox/rolemap.sqlite3", "Dropbox"),
        ("/home/ana/Dropbox (Personal)/x/r.sqlite3", "Dropbox"),
        ("/home/ana/OneDrive - Contoso/r.sqlite3", "OneDrive"),
        ("/Users/ana/Google Drive/My Drive/r.sqlite3", "Google Drive"),
        ("/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/r.sqlite3", "iCloud"),
        ("/home/ana/notes/dropbox-export.sqlite3", None),
        ("/home/ana/Documents/r.sqlite3", None),
    ],
)
def test_sync_folders_are_recognised_by_name(path: str, service: str | None) -> None:
    assert sync_service(PurePath(path)) == service


def test_the_message_names_the_risk(tmp_path: Path) -> None:
    assert location_risk(tmp_path / "r.sqlite3", "") is None
    message = location_risk(tmp_path / "OneDrive" / "r.sqlite3", "")
    assert message is not None and "OneDrive" in message

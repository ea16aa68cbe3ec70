"""`rolemap manual` as a person runs it: real files, read back by other tools.

The PDF through poppler (`pdftotext`, `pdfinfo`): every node title and every
section heading is there, and the contents' page numbers are the pages where
the headings are; its bookmarks through pypdf. Markdown and HTML with the
example role and with hostile titles. Paths that cannot be written are
refused with a message and leave nothing behind.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap

HEADINGS = (
    "The role on one page",
    "Purpose, accountabilities and decision rights",
    "Outcomes",
    "Outputs and evidence",
    "Activities",
    "Allocation",
    "Reviews and plans",
)
HOSTILE = ("<script>alert(1)</script>", "*bold* | pipe", "- a dash & an ampersand")


def rolemap(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "ROLEMAP_DB")}
    return subprocess.run(
        [sys.executable, "-m", "rolemap", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def poppler(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"poppler-utils is not installed ({', '.join(missing)}): apt-get install "
                    "poppler-utils")  # fmt: skip


def pdf_text(path: Path, page: int | None = None, *options: str) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(
        ["pdftotext", *options, *pages, str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def flat(text: str) -> str:
    """Text with every run of white space as one space (titles wrap across lines)."""
    return " ".join(text.split())


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The example role with four weeks of sample records before today."""
    from rolemap.services.transfer import seed_example
    from rolemap.store.database import open_store

    path = tmp_path / "roles.sqlite3"
    open_store(path, create=True, seed=seed_example).close()
    return path


@pytest.fixture
def titles(db: Path) -> list[str]:
    from rolemap.store.database import open_store
    from rolemap.store.role_repository import RoleRepository

    store = open_store(db, read_only=True)
    try:
        roles = RoleRepository(store)
        return [n.title for n in roles.load_map(roles.list_roles()[0].id)]
    finally:
        store.close()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_pdf_holds_every_title_and_heading(db: Path, out: Path, titles: list[str]) -> None:
    poppler("pdftotext", "pdfinfo")
    pdf = out / "manual.pdf"
    result = rolemap("manual", "--db", db, "-o", pdf, "--period", "all")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {pdf} (Engineering manager, all time)"
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    assert "Title:           Engineering manager — operating manual" in info
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)[1])  # type: ignore[index]
    assert pages >= 8
    text = flat(pdf_text(pdf))
    for title in titles:
        assert title in text, title
    for heading in HEADINGS:
        assert heading in text, heading
    diagram = flat(pdf_text(pdf, 1))  # page 1 is the one-page diagram
    assert all(title in diagram for title in titles)
    assert [p.name for p in out.iterdir()] == ["manual.pdf"]  # no temporary left behind


def test_the_contents_page_numbers_are_where_the_headings_are(db: Path, out: Path) -> None:
    poppler("pdftotext")
    pdf = out / "manual.pdf"
    assert rolemap("manual", "--db", db, "-o", pdf, "--period", "all").returncode == 0
    contents = pdf_text(pdf, 2, "-layout")
    entries = re.findall(
        r"^\s*(?:\d+\s+)?(\S.*?)\s*(?:\. ?){3,}\s*(\d+)\s*$", contents, re.MULTILINE
    )
    found = {title: int(page) for title, page in entries}
    assert set(HEADINGS) <= set(found), found
    assert found["The role on one page"] == 1
    assert "Evidence list" in found and "For my successor" in found
    for title, page in found.items():
        assert title in flat(pdf_text(pdf, page)), (title, page)
    sections = [found[h] for h in HEADINGS]
    assert sections == sorted(sections) and sections[1] == 3  # page 2 is the contents


def test_pdf_bookmarks_follow_the_sections(db: Path, out: Path) -> None:
    pypdf = pytest.importorskip("pypdf", reason="the bookmarks are read back with pypdf")
    pdf = out / "manual.pdf"
    assert rolemap("manual", "--db", db, "-o", pdf, "--page", "letter").returncode == 0
    reader = pypdf.PdfReader(pdf)
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [re.sub(r"^\d+  ", "", t.title) for t in top] == [
        HEADINGS[0], "Contents", *HEADINGS[1:],
    ]  # fmt: skip
    pages = [reader.get_destination_page_number(t) for t in top]
    assert pages[:2] == [0, 1] and pages == sorted(pages)
    assert float(reader.pages[1].mediabox.width) == 612.0  # Letter


def test_markdown_and_html_hold_every_title(db: Path, out: Path, titles: list[str]) -> None:
    for name in ("manual.md", "manual.html"):
        result = rolemap("manual", "--db", db, "-o", out / name, "--period", "all")
        assert result.returncode == 0, result.stderr
    markdown = (out / "manual.md").read_text(encoding="utf-8")
    page = (out / "manual.html").read_text(encoding="utf-8")
    assert "```mermaid\n%% Rolemap: Engineering manager\nflowchart LR\n" in markdown
    for heading in HEADINGS:
        assert heading in markdown and heading in page
    for title in titles:
        escaped = re.sub(r"([\\`*_\[\]<>|~#&])", r"\\\1", title)
        assert escaped in markdown, title
        assert title.replace("&", "&amp;") in page, title
    assert "<script" not in page and not re.search(r"https?://", page)
    assert "<svg" in page  # the diagram, inline


def test_hostile_titles_are_text_in_every_format(tmp_path: Path, out: Path) -> None:
    from rolemap.store.database import open_store
    from rolemap.store.role_repository import RoleRepository

    db = tmp_path / "hostile.sqlite3"
    role = Role("r1", "Hostile <b>role</b>", purpose="To *test* | escaping")
    nodes = [
        Node("a", "r1", NodeKind.ACTIVITY, HOSTILE[0]),
        Node("o", "r1", NodeKind.OUTPUT, HOSTILE[1]),
        Node("c", "r1", NodeKind.OUTCOME, HOSTILE[2]),
    ]
    links = [Link("l1", "r1", "a", "o"), Link("l2", "r1", "o", "c")]
    store = open_store(db, create=True)
    with store.transaction():
        RoleRepository(store).insert_map(RoleMap.build(role, nodes, links))
    store.close()
    for name in ("m.md", "m.html", "m.pdf"):
        result = rolemap("manual", "--db", db, "-o", out / name)
        assert result.returncode == 0, result.stderr
    markdown = (out / "m.md").read_text(encoding="utf-8")
    assert "\\<script\\>alert(1)\\</script\\>" in markdown and "<script>" not in markdown
    assert "\\*bold\\* \\| pipe" in markdown and "\\- a dash \\& an ampersand" in markdown
    page = (out / "m.html").read_text(encoding="utf-8")
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Hostile &lt;b&gt;role&lt;/b&gt;" in page
    if shutil.which("pdftotext"):
        text = flat(pdf_text(out / "m.pdf"))
        assert all(title in text for title in HOSTILE)


def test_paths_that_cannot_be_written_are_refused(db: Path, out: Path) -> None:
    (out / "folder.pdf").mkdir()
    os.mkfifo(out / "pipe.pdf")
    (out / "kept.md").write_text("an earlier file", encoding="utf-8")
    cases = [
        (out / "manual.docx", "name the file .pdf, .md or .html"),
        (out / "folder.pdf", "is a folder"),
        (out / "missing" / "manual.pdf", "there is no folder"),
        (out / "pipe.pdf", "not a regular file"),
    ]
    for path, message in cases:
        result = rolemap("manual", "--db", db, "-o", path)
        assert result.returncode == 1, (path, result.stdout)
        assert message in result.stderr, (path, result.stderr)
        assert result.stderr.startswith("rolemap: ")
    nobody = rolemap("manual", "--db", db, "-o", out / "kept.md", "--role", "nobody")
    assert nobody.returncode == 1 and "No role is called ‘nobody’" in nobody.stderr
    assert (out / "kept.md").read_text(encoding="utf-8") == "an earlier file"
    assert sorted(p.name for p in out.iterdir()) == ["folder.pdf", "kept.md", "pipe.pdf"]


def test_a_device_is_never_replaced(db: Path, tmp_path: Path) -> None:
    link = tmp_path / "null.md"
    link.symlink_to("/dev/null")
    result = rolemap("manual", "--db", db, "-o", link)
    assert result.returncode == 1 and "not a regular file" in result.stderr
    assert Path("/dev/null").is_char_device()


def test_period_options(db: Path, out: Path) -> None:
    both = rolemap("manual", "--db", db, "-o", out / "m.md", "--period", "month", "--from",
                   "2026-01-01")  # fmt: skip
    assert both.returncode == 1 and "either --period or --from/--to" in both.stderr
    bad = rolemap("manual", "--db", db, "-o", out / "m.md", "--from", "someday")
    assert bad.returncode == 1 and "is not a date" in bad.stderr
    ranged = rolemap("manual", "--db", db, "-o", out / "m.md", "--from", "2026-01-01",
                     "--to", "2026-01-31")  # fmt: skip
    assert ranged.returncode == 0 and "(Engineering manager, January 2026)" in ranged.stdout
    default = rolemap("manual", "--db", db, "-o", out / "m.md")
    assert default.returncode == 0 and re.search(r", Q\d \d{4}\)$", default.stdout.strip())


def test_help_names_the_formats() -> None:
    result = rolemap("manual", "--help")
    assert result.returncode == 0
    for word in ("FILE.pdf, .md or .html", "--period", "--from", "--page {a4,letter}", "--role",
                 "default: this quarter, or the last one"):  # fmt: skip
        assert word in flat(result.stdout), word

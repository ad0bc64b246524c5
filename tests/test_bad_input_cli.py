"""Bad input through the real ``geoevents`` command: clear one-line messages, no traceback,
exit 1 when the user must act, and the good documents' results still written.

The inputs are grouped into a few runs (each loads the spaCy model, ~2 s).
The README section "Bad input, faults and hostile text" lists what each input gets.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_properties import check_feature_collection

GOOD = "On 3 March 2024 an airstrike hit the town of Hajin in Syria. Clashes erupted in Idlib.\n"
HOSTILE_PAGE = (
    "<!doctype html><html><head><title>x</title><script>alert('SCRIPT-TEXT')</script>"
    "<style>p{color:red}</style></head><body>"
    "<iframe src='javascript:alert(1)'>IFRAME-TEXT</iframe>"
    "<p>Jets struck the town of Hajin in Syria on 3 March 2024.</p>"
    "<p><a href='javascript:alert(2)'>Read more</a></p></body></html>"
)
pytestmark = pytest.mark.timeout(600)


def _run(
    *args: str, cwd: Path, env: dict | None = None, stdin: bytes | None = None, timeout: int = 300
) -> subprocess.CompletedProcess:
    full_env = dict(os.environ, PYTHONIOENCODING="utf-8", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "geoevents", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=full_env,
        timeout=timeout,
    )


def _clean(proc: subprocess.CompletedProcess) -> list[str]:
    """The stderr lines, after checking that nothing in the output is a traceback."""
    out, err = proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in out + err, err
    lines = [line for line in err.splitlines() if line.strip()]
    for line in lines:
        assert line.startswith(("geoevents: ", "Error: ", "warning: ", "Usage: ", "Try ")), line
    return lines


def _line_for(lines: list[str], needle: str) -> str:
    found = [line for line in lines if needle in line]
    assert len(found) == 1, (needle, lines)
    return found[0]


# --- many bad inputs in one run ----------------------------------------------------------

CORPUS = [
    {"id": "a", "text": GOOD, "date": "2024-03-03"},
    "{not json",
    {"id": "notext", "title": "no text"},
    {"id": "baddate", "text": GOOD, "date": "last week-ish"},
    {"id": "past", "text": "Rockets hit Aleppo on 2 May 1066.", "date": "1066-05-02"},
    {"id": "future", "text": "Shelling hit Idlib yesterday.", "date": "9999-12-31"},
    {"id": "surrogate", "text": "Shelling hit Idlib \ud800 on Monday.", "date": "2024-03-04"},
    {"id": "formula", "date": "2024-03-06",
     "text": '=HYPERLINK("http://x") Shelling hit Idlib on Monday.'},
]


def _write_inputs(folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "report.pdf.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (folder / "latin1.txt").write_bytes("Caf\u00e9 near Aleppo.".encode("latin-1"))
    (folder / "utf16.txt").write_bytes(GOOD.encode("utf-16"))
    with open(folder / "huge.txt", "wb") as handle:  # 20 MB
        handle.write(GOOD.encode() * 230_000)
    (folder / "long.txt").write_text("Shelling hit Hajin.\n" * 60_000, encoding="utf-8")
    (folder / "oneline.txt").write_text("x" * 1_000_000, encoding="utf-8")
    (folder / "page.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    (folder / "markup.html").write_text("<script>alert(1)</script><style></style>", "utf-8")
    (folder / "arabic.txt").write_text(
        "\u0642\u0635\u0641 \u062c\u0648\u064a \u0639\u0644\u0649 \u062d\u0644\u0628 "
        "\u0641\u064a \u0633\u0648\u0631\u064a\u0627.\n",
        encoding="utf-8",
    )
    (folder / "french.txt").write_text(
        "Des frappes a\u00e9riennes ont touch\u00e9 Alep le 3 mars 2024.\n", encoding="utf-8"
    )
    (folder / "noplaces.txt").write_text(
        "The committee met on Tuesday and agreed the budget.\n", encoding="utf-8"
    )
    lines = [r if isinstance(r, str) else json.dumps(r) for r in CORPUS]
    (folder / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [
        "good.txt", "empty.txt", "binary.txt", "report.pdf.txt", "latin1.txt", "utf16.txt",
        "huge.txt", "long.txt", "oneline.txt", "page.html", "markup.html", "arabic.txt",
        "french.txt", "noplaces.txt", "nope.txt", "corpus.jsonl", "/dev/zero",
    ]  # fmt: skip


#: Each failing input, a piece of its message.
EXPECTED_FAILURES = {
    "empty.txt": "empty document",
    "binary.txt": "looks like a binary file",
    "report.pdf.txt": "looks like a PDF file",
    "latin1.txt": "save it as UTF-8",
    "huge.txt": "too large",
    "long.txt": "too long",
    "markup.html": "no readable text",
    "nope.txt": "no such file",
    "/dev/zero": "too large",  # endless: read only up to the limit
    "corpus.jsonl:2": "not valid JSON",
    "corpus.jsonl:3": "'text'",
    "corpus.jsonl:4": "not a date",
}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("mixed")
    names = _write_inputs(folder)
    start = time.monotonic()
    proc = _run("extract", *names, "-o", "out.geojson", cwd=folder)
    return {
        "folder": folder,
        "proc": proc,
        "seconds": time.monotonic() - start,
        "lines": _clean(proc),
        "names": names,
    }


def test_mixed_run_exits_1_and_says_why_for_each_bad_input(mixed):
    assert mixed["proc"].returncode == 1
    lines = mixed["lines"]
    for name, phrase in EXPECTED_FAILURES.items():
        assert phrase in _line_for(lines, f"{name}:"), name
    summary = _line_for(lines, "documents processed")
    total = len(mixed["names"]) - 1 + len(CORPUS)  # the corpus counts per line
    assert f"of {total} documents processed; {len(EXPECTED_FAILURES)} failed" in summary
    assert len(lines) == len(EXPECTED_FAILURES) + 1


def test_mixed_run_keeps_every_good_documents_results(mixed):
    path = mixed["folder"] / "out.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    check_feature_collection(collection)
    sources = {f["properties"]["source"] for f in collection["features"]}
    assert {"good", "utf16", "page", "a", "future", "surrogate", "formula"} <= sources
    # Documents that are fine but name nothing (or nothing English) give no events.
    assert not sources & {"noplaces", "oneline", "arabic"}


def test_mixed_run_writes_the_errors_file(mixed):
    errors_path = mixed["folder"] / "out.geojson.errors.jsonl"
    errors = [json.loads(line) for line in errors_path.read_text("utf-8").splitlines()]
    assert len(errors) == len(EXPECTED_FAILURES)
    assert all(set(e) == {"id", "source", "reason"} for e in errors)


def test_mixed_run_drops_scripts_and_is_quick(mixed):
    text = (mixed["folder"] / "out.geojson").read_text(encoding="utf-8")
    assert "SCRIPT-TEXT" not in text and "IFRAME-TEXT" not in text and "alert(" not in text
    assert mixed["seconds"] < 120


# --- runs where nothing can be done -------------------------------------------------------


def test_only_bad_inputs_exit_1_and_write_nothing(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = _run("extract", "nope.txt", "empty.txt", "-o", "out.geojson", cwd=tmp_path)
    lines = _clean(proc)
    assert proc.returncode == 1
    assert "no such file" in _line_for(lines, "nope.txt")
    assert "empty document" in _line_for(lines, "empty.txt")
    assert not (tmp_path / "out.geojson").exists()


@pytest.mark.parametrize(
    "output",
    ["good.txt/out.geojson", "/proc/geoevents-no/out.geojson", "folder"],
)
def test_output_that_cannot_be_written(tmp_path, output):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "folder").mkdir()
    proc = _run("extract", "good.txt", "-o", output, cwd=tmp_path)
    lines = _clean(proc)
    assert proc.returncode == 1
    assert len(lines) == 1 and "cannot write" in lines[0]


@pytest.mark.parametrize("output", ["", "."])
def test_output_without_a_file_name_is_a_clear_error(tmp_path, output):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    proc = _run("extract", "good.txt", "-o", output, cwd=tmp_path)
    assert proc.returncode in (1, 2)
    _clean(proc)


def test_stdin_empty_binary_and_bad_date(tmp_path):
    empty = _run("extract", "-", cwd=tmp_path, stdin=b"")
    binary = _run("extract", "-", cwd=tmp_path, stdin=bytes(range(256)) * 10)
    bad_date = _run("extract", "-", "--date", "someday", cwd=tmp_path, stdin=GOOD.encode())
    assert "empty document" in _line_for(_clean(empty), "-:")
    assert "binary" in _line_for(_clean(binary), "-:")
    assert "not a date" in _line_for(_clean(bad_date), "someday")
    assert empty.returncode == binary.returncode == bad_date.returncode == 1
    assert not empty.stdout.strip() and not binary.stdout.strip()


def test_map_with_bad_inputs_still_draws_the_good_ones(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = _run("map", "good.txt", "empty.txt", "nope.txt", "-o", "m.html", cwd=tmp_path)
    lines = _clean(proc)
    assert "empty document" in _line_for(lines, "empty.txt")
    assert "no such file" in _line_for(lines, "nope.txt")
    assert (tmp_path / "m.html").stat().st_size > 1000


def test_map_with_bad_inputs_exits_1(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    proc = _run("map", "good.txt", "nope.txt", "-o", "m.html", cwd=tmp_path)
    assert proc.returncode == 1


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("map", "good.txt", "--model", "no_such_model"), None),
        (("map", "good.txt"), {"GEOEVENTS_MODEL": "no_such_model"}),
        (("map", "-"), {"GEOEVENTS_MODEL": "no_such_model"}),
        (("extract", "good.txt"), {"GEOEVENTS_MODEL": "no_such_model"}),
    ],
)
def test_a_model_that_is_not_installed_is_one_clear_error(tmp_path, args, env):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    proc = _run(*args, "-o", "out.html", cwd=tmp_path, env=env, stdin=GOOD.encode())
    lines = _clean(proc)
    assert proc.returncode == 1
    assert len(lines) == 1 and "'no_such_model' is not installed" in lines[0], lines
    assert not (tmp_path / "out.html").exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_standard_output_on_a_full_disk(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "geoevents", "extract", "good.txt"],
            cwd=tmp_path, stdout=full, stderr=subprocess.PIPE, timeout=300,
        )  # fmt: skip
    proc.stdout = b""
    lines = _clean(proc)
    assert proc.returncode == 1
    assert len(lines) == 1 and "No space left" in lines[0]


def test_output_pipe_closed_early(tmp_path):
    corpus = tmp_path / "many.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": f"d{i}", "text": GOOD}) + "\n" for i in range(100)), "utf-8"
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "geoevents", "extract", str(corpus), "--format", "csv"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.readline()  # like `| head -1`
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=300)
    assert b"Traceback" not in err and b"Exception ignored" not in err
    assert proc.returncode == 1


def _other_command_inputs(folder: Path) -> None:
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "bad.jsonl").write_text('{"id": "a"}\n{not json\n', encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ["eval", "nope.jsonl"],
        ["eval", "binary.txt"],
        ["eval", "bad.jsonl"],
        ["eval-events", "nope.jsonl"],
        ["eval-events", "binary.txt"],
        ["eval-events", "bad.jsonl"],
        ["gazetteer", "search", ""],
        ["gazetteer", "import", "nope.zip"],
        ["gazetteer", "import", "binary.txt"],
        ["map", "nope.geojson", "-o", "m.html"],
    ],
    ids=lambda args: " ".join(args) or "empty",
)
def test_other_commands_with_bad_files(tmp_path, store_for_writes, args):
    _other_command_inputs(tmp_path)
    proc = _run(*args, cwd=tmp_path, env={"GEOEVENTS_GAZETTEER": str(store_for_writes)})
    lines = _clean(proc)
    assert proc.returncode in (1, 2)
    assert len([line for line in lines if line.strip()]) >= 1


@pytest.fixture(scope="module")
def store_for_writes(tmp_path_factory) -> Path:
    """A copy of the built gazetteer, for commands that may write to it."""
    from geoevents.gazetteer.build import default_path
    from geoevents.gazetteer.store import Gazetteer

    Gazetteer.open_default()
    copy = tmp_path_factory.mktemp("store") / "gazetteer.sqlite"
    shutil.copyfile(default_path(), copy)
    return copy


# --- the gazetteer -------------------------------------------------------------------------


def test_corrupt_and_truncated_gazetteer(tmp_path):
    from geoevents.gazetteer.build import default_path

    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"not a database, just bytes " * 200)
    truncated = tmp_path / "truncated.sqlite"
    with open(default_path(), "rb") as source, open(truncated, "wb") as target:
        target.write(source.read(default_path().stat().st_size // 3))
    for store in (corrupt, truncated):
        proc = _run(
            "extract", "good.txt", "-o", "out.geojson", cwd=tmp_path,
            env={"GEOEVENTS_GAZETTEER": str(store)},
        )  # fmt: skip
        lines = _clean(proc)
        assert proc.returncode == 1
        assert len(lines) == 1 and "corrupt" in lines[0] and "build" in lines[0]
        assert not (tmp_path / "out.geojson").exists()


def test_gazetteer_path_that_cannot_be_created(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    proc = _run(
        "extract", "good.txt", "-o", "out.geojson", cwd=tmp_path,
        env={"GEOEVENTS_GAZETTEER": str(tmp_path / "good.txt" / "g.sqlite")},
    )  # fmt: skip
    assert proc.returncode == 1
    lines = _clean(proc)  # the CLI's OSError guard; build_lock could say "gazetteer" too
    assert len(lines) == 1 and "good.txt" in lines[0]


# --- an interrupted run --------------------------------------------------------------------


def test_ctrl_c_leaves_no_traceback_no_output_and_resumes(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    towns = ["Hajin", "Idlib", "Aleppo", "Raqqa", "Homs", "Hama"]
    corpus.write_text(
        "".join(
            json.dumps({"id": f"d{i}", "text": f"Shelling hit {towns[i % 6]} on 3 May 2024."})
            + "\n"
            for i in range(60)
        ),
        encoding="utf-8",
    )
    args = ["extract", str(corpus), "-o", "out.geojson", "--batch-size", "1"]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "geoevents", *args],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    journal = tmp_path / "out.geojson.done"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if journal.exists() and journal.read_text("utf-8").count("\n") >= 3:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    interrupted = subprocess.CompletedProcess(args, proc.returncode, out, err)
    lines = _clean(interrupted)
    assert proc.returncode == 130
    assert any("--resume" in line for line in lines)
    assert not (tmp_path / "out.geojson").exists()  # never a truncated output
    resumed = _run(*args, "--resume", cwd=tmp_path)
    _clean(resumed)
    assert resumed.returncode == 0
    collection = json.loads((tmp_path / "out.geojson").read_text("utf-8"))
    check_feature_collection(collection)
    assert {f["properties"]["source"] for f in collection["features"]} == {
        f"d{i}" for i in range(60)
    }
    assert not journal.exists()


def test_module_entry_points_exist():
    assert (ROOT / "geoevents" / "__main__.py").exists()
    assert shutil.which("geoevents") or (Path(sys.executable).parent / "geoevents").exists()

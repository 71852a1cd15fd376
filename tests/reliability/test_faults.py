"""Faults: an ingest killed with SIGKILL mid-batch, a corrupt store, a read-only store, two
ingests at once and a store locked by another process."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rel_support import (
    SEEDS,
    TRACEBACK,
    assert_whole_articles,
    cli,
    cli_popen,
    counts,
    no_traceback,
    rows,
    variations,
)

from analysis.ingest import ingest

pytestmark = pytest.mark.reliability

BATCH = 5
#: An ingest that stops for a minute inside its first transaction, once the batch's articles
#: are inserted (and before its facts and mentions are): the moment to kill it.
SLOW_INGEST = """
import sys, time
from pathlib import Path
from analysis.ingest import ingest
from analysis import store
from analysis.ingest import ingest

original = store.insert_frame

def slow(con, name, frame):
    original(con, name, frame)
    if name == "articles":
        Path(sys.argv[3]).write_text("inside the transaction")
        time.sleep(60)

store.insert_frame = slow
ingest([sys.argv[1]], db=sys.argv[2], batch_size=5)
"""


def _derived_are_fresh(db: Path) -> None:
    """The derived tables are what a full recomputation gives (no batch left out of them)."""
    from analysis import store
    from analysis.history.derive import rebuild

    derived = {t: sorted(map(repr, rows(db, f"SELECT * FROM {t}"))) for t in store.DERIVED}
    rebuild(db)
    assert {t: sorted(map(repr, rows(db, f"SELECT * FROM {t}"))) for t in store.DERIVED} == derived


# --------------------------------------------------------------------------- kill -9


def test_an_ingest_killed_mid_batch_leaves_whole_articles_and_a_rerun_completes(tmp_path: Path, seeded) -> None:
    corpus = tmp_path / "corpus"
    variations(corpus, 60)
    db = tmp_path / "killed.duckdb"
    seeded(db)
    seeds = counts(db)["articles"]
    log = tmp_path / "ingest.log"
    proc = cli_popen("ingest", corpus, "--db", db, "--batch-size", BATCH, stderr_to=log)
    # the progress bar counts extracted articles: the (BATCH + 1)th is extracted only after
    # the first batch was committed
    deadline = time.monotonic() + 120
    done = 0
    while proc.poll() is None and time.monotonic() < deadline:
        found = re.findall(r"(\d+)/60", log.read_text(errors="replace"))
        done = int(found[-1]) if found else 0
        if done > BATCH:
            break
        time.sleep(0.01)
    assert proc.poll() is None, f"the ingest ended before it could be killed:\n{log.read_text()}"
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    assert BATCH < done < 60

    # the store opens (its write-ahead log replayed) and holds whole batches of whole articles
    result = cli("rounds", "--db", db)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    stored = assert_whole_articles(db) - seeds
    assert BATCH <= stored < 60 and stored % BATCH == 0, stored

    # killed inside a transaction: its articles are written, its mentions not yet
    flag = tmp_path / "inside.flag"
    proc = subprocess.Popen([sys.executable, "-c", SLOW_INGEST, str(corpus), str(db), str(flag)], cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(SEEDS.parent)}, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not flag.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert flag.exists(), proc.communicate(timeout=30)[1]
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert assert_whole_articles(db) - seeds == stored  # the open transaction left nothing

    result = cli("ingest", corpus, "--db", db, "--batch-size", BATCH, "--no-progress")
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert f"ingested {60 - stored}, skipped {stored} (already stored), failed 0" in result.stdout
    assert assert_whole_articles(db) == seeds + 60
    assert len({r[0] for r in rows(db, "SELECT file FROM articles")}) == seeds + 60
    _derived_are_fresh(db)


# --------------------------------------------------------------------------- corrupt stores


def _commands(db: Path, out: Path) -> list[tuple[str, ...]]:
    return [
        ("ingest", str(SEEDS / "001_b7dfb65df37dabe3.txt"), "--db", str(db), "--no-progress"),
        ("rounds", "--db", str(db)),
        ("export", "--db", str(db), "--out", str(out)),
    ]


def test_a_store_of_random_bytes_gives_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "random bytes.duckdb"
    db.write_bytes(os.urandom(300_000))
    original = db.read_bytes()
    for command in _commands(db, tmp_path / "out"):
        result = cli(*command)
        no_traceback(result)
        assert result.returncode == 2, (command, result.stderr)
        assert f"error: {db} is not a readable Levée store (corrupt or not a DuckDB file)" in result.stderr
    assert db.read_bytes() == original  # never "repaired" by overwriting


def test_a_store_with_corrupt_blocks_gives_a_clear_error(tmp_path: Path, seeded) -> None:
    db = tmp_path / "store.duckdb"
    seeded(db)
    size = db.stat().st_size
    with db.open("r+b") as handle:  # every 256 KiB block after the headers: random bytes
        for offset in range(12288, size, 256 * 1024):
            handle.seek(offset)
            handle.write(os.urandom(4096))
    for command in _commands(db, tmp_path / "out"):
        result = cli(*command)
        no_traceback(result)
        if result.returncode != 0:
            assert result.returncode == 2, (command, result.stderr)
            assert str(db) in result.stderr and "corrupt" in result.stderr, (command, result.stderr)


# --------------------------------------------------------------------------- read-only stores


def _unprivileged() -> list[str]:
    """A command prefix under which file permissions apply: as root, drop the capabilities
    that bypass them (root could otherwise write a chmod 444 file)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be enforced")
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    probe = subprocess.run([*prefix, "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"setpriv cannot drop capabilities here: {probe.stderr!r}")
    return prefix


def test_a_read_only_store_can_be_read_but_not_written(tmp_path: Path, seeded) -> None:
    prefix = _unprivileged()
    folder = tmp_path / "read only"
    db = folder / "store.duckdb"
    seeded(db)
    before = counts(db)
    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        result = cli("ingest", SEEDS / "001_b7dfb65df37dabe3.txt", "--db", db, "--no-progress", prefix=prefix)
        no_traceback(result)
        assert result.returncode == 2
        assert f"error: cannot write to {db}: the file is read-only" in result.stderr

        result = cli("rounds", "--db", db, prefix=prefix)  # reading needs no write access
        no_traceback(result)
        assert result.returncode == 0, result.stderr
        assert "Mistral AI" in result.stdout

        new = folder / "new.duckdb"
        result = cli("ingest", SEEDS / "001_b7dfb65df37dabe3.txt", "--db", new, "--no-progress", prefix=prefix)
        no_traceback(result)
        assert result.returncode == 2
        assert f"error: cannot write to {new}: permission denied" in result.stderr
        assert not new.exists()

        nested = folder / "sub" / "new.duckdb"
        result = cli("ingest", SEEDS / "001_b7dfb65df37dabe3.txt", "--db", nested, "--no-progress", prefix=prefix)
        no_traceback(result)
        assert result.returncode == 2
        assert f"error: cannot create the folder of {nested}: Permission denied" in result.stderr

        out = folder / "export"
        result = cli("export", "--db", db, "--out", out, prefix=prefix)
        no_traceback(result)
        assert result.returncode == 2
        assert f"error: {out}: Permission denied" in result.stderr
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)
    assert counts(db) == before


# --------------------------------------------------------------------------- concurrency


def test_two_ingests_at_once_store_both_batches_exactly_once(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    shared = variations(tmp_path / "shared", 4, tag="s")
    variations(first, 20, tag="a")
    variations(second, 20, tag="b")
    for path in shared:  # four articles in both batches
        shutil.copy(path, first / path.name)
        shutil.copy(path, second / path.name)
    db = tmp_path / "shared.duckdb"
    procs = [
        subprocess.Popen([sys.executable, "-m", "analysis", "ingest", str(folder), "--db", str(db), "--batch-size", "4",
                          "--no-progress"], cwd=SEEDS.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
        for folder in (first, second)
    ]
    results = [(p, *p.communicate(timeout=300)) for p in procs]
    for (proc, out, err), folder in zip(results, (first, second), strict=True):
        assert TRACEBACK not in err, err
        if proc.returncode != 0:  # gave up waiting for the lock: clear message, then run it again
            assert proc.returncode == 2 and f"{db} is locked by another process" in err, err
            again = cli("ingest", folder, "--db", db, "--no-progress")
            assert again.returncode == 0, again.stderr
        else:
            assert "failed 0" in out
    assert assert_whole_articles(db) == 44
    files = [Path(r[0]).name for r in rows(db, "SELECT file FROM articles")]
    assert len(files) == len(set(files)) == 44
    _derived_are_fresh(db)


OPEN_STORE = """
import sys
from analysis.store import StoreError, connect

try:
    with connect(sys.argv[1]) as con:
        con.execute("SELECT count(*) FROM articles").fetchone()
    print("ok")
except StoreError as error:
    print(f"error: {error}")
"""


def test_processes_creating_a_store_at_once_all_open_it(tmp_path: Path) -> None:
    """DuckDB creates the file before it fills its header: a process opening it in between
    must wait for the creator, not report the half-written file as corrupt (seen under load,
    about one opening in sixty, before the creation lock)."""
    env = {**os.environ, "PYTHONPATH": str(SEEDS.parent)}
    for attempt in range(3):
        db = tmp_path / f"new{attempt}.duckdb"
        procs = [subprocess.Popen([sys.executable, "-c", OPEN_STORE, str(db)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, env=env) for _ in range(4)]
        outputs = [p.communicate(timeout=120) for p in procs]
        assert [out.strip() for out, _ in outputs] == ["ok"] * 4, outputs


def test_an_ingest_waits_for_a_lock_and_gives_up_with_a_clear_message(tmp_path: Path, seeded) -> None:
    import analysis.corpus  # noqa: F401  (imported now, not while the wait is timed)
    from analysis import store

    db = tmp_path / "locked.duckdb"
    seeded(db)
    before = counts(db)
    release = tmp_path / "release"
    holder = subprocess.Popen(  # another process holds the store until told to let go
        [sys.executable, "-c",
         "import duckdb, pathlib, sys, time; c = duckdb.connect(sys.argv[1]); print('locked', flush=True)\n"
         "while not pathlib.Path(sys.argv[2]).exists(): time.sleep(0.05)", str(db), str(release)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(store.StoreError, match=re.escape(f"{db} is locked by another process")) as error:
            ingest([SEEDS], manifest=SEEDS / "manifest.csv", db=db, wait_s=1)
        assert "gave up after 1 s" in str(error.value)
        assert 0.9 < time.monotonic() - started < 10  # it waited, then gave up
        # the CLI waits (up to a minute) and goes on once the lock is released
        variations(tmp_path / "new", 3)
        waiting = cli_popen("ingest", tmp_path / "new", "--db", db, "--no-progress", stderr_to=tmp_path / "err")
        time.sleep(2)
        assert waiting.poll() is None  # still waiting for the lock
    finally:
        release.touch()
        holder.wait(timeout=30)
    assert waiting.wait(timeout=120) == 0, (tmp_path / "err").read_text()
    assert TRACEBACK not in (tmp_path / "err").read_text()
    assert counts(db)["articles"] == before["articles"] + 3
    assert_whole_articles(db)


def test_the_dashboard_on_a_corrupt_store_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    db = tmp_path / "corrupt.duckdb"
    db.write_bytes(os.urandom(100_000))
    monkeypatch.setenv("LEVEE_DB", str(db))
    at = AppTest.from_file(str(SEEDS.parent / "dashboard.py"), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value.replace("\\", "") for e in at.error]
    assert errors and all(str(db) in e and "not a readable Levée store" in e for e in errors), errors

"""The DuckDB store: idempotent ingest, metadata updates, bad files, atomic batches, locks, schema."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest
from mistral_facts import SEED_BUILDERS, build_000, fake_extractor, seed_facts

from analysis import cli, load, store
from analysis.ingest import ingest, ingest_articles, ingest_facts, pipeline
from analysis.store import DEFAULT_DB, SCHEMA_VERSION, StoreError, db_path

TABLES = ("articles", "article_facts", "mentions", "rounds", "investments", "valuations", "source_comparison")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store" / "levee.duckdb"


def counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def edit_manifest(folder: Path, file: str, **changes: str) -> None:
    path = folder / "manifest.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, table = reader.fieldnames, list(reader)
    for row in table:
        if row["file"] == file:
            row.update(changes)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(table)


def test_ingest_stores_everything_and_a_second_ingest_skips_before_extraction(corpus, db):
    calls: list[str] = []
    first = ingest([corpus], db=db, extractor=fake_extractor(calls=calls))
    assert (first.ingested, first.skipped, first.failed) == (5, 0, [])
    assert len(calls) == 5
    before = counts(db)
    assert before["articles"] == before["article_facts"] == 5
    assert before["rounds"] == 4 and before["mentions"] > 20

    second = ingest([corpus], db=db, extractor=fake_extractor(calls=calls))
    assert (second.ingested, second.skipped, second.failed, second.updated) == (0, 5, [], 0)
    assert len(calls) == 5  # nothing extracted again
    assert counts(db) == before
    assert second.summary() == "ingested 0, skipped 5 (already stored), failed 0"


def test_a_batch_of_known_texts_loads_no_nlp(corpus, db):
    """The dashboard ingests its seeds at each server start: when the store holds them, that
    costs a read of the files and loads neither the extractor nor spaCy."""
    ingest([corpus], db=db, extractor=fake_extractor())
    script = textwrap.dedent(f"""
        import sys
        from analysis.ingest import ingest
        report = ingest([{str(corpus)!r}], db={str(db)!r})
        print(report.ingested, report.skipped, "spacy" in sys.modules, "analysis.extract" in sys.modules)
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                         cwd=Path(__file__).resolve().parents[1])
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["0", "5", "False", "False"]


def test_the_same_text_under_two_names_is_stored_once(corpus, db):
    shutil.copy(corpus / "000_0f7d2169e025ef47.txt", corpus / "copy_of_000.txt")
    report = ingest([corpus], db=db, extractor=fake_extractor())
    assert (report.ingested, report.skipped) == (5, 1)
    assert counts(db)["articles"] == 5


def test_changed_manifest_updates_metadata_without_duplicating(corpus, db):
    ingest([corpus], db=db, extractor=fake_extractor())
    before = counts(db)
    edit_manifest(corpus, "002_870733f357af85e6.txt", publisher="Le Journal de l'IA", url="https://example.org/a")
    calls: list[str] = []
    report = ingest([corpus], db=db, extractor=fake_extractor(calls=calls))
    assert (report.ingested, report.skipped, report.updated) == (0, 5, 1)
    assert calls == []  # a new publisher needs no NLP
    assert counts(db) == before
    article_id = next(f.article_id for f in seed_facts() if f.file.startswith("002"))
    assert rows(db, "SELECT publisher, url FROM articles WHERE article_id = ?", [article_id]) == [
        ("Le Journal de l'IA", "https://example.org/a")
    ]
    facts = json.loads(rows(db, "SELECT CAST(facts AS VARCHAR) FROM article_facts WHERE article_id = ?",
                            [article_id])[0][0])
    assert facts["publisher"] == "Le Journal de l'IA"
    assert {r[0] for r in rows(db, "SELECT DISTINCT publisher FROM mentions WHERE article_id = ?", [article_id])} == {
        "Le Journal de l'IA"
    }
    assert any("Le Journal de l'IA" in (s or "") for (s,) in rows(db, "SELECT sources FROM rounds"))


def test_changed_publication_date_reextracts_that_article_only(corpus, db):
    ingest([corpus], db=db, extractor=fake_extractor())
    before = counts(db)
    edit_manifest(corpus, "004_8595d39e21f0e52c.txt", published="2025-06-20", published_precision="day")
    calls: list[str] = []
    report = ingest([corpus], db=db, extractor=fake_extractor(calls=calls))
    assert [Path(c).name for c in calls] == ["004_8595d39e21f0e52c.txt"]
    assert (report.ingested, report.updated) == (0, 1)
    assert counts(db) == before
    published = rows(db, "SELECT published, published_precision FROM articles WHERE file LIKE ?", ["%004_%"])
    assert str(published[0][0]) == "2025-06-20" and published[0][1] == "day"


def test_one_bad_file_in_a_batch_others_are_stored(corpus, db):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    report = ingest([corpus], db=db, extractor=fake_extractor(), batch_size=2)
    assert report.ingested == 5
    failed = {Path(p.file).name: p.problem for p in report.failed}
    assert set(failed) == {"empty.txt", "image.txt"}
    assert all(failed.values())
    assert counts(db)["articles"] == 5


def test_a_failed_extraction_is_reported_and_not_stored(corpus, db):
    def broken(article):
        facts = build_000(article)
        facts.rounds, facts.errors = [], ["extraction failed: ValueError: boom"]
        return facts

    builders = {**SEED_BUILDERS, "000_0f7d2169e025ef47.txt": broken}
    report = ingest([corpus], db=db, extractor=fake_extractor(builders))
    assert report.ingested == 4
    assert [(Path(p.file).name, p.problem) for p in report.failed] == [
        ("000_0f7d2169e025ef47.txt", "extraction failed: ValueError: boom")
    ]
    assert counts(db)["articles"] == 4
    again = ingest([corpus], db=db, extractor=fake_extractor())  # tried again, now fine
    assert (again.ingested, again.skipped) == (1, 4)


def test_a_crash_mid_ingest_leaves_only_whole_articles(corpus, db):
    def crashing(articles, *, batch_size=32):
        for n, facts in enumerate(fake_extractor()(articles, batch_size=batch_size)):
            if n == 3:
                raise RuntimeError("killed")
            yield facts

    with pytest.raises(RuntimeError):
        ingest([corpus], db=db, extractor=crashing, batch_size=2)
    stored = counts(db)
    assert stored["articles"] == stored["article_facts"] == 2
    orphans = rows(db, "SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT article_id FROM articles)")
    assert orphans == [(0,)]
    report = ingest([corpus], db=db, extractor=fake_extractor())
    assert (report.ingested, report.skipped) == (3, 2)
    assert counts(db)["rounds"] == 4


def test_a_failing_write_rolls_back_its_whole_batch(corpus, db, monkeypatch):
    original = store.insert_frame

    def failing(con, name, frame):
        if name == "mentions":
            raise duckdb.IOException("disk full")
        original(con, name, frame)

    monkeypatch.setattr(store, "insert_frame", failing)
    with pytest.raises((duckdb.IOException, StoreError), match="disk full"):
        ingest([corpus], db=db, extractor=fake_extractor(), batch_size=10)
    assert counts(db)["articles"] == 0


def test_new_store_has_schema_version_and_newer_versions_are_refused(corpus, db):
    ingest([corpus], db=db, extractor=fake_extractor())
    assert rows(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    with pytest.raises(StoreError, match="newer"):
        load(db)
    with pytest.raises(StoreError, match="newer"):
        ingest([corpus], db=db, extractor=fake_extractor())


def test_files_that_are_not_stores_give_clear_errors(tmp_path, corpus):
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="not a readable Levée store"):
        ingest([corpus], db=garbage, extractor=fake_extractor())
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE things (x INTEGER)")
    with pytest.raises(StoreError, match="not a Levée store"):
        load(other)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write read-only files")
def test_a_read_only_store_gives_a_clear_error(corpus, db):
    ingest([corpus], db=db, extractor=fake_extractor())
    db.chmod(0o444)
    try:
        with pytest.raises(StoreError, match=r"read-only|permission"):
            ingest([corpus], db=db, extractor=fake_extractor())
        assert len(load(db).rounds) == 4  # reading still works
    finally:
        db.chmod(0o644)


def test_sql_metacharacters_in_metadata_are_stored_as_text(corpus, db):
    nasty = "Robert'); DROP TABLE articles; --"
    edit_manifest(corpus, "001_b7dfb65df37dabe3.txt", publisher=nasty, title='"; DELETE FROM mentions; --')
    ingest([corpus], db=db, extractor=fake_extractor())
    assert rows(db, "SELECT count(*) FROM articles WHERE publisher = ?", [nasty]) == [(1,)]
    assert counts(db)["articles"] == 5


HOLD_LOCK = textwrap.dedent("""
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    con.close()
""")


def hold_lock(db: Path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db), str(seconds)], stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def test_a_locked_store_waits_then_gives_a_clear_error(corpus, db):
    ingest([corpus], db=db, extractor=fake_extractor())
    holder = hold_lock(db, 30)
    try:
        started = time.monotonic()
        with pytest.raises(StoreError, match="locked") as error:
            ingest([corpus], db=db, extractor=fake_extractor(), wait_s=0.5)
        assert str(db) in str(error.value)
        assert time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.wait()


def test_a_second_writer_waits_for_the_first(corpus, db):
    ingest([corpus], db=db, extractor=fake_extractor())
    holder = hold_lock(db, 1.5)
    try:
        report = ingest([corpus], db=db, extractor=fake_extractor(), wait_s=30)
        assert report.skipped == 5
    finally:
        holder.wait()


def test_db_path_resolution(monkeypatch, tmp_path):
    monkeypatch.delenv("LEVEE_DB", raising=False)
    assert db_path() == DEFAULT_DB and DEFAULT_DB.parent.name == "data"
    monkeypatch.setenv("LEVEE_DB", str(tmp_path / "env.duckdb"))
    assert db_path() == tmp_path / "env.duckdb"
    assert db_path(tmp_path / "flag.duckdb") == tmp_path / "flag.duckdb"


def test_env_variable_picks_the_store(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("LEVEE_DB", str(tmp_path / "deep" / "folder" / "env.duckdb"))
    ingest([corpus], extractor=fake_extractor())
    assert (tmp_path / "deep" / "folder" / "env.duckdb").exists()
    assert len(load().rounds) == 4


def test_ingest_facts_from_another_engine(db):
    facts = seed_facts()
    report = ingest_facts(facts, db)
    assert (report.ingested, report.skipped) == (5, 0)
    again = ingest_facts(facts, db)
    assert (again.ingested, again.skipped) == (0, 5)
    assert counts(db)["rounds"] == 4
    assert store.known_ids(db) == {f.article_id for f in facts}
    assert {f.article_id for f in store.stored_facts(db)} == store.known_ids(db)


def test_ingest_articles_for_uploads(db):
    from mistral_facts import seed_article

    articles = [seed_article(name) for name in SEED_BUILDERS]
    report = ingest_articles(articles, db, extractor=fake_extractor())
    assert report.ingested == 5
    frames = load(db)
    assert len(frames.articles) == 5 and frames.articles["n_chars"].gt(0).all()


def test_load_on_a_missing_store_gives_empty_frames(tmp_path):
    frames = load(tmp_path / "nothing.duckdb")
    assert frames.rounds.empty and not (tmp_path / "nothing.duckdb").exists()


def test_cli_ingest_prints_a_summary_and_each_failure(corpus, db, monkeypatch, capsys):
    monkeypatch.setattr(pipeline, "_default_extractor", lambda: fake_extractor())
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    code = cli.main(["ingest", str(corpus), "--db", str(db), "--no-progress"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "ingested 5, skipped 0 (already stored), failed 1" in out
    assert f"{corpus / 'empty.txt'}: " in err
    (corpus / "empty.txt").unlink()
    assert cli.main(["ingest", str(corpus), "--db", str(db), "--no-progress"]) == 0
    assert "ingested 0, skipped 5 (already stored), failed 0" in capsys.readouterr().out


def test_cli_reports_store_errors_without_traceback(tmp_path, corpus, capsys):
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(b"x" * 5000)
    assert cli.main(["ingest", str(corpus), "--db", str(garbage), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err and str(garbage) in err
    assert cli.main(["rounds", "--db", str(tmp_path / "missing.duckdb")]) == 2
    assert "no store at" in capsys.readouterr().err


def test_cli_rounds_formats(corpus, db, monkeypatch, capsys):
    monkeypatch.setattr(pipeline, "_default_extractor", lambda: fake_extractor())
    cli.main(["ingest", str(corpus), "--db", str(db), "--no-progress"])
    capsys.readouterr()
    assert cli.main(["rounds", "--db", str(db)]) == 0
    table = capsys.readouterr().out
    assert "Mistral AI" in table and "€1.7 bn" in table and "2025-09-09" in table and "2023-12" in table
    assert cli.main(["rounds", "--db", str(db), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 4 and {r["date"] for r in data} >= {"2025-09-09"}
    assert cli.main(["rounds", "--db", str(db), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("round_id,company,")


def test_unchanged_files_are_not_read_again(tmp_path, monkeypatch):
    """Re-ingest skips stored, unchanged files on size + mtime, before reading them."""
    from analysis import corpus

    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(Path(__file__).resolve().parents[1] / "seeds" / "004_8595d39e21f0e52c.txt", folder / "a.txt")
    db = tmp_path / "store.duckdb"
    first = ingest([folder], db=db)
    assert first.ingested == 1

    def refuse(*args, **kwargs):
        raise AssertionError("an unchanged file was read again")

    monkeypatch.setattr(corpus, "read_article", refuse)
    second = ingest([folder], db=db)
    assert (second.ingested, second.skipped, second.failed) == (0, 1, [])
    monkeypatch.undo()

    text = (folder / "a.txt").read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text + "\nUne ligne de plus.\n", encoding="utf-8")
    third = ingest([folder], db=db)
    assert third.ingested == 1  # a new text: read, extracted, stored
    assert len(load(db).articles) == 2

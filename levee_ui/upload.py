"""Articles into the store from the dashboard: the seeds on first start, and the upload box.

Both call the one pipeline (``analysis.ingest``), whose ``on_progress(done, total)`` drives
a progress bar; the store skips texts it already holds (content hash), so ingesting the
seeds again costs a read of the files and no NLP.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from analysis import views
from analysis.model import Article, ArticleMeta
from levee_ui import rendering, state

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
#: Largest file the upload box takes (MB).
MAX_MB = 10
#: Characters of an uploaded file's name kept in the name it is stored under.
NAME_CHARS = 120

Progress = Callable[[int, int | None], None]


def uploads_dir() -> Path:
    """Where uploaded articles are kept (beside the store), so their text can be shown."""
    return state.db_path().parent / "uploads"


def _progress_bar(bar: Any, text: Callable[[int, int], str], total: int) -> Progress:
    """An ``on_progress(done, total)`` moving ``bar`` (the pipeline's total when it knows it)."""

    def on_progress(done: int, known: int | None) -> None:
        of = known or total
        bar.progress(min(1.0, done / max(of, 1)), text=text(done, of))

    return on_progress


# --------------------------------------------------------------------------- seeds


def _seed_count() -> int:
    """How many seed articles there are (for the progress bar)."""
    from analysis.corpus import iter_paths

    return len(iter_paths([SEEDS]))


@st.cache_resource
def _seeding() -> dict[str, Any]:
    """Process-wide record of the stores whose seeds were ingested by this server."""
    return {"lock": threading.Lock(), "done": set()}


def ensure_seeds() -> None:
    """Ingest ``seeds/`` into the store once per server process, with a progress bar.

    Ingest is idempotent (content hash): a store that already holds the seeds costs a read
    of the five files and no NLP; metadata changed in the manifest is applied. A store that
    can't be written says so and shows what it holds; the next run tries again.
    """
    db = state.db_path()
    seeding = _seeding()
    if str(db) in seeding["done"]:
        return
    with seeding["lock"]:
        if str(db) in seeding["done"]:
            return
        from analysis.ingest import ingest

        total = _seed_count()
        bar = st.empty()
        bar.progress(0.0, text=f"First start: loading the language models to ingest {total} seed articles…")
        on_progress = _progress_bar(
            bar, lambda n, of: f"First start: extracting the seed articles ({n}/{of})…", total
        )
        db.parent.mkdir(parents=True, exist_ok=True)
        try:
            report = ingest([SEEDS], manifest=SEEDS / "manifest.csv", db=db, on_progress=on_progress)
        except Exception as exc:  # a locked or broken store: say so, show what is there, retry next run
            bar.empty()
            st.error(views.md_escape(f"The seed articles could not be ingested into {db}: {exc}"))
            return
        bar.empty()
        if report.failed:
            st.warning(views.md_escape(
                "Some seed articles could not be ingested: " + "; ".join(str(p) for p in report.failed)
            ))
        seeding["done"].add(str(db))
        state.refresh()


# --------------------------------------------------------------------------- upload box


@dataclass
class Upload:
    """What the upload form holds once submitted: the files and the metadata typed."""

    files: Sequence[Any]
    meta: ArticleMeta


#: A status line: level (``success``, ``info``, ``error``) and text.
Message = tuple[str, str]


def _safe_name(name: str) -> str:
    base = Path(name).name or "article.txt"
    return re.sub(r"[^\w.\-]+", "_", base)[:NAME_CHARS]


def _form() -> Upload | None:
    """The upload form; the files and metadata once submitted, else None."""
    with st.form("upload", clear_on_submit=False):
        files = st.file_uploader(
            "Article files",
            type=["txt", "md", "html", "htm"],
            accept_multiple_files=True,
            max_upload_size=MAX_MB,
            key="upload_files",
        )
        c = st.columns(3)
        publisher = c[0].text_input("Publisher", key="up_publisher")
        title = c[1].text_input("Title", key="up_title")
        url = c[2].text_input("URL", key="up_url")
        c = st.columns(3)
        published = c[0].date_input("Published", value=None, key="up_published", format="YYYY-MM-DD")
        precision = c[1].selectbox("Date precision", ["day", "month", "year"], key="up_precision")
        language = c[2].selectbox("Language", ["detect", "fr", "en"], key="up_language")
        if not st.form_submit_button("Ingest", type="primary"):
            return None
    dated = isinstance(published, dt.date)
    meta = ArticleMeta(
        publisher=publisher.strip() or None,
        title=title.strip() or None,
        url=url.strip() or None,
        published=published if dated else None,
        published_precision=precision if dated else None,
        language=None if language == "detect" else language,
    )
    return Upload(files or [], meta)


def _read(upload: Upload, known: set[str]) -> tuple[list[tuple[str, Article]], list[Message]]:
    """The uploaded files read as articles with the typed metadata, each kept in
    ``uploads_dir()`` so the Articles page can show its text; files too large, unreadable or
    already stored are told, not ingested."""
    from analysis.corpus import ArticleError, read_article

    messages: list[Message] = []
    articles: list[tuple[str, Article]] = []
    keep = uploads_dir()
    keep.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="levee-upload-") as tmp:
        for file in upload.files:
            name, data = _safe_name(file.name), file.getvalue()
            if len(data) > MAX_MB * 1024 * 1024:
                messages.append(("error", f"{file.name}: larger than {MAX_MB} MB, not ingested."))
                continue
            path = Path(tmp) / name
            path.write_bytes(data)
            try:
                article = read_article(path, upload.meta)
            except ArticleError as exc:
                messages.append(("error", f"{file.name}: {exc.problem}"))
                continue
            if article.article_id in known or any(a.article_id == article.article_id for _, a in articles):
                messages.append(("info", f"{file.name}: already in the store (same text), skipped."))
                continue
            kept = keep / f"{article.article_id}_{name}"
            kept.write_bytes(data)
            articles.append((file.name, dataclasses.replace(article, file=str(kept))))
    return articles, messages


def _ingest(articles: list[tuple[str, Article]], db: Path) -> tuple[Any, list[Message]]:
    """The articles through the pipeline with a progress bar: its report (None when it failed
    as a whole, each file then told why)."""
    from analysis.ingest import ingest_articles

    bar = st.progress(0.0, text=f"Extracting {len(articles)} article(s)…")
    on_progress = _progress_bar(bar, lambda n, of: f"Extracting: {n}/{of}", len(articles))
    try:
        report = ingest_articles([a for _, a in articles], db=db, on_progress=on_progress)
    except Exception as exc:  # the user gets the reason, the app keeps running
        return None, [("error", f"{name}: not ingested ({type(exc).__name__}: {exc})") for name, _ in articles]
    finally:
        bar.empty()
    return report, []


def _outcome(articles: list[tuple[str, Article]], report: Any) -> list[Message]:
    """Per file: stored with how many figures, or why not."""
    from analysis.store import figures_of

    state.refresh()
    stored = figures_of(state.db_path(), [article.article_id for _, article in articles])
    problems = {Path(p.file).name: p.problem for p in report.failed}
    messages: list[Message] = []
    for name, article in articles:
        if article.article_id in stored:
            n = stored[article.article_id]
            messages.append(("success", f"{name}: ingested (id {article.article_id}), {n} figure(s) extracted."))
        else:
            why = problems.get(Path(str(article.file)).name, "the store did not keep it")
            messages.append(("error", f"{name}: not ingested ({why})."))
    return messages


def upload_box(db: Path) -> None:
    """The "Add articles" box: files with optional metadata, ingested into the store at
    ``db`` with a progress bar, then one line per file saying what became of it."""
    st.subheader("Add articles")
    st.caption(
        f"Plain text, Markdown or HTML, up to {MAX_MB} MB each. The metadata below applies to every file "
        "of this upload; leave a field empty to keep what the file itself says (HTML title, front matter)."
    )
    upload = _form()
    if upload is None:
        return
    if not upload.files:
        st.warning("Choose at least one file to ingest.")
        return
    from analysis.store import known_ids

    articles, messages = _read(upload, known_ids(db))
    if articles:
        report, failed = _ingest(articles, db)
        messages += failed if report is None else _outcome(articles, report)
    rendering.messages(messages)
    if any(level == "success" for level, _ in messages):
        st.caption("The other pages show the new articles now (unless the sidebar filters hide them).")

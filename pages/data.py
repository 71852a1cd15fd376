"""Data: every frame under the current filters with CSV / Parquet downloads, and article upload."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tempfile
from pathlib import Path

import streamlit as st

import levee_ui
from analysis import views
from analysis.model import Article
from analysis.views import md_escape as md

MAX_MB = 10
ctx = levee_ui.context()
st.title("Data")

st.caption(
    "Every table of the store under the current filters. Downloads hold exactly the rows shown, "
    "dates as YYYY-MM-DD beside their precision (CSV cells that could run as spreadsheet formulas "
    "are neutralised)."
)
frames = ctx.computed(views.data_tables)  # as stored, with the precision of every date
# lazy tabs: only the open tab's table is built and sent (six long tables at once are slow)
tabs = st.tabs([f"{name.replace('_', ' ')} ({len(frame)})" for name, frame in frames.items()], key="data_tab",
               on_change="rerun")
for tab, (name, frame) in zip(tabs, frames.items(), strict=True):
    if not tab.open:
        continue
    with tab:
        if frame.empty:
            levee_ui.empty(ctx, name)
        else:
            levee_ui.table(frame, name, f"data_{name}", parquet=True)

st.divider()
st.subheader("Add articles")
st.caption(
    f"Plain text, Markdown or HTML, up to {MAX_MB} MB each. The metadata below applies to every file "
    "of this upload; leave a field empty to keep what the file itself says (HTML title, front matter)."
)


def _safe_name(name: str) -> str:
    base = Path(name).name or "article.txt"
    return re.sub(r"[^\w.\-]+", "_", base)[:120]


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
    submitted = st.form_submit_button("Ingest", type="primary")

if submitted:
    if not files:
        st.warning("Choose at least one file to ingest.")
        st.stop()
    from analysis import store
    from analysis.corpus import ArticleError, read_article
    from analysis.model import ArticleMeta

    meta = ArticleMeta(
        publisher=publisher.strip() or None,
        title=title.strip() or None,
        url=url.strip() or None,
        published=published if isinstance(published, dt.date) else None,
        published_precision=precision if isinstance(published, dt.date) else None,
        language=None if language == "detect" else language,
    )
    known = store.known_ids(ctx.db)
    messages: list[tuple[str, str]] = []
    articles: list[tuple[str, Article]] = []
    keep = levee_ui.uploads_dir()
    keep.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="levee-upload-") as tmp:
        for upload in files:
            name = _safe_name(upload.name)
            data = upload.getvalue()
            if len(data) > MAX_MB * 1024 * 1024:
                messages.append(("error", f"{upload.name}: larger than {MAX_MB} MB, not ingested."))
                continue
            path = Path(tmp) / name
            path.write_bytes(data)
            try:
                article = read_article(path, meta)
            except ArticleError as exc:
                messages.append(("error", f"{upload.name}: {exc.problem}"))
                continue
            if article.article_id in known or any(a.article_id == article.article_id for _, a in articles):
                messages.append(("info", f"{upload.name}: already in the store (same text), skipped."))
                continue
            kept = keep / f"{article.article_id}_{name}"
            kept.write_bytes(data)  # kept so the Articles page can show the text
            articles.append((upload.name, dataclasses.replace(article, file=str(kept))))
    report = None
    if articles:
        bar = st.progress(0.0, text=f"Extracting {len(articles)} article(s)…")

        def done(n: int) -> None:
            bar.progress(min(1.0, n / len(articles)), text=f"Extracting: {n}/{len(articles)}")

        try:
            report = store.ingest_articles(
                [a for _, a in articles], db=ctx.db, extractor=levee_ui.counting_extractor(done)
            )
        except Exception as exc:  # the user gets the reason, the app keeps running
            messages += [
                ("error", f"{name}: not ingested ({type(exc).__name__}: {exc})") for name, _ in articles
            ]
        bar.empty()
    if report is not None:
        levee_ui.refresh()
        after = levee_ui.context()
        stored = set(after.all.articles["article_id"].astype(str))
        problems = {Path(p.file).name: p.problem for p in report.failed}
        for name, article in articles:
            if article.article_id in stored:
                n = int((after.all.mentions["article_id"] == article.article_id).sum())
                messages.append(
                    ("success", f"{name}: ingested (id {article.article_id}), {n} figure(s) extracted.")
                )
            else:
                why = problems.get(Path(article.file).name, "the store did not keep it")
                messages.append(("error", f"{name}: not ingested ({why})."))
    for level, text in messages:
        getattr(st, level)(md(text))
    if any(level == "success" for level, _ in messages):
        st.caption("The other pages show the new articles now (unless the sidebar filters hide them).")

"""Articles: metadata, text with the extracted figures highlighted (safely), and the facts table."""

from __future__ import annotations

import streamlit as st

from analysis import views
from levee_ui import app, rendering, widgets
from levee_ui.rendering import md

ctx = app.context()
st.title("Articles")

listing, labels = ctx.article_listing()  # built once per store state and filters
if listing.empty:
    rendering.empty(ctx, "articles")
    st.stop()
widgets.table(listing.drop(columns=["article_id", "ingested_at"]), "articles", "articles_list")

article_id = widgets.article_picker(listing, labels=labels)
if article_id is None:
    st.stop()
picked = listing.loc[listing["article_id"] == article_id, "File"]  # relative to their folder
file = picked.iloc[0] if len(picked) else None
meta = ctx.article(article_id) or {}  # its stored row alone (missing values as None)
figures = ctx.article_figures(article_id, comparison=False)  # its filtered figures only, not every mention of the view
mentions = figures.mentions

st.subheader(md(meta.get("title") or file or article_id))
cols = st.columns(4)
cols[0].metric("Publisher", md(views.publisher_label(meta.get("publisher"))))
cols[1].metric(
    "Published",
    md(views.format_date(meta.get("published"), meta.get("published_precision") or "day") or "–"),
    help=md(f"precision: {meta.get('published_precision') or '–'}"),
)
cols[2].metric("Language", md(meta.get("language") or "–"))
cols[3].metric("Figures", len(mentions))
url = meta.get("url")
st.caption(md(f"File: {file or '–'} · id {article_id}" + (f" · {url}" if isinstance(url, str) and url else "")))

text = ctx.article_text(article_id, meta.get("file"))
with st.container(border=True, height=420):
    if text:
        rendering.show_segments(views.highlight_segments(text, views.article_spans(mentions, article_id)))
    else:
        st.caption("The article text is not in the store; its figures' sentences:")
        for sentence in mentions["sentence"].dropna().unique():
            st.text(sentence)
st.caption("Highlighted: extracted figures (green = announced, orange = reported/rumour); hover for what was read.")

st.subheader("Facts")
facts = views.facts_table(mentions, article_id)
if facts.empty:
    st.info("No figure was extracted from this article" + (" under the current filters." if ctx.filters.active else "."))
else:
    widgets.table(facts, f"facts_{article_id}", "article_facts")

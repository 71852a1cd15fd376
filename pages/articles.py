"""Articles: metadata, text with the extracted figures highlighted (safely), and the facts table."""

from __future__ import annotations

import streamlit as st

from analysis import views
from levee_ui import app, rendering, widgets
from levee_ui.rendering import md

ctx = app.context()
st.title("Articles")

# one page of the list is read, sorted, counted and searched in DuckDB: never the whole store
linked = st.query_params.get("article")  # a link from another page (the Review page's evidence)
words = widgets.typed_words("article_query")
offset = widgets.page_offset(None, widgets.PAGE_ROWS, "articles_list")
page = ctx.article_listing(words, offset=offset, limit=widgets.PAGE_ROWS, linked=linked)
if words and page.total <= views.ARTICLE_CHOICES:  # words typed in a larger view: no search box here
    words = ()
    page = ctx.article_listing(words, offset=offset, limit=widgets.PAGE_ROWS, linked=linked)
if page.total == 0:
    rendering.empty(ctx, "articles")
    st.stop()
if offset and offset >= page.matching:  # fewer rows than the page picked: the last page
    offset = widgets.page_offset(page.matching, widgets.PAGE_ROWS, "articles_list")
    page = ctx.article_listing(words, offset=offset, limit=widgets.PAGE_ROWS, linked=linked)
widgets.article_query(page.total)
if words:
    st.caption(md(f"{page.matching:,} of {page.total:,} articles match."))
if page.matching == 0:
    st.info(md(f"No article of the current view holds every word of “{' '.join(words)}”."))
    st.stop()
listing = page.rows
widgets.page_table(listing, page.matching, offset, lambda: ctx.article_listing(words).rows, "articles",
                   "articles_list", limit=widgets.PAGE_ROWS, hidden=["article_id", "ingested_at"])

# the picker: the linked article, else the latest addition (an upload shows at once), then the page's newest
default_id = linked if page.linked else page.latest if page.latest and not words else str(listing["article_id"].iloc[0])
labels = dict(list(page.labels.items())[:views.ARTICLE_CHOICES])
if default_id not in labels:
    labels = {**ctx.article_labels([default_id]), **labels}
if page.matching > len(labels):
    st.caption(md(f"The picker lists the {len(labels)} newest articles of the page shown; "
                  "type words above to find another."))
article_id = widgets.article_picker(labels, default_id, linked=page.linked)
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

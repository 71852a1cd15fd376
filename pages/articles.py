"""Articles: metadata, text with the extracted figures highlighted (safely), and the facts table."""

from __future__ import annotations

import streamlit as st

import levee_ui
from analysis import views
from analysis.views import md_escape as md

ctx = levee_ui.context()
st.title("Articles")

listing = views.articles_table(ctx.view.articles, ctx.view.mentions)
if listing.empty:
    levee_ui.empty(ctx, "articles")
    st.stop()

levee_ui.table(listing.drop(columns=["article_id", "ingested_at"]), "articles", "articles_list")


def _label(row) -> str:
    when = views.fmt_date(row.Published, row.Precision if isinstance(row.Precision, str) else "day")
    title = row.Title if isinstance(row.Title, str) and row.Title.strip() else row.File
    return f"{when or 'undated'} · {row.Publisher} · {title}"


labels = {row.article_id: _label(row) for row in listing.itertuples()}
files = dict(zip(listing["article_id"], listing["File"], strict=True))  # relative to the articles' folder
ids = list(labels)
# the latest addition to the store is shown first (an upload appears at once), else the newest article
added = listing["ingested_at"]
default_id = ids[int(added.idxmax()) if added.notna().any() else 0]  # ties: the first, newest published
linked = st.query_params.get("article")  # a link from another page (the Review page's evidence)
if linked in labels:
    default_id = linked
    if st.session_state.get("_article_linked") != linked:  # a new link wins over the last pick
        st.session_state["_article_linked"] = linked
        st.session_state.pop("article_pick", None)
if len(ids) > views.ARTICLE_CHOICES:  # thousands of labels would travel with every rerun: search, then pick
    query = st.text_input("Find an article", key="article_query", placeholder="Words of its title, publisher or file")
    matching = views.search_labels(labels, query)
    if not matching:
        st.info(md(f"No article of the current view matches “{query}”."))
        st.stop()
    current = st.session_state.get("article_pick")
    first = [i for i in (current, default_id) if i in matching]
    choices = list(dict.fromkeys([*first, *matching[:views.ARTICLE_CHOICES]]))
    listed = min(len(matching), views.ARTICLE_CHOICES)
    st.caption(md(f"{len(matching):,} articles match; the {listed} newest are listed."))
else:
    choices = ids
if st.session_state.get("article_pick") not in choices:
    st.session_state.pop("article_pick", None)
default = default_id if default_id in choices else choices[0]
article_id = st.selectbox(
    "Article", choices, index=choices.index(default), format_func=labels.get, key="article_pick"
)

meta = views.records(ctx.view.articles[ctx.view.articles["article_id"] == article_id])[0]  # missing -> None
st.subheader(md(meta.get("title") or files.get(article_id) or article_id))
cols = st.columns(4)
cols[0].metric("Publisher", md(views.publisher_label(meta.get("publisher"))))
cols[1].metric(
    "Published",
    md(views.fmt_date(meta.get("published"), meta.get("published_precision") or "day") or "–"),
    help=md(f"precision: {meta.get('published_precision') or '–'}"),
)
cols[2].metric("Language", md(meta.get("language") or "–"))
cols[3].metric("Figures", int((ctx.view.mentions["article_id"] == article_id).sum()))
url = meta.get("url")
st.caption(
    md(f"File: {files.get(article_id) or '–'} · id {article_id}" + (f" · {url}" if isinstance(url, str) and url else ""))
)

text = levee_ui.article_text(str(ctx.db), levee_ui.store_token(ctx.db), article_id, meta.get("file"))
spans = views.article_spans(ctx.view.mentions, article_id)
with st.container(border=True, height=420):
    if text:
        levee_ui.show_segments(views.highlight_segments(text, spans))
    else:
        st.caption("The article text is not in the store; its figures' sentences:")
        for sentence in (
            ctx.view.mentions.loc[ctx.view.mentions["article_id"] == article_id, "sentence"].dropna().unique()
        ):
            st.text(sentence)
st.caption(
    "Highlighted: extracted figures (green = announced, orange = reported/rumour); hover for what was read."
)

st.subheader("Facts")
facts = views.facts_table(ctx.view.mentions, article_id)
if facts.empty:
    st.info(
        "No figure was extracted from this article"
        + (" under the current filters." if ctx.filters.active else ".")
    )
else:
    levee_ui.table(facts, f"facts_{article_id}", "article_facts")

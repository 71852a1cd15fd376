"""The dashboard in Streamlit's AppTest: every page renders on the seeds, filters change
what is shown, query parameters restore filters, a source-comparison cell shows its sentence.

The seeds are ingested once into a temporary store (``LEVEE_DB``) through
``analysis.ingest``; the app then finds them stored and only reads.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
PAGES = {
    "overview": "pages/overview.py",
    "timeline": "pages/timeline.py",
    "cap_table": "pages/cap-table.py",
    "sources": "pages/sources.py",
    "articles": "pages/articles.py",
    "data": "pages/data.py",
    "company": "pages/company.py",
    "investor": "pages/investor.py",
    "review": "pages/review.py",
}
TIMEOUT = 120


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    db = tmp_path_factory.mktemp("apptest") / "levee.duckdb"
    _seed(db)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LEVEE_DB", str(db))
        yield db


def _seed(db: Path) -> None:
    """The seeds, with their manifest, into the store at ``db``."""
    from analysis.ingest import ingest

    ingest([ROOT / "seeds"], manifest=ROOT / "seeds" / "manifest.csv", db=db)


def _seed_with_fixtures(db: Path) -> None:
    """The seeds (without their manifest) and the test articles into the store at ``db``."""
    from analysis.ingest import ingest

    ingest([ROOT / "seeds", ROOT / "tests" / "fixtures" / "articles"], db=db)


def _limit(monkeypatch: pytest.MonkeyPatch, name: str, value: int) -> None:
    """Set the constant ``name`` of ``analysis.views`` to ``value``, where the pages read it and in
    the module of the package that defines it (which reads its own)."""
    import sys

    from analysis import views

    monkeypatch.setattr(views, name, value)
    for module in [m for n, m in sys.modules.items() if n.startswith("analysis.views.")]:
        if hasattr(module, name):
            monkeypatch.setattr(module, name, value)


def _app(query: dict[str, str | list[str]] | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def _ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _plain(markdown: str) -> str:
    """Markdown text as shown: the app backslash-escapes data it puts in Markdown."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _metrics(at) -> dict[str, str]:
    return {m.label: _plain(m.value) for m in at.metric}


def _infos(at) -> list[str]:
    return [_plain(i.value) for i in at.info]


def test_every_page_renders_on_the_seeds(seeded_store: Path) -> None:
    assert os.environ["LEVEE_DB"] == str(seeded_store)
    at = _app()
    _ok(at)
    assert [t.value for t in at.title] == ["Overview"]
    m = _metrics(at)
    assert m["Latest post-money valuation"] == "€11.7 bn"
    assert m["Rounds"] == "4"
    assert m["Sources"] == "5"
    rounds = at.dataframe[0].value
    assert len(rounds) == 4
    assert "€1.7 bn" in set(rounds["Amount"])
    assert "€11.7 bn" in set(rounds["Post-money"])
    # unknown amounts say so, never 0
    assert "unknown" in set(rounds["Amount"])

    at.switch_page(PAGES["timeline"]).run()
    _ok(at)
    assert [e.type for e in at.get("plotly_chart")] == ["plotly_chart"]
    points = at.dataframe[0].value
    assert 11.7e9 in set(points["Value (EUR)"])
    assert set(points["Status"]) == {"announced", "reported"}
    at.radio(key="tl_currency").set_value("USD").run()
    _ok(at)
    assert 6e9 in set(at.dataframe[0].value["Value (USD)"])
    at.toggle(key="tl_log").set_value(True).run()
    _ok(at)

    at.switch_page(PAGES["cap_table"]).run()
    _ok(at)
    matrix = at.dataframe[0].value
    assert any(str(cell).startswith("★ €1.3 bn") and "11 %" in str(cell) for cell in matrix["ASML"])
    assert "unknown" in set(matrix.drop(columns=["Round", "ASML"]).to_numpy().ravel())
    holdings = at.dataframe[2].value
    asml = holdings[holdings["Investor"] == "ASML"]["Stake %"]
    assert asml.iloc[-1] == pytest.approx(11, abs=0.5)

    at.switch_page(PAGES["sources"]).run()
    _ok(at)
    grid = at.dataframe[0].value
    assert {"Round", "Field", "Consensus", "Gate", "Differences"} <= set(grid.columns)
    assert "Select a cell" in " ".join(_infos(at))

    at.switch_page(PAGES["articles"]).run()
    _ok(at)
    body = at.get("html")[0].value
    assert "<mark" in body and "1,7 milliard d&#x27;euros</mark>" in body
    assert len(at.dataframe[0].value) == 5

    at.switch_page(PAGES["data"]).run()
    _ok(at)
    labels = [t.label for t in at.tabs]
    assert labels[0] == "articles (5)" and labels[2] == "rounds (4)" and labels[1].startswith("mentions (")
    # lazy tabs: only the open one is built, with its downloads
    assert {b.key for b in at.get("download_button")} == {"csv_data_articles", "parquet_data_articles"}
    at.session_state["data_tab"] = "rounds (4)"
    at.run()
    _ok(at)
    assert {b.key for b in at.get("download_button")} == {"csv_data_rounds", "parquet_data_rounds"}
    assert len(at.dataframe[0].value) == 4


def test_publisher_01net_leaves_only_its_valuation(seeded_store: Path) -> None:
    at = _app()
    at.multiselect(key="f_publisher").select("01net").run()
    _ok(at)
    assert at.query_params == {"publisher": "01net"}
    assert "No rounds match: publisher = 01net removes all 4 rounds." in _infos(at)
    m = _metrics(at)
    assert m["Rounds"] == "0"
    assert m["Latest post-money valuation"] == "$6 bn"
    assert m["Sources"] == "1"

    at.switch_page(PAGES["timeline"]).run()
    _ok(at)
    points = at.dataframe[0].value
    # Mistral AI's valuation, and OpenAI's that the article names in passing ("loin des 300 milliards d'OpenAI").
    assert dict(zip(points["Company"], points["As stated"], strict=True)) == {"Mistral AI": "$6 bn", "OpenAI": "$300 bn"}
    assert set(points["Source"]) == {"01net"}

    for page, name in (("cap_table", "investments"), ("sources", "source comparisons")):
        at.switch_page(PAGES[page]).run()
        _ok(at)
        assert f"No {name} match: publisher = 01net removes all" in " ".join(_infos(at))

    at.switch_page(PAGES["data"]).run()
    _ok(at)
    labels = [t.label for t in at.tabs]
    assert "rounds (0)" in labels and "valuations (2)" in labels  # Mistral AI's and OpenAI's
    # the filters survive page changes, in the widget and in the URL
    assert at.multiselect(key="f_publisher").value == ["01net"]
    assert at.query_params == {"publisher": "01net"}


def test_query_parameters_restore_filters(seeded_store: Path) -> None:
    at = _app({"publisher": "01net"})
    _ok(at)
    assert at.multiselect(key="f_publisher").value == ["01net"]
    assert "No rounds match: publisher = 01net removes all 4 rounds." in _infos(at)

    at = _app({"status": "reported", "lang": "fr"})
    _ok(at)
    assert at.multiselect(key="f_status").value == ["reported"]
    assert at.multiselect(key="f_lang").value == ["fr"]
    assert "No rounds match: status = reported removes all 4 rounds." in _infos(at)

    at = _app({"from": "2025-01-01"})
    _ok(at)
    assert at.date_input(key="f_dates").value[0].isoformat() == "2025-01-01"
    assert _metrics(at)["Sources"] == "4"
    assert at.query_params == {"from": "2025-01-01"}

    # a value the store doesn't know is dropped with a warning, not an exception
    at = _app({"publisher": ["01net", "Nope Daily"], "company": "Mistral AI"})
    _ok(at)
    assert at.multiselect(key="f_publisher").value == ["01net"]
    assert any("Nope Daily" in _plain(w.value) for w in at.warning)
    assert at.query_params == {"publisher": "01net", "company": "Mistral AI"}


def test_selecting_a_comparison_cell_shows_the_sentence(seeded_store: Path) -> None:
    at = _app()
    at.switch_page(PAGES["sources"]).run()
    grid = at.dataframe[0].value
    row = next(i for i, r in grid.iterrows() if r["Field"] == "amount" and "Sep 2025" in r["Round"])
    assert "€1.7 bn" in grid.loc[row, "Gate"].split("; ")  # with its dollar restatement, in either order
    at.session_state["sc_grid"] = {"selection": {"rows": [], "columns": [], "cells": [(row, "Gate")]}}
    at.run()
    _ok(at)
    assert any(_plain(s.value).endswith("· amount") for s in at.subheader)
    body = " ".join(h.value for h in at.get("html"))
    assert "<mark" in body and "1,7 milliard d&#x27;euros</mark>" in body
    if "$2 bn" in grid.loc[row, "Gate"]:  # the same amount restated in dollars, shown in its sentence
        assert "$2 billion</mark>" in body

    # selecting the whole row shows every source's sentence
    at.session_state["sc_grid"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    _ok(at)
    assert len(at.get("html")) >= 3


def test_article_data_is_never_markup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Titles, publishers and text that look like HTML / Markdown show as text."""
    import datetime as dt

    from analysis.corpus import read_article
    from analysis.ingest import ingest_articles
    from analysis.model import ArticleMeta

    evil = tmp_path / "evil.txt"
    evil.write_text(
        "Evil Corp raised $5 million <script>alert(1)</script> <img src=x onerror=alert(2)> "
        "[link](javascript:alert(3)) in a round led by Bold Capital.\n",
        encoding="utf-8",
    )
    title = "<b>Evil</b> [t](javascript:x) $x$ :red[boom]"
    meta = ArticleMeta(
        publisher=":red[Evil] Press", title=title, published=dt.date(2026, 1, 1), published_precision="day"
    )
    db = tmp_path / "evil.duckdb"
    _seed(db)
    ingest_articles([read_article(evil, meta)], db=db)
    monkeypatch.setenv("LEVEE_DB", str(db))

    at = _app()
    _ok(at)
    at.switch_page(PAGES["articles"]).run()
    _ok(at)
    assert _plain(at.subheader[0].value) == title
    assert "\\[" in at.subheader[0].value and "\\<b\\>" in at.subheader[0].value
    bodies = " ".join(h.value for h in at.get("html"))
    assert "<script" not in bodies and "<img" not in bodies
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in bodies
    assert _metrics(at)["Publisher"] == ":red[Evil] Press"


def _paged_table_app() -> None:
    """A page with one 25-row table, pages of 10 rows, a column empty on the first two pages
    (run by AppTest from this function)."""
    import pandas as pd
    import streamlit as st

    from levee_ui import widgets

    frame = pd.DataFrame({"n": range(25), "late": ["" if i < 20 else "x" for i in range(25)]})
    picked = widgets.table(
        frame, "numbers", "numbers", page_rows=10, sparse=["late"], on_select="rerun", selection_mode="single-row"
    )
    st.session_state["picked"] = picked.rows if picked else None


def test_a_long_table_shows_one_page_and_downloads_every_row() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_paged_table_app, default_timeout=TIMEOUT).run()
    _ok(at)
    assert at.dataframe[0].value["n"].tolist() == list(range(10))
    assert "late" not in at.dataframe[0].value.columns  # empty on this page: left out
    assert any("Rows 1–10 of 25" in c.value for c in at.caption)
    at.number_input(key="page_numbers").set_value(3).run()
    _ok(at)
    assert at.dataframe[0].value["n"].tolist() == [20, 21, 22, 23, 24]
    assert at.dataframe[0].value["late"].tolist() == ["x"] * 5
    # a row selected on page 3 is reported in whole-table positions
    at.session_state["numbers"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    at.run()
    assert at.session_state["picked"] == [21]
    csv = at.get("download_button")[0]
    assert csv.proto.label == "⬇ CSV"


def test_pages_pick_one_company_when_the_filters_leave_several(tmp_path: Path, monkeypatch) -> None:
    """Cap table and source comparison are per company; the timeline charts the most reported
    companies when there are more than it can draw legibly."""

    db = tmp_path / "levee.duckdb"
    _seed_with_fixtures(db)
    monkeypatch.setenv("LEVEE_DB", str(db))
    _limit(monkeypatch, "CHART_COMPANIES", 1)
    at = _app()
    at.switch_page(PAGES["cap_table"]).run()
    _ok(at)
    picker = at.selectbox(key="cap_company")
    assert picker.value == "Mistral AI" and len(picker.options) > 1
    other = picker.options[1]
    picker.set_value(other).run()
    _ok(at)
    assert any(_plain(s.value).startswith(other) for s in at.subheader)

    at.switch_page(PAGES["sources"]).run()
    _ok(at)
    assert at.selectbox(key="sc_company").value == "Mistral AI"
    assert "Gate" in at.dataframe[0].value.columns

    at.switch_page(PAGES["timeline"]).run()
    _ok(at)
    charted = at.multiselect(key="tl_companies")
    assert charted.value == ["Mistral AI"] and len(charted.options) > 1
    assert set(at.dataframe[0].value["Company"]) == {"Mistral AI"}


def test_long_company_lists_offer_the_most_reported_and_take_any_typed_name(tmp_path: Path, monkeypatch) -> None:
    """Thousands of company names would travel with every rerun: the sidebar and the pickers
    list the most reported ones and take any other typed in, in any case."""
    from analysis import load, views

    db = tmp_path / "levee.duckdb"
    _seed_with_fixtures(db)
    monkeypatch.setenv("LEVEE_DB", str(db))
    _limit(monkeypatch, "COMPANY_CHOICES", 1)
    companies = views.filter_options(load(db))["companies"]
    other = next(c for c in companies if c != "Mistral AI")
    at = _app()
    _ok(at)
    sidebar = at.multiselect(key="f_company")
    assert sidebar.options == ["Mistral AI"]
    sidebar.set_value([other.upper()]).run()  # typed, in another case
    _ok(at)
    assert at.multiselect(key="f_company").value == [other]
    assert at.query_params["company"] in (other, [other])
    at.multiselect(key="f_company").set_value(["No Such Company"]).run()
    assert at.multiselect(key="f_company").value == []
    assert any("No company of that name in the store: No Such Company" in _plain(w.value) for w in at.warning)

    at.switch_page(PAGES["cap_table"]).run()
    _ok(at)
    picker = at.selectbox(key="cap_company")
    assert picker.options == ["Mistral AI"]
    cap_companies = views.ranked_companies(load(db).investments)
    typed = next(c for c in cap_companies if c != "Mistral AI")
    # what typing a name in leaves in the session (AppTest itself only picks listed options)
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.session_state["cap_company"] = typed.lower()
    at.switch_page(PAGES["cap_table"]).run()
    _ok(at)
    assert at.selectbox(key="cap_company").value == typed
    assert any(_plain(s.value).startswith(typed) for s in at.subheader)


def test_many_articles_are_searched_before_they_are_picked(seeded_store: Path, monkeypatch) -> None:

    _limit(monkeypatch, "ARTICLE_CHOICES", 2)
    at = _app()
    at.switch_page(PAGES["articles"]).run()
    _ok(at)
    assert len(at.selectbox(key="article_pick").options) == 2
    assert any("The picker lists the 2 newest articles" in _plain(c.value) for c in at.caption)
    assert len(at.dataframe[0].value) == 5  # the list shows them all; the picker, the newest
    at.text_input(key="article_query").set_value("01net").run()
    _ok(at)
    options = at.selectbox(key="article_pick").options
    assert len(options) == 1 and "01net" in options[0]
    assert any("01net" in _plain(m.value) for m in at.metric)
    assert any("1 of 5 articles match." in _plain(c.value) for c in at.caption)
    assert len(at.dataframe[0].value) == 1  # the list is searched too
    at.text_input(key="article_query").set_value("zzzz nothing").run()
    _ok(at)
    assert any("No article of the current view holds every word of" in _plain(i.value) for i in at.info)


def test_a_long_article_list_is_read_a_page_at_a_time(seeded_store: Path, monkeypatch) -> None:
    from levee_ui import widgets

    monkeypatch.setattr(widgets, "PAGE_ROWS", 2)
    at = _app()
    at.switch_page(PAGES["articles"]).run()
    _ok(at)
    first = at.dataframe[0].value
    assert len(first) == 2 and any("Rows 1–2 of 5" in _plain(c.value) for c in at.caption)
    at.number_input(key="page_articles_list").set_value(3).run()
    _ok(at)
    last = at.dataframe[0].value
    assert len(last) == 1 and any("Rows 5–5 of 5" in _plain(c.value) for c in at.caption)
    assert not set(last["Title"]) & set(first["Title"])


# -- dates at their precision, blank missing cells, files relative ----------------------

BAD_CELLS = {"None", "nan", "NaN", "NaT", "<NA>", "null"}


def _check_shown_tables(at, where: str) -> None:
    """Every table on screen: missing values blank (the placeholder), no "None"/"nan"/"NaT"
    text, no precision column (the date reads at its precision instead)."""
    for df in at.dataframe:
        assert df.proto.HasField("placeholder") and df.proto.placeholder == "", where
        frame = df.value
        assert not [c for c in frame.columns if str(c).lower().endswith("precision")], (where, list(frame.columns))
        bad = [(c, v) for c in frame.columns for v in frame[c] if isinstance(v, str) and v.strip() in BAD_CELLS]
        assert not bad, (where, bad)


def _spy_downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """file name -> the callable a download button would call (the CSV the user gets)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    captured: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        captured[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return captured


def test_dates_read_at_their_precision_and_the_csv_keeps_iso(seeded_store: Path, monkeypatch) -> None:
    import csv
    import io

    downloads = _spy_downloads(monkeypatch)
    at = _app()
    _ok(at)
    rounds = at.dataframe[0].value
    assert "Precision" not in rounds.columns
    year = rounds[rounds["Date"] == "2024"]
    assert len(year) == 1 and year["Round"].iloc[0] == "round · 2024"  # a year-precision round
    assert list(rounds["Date"]) == ["Dec 2023", "2024", "Feb 2024", "9 Sep 2025"]  # in date order
    assert "unknown" in set(rounds["Post-money"]) and "" not in set(rounds["Post-money"])
    # its CSV download: ISO dates and their precision
    data = downloads["rounds.csv"]()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    by_date = {r["Date"]: r for r in rows}
    assert by_date["2024-01-01"]["Precision"] == "year" and by_date["2023-12-01"]["Precision"] == "month"
    assert [r["Date"] for r in rows] == ["2023-12-01", "2024-01-01", "2024-02-01", "2025-09-09"]
    _check_shown_tables(at, "overview")


def _plotted(spec: str) -> dict:
    """A Plotly figure's JSON with its typed arrays ({"dtype", "bdata"}) read back as lists."""
    import base64
    import json

    import numpy as np

    def decode(value):
        if isinstance(value, dict) and set(value) >= {"dtype", "bdata"}:
            return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
        if isinstance(value, dict):
            return {k: decode(v) for k, v in value.items()}
        if isinstance(value, list):
            return [decode(v) for v in value]
        return value

    return decode(json.loads(spec))


def test_a_month_precision_valuation_spans_its_month_on_the_chart(seeded_store: Path) -> None:
    at = _app()
    at.switch_page(PAGES["timeline"]).run()
    _ok(at)
    points = at.dataframe[0].value
    assert "Dec 2023" in set(points["Date"]) and "2023-12-01" not in " ".join(points["Date"])
    spec = _plotted(at.get("plotly_chart")[0].proto.spec)
    # the Mistral AI valuation of December 2023 (€2 bn), a month-precision figure
    markers = [t for t in spec["data"] if t.get("mode") == "markers" and "sources" in t.get("name", "")]
    dec = [
        (t, i) for t in markers for i, c in enumerate(t["customdata"]) if c[-1] == "Dec 2023" and t["y"][i] == 2e9
    ]
    assert len(dec) == 1
    trace, i = dec[0]
    assert trace["x"][i].startswith("2023-12-16")  # the middle of its month, not the 1st
    assert "%{customdata[6]}" in trace["hovertemplate"] and "%{x|" not in trace["hovertemplate"]
    spans = [t for t in spec["data"] if t.get("name", "").endswith("date span")]
    segments = [
        (t["x"][k], t["x"][k + 1]) for t in spans for k in range(0, len(t["x"]) - 1, 3) if t["y"][k] == 2e9
    ]
    assert any(a.startswith("2023-12-01") and b.startswith("2023-12-31") for a, b in segments), segments
    # the year-precision round: its post-money spans 2024, its hover says "2024"
    posts = [t for t in spec["data"] if t.get("name", "").endswith("post-money")]
    assert any(c[-1] == "2024" for t in posts for c in t["customdata"])
    _check_shown_tables(at, "timeline")


def test_no_table_shows_none_nan_or_nat_and_files_are_relative(seeded_store: Path) -> None:
    at = _app()
    _ok(at)
    for page in ("timeline", "cap_table", "sources", "articles", "data"):
        at.switch_page(PAGES[page]).run()
        _ok(at)
        _check_shown_tables(at, page)
        if page == "articles":
            listing = at.dataframe[0].value
            assert all(f and "/" not in f for f in listing["File"])  # seeds/… read relative to the seeds
            assert any(_plain(c.value).startswith("File: 0") for c in at.caption)
        if page == "data":
            for tab in [t.label for t in at.tabs]:
                at.session_state["data_tab"] = tab
                at.run()
                _ok(at)
                _check_shown_tables(at, f"data {tab}")
                frame = at.dataframe[0].value if at.dataframe else None
                if frame is not None and "published" in frame.columns:
                    assert not any(re.match(r"\d{4}-\d{2}-\d{2}", str(v)) for v in frame["published"]), tab


def test_profile_and_review_pages_render_on_the_seeds(seeded_store: Path) -> None:
    at = _app({"company": "Mistral AI"})
    at.switch_page(PAGES["company"]).run()
    _ok(at)
    assert "Mistral AI" in [h.value for h in at.header]
    m = _metrics(at)
    assert m["Rounds"] == "4" and m["Latest valuation"] == "€11.7 bn"
    assert len(at.dataframe[0].value) == 4  # its rounds

    at = _app({"investor": "ASML"})
    at.switch_page(PAGES["investor"]).run()
    _ok(at)
    assert "ASML" in [h.value for h in at.header]
    portfolio = at.dataframe[0].value
    assert list(portfolio["Company"]) == ["Mistral AI"] and list(portfolio["Role"]) == ["led"]

    at = _app()
    at.switch_page(PAGES["review"]).run()
    _ok(at)
    # 4 rounds, 11 investors named in them, 6 valuation figures (OpenAI's included)
    assert "21 facts." in " ".join(c.value for c in at.caption)
    facts = at.dataframe[0].value  # the first page (another test shortens the pages)
    assert set(facts["Fact"]) == {"round", "investor", "valuation"}
    confidence = facts["Confidence"].astype(float)
    assert confidence.between(0, 1).all() and list(confidence) == sorted(confidence)  # lowest first


#: What each page reads of the store on its first visit (no filter, nothing picked): the frames
#: its views use, and nothing else.
FIRST_VISIT_READS = {
    "overview": set(),  # summed up in DuckDB, the latest rounds only: no frame is read
    "timeline": {"articles", "rounds", "valuations"},
    "cap_table": {"rounds", "investments"},
    "sources": {"articles", "rounds", "source_comparison"},
    "company": set(),  # no company chosen: the name list is counted in DuckDB, no frame is read
    "investor": set(),
    "review": set(),  # the facts to check: sorted and counted in DuckDB, the listed ones' rows only
    "articles": set(),  # one page of the list: paged, counted and searched in DuckDB; then the picked article's rows
    "data": {"articles"},  # the open tab's frame (articles, the first tab); the other tabs are counted
}

#: The pages whose frames are read for the companies they show only (ranked in DuckDB first).
NARROWED_TO_COMPANIES = {"timeline", "cap_table", "sources"}


@pytest.fixture
def spied_reads(seeded_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """A copy of the seeded store (nothing of it cached yet) whose reads are recorded: one
    ``(frame name, selection)`` per frame ``store.read_selection`` reads; reading every frame
    at once (``store.read_frames``) fails the test."""
    import shutil

    from analysis import store

    db = tmp_path / "levee.duckdb"
    shutil.copy(seeded_store, db)
    monkeypatch.setenv("LEVEE_DB", str(db))
    reads: list[tuple[str, object]] = []
    read_selection = store.read_selection

    def spy(db, selection=None, *, names=store.fr.FRAME_NAMES, **kwargs):
        reads.extend((name, selection) for name in names)
        return read_selection(db, selection, names=names, **kwargs)

    def whole_store(*args, **kwargs):
        raise AssertionError("the dashboard read every frame of the store")

    monkeypatch.setattr(store, "read_selection", spy)
    monkeypatch.setattr(store, "read_frames", whole_store)
    return reads


def test_the_overview_sums_up_in_the_store_once(
    spied_reads: list[tuple[str, object]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Overview's first visit reads no frame: its figures, the latest rounds of its table and
    its most reported companies are summed up in DuckDB in one call (the selection worked out
    once); a rerun asks nothing again, and a filter asks for the filtered figures."""
    from analysis import store

    asked: list[tuple[str, object]] = []
    for name in ("overview", "latest_rounds", "name_counts"):
        def spy(*args: object, _name: str = name, _real: object = getattr(store, name), **kwargs: object) -> object:
            asked.append((_name, args[1] if len(args) > 1 else kwargs.get("selection")))
            return _real(*args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(store, name, spy)
    at = _app()
    _ok(at)
    assert spied_reads == [] and [name for name, _ in asked] == ["overview"]
    assert at.metric[2].value == str(store.count_selection(os.environ["LEVEE_DB"], names=("rounds",))["rounds"])
    at.run()  # a rerun asks nothing again
    _ok(at)
    assert len(asked) == 1

    publisher = store.choices(os.environ["LEVEE_DB"], top=1)["publishers"][0]
    at.multiselect(key="f_publisher").set_value([publisher]).run()
    _ok(at)
    filtered = asked[1:]
    assert [name for name, _ in filtered] == ["overview"]
    assert all(selection.publishers == (publisher,) for _, selection in filtered)
    assert spied_reads == []


@pytest.mark.parametrize("page", sorted(FIRST_VISIT_READS))
def test_a_page_reads_only_the_frames_it_shows(spied_reads: list[tuple[str, object]], page: str) -> None:
    from levee_ui import state

    at = _app()
    _ok(at)
    state.refresh()  # forget what the Overview read: the page's own first visit
    spied_reads.clear()
    at.switch_page(PAGES[page]).run()
    _ok(at)
    assert {name for name, _ in spied_reads} == FIRST_VISIT_READS[page], spied_reads
    if page in NARROWED_TO_COMPANIES:  # the rows of the company picked (or charted), not the store's
        assert all(selection is not None and selection.companies for _, selection in spied_reads), spied_reads


def test_a_reviewed_round_is_anchored_in_its_articles(seeded_store: Path) -> None:
    """Picking a fact anchors it among the store's mentions of its round (read for it alone):
    its sentences show and the actions offer a merge with the company's other rounds."""
    at = _app()
    at.switch_page(PAGES["review"]).run()
    _ok(at)
    picker = at.selectbox(key="rv_fact_typed")
    first_round = next(i for i, label in enumerate(picker.options) if label.startswith("round"))  # labels shown
    picker.set_value(first_round).run()
    _ok(at)
    assert not [w for w in at.warning if "no span" in w.value]
    assert at.selectbox[-1].options  # "Merge with": the company's other rounds
    assert any(b.label == "Merge the two rounds" for b in at.button)

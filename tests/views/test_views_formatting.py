"""analysis.views.formatting: money, dates at their precision, screen and CSV tables, escaping."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st
from views_support import D

from analysis.frames import is_missing
from analysis.views import formatting as F


def test_format_pct_and_dates() -> None:
    assert F.format_pct(11.0) == "11 %"
    assert F.format_pct(11.11) == "11.1 %"
    assert F.format_pct(None) == ""
    assert F.format_date(D(2025, 9, 9), "day") == "9 Sep 2025"
    assert F.format_date("2025-09-01", "month") == "Sep 2025"
    assert F.format_date(pd.Timestamp("2024-01-01"), "year") == "2024"
    assert F.format_date(None) == ""


def test_period_of_each_precision() -> None:
    assert F.period("2024-02-10", "month") == (pd.Timestamp("2024-02-01"), pd.Timestamp("2024-02-29"))
    assert F.period(D(2024, 1, 1), "year") == (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-12-31"))
    assert F.period("2025-09-09", "day") == (pd.Timestamp("2025-09-09"), pd.Timestamp("2025-09-09"))
    assert F.period(D(2024, 3, 5), None) == (pd.Timestamp("2024-03-05"), pd.Timestamp("2024-03-05"))
    assert F.period(None, "day") is None


def test_md_escape_makes_data_literal() -> None:
    text = "[click](javascript:alert(1)) $x$ :red[hi] <b>x</b> a_b *c*\nnext"
    out = F.md_escape(text)
    assert "\n" not in out
    for raw in ("[", "]", "(", ")", "$", ":", "<", ">", "_", "*"):
        assert raw not in out.replace("\\" + raw, "")
    assert re.sub(r"\\(.)", r"\1", out) == text.replace("\n", " ")


def test_relative_paths_from_the_folder_ingested(tmp_path: Path) -> None:
    a, b = tmp_path / "news" / "2024" / "a.txt", tmp_path / "news" / "2025" / "b.txt"
    assert F.relative_paths([str(a), str(b), None]) == ["2024/a.txt", "2025/b.txt", ""]
    assert F.relative_paths(["seeds/x.txt", str(Path.cwd() / "data" / "uploads" / "y.txt")]) == [
        "seeds/x.txt", "data/uploads/y.txt"]  # fmt: skip
    assert F.relative_paths([str(a)]) == ["a.txt"]
    # one page of a table keeps the folders of the whole table
    assert F.relative_paths([str(a)], among=[str(a), str(b)]) == ["2024/a.txt"]


def test_screen_shows_dates_at_their_precision_and_missing_text_blank() -> None:
    table = pd.DataFrame({
        "Date": pd.to_datetime(["2023-12-01", "2024-01-01", None]), "Precision": ["month", "year", None],
        "Note": ["x", None, "z"], "ingested_at": pd.to_datetime(["2025-10-01 12:00"] * 3),
    })  # fmt: skip
    shown = F.screen(table)
    assert list(shown.columns) == ["Date", "Note", "ingested_at"]  # a timestamp is no date
    assert list(shown["Date"]) == ["Dec 2023", "2024", ""]
    assert list(shown["Note"]) == ["x", "", "z"]


def test_csv_frame_keeps_iso_dates_and_neutralises_formulas() -> None:
    table = pd.DataFrame({
        "Date": pd.to_datetime(["2024-01-01"]), "Precision": ["year"], "Title": ["=HYPERLINK(\"x\")"],
        "Value": [-3.0],
    })  # fmt: skip
    csv = F.csv_frame(table)
    assert csv.loc[0, "Date"] == "2024-01-01" and csv.loc[0, "Precision"] == "year"
    assert csv.loc[0, "Title"] == "'=HYPERLINK(\"x\")"  # a spreadsheet shows it as text
    assert csv.loc[0, "Value"] == -3.0  # a number stays a number


# -- every table the dashboard shows, from the seeds' store ------------------------------------

BAD_CELLS = {"None", "nan", "NaN", "NaT", "<NA>", "null"}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _shown_tables(t) -> dict[str, pd.DataFrame]:
    """Every table the dashboard shows, as it shows them (``screen``)."""
    from analysis import views as V

    cap = V.cap_table(t)
    tl = V.timeline(t, "EUR")
    out = {
        "rounds": V.rounds_table(t.rounds),
        "articles": V.articles_table(t.articles, V.figure_counts(t.mentions)).drop(columns=["article_id", "ingested_at"]),
        "cap_matrix": cap.matrix.reset_index(),
        "cap_totals": cap.totals,
        "cap_holdings": cap.holdings.drop(columns=["order"]),
        "comparison": V.comparison(t).table,
        "timeline_points": V.points_table(tl.points, "EUR"),
    }
    for aid in t.articles["article_id"]:
        out[f"facts_{aid}"] = V.facts_table(t.mentions, aid)
    out.update({f"data_{name}": frame for name, frame in V.data_tables(t).items()})
    return {name: F.screen(frame) for name, frame in out.items()}


def _cells(frame: pd.DataFrame) -> list[str]:
    return [str(v) for col in frame.columns for v in frame[col] if not is_missing(v)]


def test_no_shown_table_has_none_nan_or_an_iso_date(stored) -> None:
    shown = _shown_tables(stored)
    for name, frame in shown.items():
        bad = [c for c in _cells(frame) if c.strip() in BAD_CELLS]
        assert not bad, (name, bad)
        for col in frame.columns:
            text = frame[col]
            if pd.api.types.is_object_dtype(text.dtype) or pd.api.types.is_string_dtype(text.dtype):
                assert not text.isna().any(), (name, col)  # missing text is "", shown blank
        assert not any(str(c).endswith("recision") for c in frame.columns), name
    # every date column reads at its precision, never 2024-01-01
    for name in ("rounds", "articles", "timeline_points", "data_rounds", "data_valuations", "data_mentions"):
        frame = shown[name]
        for col in frame.columns:
            if str(col).lower() in {"date", "published", "first_reported"}:
                assert not any(ISO.match(c) for c in frame[col].astype(str)), (name, col)
    assert "2024" in set(shown["data_rounds"]["date"]) and "Dec 2023" in set(shown["data_valuations"]["date"])
    # source comparison dates at their precision too
    grid = shown["comparison"]
    dates = grid[(grid["Field"] == "date") & grid["Round"].str.endswith("· 2024")].iloc[0]
    assert dates["Consensus"] == "2024" and "9 May 2024" in set(dates)


def test_format_dates_is_format_date_of_each_row() -> None:
    import datetime as dt

    values = pd.Series([pd.Timestamp("2025-09-09"), pd.NaT, dt.date(2024, 1, 31), "2023-12-01", None,
                        pd.Timestamp("2020-02-29")])
    precisions = pd.Series(["day", "month", "month", "year", "day", None])
    expected = [F.format_date(v, p if isinstance(p, str) else "day") for v, p in zip(values, precisions, strict=True)]
    assert list(F.format_dates(values, precisions)) == expected == ["9 Sep 2025", "", "Jan 2024", "2023", "",
                                                                    "29 Feb 2020"]


def test_relative_paths_resolve_each_folder_once_and_keep_odd_paths(tmp_path) -> None:
    root = tmp_path / "news"
    paths = [str(root / "2024" / "a.txt"), str(root / "2025" / "b.txt"), None, str(root / "2024" / "c.txt")]
    assert F.relative_paths(paths) == ["2024/a.txt", "2025/b.txt", "", "2024/c.txt"]
    assert F.relative_paths([str(root / "x" / ".." / "2024" / "a.txt")], among=paths) == ["2024/a.txt"]
    assert F.relative_paths([str(root / "2024" / "..")], among=paths) == ["."]


_SEGMENTS = st.sampled_from(["a", "b", "2024", ".", "..", "", " ", "x.txt"])


@given(st.lists(st.one_of(st.none(), st.builds(lambda lead, parts: lead + "/".join(parts),
                                                st.sampled_from(["", "/", "//", "./"]),
                                                st.lists(_SEGMENTS, max_size=4))), max_size=12))
def test_the_folders_of_paths_are_found_from_their_heads_as_from_each_path(paths: list[str | None]) -> None:
    """Grouping a store's paths by the part before their last separator finds exactly the
    folders that resolving every path would (the common folder of 100,000 paths in a few steps)."""
    expected = {os.path.abspath(os.path.dirname(p)) for p in paths if p is not None and p.strip()}
    assert F._folders(paths) == expected
    assert F._folders(pd.Series(paths, dtype="string")) == expected


def _one_by_one(paths: list[str | None], among: list[str | None]) -> list[str]:
    """``relative_paths`` written path by path, each resolved on its own: what the grouped
    version must give."""
    kept = [p for p in among if p is not None and p.strip()]
    if not kept:
        return [p if p is not None and p.strip() else "" for p in paths]
    root = os.path.commonpath(sorted({os.path.abspath(os.path.dirname(p)) for p in kept}))
    out = []
    for p in paths:
        if p is None or not p.strip():
            out.append("")
        elif os.path.basename(p) in ("", ".", ".."):
            out.append(os.path.relpath(os.path.abspath(p), root))
        else:
            up = os.path.relpath(os.path.abspath(os.path.dirname(p)), root)
            out.append(os.path.basename(p) if up == "." else os.path.join(up, os.path.basename(p)))
    return out


_PATHS = st.lists(st.one_of(st.none(), st.builds(lambda lead, parts: lead + "/".join(parts),
                                                  st.sampled_from(["", "/", "//", "./", "/tmp/"]),
                                                  st.lists(_SEGMENTS, max_size=4))), max_size=10)


@given(_PATHS, _PATHS)
def test_relative_paths_grouped_by_head_are_those_resolved_one_by_one(paths, among) -> None:
    assert F.relative_paths(paths) == _one_by_one(paths, paths)
    assert F.relative_paths(paths, among=among) == _one_by_one(paths, among)

"""analysis.views.filters: the sidebar's filters, their URL form, and the frames they leave."""

from __future__ import annotations

from views_support import D, frames_of

from analysis.frames import Frames
from analysis.views.filters import Filters, apply_filters, date_span, filter_options, why_empty


def test_filters_query_round_trip() -> None:
    f = Filters(
        publishers=("01net", "Gate"),
        date_from=D(2024, 1, 1),
        date_to=D(2025, 12, 31),
        companies=("Mistral AI",),
        languages=("fr",),
        statuses=("reported",),
    )
    q = f.to_query()
    assert q["publisher"] == ["01net", "Gate"]
    assert q["from"] == ["2024-01-01"]
    assert Filters.from_query(q) == f
    # single strings (AppTest / st.query_params.to_dict) and junk statuses
    g = Filters.from_query({"publisher": "01net", "status": ["bogus", "announced"], "from": "not a date"})
    assert g == Filters(publishers=("01net",), statuses=("announced",))
    assert Filters().to_query() == {}
    assert not Filters().active


def test_filter_options(small) -> None:
    opts = filter_options(small)
    assert opts["publishers"] == ["(unknown)", "01net", "Gate", "Test Wire"]
    assert opts["companies"] == ["Mistral AI", "Quantix Robotics"]
    assert opts["top_companies"] == ["Mistral AI", "Quantix Robotics"]
    assert opts["languages"] == ["en", "fr"]
    assert opts["statuses"] == ["announced", "reported"]
    assert date_span(small.articles) == (D(2024, 5, 9), D(2025, 9, 9))


def test_no_filter_is_identity(small) -> None:
    assert apply_filters(small, Filters()) is small


def test_publisher_01net_leaves_only_its_valuation(small) -> None:
    out = apply_filters(small, Filters(publishers=("01net",)))
    assert out.rounds.empty
    assert out.investments.empty
    assert out.source_comparison.empty
    assert list(out.articles["article_id"]) == ["a4"]
    assert len(out.valuations) == 1
    assert out.valuations.iloc[0]["value"] == 6e9 and out.valuations.iloc[0]["currency"] == "USD"
    assert why_empty(small, Filters(publishers=("01net",)), "rounds") == (
        "No rounds match: publisher = 01net removes all 4 rounds."
    )


def test_unknown_publisher_and_date_range(small) -> None:
    out = apply_filters(small, Filters(publishers=("(unknown)",)))
    assert set(out.articles["article_id"]) == {"a1", "a2"}
    assert set(out.rounds["round_id"]) == {"r_dec23", "r_2024", "r_c"}
    # comparisons keep only the selected sources
    assert set(out.source_comparison["article_id"]) == {"a1", "a2"}

    out = apply_filters(small, Filters(date_from=D(2024, 1, 1), date_to=D(2024, 12, 31)))
    assert list(out.articles["article_id"]) == ["a2"]
    assert set(out.rounds["round_id"]) == {"r_dec23", "r_2024"}
    assert set(out.investments["investor"]) == {"General Catalyst", "Lightspeed Venture Partners"}


def test_company_language_and_status_filters(small) -> None:
    out = apply_filters(small, Filters(companies=("Quantix Robotics",)))
    assert list(out.rounds["round_id"]) == ["r_q"]
    assert list(out.articles["article_id"]) == ["e1"]
    assert out.valuations.empty

    out = apply_filters(small, Filters(languages=("en",)))
    assert list(out.rounds["round_id"]) == ["r_q"]

    out = apply_filters(small, Filters(statuses=("reported",)))
    assert out.rounds.empty  # every round was announced by some source
    assert list(out.valuations["status"]) == ["reported"]
    assert list(out.articles["article_id"]) == ["a2"]
    msg = why_empty(small, Filters(statuses=("reported",)), "rounds")
    assert msg == "No rounds match: status = reported removes all 4 rounds."


def test_filtered_frames_keep_the_stores_columns(small) -> None:
    out = apply_filters(small, Filters(companies=("Mistral AI",), statuses=("announced",)))
    for name, frame in out.items():
        assert list(frame.columns) == list(getattr(small, name).columns), name


def test_why_empty_combination_and_empty_store(small) -> None:
    f = Filters(publishers=("Test Wire",), companies=("Mistral AI",))
    assert apply_filters(small, f).rounds.empty
    assert "together remove all 4 rounds" in why_empty(small, f, "rounds")
    empty: Frames = frames_of()
    assert "store holds no articles" in why_empty(empty, Filters(), "rounds")
    no_rounds = frames_of(articles=[{"article_id": "a", "file": "a.txt"}])
    assert why_empty(no_rounds, Filters(), "rounds") == "No rounds in the store: none of its 1 articles states one."

"""A second baseline for the page-ready timings: hello world plus the components every
dashboard page loads (a five-row ``st.dataframe`` and a five-point Plotly chart), on no
data at all. ``streamlit run bench/hello_table.py``; the gap between it and
``hello_world.py`` is what the components cost before any data is involved."""

import pandas as pd
import plotly.express as px
import streamlit as st

st.title("Hello, table")
frame = pd.DataFrame({"x": range(5), "y": [1, 4, 9, 16, 25]})
st.dataframe(frame, hide_index=True)
st.plotly_chart(px.line(frame, x="x", y="y"))

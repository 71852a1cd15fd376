"""The baseline page for the dashboard's page-ready timings: ``streamlit run bench/hello_world.py``."""

import streamlit as st

st.title("Hello, world")
st.write("A Streamlit page with nothing to load.")

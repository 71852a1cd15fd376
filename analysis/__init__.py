"""Levée's analysis package: articles in, funding rounds, investors and valuations out.

No Streamlit here: the dashboard and the CLI are thin views over these modules.
"""

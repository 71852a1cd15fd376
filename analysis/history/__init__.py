"""The funding history: the mentions of every article consolidated into rounds, investments,
valuations and the comparison of sources, analysts' corrections applied, each fact scored.

``consolidate`` merges figures into rounds (per company), ``confidence`` scores them,
``corrections`` applies analysts' changes, ``derive`` recomputes the derived tables of a store,
for the companies a batch touched or for the whole store.
"""

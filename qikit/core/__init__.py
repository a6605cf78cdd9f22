"""The pure core of qikit: statistics, rules and wording.

Imports only the standard library, numpy and pandas, so it can be used and tested anywhere
(a test proves that importing it pulls in no matplotlib, ipywidgets, IPython or papermill).
"""

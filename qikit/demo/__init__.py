"""Demonstrations: the example cohort (``qikit demo``), sample projects, teaching data.

One job: make qikit show itself with realistic support-services work — the example cohort with
sample projects for two teams (``cohort``, ``samples``) and the trainers' run-chart demo
(``teaching_data``, ``run_chart``). May import: errors, layout, core, store, render, cohort and
server (it builds and serves a cohort), and IPython/ipywidgets in the demo notebook's helpers.
"""

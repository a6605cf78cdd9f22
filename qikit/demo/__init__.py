"""Demonstrations: the example cohort (``qikit demo``), sample projects, the run-chart demo.

One job: make qikit show itself with realistic support-services work — the example cohort with
sample projects for two teams (``cohort``, ``samples``) and the trainers' run-chart demo
(``run_chart``, on the teaching data of :mod:`qikit.core.teaching_data`). May import: errors,
layout, core, store, render, cohort and server (it builds and serves a cohort), and
IPython/ipywidgets in the demo notebook's helpers.
"""

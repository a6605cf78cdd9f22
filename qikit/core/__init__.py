"""The pure core of qikit: statistics, the data model, wording and progress.

One job: everything that can be computed without a screen, a file or a database — ``spc/``
(qic and the rule sets), ``model/`` (validated records of every QI tool), ``wording/`` (the
words on a participant's screen), ``paste`` (reading data pasted from Excel) and ``progress``
(the progress score, signals per measure, feedback threads). May import: the standard library,
numpy, pandas, :mod:`qikit.errors` and :mod:`qikit.layout` — no other layer of qikit (a test
proves that importing it pulls in no matplotlib, ipywidgets, IPython or papermill).
"""

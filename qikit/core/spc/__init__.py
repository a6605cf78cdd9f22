"""Run and control charts computed as qicharts2 computes them, and the rules that read them.

``qic.qic()`` is the entry point. It checks its options once into a frozen
:class:`~qikit.core.spc.options.QicOptions`, works out the chart's columns (``limits``, ``runs``,
``rmath``), asks the chosen rule set of the registry in ``rules`` for its signals, and builds one
frozen :class:`~qikit.core.spc.qic.QicResult`. Rules take columns and options and return signals;
they never import ``qic``. ``chart_choice`` suggests a chart from plain answers.

May import: the standard library, numpy, pandas, ``qikit.errors``, ``qikit.layout`` and the rest of
``qikit.core`` (the wording of the readings); no other qikit layer. This ``__init__`` imports
nothing, so that any module of the package can be imported on its own.
"""

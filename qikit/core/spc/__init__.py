"""Statistical process control: ``qic()`` and everything it computes, as qicharts2 does.

One job: from a series (and its options) to a :class:`~qikit.core.spc.qic.QicResult` — centre
lines and limits (``limits``), runs analysis (``runs``), the rule sets (``rules/``: Anhøj, IHI and
NHS Making Data Count, one registry), R-identical arithmetic (``rmath``) and the chart-choice
helper. May import: the standard library, numpy, pandas, :mod:`qikit.errors`, :mod:`qikit.layout`
and :mod:`qikit.core.wording` (for the plain readings).
"""

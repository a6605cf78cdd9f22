"""The programme's evidence: the evaluation, the showcase, the portfolio.

What the proposal promised the programme would show: skills measured before, halfway, after
and months after (:mod:`~qikit.evidence.evaluation`; the survey's questions are read by
:mod:`qikit.cohort.survey_items`), the celebration event's storyboards and gallery
(:mod:`~qikit.evidence.showcase`) and each participant's evidence pack towards the
accreditation (:mod:`~qikit.evidence.portfolio`).
Everything here reads the cohort's store and writes files into the cohort folder; PDFs are
printed by headless Chromium (:mod:`~qikit.evidence.pdf`).

May import the core, the store, render and cohort; of third-party packages scipy (the paired
tests), numpy, pandas, yaml, matplotlib (through render) and tqdm.
"""

"""ipywidgets views of the QI tools: the only place ipywidgets and traitlets appear.

Each tool is a class ``<Tool>Widget(context)`` over the team's records in the store, with a
``.widget`` to display; its static twin (for executed notebooks) lives in ``qikit.render``.
"""

"""ipywidgets views of the QI tools: the only place ipywidgets and traitlets appear.

One job: the live tools a participant uses. May import: errors, layout, core, store (through the
context it is handed; a widget never opens a file itself) and render (for its static twin).

Each tool is a class ``<Tool>Widget(context)`` over the team's records in the store, with a
``.widget`` to display; its static twin (for executed notebooks) lives in ``qikit.render``.
"""

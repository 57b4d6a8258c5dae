"""How a timeline is laid out on screen, shared by the app and the export.

Pure functions, no plotly or Dash: the default time range (`range`), the width of a
label's text (`labels`), the short title of an event (`headline`) and the packing of
items into sub-rows by their pixel extent at the current zoom (`stacking`). The export
runs `stacking` and `range` again in the browser (timeline/export_template/layout.js,
with the constants of `geometry()`), and tests/export/test_layout_js.py holds both to
the same rows and labels.
"""

"""The Dashboard tab: where the time goes, what it produces, what it moves.

pyqtgraph is imported only inside this package, and only when the tab is
first shown (the import costs ~860 ms): `dashboard_tab` itself is cheap.
"""

"""The Plan tab: the week's plan beside how the week goes, and the quarter's checklist."""

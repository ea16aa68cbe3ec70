"""The role map in plain Python: entities, the lane rule, analysis. No Qt, no SQL."""

"""The command line: `rolemap COMMAND …` without a window. Never imports widgets."""

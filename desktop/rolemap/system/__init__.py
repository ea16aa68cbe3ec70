"""Standard-library helpers: atomic file writes, the shipped resources, the Qt library check."""

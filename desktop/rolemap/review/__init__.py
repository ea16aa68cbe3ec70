"""The Review tab: the framework's fourth step, its evidence, its history (one module per piece)."""

"""Rolemap: map a job role as activities → outputs → outcomes, and track where the time goes."""

__version__ = "0.1.0"

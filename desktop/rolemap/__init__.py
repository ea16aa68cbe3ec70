"""Rolemap: map a job role as activities → outputs → outcomes, track the time, print it on one page."""

__version__ = "0.1.0"

"""The Track tab: quick entry, the timer, and the tables of time entries, deliveries, check-ins."""

"""The SQLite store: opening with checks, schema and migrations, the repository, backups. No Qt."""

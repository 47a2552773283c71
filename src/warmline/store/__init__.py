"""Storage edge: SQLAlchemy rows, a repository mapping rows <-> domain types, migrations."""

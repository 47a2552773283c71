"""Command-line edge: Typer, one module per command group; each command is a thin loop
over the services."""

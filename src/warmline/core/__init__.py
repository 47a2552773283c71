"""Pure domain: frozen dataclasses, principles, time arithmetic. No I/O."""

"""warmline: a remote-client relationship assistant."""

__version__ = "0.1.0"

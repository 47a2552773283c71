"""The one error type that front ends turn into a one-line message and exit code 2."""

from __future__ import annotations


class WarmlineError(Exception):
    """A problem the user can fix: bad input, unknown client, corrupt file.

    The message is a single line that names the file/field and says what to do.
    """

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message.replace("\n", " "))
        self.message = message.replace("\n", " ")


class NotFound(WarmlineError):
    """A referenced record (client, project, promise...) does not exist."""


class Ambiguous(WarmlineError):
    """A reference matches several records."""

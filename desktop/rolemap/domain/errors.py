"""Known, expected refusals of the domain: each carries a message a person can read."""


class DomainError(Exception):
    """An edit or a value the domain refuses; `str(error)` is the user-facing message."""


class LinkRefusedError(DomainError):
    """A link that breaks the lane rule, repeats a link, or joins a node to itself."""


class InvalidValueError(DomainError):
    """A field value of the wrong type or outside its range."""

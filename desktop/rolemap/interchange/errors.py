"""The one error every importer raises for a file it refuses."""


class FormatError(Exception):
    """The file is not valid; `str(error)` names the line or field and what is wrong."""

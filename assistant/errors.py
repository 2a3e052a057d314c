"""Exceptions users see as one readable line (the CLI and UI print ``str(err)``)."""


class AssistantError(Exception):
    """Base class: anything the user can fix, with the fix in the message."""


class CorpusError(AssistantError):
    """The corpus folder is missing, empty, or holds nothing readable."""


class IndexMissingError(AssistantError):
    """No index has been built yet."""


class IndexCorruptError(AssistantError):
    """The index files exist but cannot be read or do not agree with each other."""


class IndexWriteError(AssistantError):
    """The index could not be written (full disk, read-only folder); the previous one is intact."""


class StaleIndexError(AssistantError):
    """The index no longer matches the corpus it was built from."""


class InvalidInputError(AssistantError):
    """A question, option or file given by the user is not usable."""


class BackendError(AssistantError):
    """A generation backend is missing, misconfigured or unreachable."""


class EvalFileError(AssistantError):
    """A question-set file is malformed (the message names the case and field)."""

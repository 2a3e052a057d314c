"""role-assistant: offline, cited answers about job roles from a corpus of role documents."""

__version__ = "0.1.0"

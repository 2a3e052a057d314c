"""Labelled figures as data: extraction, conflicts, client profile, client report."""

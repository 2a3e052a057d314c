"""Corpus -> chunks -> index: read files, split along headings, embed, store atomically."""

"""Question -> Query: the vocabulary, the role catalog and question analysis."""

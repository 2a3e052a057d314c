"""Question -> hits -> answer: retrieval, grounding, composition, follow-ups."""

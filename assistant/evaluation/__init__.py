"""Question sets, metrics, reports and the benchmark."""

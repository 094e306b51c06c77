"""Helpers reached from several handler modules: the walker shares their summaries."""

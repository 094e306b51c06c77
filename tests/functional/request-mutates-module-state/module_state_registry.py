"""State imported inside a handler."""
late = []

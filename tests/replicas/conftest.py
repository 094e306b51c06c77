"""The scenarios under scenarios/ are services and their tests, run by pytester; they
are not tests of this suite."""

collect_ignore = ["scenarios"]

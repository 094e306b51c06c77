"""A small service for the inventory tests."""

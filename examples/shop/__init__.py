"""A small shop API that keeps its state in one process's memory, on purpose.

It works on a laptop. Run it with several workers and each one sees different
carts, sessions and jobs; restart it and everything is gone.
"""

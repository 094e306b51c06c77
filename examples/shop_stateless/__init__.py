"""The shop of ``examples/shop`` without process state.

Everything a request leaves behind (sessions, carts, orders, receipt jobs, the rate
limiter's counts, who is connected to the dashboard) is in an SQLite file that every
worker opens: ``create_app(path)`` builds the application for a database file. Any
number of workers, and restarts, see the same data.
"""

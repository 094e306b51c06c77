"""A package that imports its own submodule and makes the service there."""
from . import store

service = store.Service()

"""Imported by the Streamlit script of ``streamlit_app.py``: imported once per process, so
its globals are shared by every session."""

CHATS = {}
COUNTERS = {"clicks": 0}
LIKES = []


def remember(user, text):
    CHATS.setdefault(user, []).append(text)

"""Streamlit: the script runs anew for every session and rerun, so its own globals are
per run; the modules it imports, and what an @st.cache_resource function returns, are
shared by every session; st.session_state is per session."""
# pylint: disable=missing-function-docstring
import streamlit as st

import streamlit_store
from streamlit_store import LIKES

drafts = []
seen = {}


@st.cache_resource
def get_board():
    return {}


@st.cache_data
def load_rows():
    return [1, 2, 3]


def add_draft(text):
    drafts.append(text)  # look-alike: a global of this run of the script
    seen[text] = True  # look-alike: a global of this run of the script


def on_click():
    streamlit_store.COUNTERS["clicks"] += 1  # [request-mutates-module-state]


def about_page():
    LIKES.append("about")  # [request-mutates-module-state]


st.title("Chat")
text = st.text_input("Say something")
if text:
    add_draft(text)
    drafts.append(text)  # look-alike: a global of this run of the script
    st.session_state.setdefault("history", []).append(text)  # look-alike: per session
    streamlit_store.remember("me", text)  # [request-mutates-module-state]
    board = get_board()
    board[text] = st.session_state.get("user")  # [request-mutates-module-state]
    rows = load_rows()
    rows.append(4)  # look-alike: cache_data returns a copy
st.button("Count", on_click=on_click)
st.navigation([st.Page(about_page)])

"""Sessions and logged-in users kept in process memory, beside stateless alternatives."""
# pylint: disable=missing-function-docstring
import secrets
from datetime import datetime

from fastapi import Cookie, FastAPI
from sqlalchemy.orm import sessionmaker

app = FastAPI()
sessions = {}
active_users: dict[str, dict] = {}
TOKENS = set()
SessionLocal = sessionmaker()  # a session factory is a process resource
greeting = {"text": "hello"}


@app.post("/login")
async def login(username: str):
    session_id = secrets.token_urlsafe(32)
    sessions[session_id] = {"user": username, "at": datetime.now()}  # [in-memory-session-store]
    active_users[username] = {"since": datetime.now()}  # [in-memory-session-store]
    TOKENS.add(session_id)  # [in-memory-session-store]
    return {"sid": session_id}


@app.post("/logout")
async def logout(session_id: str = Cookie(None)):
    sessions.pop(session_id, None)  # [in-memory-session-store]
    return {}


@app.get("/me")
async def me(session_id: str = Cookie(None)):
    db = SessionLocal()
    db.add(session_id)  # a per-request database session: fine
    return sessions.get(session_id), greeting["text"]


users = {}


@app.post("/token")
async def issue_token(username: str):
    token = secrets.token_hex(16)
    users[token] = username  # [in-memory-session-store]
    return token

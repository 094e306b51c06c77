"""An application factory: each copy calls it with the test's arguments."""

from fastapi import FastAPI


def create_app(greeting: str) -> FastAPI:
    app = FastAPI()
    hits: list[int] = []

    @app.post("/hit")
    def hit() -> dict:
        hits.append(1)
        return {"hits": len(hits), "greeting": greeting}

    return app

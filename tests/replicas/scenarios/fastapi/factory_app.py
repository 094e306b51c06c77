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


def create_ticker() -> FastAPI:
    """A factory whose route rebinds the factory's variable (``nonlocal``): state the
    checker does not see."""
    app = FastAPI()
    ticks = 0

    @app.post("/tick")
    def tick() -> dict:
        nonlocal ticks
        ticks += 1
        return {"ticks": ticks}

    return app

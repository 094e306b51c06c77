from broken_app import app


def test_first():
    assert app.test_client().get("/").text == "ok"


def test_second():
    assert app.test_client().get("/").text == "ok"

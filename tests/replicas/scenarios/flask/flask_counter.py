"""A Flask service with one piece of process state (``counts``)."""

from flask import Flask, Response, jsonify, make_response, request

app = Flask(__name__)
app.config["TESTING"] = True
counts = {"count": 0}


@app.post("/count")
def count():
    counts["count"] += 1
    return {"count": counts["count"]}


@app.post("/echo")
def echo():
    response = make_response(
        jsonify(body=request.get_data(as_text=True), token=request.headers.get("X-Token"),
                q=request.args.get("q")), 201)
    response.headers["X-Served-By"] = "echo"
    return response


@app.post("/login/<user>")
def login(user):
    response = make_response({})
    response.set_cookie("sid", user)
    return response


@app.get("/whoami")
def whoami():
    return {"user": request.cookies.get("sid")}


@app.get("/stream")
def stream():
    return Response(iter([b"a;", b"b;", b"c;"]), mimetype="text/plain")


@app.get("/boom")
def boom():
    raise LookupError("no such thing")

"""Azure Functions (v2 programming model): triggers of a FunctionApp and a Blueprint."""
# pylint: disable=missing-function-docstring
import azure.functions as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)
bp = func.Blueprint()
greeted = set()
messages = []
settings = {}


@app.function_name(name="Greet")
@app.route(route="greet", methods=["GET"])
def greet(req: func.HttpRequest) -> func.HttpResponse:
    name = req.params.get("name")
    greeted.add(name)  # [request-mutates-module-state]
    return func.HttpResponse(f"hello {name}")


@bp.queue_trigger(arg_name="msg", queue_name="orders", connection="Storage")
def on_order(msg: func.QueueMessage) -> None:
    messages.append(msg.get_body())  # [request-mutates-module-state]


@app.timer_trigger(schedule="0 */5 * * * *", arg_name="timer")
def tick(timer: func.TimerRequest) -> None:
    batch = []  # per invocation: fine
    batch.append(timer.past_due)


@app.warm_up_trigger("warmup")
def warm_up(warmup) -> None:
    settings["ready"] = warmup  # when an instance starts: fine


app.register_functions(bp)

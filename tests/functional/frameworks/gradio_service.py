"""Gradio: event listeners, Interface and ChatInterface functions. What a listener
receives (its inputs, a gr.State's value, the gr.Request) is per session; module globals
and what was made while building the interface are shared by every session."""
# pylint: disable=missing-function-docstring,missing-class-docstring,unused-argument
import gradio as gr

votes = {}
visits = {}
answers = []
greetings = []
shouts = []
changes = {}


def respond(message, history):
    answers.append(message)  # [request-mutates-module-state]
    history.append((message, "ok"))  # look-alike: the session's chat history
    return "", history


def remember(item, items):
    items.append(item)  # look-alike: a gr.State's value, one per session
    return items


def vote(choice):
    votes[choice] = votes.get(choice, 0) + 1  # [request-mutates-module-state]


def count(request: gr.Request):
    visits[request.session_hash] = 1  # [in-memory-session-store]
    return request.username


with gr.Blocks() as demo:
    box = gr.Textbox()
    chatbot = gr.Chatbot()
    items_state = gr.State([])
    log = []
    send = gr.Button("Send")
    send.click(respond, [box, chatbot], [box, chatbot]).then(vote, box, None)
    box.submit(remember, [box, items_state], items_state)
    demo.load(count, None, box)

    @send.click(inputs=box, outputs=box)
    def shout(text):
        shouts.append(text.upper())  # [request-mutates-module-state]
        log.append(text)  # [request-mutates-module-state]
        return text

    @gr.on(triggers=[box.change], inputs=box)
    def changed(text):
        changes[text] = True  # [request-mutates-module-state]


def greet(name):
    greetings.append(name)  # [request-mutates-module-state]
    return f"Hello {name}"


def chat(message, history):
    history.append(message)  # look-alike: the history Gradio passes for this session
    return message


interface = gr.Interface(fn=greet, inputs="text", outputs="text")
chat_interface = gr.ChatInterface(chat)


def build():
    """The interface built in a function: what it makes lives as long as the app."""
    seen = []
    with gr.Blocks() as app:
        text = gr.Textbox()

        def note(value):
            seen.append(value)  # [request-mutates-module-state]
            mine = []
            mine.append(value)  # look-alike: made for this event
            return value

        text.submit(note, text, text)
    return app


class Panel:
    def __init__(self):
        self.picked = []
        with gr.Blocks() as self.blocks:
            self.button = gr.Button("Pick")
            self.button.click(self.pick, None, None)

    def pick(self):
        self.picked.append(1)  # [request-mutates-shared-instance]

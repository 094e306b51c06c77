"""Run a service's own tests against several copies of its application.

The pytest plugin (:mod:`.plugin`, registered as ``stateless_replicas`` through the
``pytest11`` entry point) does nothing unless ``--stateless-replicas=N`` or
``--stateless-restart=K`` is given. Then the framework test clients the tests already
use send each request to one of N copies of the application, each a process of its own
started with ``multiprocessing``'s ``spawn`` method (a fresh interpreter that imports the
application anew), so that the copies share only what real workers share: databases,
files, other servers.

How the parts fit:

- :mod:`.adapters`: one module per test client; each replaces the client's transport
  (the method that hands a request to the application) while the option is active, so
  cookies, redirects and headers are still handled by the client in the test process.
- :mod:`.asgi`, :mod:`.wsgi`: the two halves of a request for ASGI and WSGI
  applications: the stand-in application in the test process and the server in a copy.
- :mod:`.apps`: which application a client holds, as an import path (or the factory
  that built it) that a fresh process can import.
- :mod:`.pool`, :mod:`.worker`: the copies, how requests are routed to them and
  restarted, and the loop each copy runs.
- :mod:`.session`: what each test sent where; :mod:`.report` and :mod:`.findings`: the
  summary, with the static findings on the entry points the failing tests reached.

Nothing here imports a web framework until the option is given and the framework is
imported by the tests themselves.
"""

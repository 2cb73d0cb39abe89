"""Running work on database connections of its own: each thread has its own connection, so
what one commits the others see, as with requests served at once."""

import threading

from django.db import connections

WAIT = 20  # seconds: far more than two requests take, so a stuck request fails the test instead of hanging it


def at_once(requests: dict) -> dict:
    """Run each name's request in its own thread, all starting together; name -> response."""
    start = threading.Barrier(len(requests), timeout=WAIT)
    responses, failures = {}, []

    def run(name, request):
        try:
            start.wait()
            responses[name] = request()
        except BaseException as error:  # reported below: an exception in a thread would be lost
            failures.append((name, error))
        finally:
            connections.close_all()  # this thread's connection, so the test database can be dropped

    threads = [threading.Thread(target=run, args=item) for item in requests.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT * 2)
    assert not failures, failures
    assert set(responses) == set(requests), "a request did not finish"
    return responses


def on_another_connection(work):
    """Run ``work`` in a thread of its own, so on its own database connection, and wait for it."""
    at_once({"work": work})

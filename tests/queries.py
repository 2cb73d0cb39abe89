"""Counting a page's queries as a server that has served it before runs them: the first request
fills the content cache (the question bank's structure, the signposting content), the second is
counted."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)

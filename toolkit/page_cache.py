"""The HTML of a report's body, kept so that showing a report again does not work it out again.

Only bodies whose inputs can all be named in the key are kept: a submitted self assessment's
readiness summary, and a partnership's comparison and compatibility report, which are made from
its members' submitted joint assessments, which cannot change; and a business case's outline,
named by its revision, which the database moves on with any change to it
(toolkit/business_case/revision.py). The key names those inputs (the submitted assessments, the
question bank version of their answers, the revision) and the content version
(toolkit/content_cache.py), so a new submission, a member leaving, a sign-off or an admin's
change to a question or to guidance gives a new key. The body holds nothing of the person
reading it: buttons, forms and anything that depends on their rights stay in the page around it.
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from toolkit import content_cache


def body(name: str, parts: tuple, template: str, build) -> str:
    """``template`` rendered with ``build()``, from the cache when its inputs are the same."""
    def render():
        html = render_to_string(template, build())
        # A template's output, escaped by the template as it was rendered; kept as safe so it is
        # not escaped twice when it comes back out of the cache.
        return mark_safe(html)  # nosec B308, B703 # see above

    return content_cache.cached(f"body-{name}", parts, render)

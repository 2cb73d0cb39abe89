"""How pages name people: ``{{ assessment.submitted_by|person }}``."""

from django import template

register = template.Library()


@register.filter
def person(user, missing="a former user"):
    """A user's full name, else their username; ``missing`` when the account has been removed
    (the record keeps the change but no longer points at anyone)."""
    if user is None:
        return missing
    return user.get_full_name() or user.get_username()

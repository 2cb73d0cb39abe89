"""Removing a user: the records they changed stay, attributed to "a former user".

Every foreign key to a user in the toolkit's own tables is SET_NULL (memberships go with the
user), and so is each history record's ``history_user``. The historical copies of those keys
(``updated_by``, ``signed_by``...) have no database constraint, so nothing would clear them: this
clears them too, so the audit trail keeps no pointer to someone whose account is gone.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete


def user_fields():
    """(historical model, attname) for each copied foreign key to a user."""
    from toolkit.audit.models import AUDITED

    user = get_user_model()
    found = []
    for model in AUDITED:
        history = model.history.model
        for field in history._meta.concrete_fields:
            if field.is_relation and field.related_model is user and field.name != "history_user":
                found.append((history, field.attname))
    return found


def forget(sender, instance, **kwargs):
    for history, attname in user_fields():
        history.objects.filter(**{attname: instance.pk}).update(**{attname: None})


def connect():
    post_delete.connect(forget, sender=get_user_model(), dispatch_uid="audit-forget-removed-user")

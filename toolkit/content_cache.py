"""Caching what admins edit and users only read: a published questionnaire's structure and the
signposting content.

Every cache key holds the content version, a number in the database that goes up after any
change to a question, option, section, questionnaire, theme or piece of content is committed.
So however many app servers there are, and whatever cache each uses, none serves content from
before a change, and nothing ever needs clearing by hand. Reading the version costs one small
query, far less than loading the structure (five queries and some thousand objects).
"""

import hashlib

from django.core.cache import cache
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from toolkit.held import Held
from toolkit.models import (
    CaseStudy,
    ContentVersion,
    Council,
    ExpertContact,
    Guidance,
    KeyTool,
    Option,
    Question,
    Questionnaire,
    Reading,
    Section,
    Step,
    Theme,
)

# Councils are here because an expert contact shows its council's name.
WATCHED = [Questionnaire, Section, Question, Option, Step, Theme, Guidance, KeyTool, ExpertContact, Reading, CaseStudy, Council]
TIMEOUT = 24 * 60 * 60  # a day: old versions' entries expire on their own


def version() -> int:
    return ContentVersion.objects.values_list("number", flat=True).first() or 0


def bump() -> None:
    """Move the version on in the same transaction as the change, so other servers see the new
    version and the new content together, at the commit. (A server that read the old version
    just before may cache the new content under the old key, which no one asks for again.)"""
    if not ContentVersion.objects.filter(pk=1).update(number=F("number") + 1):
        ContentVersion.objects.get_or_create(pk=1, defaults={"number": 1})


# This process's own copies of the latest entries: unpickling a questionnaire's structure from
# the cache costs more than the rest of a task list page. Callers must not change what they get.
_here = Held(64)


def cached(name: str, parts: tuple, build):
    """``build()``, kept under a key of ``name``, ``parts`` and the content version."""
    # Hashed, so any text in the parts (names, times) makes a key every cache backend accepts.
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    key = f"toolkit:{name}:{version()}:{digest}"

    def shared():
        value = cache.get(key)
        if value is None:
            value = build()
            cache.set(key, value, TIMEOUT)
        return value

    return _here.get(key, shared)


def forget_here() -> None:
    """Drop this process's copies (tests start each database afresh at the same version)."""
    _here.clear()


def _changed(sender, **kwargs):
    bump()


def connect() -> None:
    for model in WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"content-version-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"content-version-delete-{model.__name__}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(_changed, sender=field.remote_field.through, dispatch_uid=f"content-version-m2m-{model.__name__}-{field.name}")
    # Data migrations change content with queryset updates, which send no signals.
    post_migrate.connect(_changed, dispatch_uid="content-version-migrate")

"""Signposting content: tips, lessons and checklists, key tools, reading, expert contacts and
case studies, each citing its source and tagged by step and theme so reports can point to it."""

from django.core.exceptions import ValidationError
from django.db import models

from toolkit.models.councils import Council
from toolkit.models.questions import Step, Theme
from toolkit.models.sources import Source


class SignpostItem(models.Model):
    """Fields every piece of content shares, so reports can signpost it by step and theme."""

    steps = models.ManyToManyField(Step, related_name="%(class)s_items", blank=True)
    themes = models.ManyToManyField(Theme, related_name="%(class)s_items", blank=True)
    source = models.CharField(max_length=40, choices=Source.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position"]


class Guidance(SignpostItem):
    """Short items from the sources' lists: top tips, lessons learned, checklists."""

    class Kind(models.TextChoices):
        TIP = "tip", "Top tip"
        LESSON = "lesson", "Lesson learned"
        CHECKLIST = "checklist", "Checklist item"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    collection = models.CharField(
        max_length=120, help_text="The list this item belongs to, as the source names it, e.g. '10 top tips for managers'."
    )
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, help_text="The item explained in the toolkit's own words.")

    class Meta(SignpostItem.Meta):
        ordering = ["collection", "position"]
        verbose_name_plural = "guidance"

    def __str__(self):
        return self.title


class KeyTool(SignpostItem):
    name = models.CharField(max_length=160)
    description = models.TextField()
    council = models.ForeignKey(
        Council, on_delete=models.SET_NULL, null=True, blank=True, help_text="The council that owns the tool, if any."
    )
    url = models.URLField(blank=True)

    class Meta(SignpostItem.Meta):
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Reading(SignpostItem):
    title = models.CharField(max_length=250)
    author = models.CharField(max_length=200, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.TextField(blank=True)
    url = models.URLField(blank=True)

    class Meta(SignpostItem.Meta):
        ordering = ["position", "title"]
        verbose_name_plural = "reading"

    def __str__(self):
        return self.title


class ExpertContact(SignpostItem):
    """Someone who has done it before. Contact details only where a source publishes them."""

    name = models.CharField(max_length=120)
    role = models.CharField(max_length=200, blank=True)
    council = models.ForeignKey(
        Council,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experts",
        help_text="The council they work for. Leave blank for experts any council may contact.",
    )
    organisation = models.CharField(max_length=200, blank=True, help_text="Where they work, when not a council here.")
    area = models.CharField(max_length=200, help_text="Area of expertise, e.g. 'HR (TUPE, restructures, recruitment)'.")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    contact_published = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The year the source published the email or phone number, shown beside them because they may be out of date.",
    )

    class Meta(SignpostItem.Meta):
        ordering = ["position", "name"]

    def __str__(self):
        return f"{self.name} ({self.area})"

    def clean(self):
        if (self.email or self.phone) and not self.contact_published:
            raise ValidationError({"contact_published": "Give the year the source published these contact details."})


class CaseStudy(SignpostItem):
    class Kind(models.TextChoices):
        ONE_SERVICE = "one_service", "One service"
        RANGE = "range", "A range of services"
        WHOLE_ORGANISATION = "whole_organisation", "Whole organisation"
        PROCUREMENT = "procurement", "Joint procurement"

    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    bodies = models.CharField(max_length=400, help_text="The councils or bodies involved.")
    services = models.CharField(max_length=300)
    kind = models.CharField(max_length=30, choices=Kind.choices, blank=True)
    delivery_model = models.CharField(max_length=200, blank=True)
    dates = models.CharField(max_length=120, blank=True, help_text="When it started or ran, as the source gives it.")
    investment = models.CharField(max_length=300, blank=True, help_text="Set-up costs as published.")
    savings = models.CharField(max_length=400, blank=True, help_text="Savings as published.")
    summary = models.TextField()
    lessons = models.TextField(blank=True, help_text="What was learned.")

    class Meta(SignpostItem.Meta):
        ordering = ["position", "title"]
        verbose_name_plural = "case studies"

    def __str__(self):
        return self.title




class ContentVersion(models.Model):
    """A counter that goes up whenever an admin changes the question bank or the signposting
    content (see toolkit/content_cache.py). Cached content is stored under keys holding it, so
    every app server stops using what it cached before the change, with nothing to clear."""

    number = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"Content version {self.number}"

from django.db import models


class Source(models.TextChoices):
    """Where a question or content item comes from.

    Most content comes from the five source documents (the seed files). A little comes from
    publications outside them, named with their year: the HM Treasury business-case guidance
    (the Five Case Model) and the Green Book that the design step builds on, and the census
    figures for council populations.
    """

    MERTON = "000_89f19df402329646.txt", "Building a Shared Service Toolkit (London Borough of Merton)"
    SUTTON = "001_7a5597624470dbfa.txt", "The Shared Service Pyramid (London Borough of Sutton)"
    LGA = "002_3629ed7e1db573a4.txt", "Shared services and management: a guide for councils (Local Government Group, 2011)"
    WEST_MIDLANDS = "003_ad2021519356bd22.txt", "Developing and Implementing Shared Services Across the West Midlands"
    IES = "004_69d23a5f6650a130.txt", "Back Office Efficiency: Shared Services Case Studies (Institute for Employment Studies)"
    FIVE_CASE_MODEL = "hmt-five-case-model-2026", "Business case guidance for projects and programmes: the Five Case Model (HM Treasury, 2026)"
    GREEN_BOOK = "hmt-green-book-2026", "The Green Book: appraisal and evaluation in central government (HM Treasury, 2026 edition)"
    CENSUS_2011 = "ons-census-2011", "2011 Census: usual resident population (Office for National Statistics, 2012)"

    @classmethod
    def seed_files(cls):
        """The values that name one of the five source documents."""
        return {value for value in cls.values if value.endswith(".txt")}

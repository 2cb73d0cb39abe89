"""The audit trail: who changed what, when, from what to what (django-simple-history).

A Django app of its own (label ``audit``) beside ``toolkit``, so the historical tables and their
migrations stay apart from the toolkit's own: a history table is never mistaken for one of the
toolkit's records, and adding one never takes a toolkit migration number.
"""

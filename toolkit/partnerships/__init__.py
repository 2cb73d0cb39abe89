"""Partnerships of councils: setting one up, invitations, members joining and leaving.

Shared by the joint assessment and the design step, which both belong to a partnership.
"""

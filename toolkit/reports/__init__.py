"""Reports made in the background, so no page waits for a PDF: asking for one records a job
(``ReportJob``) and queues a task (django-tasks) that makes it; the job's page says how it is
going. ``jobs`` asks and runs, ``packs`` makes the ZIP files of several reports, ``views`` the
job's page, and ``admin`` the Django admin action for readiness summaries of several councils.
"""

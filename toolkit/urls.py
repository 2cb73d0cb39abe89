from django.urls import path

app_name = "toolkit"
urlpatterns = []

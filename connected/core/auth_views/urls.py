from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout, name="logout"),
    path("verify/", views.verify, name="verify"),
    path("two-factor/", views.two_factor, name="two_factor"),
]

"""Signing in and out (publishers only: reusers never need an account)."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from ceiba.web.lockout import (
    login_clear_failures,
    login_is_locked,
    login_record_failure,
)


def _client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


class LoginForm(AuthenticationForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # No autofocus: keyboard and screen-reader users start at the skip link.
        self.fields["username"].widget.attrs.pop("autofocus", None)


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def post(
        self, request: HttpRequest, *args: object, **kwargs: object
    ) -> HttpResponse:
        username = request.POST.get("username", "")
        if login_is_locked(username=username, ip=_client_ip(request)):
            form = self.get_form()
            minutes = max(1, settings.CEIBA_LOGIN_LOCKOUT_SECONDS // 60)
            form.add_error(
                None,
                _(
                    "Too many failed attempts. Wait %(minutes)d minutes and try again, "
                    "or ask your institution's administrator to reset your password."
                )
                % {"minutes": minutes},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        login_record_failure(
            username=self.request.POST.get("username", ""), ip=_client_ip(self.request)
        )
        return super().form_invalid(form)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        login_clear_failures(
            username=form.get_user().get_username(), ip=_client_ip(self.request)
        )
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    pass

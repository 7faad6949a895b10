"""A signed-in user's own page: who they are and their API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ceiba.accounts.selectors import token_list
from ceiba.accounts.services import token_create, token_revoke
from ceiba.common.errors import ValidationError
from ceiba.web.forms import TokenForm


def _render(
    request: HttpRequest, form: TokenForm, new_token: str = "", status: int = 200
) -> HttpResponse:
    return render(
        request,
        "web/profile.html",
        {
            "form": form,
            "tokens": token_list(user=request.user),
            "new_token": new_token,
        },
        status=status,
    )


@never_cache
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render(request, TokenForm())
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _render(request, form, status=400)
    try:
        _token, raw = token_create(user=request.user, **form.cleaned_data)
    except ValidationError as error:
        form.add_service_errors(error.field_errors)
        return _render(request, form, status=400)
    # Shown on this answer only: the secret is not stored and cannot be shown again.
    return _render(request, TokenForm(), new_token=raw)


@require_POST
@login_required
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    token = token_revoke(user=request.user, token_id=token_id)
    messages.success(
        request, _("The token %(prefix)s… no longer works.") % {"prefix": token.prefix}
    )
    return redirect("web:profile")

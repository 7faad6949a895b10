from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from ceiba.accounts.exceptions import TokenInputError, TokenNotFoundError
from ceiba.accounts.models import ApiToken
from ceiba.accounts.selectors import token_find
from ceiba.accounts.services import token_create, token_revoke
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_token_is_stored_only_as_a_digest_and_found_by_its_secret():
    user = make_user("ana")
    token, raw = token_create(user=user, name="script", scope="write")
    assert raw.startswith("ceiba_") and len(raw) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert raw not in {stored.digest, stored.prefix, stored.name}
    assert raw.startswith(stored.prefix)
    found = token_find(raw=raw)
    assert found == token and found.allows("write")
    assert token_find(raw=raw + "x") is None
    assert token_find(raw="") is None


def test_revoked_expired_and_inactive_users_tokens_do_not_work():
    user = make_user("ana")
    revoked, raw_revoked = token_create(user=user, name="a")
    token_revoke(user=user, token_id=revoked.pk)
    assert token_find(raw=raw_revoked) is None

    expired, raw_expired = token_create(user=user, name="b", expires_days=1)
    ApiToken.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert token_find(raw=raw_expired) is None

    _token, raw = token_create(user=user, name="c")
    user.is_active = False
    user.save()
    assert token_find(raw=raw) is None


def test_a_read_token_cannot_write():
    token, _raw = token_create(user=make_user("ana"), name="lectura")
    assert token.allows("read") and not token.allows("write")


def test_bad_input_is_refused_with_messages_per_field():
    user = make_user("ana")
    with pytest.raises(TokenInputError) as caught:
        token_create(user=user, name=" ", scope="admin", expires_days=0)
    assert set(caught.value.field_errors) == {"name", "scope", "expires_days"}
    assert not ApiToken.objects.exists()


def test_nobody_revokes_someone_elses_token():
    token, raw = token_create(user=make_user("ana"), name="a")
    with pytest.raises(TokenNotFoundError):
        token_revoke(user=make_user("bea"), token_id=token.pk)
    assert token_find(raw=raw) is not None


def test_the_command_prints_a_working_token_once(capsys):
    make_user("ana")
    call_command("token", "create", "ana", "--scope", "write", "--expires-days", "30")
    raw = capsys.readouterr().out.strip()
    token = token_find(raw=raw)
    assert token.scope == "write"
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)

    call_command("token", "list", "ana")
    listing = capsys.readouterr().out
    assert token.prefix in listing and raw not in listing

    call_command("token", "revoke", "ana", str(token.pk))
    assert token_find(raw=raw) is None


def test_the_command_explains_refusals():
    make_user("ana")
    with pytest.raises(CommandError, match="nobody"):
        call_command("token", "create", "nobody")
    with pytest.raises(CommandError, match="3650"):
        call_command("token", "create", "ana", "--expires-days", "99999")


def test_the_profile_page_creates_shows_once_and_revokes(client: Client):
    user = make_user("ana")
    client.force_login(user)
    page = client.get("/cuenta/")
    assert page.status_code == 200
    assert "no-cache" in page["Cache-Control"] or "no-store" in page["Cache-Control"]

    response = client.post(
        "/cuenta/", {"name": "presupuesto", "scope": "write", "expires_days": "90"}
    )
    assert response.status_code == 200
    raw = response.context["new_token"]
    assert raw in response.content.decode()
    assert token_find(raw=raw).user == user

    again = client.get("/cuenta/").content.decode()
    assert raw not in again and "presupuesto" in again

    token = token_find(raw=raw)
    response = client.post(f"/cuenta/claves/{token.pk}/revocar/")
    assert response.status_code == 302
    assert token_find(raw=raw) is None


def test_the_profile_page_refuses_bad_input_in_spanish(client: Client):
    client.force_login(make_user("ana"))
    response = client.post("/cuenta/", {"name": "", "scope": "root"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
    assert "obligatorio" in response.content.decode()


def test_the_profile_page_needs_a_sign_in(client: Client):
    response = client.get("/cuenta/")
    assert response.status_code == 302 and "/cuenta/entrar/" in response["Location"]

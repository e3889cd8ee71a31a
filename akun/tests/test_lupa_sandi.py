"""Forgotten password: a one-time link by e-mail, and nothing revealed about who has an account."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def test_reset_link_sets_a_new_password_once(client, cast):
    response = client.post("/akun/sandi/lupa/", {"email": "editor@uji.example"})
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["editor@uji.example"] and "kata sandi baru" in message.subject
    link = re.search(r"http://testserver(/akun/sandi/atur/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    new = {"new_password1": "jembatan-binuang-2025", "new_password2": "jembatan-binuang-2025"}
    assert client.post(form_page.redirect_chain[-1][0], new).status_code == 302
    cast.editor.refresh_from_db()
    assert cast.editor.check_password("jembatan-binuang-2025")
    assert not client.get(link, follow=True).context["validlink"]


def test_unknown_email_gets_the_same_answer_and_no_mail(client, cast):
    response = client.post("/akun/sandi/lupa/", {"email": "tidak.ada@uji.example"})
    assert response.status_code == 302 and response["Location"] == "/akun/sandi/lupa/terkirim/"
    assert mail.outbox == []

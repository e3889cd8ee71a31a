"""The yearly coverage target page (/kelola/target/): a year that is not a number is a form error, not a crash."""

import pytest

from kim.models import TargetCakupan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("tahun", ["abc", "2025.5", "²", "9" * 5000])
def test_a_year_that_is_not_a_number_is_refused_with_400_and_the_form_message(client, cast, tahun):
    client.force_login(cast.admin)
    response = client.post("/kelola/target/", {"tahun": tahun, "jumlah_desa": 90})
    [pesan] = response.context["form"].errors["tahun"]
    assert response.status_code == 400 and pesan in response.content.decode()
    assert not TargetCakupan.objects.exists()


def test_a_year_in_the_address_that_is_not_a_number_shows_this_year(client, cast):
    client.force_login(cast.admin)
    assert client.get("/kelola/target/", {"tahun": "abc"}).status_code == 200

"""JSON-LD text can never close its script element."""

import json

from jembatan.lib.jsonld import jsonld


def test_user_text_cannot_break_out_of_the_script_element():
    teks = jsonld({"claimReviewed": "</script><script>alert(1)</script> & <b>"})
    assert "<" not in teks and ">" not in teks and "&" not in teks
    assert json.loads(teks)["claimReviewed"] == "</script><script>alert(1)</script> & <b>"

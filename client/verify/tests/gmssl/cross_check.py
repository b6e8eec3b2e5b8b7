"""Independent SM2/SM3 implementation for client/verify/tests/national.rs: `gmssl` from PyPI
(pure Python, GM/T 0003/0004, SM2 signatures with SM3 and the default distinguishing ID
1234567812345678 in CryptSM2.sign_with_sm3/verify_with_sm3).

stdin: {"sign": [{"secret": hex, "message": hex}], "verify": [{"key": hex 04||x||y,
"message": hex, "signature": hex r||s}], "sm3": [hex]}
stdout: {"public": [hex 04||x||y], "signatures": [hex r||s], "verified": [bool], "sm3": [hex]}
"""
import json
import secrets
import sys

from gmssl import sm2, sm3, func


def public_of(secret_hex):
    c = sm2.CryptSM2(private_key=secret_hex, public_key="00" * 64)
    return c._kg(int(secret_hex, 16), c.ecc_table["g"])


def crypt(secret_hex, xy_hex):
    # CryptSM2 strips a leading "04" with str.lstrip("04"), which also eats leading 0/4 digits of
    # x: hand it x||y (128 hex digits) and make sure that does not start with "04".
    assert len(xy_hex) == 128 and not xy_hex.startswith("04"), xy_hex
    return sm2.CryptSM2(private_key=secret_hex, public_key=xy_hex)


def main():
    req = json.load(sys.stdin)
    out = {"public": [], "signatures": [], "verified": [], "sm3": []}
    for s in req.get("sign", []):
        xy = public_of(s["secret"])
        c = crypt(s["secret"], xy)
        msg = bytes.fromhex(s["message"])
        sig = None
        while sig is None:  # sign() returns None for the rare unusable nonce
            sig = c.sign_with_sm3(msg, secrets.token_hex(32))
        out["public"].append("04" + xy)
        out["signatures"].append(sig)
    for v in req.get("verify", []):
        key = v["key"]
        assert key.startswith("04") and len(key) == 130, key
        c = crypt("00", key[2:])
        out["verified"].append(bool(c.verify_with_sm3(v["signature"], bytes.fromhex(v["message"]))))
    for m in req.get("sm3", []):
        out["sm3"].append(sm3.sm3_hash(func.bytes_to_list(bytes.fromhex(m))))
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Reference SRTP peer for tests: libsrtp2 (the C library) through ctypes.

usage: libsrtp.py protect|unprotect rtp|rtcp <base64 master key||salt>
Reads one hex packet per line on stdin, writes one line per packet: the hex result, or
"ERR <libsrtp status>". One session per run, so ROC, SRTCP index and replay state carry over.
AES_CM_128_HMAC_SHA1_80 for RTP and RTCP (libsrtp's defaults), any SSRC.
"""
import base64
import ctypes
import ctypes.util
import sys


class CryptoPolicy(ctypes.Structure):
    _fields_ = [
        ("cipher_type", ctypes.c_uint32),
        ("cipher_key_len", ctypes.c_int),
        ("auth_type", ctypes.c_uint32),
        ("auth_key_len", ctypes.c_int),
        ("auth_tag_len", ctypes.c_int),
        ("sec_serv", ctypes.c_int),
    ]


class Ssrc(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("value", ctypes.c_uint)]


class Policy(ctypes.Structure):
    pass


Policy._fields_ = [
    ("ssrc", Ssrc),
    ("rtp", CryptoPolicy),
    ("rtcp", CryptoPolicy),
    ("key", ctypes.c_char_p),
    ("keys", ctypes.c_void_p),
    ("num_master_keys", ctypes.c_ulong),
    ("deprecated_ekt", ctypes.c_void_p),
    ("window_size", ctypes.c_ulong),
    ("allow_repeat_tx", ctypes.c_int),
    ("enc_xtn_hdr", ctypes.c_void_p),
    ("enc_xtn_hdr_count", ctypes.c_int),
    ("next", ctypes.POINTER(Policy)),
]

SSRC_ANY_INBOUND = 2
SSRC_ANY_OUTBOUND = 3


def main() -> None:
    mode, kind, key_b64 = sys.argv[1], sys.argv[2], sys.argv[3]
    lib = ctypes.CDLL(ctypes.util.find_library("srtp2") or "libsrtp2.so.1")
    if lib.srtp_init() != 0:
        raise SystemExit("srtp_init failed")
    key = base64.b64decode(key_b64)
    policy = Policy()
    lib.srtp_crypto_policy_set_rtp_default(ctypes.byref(policy.rtp))
    lib.srtp_crypto_policy_set_rtcp_default(ctypes.byref(policy.rtcp))
    policy.ssrc.type = SSRC_ANY_OUTBOUND if mode == "protect" else SSRC_ANY_INBOUND
    keybuf = ctypes.create_string_buffer(key, len(key))
    policy.key = ctypes.cast(keybuf, ctypes.c_char_p)
    policy.window_size = 128
    session = ctypes.c_void_p()
    status = lib.srtp_create(ctypes.byref(session), ctypes.byref(policy))
    if status != 0:
        raise SystemExit(f"srtp_create failed: {status}")
    fn = {
        ("protect", "rtp"): lib.srtp_protect,
        ("unprotect", "rtp"): lib.srtp_unprotect,
        ("protect", "rtcp"): lib.srtp_protect_rtcp,
        ("unprotect", "rtcp"): lib.srtp_unprotect_rtcp,
    }[(mode, kind)]
    out = []
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        data = bytes.fromhex(line)
        buf = ctypes.create_string_buffer(data, len(data) + 64)
        length = ctypes.c_int(len(data))
        status = fn(session, buf, ctypes.byref(length))
        out.append(buf.raw[: length.value].hex() if status == 0 else f"ERR {status}")
    sys.stdout.write("\n".join(out) + "\n")
    lib.srtp_dealloc(session)


main()

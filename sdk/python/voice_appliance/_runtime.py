"""The hand-written part of the Python SDK (standard library only): one HTTP request over
urllib.request, bearer auth, query strings, JSON / multipart / form bodies, and the appliance's
error body ({"error": {"code", "message", "details"}}) raised as ApiError. The generated client.py
calls only Transport.request."""

import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple, Union


class ApiError(Exception):
    """A failed request: HTTP status, the appliance's error code and message, optional details."""

    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.details = details


@dataclass
class UploadFile:
    """One file of a multipart upload (knowledge documents); str data is sent as UTF-8."""

    filename: str
    data: Union[bytes, str]
    content_type: str = "application/octet-stream"


def _seg(value: str) -> str:
    """A path parameter, percent-encoded as one segment."""
    return urllib.parse.quote(str(value), safe="")


def _query_string(query: Optional[Mapping[str, Any]]) -> str:
    if not query:
        return ""
    pairs = []
    for key, value in query.items():
        if value is None:
            continue
        for one in value if isinstance(value, (list, tuple)) else [value]:
            # JSON spelling for booleans (the server's schemas read "true"/"false").
            pairs.append((key, ("true" if one else "false") if isinstance(one, bool) else str(one)))
    return "?" + urllib.parse.urlencode(pairs) if pairs else ""


def _multipart(files: Sequence[UploadFile]) -> Tuple[bytes, str]:
    boundary = "----voice-appliance-" + uuid.uuid4().hex
    out = bytearray()
    for f in files:
        data = f.data.encode("utf-8") if isinstance(f.data, str) else f.data
        name = f.filename.replace('"', "%22").replace("\r", "").replace("\n", "")
        out += f"--{boundary}\r\n".encode()
        out += f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'.encode("utf-8")
        out += f"Content-Type: {f.content_type}\r\n\r\n".encode()
        out += data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), f"multipart/form-data; boundary={boundary}"


class Transport:
    def __init__(self, base: str, token: Optional[str], ssl_context: Any, timeout_s: float) -> None:
        self.base = base
        self.token = token
        self.ssl_context = ssl_context
        self.timeout_s = timeout_s

    def request(
        self,
        method: str,
        path: str,
        query: Optional[Mapping[str, Any]] = None,
        json_body: Any = None,
        files: Optional[Sequence[UploadFile]] = None,
        form: Optional[Mapping[str, str]] = None,
        expect: str = "json",
    ) -> Any:
        headers: Dict[str, str] = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data: Optional[bytes] = None
        if json_body is not None:
            data = json.dumps(json_body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        elif files is not None:
            data, headers["Content-Type"] = _multipart(files)
        elif form is not None:
            data = urllib.parse.urlencode(form).encode("utf-8")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        req = urllib.request.Request(self.base + path + _query_string(query), data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout_s, context=self.ssl_context) as res:
                raw = res.read()
        except urllib.error.HTTPError as err:
            raise _api_error(err.code, err.read()) from None
        if expect == "binary":
            return raw
        if expect == "none" or not raw:
            return None
        return json.loads(raw)


def _api_error(status: int, raw: bytes) -> ApiError:
    text = raw.decode("utf-8", "replace")
    try:
        err = json.loads(text).get("error")
        if isinstance(err, dict) and isinstance(err.get("code"), str):
            return ApiError(status, err["code"], str(err.get("message", err["code"])), err.get("details"))
    except (ValueError, AttributeError):
        pass  # not the appliance's error body (a proxy's page): keep the text
    return ApiError(status, f"http_{status}", text[:500])

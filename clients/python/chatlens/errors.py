"""Exceptions raised by :class:`chatlens.Client`.

Every failure is a :class:`ChatlensError`. An answer from the server that is an error becomes an
:class:`APIError` subclass chosen by the ``code`` of the server's error envelope
``{"error": {"code", "message", "requestId"}}``; not getting an answer at all is an
:class:`APIConnectionError` (or its subclass :class:`APITimeoutError`).

Example::

    try:
        client.chat_sessions("2026-04-01", "2026-03-01")
    except chatlens.BadRequestError as err:
        print(err.status, err.code, err.message, err.request_id)
        # 400 BAD_REQUEST end_date must be on or after start_date 7f0c…
"""
from __future__ import annotations

import builtins
import json
from typing import Any, Dict, Mapping, Optional, Type

__all__ = [
    "ChatlensError",
    "APIError",
    "BadRequestError",
    "UnauthorizedError",
    "ForbiddenError",
    "NotFoundError",
    "ConflictError",
    "PayloadTooLargeError",
    "UnsupportedMediaTypeError",
    "UnprocessableError",
    "TooManyRequestsError",
    "ServerError",
    "ServiceUnavailableError",
    "APIConnectionError",
    "APITimeoutError",
    "InvalidResponseError",
    "MissingDependencyError",
    "error_from_response",
]


class ChatlensError(Exception):
    """Base class of every exception this package raises."""


class APIError(ChatlensError):
    """The server answered with an error status.

    Attributes:
        status: the HTTP status (e.g. ``403``).
        code: the envelope's code (e.g. ``"FORBIDDEN"``); ``"HTTP_ERROR"`` when the body was not
            Chatlens's envelope (a proxy's error page, for instance).
        message: the server's explanation, naming the problem.
        request_id: the server's id for the request (quote it when reporting a problem), or
            ``None`` when the body carried none.
    """

    def __init__(self, message: str, *, status: int, code: str, request_id: Optional[str]) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.request_id = request_id

    def __str__(self) -> str:
        rid = f", request id {self.request_id}" if self.request_id else ""
        return f"{self.status} {self.code}: {self.message}{rid}"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(message={self.message!r}, status={self.status}, "
            f"code={self.code!r}, request_id={self.request_id!r})"
        )


class BadRequestError(APIError):
    """400 ``BAD_REQUEST``: a missing or malformed parameter (a date not in YYYY-MM-DD, …)."""


class UnauthorizedError(APIError):
    """401 ``UNAUTHORIZED``: no API key, or an unknown or revoked one."""


class ForbiddenError(APIError):
    """403 ``FORBIDDEN``: the key's role may not do this, or it asked for another company."""


class NotFoundError(APIError):
    """404 ``NOT_FOUND``: no such session, company or route."""


class ConflictError(APIError):
    """409 ``CONFLICT``."""


class PayloadTooLargeError(APIError):
    """413 ``PAYLOAD_TOO_LARGE``."""


class UnsupportedMediaTypeError(APIError):
    """415 ``UNSUPPORTED_MEDIA_TYPE``."""


class UnprocessableError(APIError):
    """422 ``UNPROCESSABLE``."""


class TooManyRequestsError(APIError):
    """429 ``TOO_MANY_REQUESTS``: wait before trying again."""


class ServerError(APIError):
    """5xx: the server failed (``INTERNAL``); its body never carries internals."""


class ServiceUnavailableError(ServerError):
    """503 ``UNAVAILABLE``."""


class APIConnectionError(ChatlensError, builtins.ConnectionError):
    """No answer: the server could not be reached or dropped the connection.

    Distinct from :class:`APIError` (which means the server did answer). Also a built-in
    :class:`ConnectionError`, so ``except ConnectionError`` catches it too.
    """


class APITimeoutError(APIConnectionError, builtins.TimeoutError):
    """No answer within the client's ``timeout``."""


class InvalidResponseError(ChatlensError):
    """A success status with a body that is not the JSON the API sends (e.g. a captive portal)."""


class MissingDependencyError(ChatlensError, builtins.ImportError):
    """An optional dependency (pandas, for DataFrames) is not installed."""


_BY_CODE: Dict[str, Type[APIError]] = {
    "BAD_REQUEST": BadRequestError,
    "UNAUTHORIZED": UnauthorizedError,
    "FORBIDDEN": ForbiddenError,
    "NOT_FOUND": NotFoundError,
    "CONFLICT": ConflictError,
    "PAYLOAD_TOO_LARGE": PayloadTooLargeError,
    "UNSUPPORTED_MEDIA_TYPE": UnsupportedMediaTypeError,
    "UNPROCESSABLE": UnprocessableError,
    "TOO_MANY_REQUESTS": TooManyRequestsError,
    "INTERNAL": ServerError,
    "UNAVAILABLE": ServiceUnavailableError,
}

# Used when the body is not the envelope: the status still says what kind of failure it is.
_BY_STATUS: Dict[int, Type[APIError]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    415: UnsupportedMediaTypeError,
    422: UnprocessableError,
    429: TooManyRequestsError,
    503: ServiceUnavailableError,
}


def error_from_response(status: int, body: bytes, headers: Optional[Mapping[str, str]] = None) -> APIError:
    """The exception for an error answer: by envelope code, else by status."""
    envelope: Any = None
    try:
        envelope = json.loads(body.decode("utf-8")) if body else None
    except (UnicodeDecodeError, ValueError):
        envelope = None
    err = envelope.get("error") if isinstance(envelope, dict) else None
    if isinstance(err, dict) and isinstance(err.get("code"), str):
        code = err["code"]
        message = err.get("message") if isinstance(err.get("message"), str) else f"HTTP {status}"
        request_id = err.get("requestId") if isinstance(err.get("requestId"), str) else None
        cls = _BY_CODE.get(code) or _class_for_status(status)
        return cls(message, status=status, code=code, request_id=request_id)
    request_id = None
    if headers is not None:
        request_id = headers.get("x-request-id") or headers.get("X-Request-Id")
    text = body[:200].decode("utf-8", "replace").strip() if body else ""
    message = f"HTTP {status}" + (f": {text}" if text else "")
    return _class_for_status(status)(message, status=status, code="HTTP_ERROR", request_id=request_id)


def _class_for_status(status: int) -> Type[APIError]:
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return ServerError if status >= 500 else APIError

"""Chatlens for Python: the reporting, trends and monitoring APIs, and the merged daily usage table.

Example::

    import chatlens

    client = chatlens.Client()          # CHATLENS_URL and CHATLENS_API_KEY from the environment
    df = client.merged_usage("2026-04-01", "2026-04-30")   # one row per UTC day (pandas)
    print(df[["date", "nb_sessions", "user_queries", "likes"]])

See the README next to this package for every method.
"""
__version__ = "0.1.0"

from .client import MAX_EVENTS_PER_REQUEST, Client, DateLike  # noqa: E402
from .errors import (  # noqa: E402
    APIConnectionError,
    APIError,
    APITimeoutError,
    BadRequestError,
    ChatlensError,
    ConflictError,
    ForbiddenError,
    InvalidResponseError,
    MissingDependencyError,
    NotFoundError,
    PayloadTooLargeError,
    ServerError,
    ServiceUnavailableError,
    TooManyRequestsError,
    UnauthorizedError,
    UnprocessableError,
    UnsupportedMediaTypeError,
)
from .usage import TOOL_COLUMN_PREFIX, USAGE_COLUMNS, merge_usage, usage_dataframe  # noqa: E402

__all__ = [
    "__version__",
    "Client",
    "DateLike",
    "MAX_EVENTS_PER_REQUEST",
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
    "USAGE_COLUMNS",
    "TOOL_COLUMN_PREFIX",
    "merge_usage",
    "usage_dataframe",
]

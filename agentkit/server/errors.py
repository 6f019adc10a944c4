"""Errors as OpenAI's clients expect them: ``{"error": {"message", "type", "param", "code"}}`` and its status.

    400 invalid_request_error   the body is not JSON, or not a chat request
    401 authentication_error    missing or wrong bearer token
    404 invalid_request_error   an unknown model (code ``model_not_found``) or path
    413 invalid_request_error   the body is larger than the limit
    429 rate_limit_error        the server is answering as many requests as it may
    500 server_error            a bug; logged, never a traceback in the response

The official ``openai`` client turns each status into its exception (``BadRequestError``,
``AuthenticationError``, ``NotFoundError``, ``RateLimitError`` …) and reads the message from this body.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

__all__ = ["ApiError", "error_body", "install_error_handlers"]

logger = logging.getLogger(__name__)

_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "invalid_request_error",
    405: "invalid_request_error",
    413: "invalid_request_error",
    429: "rate_limit_error",
}


class ApiError(Exception):
    """An error the client is told about, with its HTTP status and OpenAI error ``code``."""

    def __init__(
        self, status: int, message: str, *, code: str | None = None, param: str | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.message, self.code, self.param = status, message, code, param

    def response(self) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if self.status == 401 else None
        return JSONResponse(
            error_body(self.status, self.message, code=self.code, param=self.param),
            status_code=self.status,
            headers=headers,
        )


def error_body(
    status: int, message: str, *, code: str | None = None, param: str | None = None
) -> dict[str, Any]:
    """OpenAI's error object for ``status``."""
    return {
        "error": {
            "message": message,
            "type": _TYPES.get(status, "server_error"),
            "param": param,
            "code": code,
        }
    }


def install_error_handlers(app: FastAPI) -> None:
    """Every error the app raises, its own and FastAPI's, answered with OpenAI's error body."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return exc.response()

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return ApiError(400, f"invalid request: {exc.errors()}").response()

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        return ApiError(exc.status_code, str(exc.detail)).response()

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("a request to %s failed", request.url.path)
        return ApiError(500, f"internal error ({type(exc).__name__}); see the server log").response()

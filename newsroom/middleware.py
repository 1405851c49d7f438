"""Request checks that hold for every view."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse

CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # NUL, line breaks, escapes: /%00/2025-01-24/


def control_characters_refuse(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """A request whose address holds a control character gets a 400: no page's address has one, and NUL
    cannot even be looked up in PostgreSQL. Query values may hold a tab or a line break (pasted text), not
    NUL."""

    def middleware(request: HttpRequest) -> HttpResponse:
        query = unquote(request.META.get("QUERY_STRING", ""), errors="replace")
        if CONTROL.search(request.path) or "\x00" in query:
            raise BadRequest("control character in the request's address")
        return get_response(request)

    return middleware

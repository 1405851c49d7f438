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
    """A request whose path holds a control character, or whose query holds NUL, gets a 400: no page's
    address has one, nobody types NUL, and PostgreSQL cannot even look it up. Other control characters in
    query values (a tab or a line break in pasted text) are each view's to read."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if CONTROL.search(request.path) or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            raise BadRequest("control character in the request's address")
        return get_response(request)

    return middleware

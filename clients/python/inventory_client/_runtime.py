"""What every generated client does around its operations: credentials, the refresh of an
expired access token, Idempotency-Keys, bounded retries of 429/503, errors and pagination.
Standard library only."""

import email.utils
import json
import os
import re
import threading
import time
import uuid
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Tuple

DEFAULT_BASE_URL = 'http://localhost:8000'

# Routes whose successful answer carries new tokens for this client (sign-in, refresh).
_SESSION_ROUTES = re.compile(
    r'/api(?:/v1)?/(?:auth/login|auth/register|auth/token/refresh|auth/refresh|accounts/auth/login|accounts/auth/refresh)/?$'
)
_JWT = re.compile(r'^eyJ[\w-]*\.[\w-]+\.[\w-]+$')


class StockroomError(Exception):
    """An answer that is not a success, read from the API's error envelope
    ``{"error": {"code", "status", "message", "details"}}``."""

    def __init__(self, code: str, status: int, message: str, details: Any = None,
                 request_id: Optional[str] = None, body: Any = None) -> None:
        super().__init__(message)
        #: A stable code such as ``VALIDATION_ERROR``, ``NOT_FOUND``, ``PERMISSION_DENIED``.
        self.code = code
        #: The HTTP status.
        self.status = status
        self.message = message
        #: Field errors (``{field: [messages]}``) or other details of the failure.
        self.details = details
        #: The server's X-Request-Id, to quote when reporting a problem.
        self.request_id = request_id
        #: The answer's body as received.
        self.body = body

    def __repr__(self) -> str:
        return 'StockroomError(code=%r, status=%r, message=%r)' % (self.code, self.status, self.message)

    @classmethod
    def from_answer(cls, status: int, reason: str, headers: Mapping[str, str], raw: bytes) -> 'StockroomError':
        request_id = headers.get('X-Request-Id')
        try:
            body: Any = json.loads(raw.decode('utf-8')) if raw else None
        except ValueError:
            body = raw.decode('utf-8', 'replace')
        envelope = body.get('error') if isinstance(body, dict) else None
        if isinstance(envelope, dict):
            return cls(str(envelope.get('code') or 'HTTP_%d' % status), status, str(envelope.get('message') or reason),
                       envelope.get('details'), request_id, body)
        # Routes kept for older clients answer in their own shapes ({detail}, {field: [...]}).
        detail = body.get('detail') if isinstance(body, dict) else None
        message = detail if isinstance(detail, str) else body if isinstance(body, str) and body else reason or 'HTTP %d' % status
        return cls('HTTP_%d' % status, status, message, body if isinstance(body, (dict, list)) else None, request_id, body)


class _Answer:
    def __init__(self, status: int, reason: str, headers: Mapping[str, str], body: bytes) -> None:
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is answered to the caller, never followed with the credentials."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class StockroomClient:
    """Credentials: ``api_key`` (sent as ``Authorization: Token <key>``), ``token`` (a JWT is sent as
    ``Bearer``, any other token as ``Token``), or :meth:`login` with a username or email and password.
    ``base_url`` defaults to ``INVENTORY_API_URL`` from the environment, else ``http://localhost:8000``."""

    def __init__(self, api_key: Optional[str] = None, token: Optional[str] = None, base_url: Optional[str] = None,
                 refresh_token: Optional[str] = None, max_retries: int = 3, max_retry_delay: float = 30.0,
                 timeout: float = 30.0, headers: Optional[Dict[str, str]] = None,
                 on_tokens: Optional[Callable[[Dict[str, Optional[str]]], None]] = None) -> None:
        self.base_url = (base_url or os.environ.get('INVENTORY_API_URL') or DEFAULT_BASE_URL).rstrip('/')
        self.api_key = api_key
        self.max_retries = max_retries
        self.max_retry_delay = max_retry_delay
        self.timeout = timeout
        self._access = token
        self._refresh = refresh_token
        self._headers = dict(headers or {})
        self._on_tokens = on_tokens
        self._lock = threading.Lock()
        self._opener = urllib.request.build_opener(_NoRedirect())

    @property
    def tokens(self) -> Dict[str, Optional[str]]:
        """The access token in use and the refresh token (it changes on every refresh)."""
        return {'access': self._access, 'refresh': self._refresh}

    def set_tokens(self, access: Optional[str] = None, refresh: Optional[str] = None) -> None:
        if access is not None:
            self._access = access
        if refresh is not None:
            self._refresh = refresh

    # -- requests -------------------------------------------------------------------------

    def _call(self, method: str, route: str, *, path: Optional[Dict[str, Any]] = None,
              query: Optional[Dict[str, Any]] = None, body: Optional[Dict[str, Any]] = None,
              fields: Optional[Dict[str, Any]] = None, files: Optional[Dict[str, Tuple[str, Any]]] = None,
              text: bool = False, idempotency_key: Optional[str] = None,
              headers: Optional[Dict[str, str]] = None) -> Any:
        url = self.base_url + re.sub(r'\{(\w+)\}', lambda m: urllib.parse.quote(str((path or {})[m.group(1)]), safe=''), route)
        pairs = _query_pairs(query or {})
        if pairs:
            url += '?' + urllib.parse.urlencode(pairs)
        request_headers = {'Accept': 'application/json', 'User-Agent': 'inventory-client-python'}
        request_headers.update(self._headers)
        request_headers.update(headers or {})
        data: Optional[bytes] = None
        if files:
            data, content_type = _multipart(files)
            request_headers['Content-Type'] = content_type
        elif body is not None or fields:
            payload = dict(body or {})
            payload.update({k: v for k, v in (fields or {}).items() if v is not None})
            data = json.dumps(payload).encode('utf-8')
            request_headers['Content-Type'] = 'application/json'
        if method.upper() == 'POST':
            request_headers.setdefault('Idempotency-Key', idempotency_key or str(uuid.uuid4()))
        answer = self._send(method.upper(), url, data, request_headers)
        if not 200 <= answer.status < 300:
            raise StockroomError.from_answer(answer.status, answer.reason, answer.headers, answer.body)
        if text:
            return answer.body.decode('utf-8')
        if not answer.body:
            return None
        return json.loads(answer.body.decode('utf-8'))

    def _iterate(self, fetch_page: Callable[[Dict[str, Any]], Dict[str, Any]], query: Dict[str, Any]) -> Iterator[Dict[str, Any]]:
        """Every item of a list, page after page, following ``next`` (page numbers or a cursor)."""
        current = dict(query)
        while True:
            page = fetch_page(current)
            results = page.get('results') or []
            for item in results:
                yield item
            if not page.get('next') or not results:
                return
            # The next link's query, sent to our own base URL (the link may name a public host).
            current = {}
            for key, value in urllib.parse.parse_qsl(urllib.parse.urlsplit(page['next']).query, keep_blank_values=True):
                seen = current.get(key)
                current[key] = value if seen is None else (seen + [value] if isinstance(seen, list) else [seen, value])

    # -- transport ------------------------------------------------------------------------

    def _authorization(self) -> Optional[str]:
        if self._access:
            return ('Bearer ' if _JWT.match(self._access) else 'Token ') + self._access
        if self.api_key:
            return 'Token ' + self.api_key
        return None

    def _send(self, method: str, url: str, data: Optional[bytes], headers: Dict[str, str]) -> _Answer:
        session = bool(_SESSION_ROUTES.search(urllib.parse.urlsplit(url).path))
        own_authorization = any(k.lower() == 'authorization' for k in headers)
        refreshed = False
        attempt = 0
        while True:
            outgoing = dict(headers)
            authorization = self._authorization()
            if authorization and not own_authorization and not session:
                outgoing['Authorization'] = authorization
            answer = self._exchange(method, url, data, outgoing)
            if answer.status in (429, 503) and attempt < self.max_retries:
                delay = self._retry_delay(answer, attempt)
                if delay is not None:
                    time.sleep(delay)
                    attempt += 1
                    continue
            if answer.status == 401 and not session and not own_authorization and not refreshed and self._refresh:
                refreshed = True
                if self._renew():
                    continue
            if session and 200 <= answer.status < 300:
                self._capture(answer.body)
            return answer

    def _exchange(self, method: str, url: str, data: Optional[bytes], headers: Dict[str, str]) -> _Answer:
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return _Answer(response.status, response.reason, response.headers, response.read())
        except urllib.error.HTTPError as error:
            with error:
                return _Answer(error.code, str(error.reason), error.headers, error.read())

    def _retry_delay(self, answer: _Answer, attempt: int) -> Optional[float]:
        """Seconds to wait before retrying, or None when the server asks for longer than allowed."""
        delay = min(0.5 * 2 ** attempt, self.max_retry_delay)
        header = answer.headers.get('Retry-After')
        if header:
            try:
                delay = float(header)
            except ValueError:
                parsed = email.utils.parsedate_to_datetime(header) if header else None
                delay = parsed.timestamp() - time.time() if parsed else 0.0
        delay = max(0.0, delay)
        return None if delay > self.max_retry_delay else delay

    def _renew(self) -> bool:
        """One refresh at a time: a thread that waited finds the tokens already renewed."""
        stale = self._access
        with self._lock:
            if self._access != stale:
                return True
            if not self._refresh:
                return False
            answer = self._exchange('POST', self.base_url + '/api/v1/auth/token/refresh/',
                                    json.dumps({'refresh': self._refresh}).encode('utf-8'),
                                    {'Content-Type': 'application/json', 'Accept': 'application/json'})
            if not 200 <= answer.status < 300:
                self._refresh = None
                return False
            self._capture(answer.body)
            return True

    def _capture(self, raw: bytes) -> None:
        try:
            body = json.loads(raw.decode('utf-8'))
        except ValueError:
            return
        if not isinstance(body, dict):
            return
        # Sign-up nests its pair under `tokens`; the sign-ins and refreshes answer it at the top.
        if isinstance(body.get('tokens'), dict):
            body = body['tokens']
        access = body.get('access') or body.get('access_token')
        refresh = body.get('refresh') or body.get('refresh_token')
        if not isinstance(access, str):
            return
        self._access = access
        if isinstance(refresh, str):
            self._refresh = refresh
        if self._on_tokens:
            self._on_tokens(self.tokens)


def _query_pairs(query: Dict[str, Any]) -> List[Tuple[str, str]]:
    pairs: List[Tuple[str, str]] = []
    for key, value in query.items():
        if value is None:
            continue
        for one in value if isinstance(value, (list, tuple)) else [value]:
            pairs.append((key, 'true' if one is True else 'false' if one is False else str(one)))
    return pairs


def _multipart(files: Dict[str, Tuple[str, Any]]) -> Tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts: List[bytes] = []
    for field, (filename, content) in files.items():
        if hasattr(content, 'read'):
            content = content.read()
        if isinstance(content, str):
            content = content.encode('utf-8')
        parts.append(('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\n'
                      'Content-Type: application/octet-stream\r\n\r\n' % (boundary, field, filename.replace('"', ''))).encode('utf-8'))
        parts.append(content)
        parts.append(b'\r\n')
    parts.append(('--%s--\r\n' % boundary).encode('utf-8'))
    return b''.join(parts), 'multipart/form-data; boundary=' + boundary

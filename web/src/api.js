// The center's HTTP API (docs/API.md), as the dashboard calls it: same
// origin, the session cookie sent by the browser, errors as values with the
// server's own message.

export class ApiError extends Error {
  constructor(status, code, message, details = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

async function answer(res) {
  const type = res.headers.get('content-type') || '';
  if (res.status === 204) return null;
  if (!res.ok) {
    let body = null;
    try {
      body = type.includes('json') ? await res.json() : { error: { message: await res.text() } };
    } catch {
      body = null;
    }
    const e = body && body.error ? body.error : {};
    throw new ApiError(res.status, e.code || String(res.status), e.message || res.statusText, e.details || []);
  }
  return type.includes('json') ? res.json() : res.text();
}

export async function get(path, { signal } = {}) {
  let res;
  try {
    res = await fetch(path, { credentials: 'same-origin', signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'unreachable', 'the center does not answer: check the link');
  }
  return answer(res);
}

export async function send(method, path, body, type = 'application/json') {
  let res;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': type },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'unreachable', 'the center does not answer: check the link');
  }
  return answer(res);
}

// Query string from an object, leaving out empty values; '+' is escaped as
// the server reads a bare '+' as a space (docs/API.md, Conventions).
export function query(params) {
  const parts = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

// Signed register entries (JSON Lines), as POST /v1/register/entries takes them.
export const postEntries = (lines) => send('POST', '/v1/register/entries', `${lines.join('\n')}\n`, 'application/x-ndjson');

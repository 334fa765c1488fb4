import { TEST_ORIGIN } from './test-app';

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * Talks to the api the way a browser does: keeps cookies, sends the Origin on state-changing
 * requests and the session's CSRF token once it knows it.
 */
export class BrowserClient {
  readonly cookies = new Map<string, string>();
  csrfToken: string | null = null;
  sendCsrf = true;
  origin: string | null = TEST_ORIGIN;

  constructor(private readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers['cookie'] = this.cookieHeader;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') {
      if (this.origin) headers['origin'] = this.origin;
      if (this.sendCsrf && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    }
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (!name) continue;
      const v = value.join('=');
      if (v === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, v);
    }
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as T) : (undefined as T);
    const csrf =
      (parsed as { csrfToken?: unknown; session?: { csrfToken?: unknown } } | undefined) ??
      undefined;
    const token = csrf?.csrfToken ?? csrf?.session?.csrfToken;
    if (typeof token === 'string') this.csrfToken = token;
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /** The same session (cookies and CSRF token) against another base URL (a restarted api). */
  movedTo(baseUrl: string): BrowserClient {
    const next = new BrowserClient(baseUrl);
    for (const [k, v] of this.cookies) next.cookies.set(k, v);
    next.csrfToken = this.csrfToken;
    return next;
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
}

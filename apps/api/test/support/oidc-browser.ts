export interface BrowserAnswer {
  status: number;
  /** The Location header, as sent. */
  location: string | null;
  headers: Headers;
  text: string;
}

/**
 * A browser for redirect-based flows across two sites (api and identity provider): one cookie
 * jar (cookies are not isolated by port, as in a real browser), redirects followed by hand,
 * and a "hosts file" that sends the api's public origin to where the test app listens.
 * Only 127.0.0.1 is ever contacted.
 */
export class RedirectBrowser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly hosts: Record<string, string>) {}

  async get(url: string): Promise<BrowserAnswer> {
    const target = new URL(url);
    const mapped = this.hosts[target.origin];
    const actual = mapped ? new URL(`${target.pathname}${target.search}`, mapped) : target;
    if (actual.hostname !== '127.0.0.1') throw new Error(`refusing to contact ${actual.origin}`);
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0)
      headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(actual, { headers, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = (pair ?? '').indexOf('=');
      if (at <= 0) continue;
      const name = (pair as string).slice(0, at).trim();
      const value = (pair as string).slice(at + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie))
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const location = res.headers.get('location');
    return {
      status: res.status,
      location: location === null ? null : new URL(location, target).href,
      headers: res.headers,
      text: await res.text(),
    };
  }
}

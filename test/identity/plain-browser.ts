/** One response as a browser saw it. */
export interface Page {
  url: string;
  status: number;
  location?: string;
  text: string;
  /** Response headers, names in lower case. */
  headers: Record<string, string>;
  /** The raw Set-Cookie headers of this response. */
  setCookies: string[];
}

interface StoredCookie {
  value: string;
  path: string;
}

/**
 * A browser without JavaScript, over plain HTTP: it keeps cookies per origin (honouring Path and
 * deletion), follows redirects when asked, and submits forms. `hosts` maps a public origin to where
 * that server really listens (name resolution), so the pages can have a public address of their own.
 */
export class PlainBrowser {
  private readonly jar = new Map<string, Map<string, StoredCookie>>();

  constructor(
    private readonly hosts: Record<string, string> = {},
    /** Sent with every request (say, the X-Forwarded-Proto a TLS proxy adds). */
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  /** One request, no redirect followed. */
  async request(url: string, form?: Record<string, string>): Promise<Page> {
    const target = new URL(url);
    const real = new URL(target.pathname + target.search, this.hosts[target.origin] ?? target.origin);
    const cookie = [...(this.jar.get(target.origin) ?? new Map<string, StoredCookie>()).entries()]
      .filter(([, c]) => target.pathname === c.path || target.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
    const res = await fetch(real, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { ...this.extraHeaders, ...(cookie ? { cookie } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    const setCookies = res.headers.getSetCookie();
    for (const header of setCookies) this.store(target.origin, header);
    const location = res.headers.get('location') ?? undefined;
    const headers = Object.fromEntries(res.headers.entries());
    return { url, status: res.status, location: location ? new URL(location, url).href : undefined, text: await res.text(), headers, setCookies };
  }

  /** Requests and follows redirects until `stop` says a next address is not to be visited, or a page is not a redirect. */
  async follow(url: string, stop: (next: URL) => boolean = () => false, form?: Record<string, string>): Promise<Page> {
    let page = await this.request(url, form);
    for (let hops = 0; page.location && [301, 302, 303, 307, 308].includes(page.status) && !stop(new URL(page.location)); hops++) {
      if (hops > 20) throw new Error(`too many redirects from ${url}`);
      page = await this.request(page.location);
    }
    return page;
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name)?.value;
  }

  setCookie(origin: string, name: string, value: string, path = '/'): void {
    if (!this.jar.has(origin)) this.jar.set(origin, new Map());
    this.jar.get(origin)!.set(name, { value, path });
  }

  private store(origin: string, header: string): void {
    const [pair, ...attributes] = header.split(';').map((p) => p.trim());
    const name = pair.slice(0, pair.indexOf('='));
    const value = pair.slice(pair.indexOf('=') + 1);
    const attribute = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
    const maxAge = attribute('max-age');
    const expires = attribute('expires');
    const deleted = (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) <= Date.now());
    if (!this.jar.has(origin)) this.jar.set(origin, new Map());
    if (deleted) this.jar.get(origin)!.delete(name);
    else this.jar.get(origin)!.set(name, { value, path: attribute('path') ?? '/' });
  }
}

/** The action of the page's first form whose hidden `prompt` is this value (the issuer's login or consent form). */
export function issuerForm(page: Page, prompt: 'login' | 'consent'): string | undefined {
  const form = [...page.text.matchAll(/<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)].find((m) => m[2].includes(`name="prompt" value="${prompt}"`));
  return form ? new URL(form[1].replace(/&amp;/g, '&'), page.url).href : undefined;
}

/**
 * Signs in at the local OpenID provider as a browser would, over plain HTTP: follows its
 * redirects with its cookies, fills its development login form (any login, any password) or
 * presses its Cancel link, and answers the first address outside the provider: Weir's callback.
 */
export async function loginAtProvider(
  authorizationUrl: string,
  login: string,
  options: { cancel?: boolean } = {},
): Promise<URL> {
  const provider = new URL(authorizationUrl).origin;
  const cookies = new Map<string, string>();
  let url = authorizationUrl;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (new URL(url).origin !== provider) return new URL(url);
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      body,
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const set of response.headers.getSetCookie()) {
      const [name, value = ''] = (set.split(';')[0] ?? '').split(/=(.*)/s);
      if (!name) continue;
      if (value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    body = undefined;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await response.text();
    if (response.status !== 200)
      throw new Error(`the provider answered ${response.status}: ${html.slice(0, 300)}`);
    const target = options.cancel
      ? /href="([^"]+)">\[ Cancel \]/.exec(html)?.[1]
      : /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!target)
      throw new Error(`no ${options.cancel ? 'Cancel link' : 'login form'} on the provider's page`);
    url = new URL(target.replaceAll('&amp;', '&'), url).href;
    if (!options.cancel) body = new URLSearchParams({ prompt: 'login', login, password: 'any' });
  }
  throw new Error('the provider redirected more than 20 times');
}

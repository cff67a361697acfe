// The management API over plain HTTP, as an admin: with an admin API key (CONTROLROOM_ADMIN_KEY) or by
// signing in with email and password the way DESIGN.md describes (csrf token, then the credentials
// callback, keeping next-auth's cookies). Works against any running Control Room.
export type AdminCredentials = { adminKey?: string; email?: string; password?: string };

export type AdminResponse = { status: number; body: unknown };
export type AdminClient = { request(method: string, path: string, body?: unknown): Promise<AdminResponse> };

export const DEMO_ADMIN = { email: "admin@demo.local", password: "demo-password" };

export async function connectAdmin(baseUrl: string, credentials: AdminCredentials = {}): Promise<AdminClient> {
  const base = baseUrl.replace(/\/$/, "");
  const authorization = credentials.adminKey ? `Bearer ${credentials.adminKey}` : undefined;
  const cookies = new Map<string, string>();
  const keepCookies = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const separator = pair.indexOf("=");
      if (separator > 0) cookies.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
    }
  };
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");

  if (!authorization) {
    const email = credentials.email ?? DEMO_ADMIN.email;
    const password = credentials.password ?? DEMO_ADMIN.password;
    const csrf = await fetch(`${base}/api/auth/csrf`).catch((error: Error) => {
      throw new Error(`Cannot reach Control Room at ${base}: ${(error.cause as Error | undefined)?.message ?? error.message}`);
    });
    if (!csrf.ok) throw new Error(`Could not reach ${base}/api/auth/csrf (HTTP ${csrf.status})`);
    keepCookies(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader() },
      body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
    });
    keepCookies(signIn);
    if (![...cookies.keys()].some((name) => name.endsWith("next-auth.session-token"))) {
      throw new Error(`Sign-in as ${email} failed (HTTP ${signIn.status}); set CONTROLROOM_ADMIN_KEY or pass admin credentials`);
    }
  }

  return {
    async request(method, path, body) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(authorization ? { Authorization: authorization } : { Cookie: cookieHeader() }),
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON (an HTML error page): keep the text for the error message
      }
      return { status: response.status, body: parsed };
    },
  };
}

export function describeFailure(response: AdminResponse): string {
  const error = (response.body as { error?: { code?: string; message?: string } } | null)?.error;
  return error ? `HTTP ${response.status} ${error.code}: ${error.message}` : `HTTP ${response.status}`;
}

import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { AdminPage } from "./admin/admin-page.js";
import { createApi, describeError } from "./api/client.js";
import type { Me, UiConfig } from "./api/types.js";
import { type DevSession, DevSignIn } from "./auth/dev-sign-in.js";
import { ConsumerPage } from "./consumer/consumer-page.js";
import { ProviderPage } from "./provider/provider-page.js";
import type { Session } from "./session.js";

// Clerk's SDK is only downloaded when the server runs with Clerk.
const ClerkAuth = lazy(() => import("./auth/clerk-auth.js"));

const DEV_SESSION_KEY = "proxie.dev-session";
const SESSION_ENDED =
  "Your session ended (a dev server makes a new signing key at each start). Sign in again.";

function readDevSession(): DevSession | null {
  try {
    const raw = sessionStorage.getItem(DEV_SESSION_KEY);
    return raw ? (JSON.parse(raw) as DevSession) : null;
  } catch {
    return null;
  }
}

function Loading({ what = "Loading…" }: { what?: string }) {
  return (
    <main className="center" id="main">
      <p role="status">{what}</p>
    </main>
  );
}

function Shell({ session }: { session: Session }) {
  const { me } = session;
  const role = me.user.role;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Proxie</span>
        <span className="who">
          <span>{me.provider?.name ?? me.user.name ?? me.user.id}</span>{" "}
          <span className={`role role-${role}`}>{role}</span>
        </span>
        <button type="button" className="link-button" onClick={session.signOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {role === "consumer" ? <ConsumerPage session={session} /> : null}
        {role === "provider" ? <ProviderPage session={session} /> : null}
        {role === "admin" ? <AdminPage session={session} /> : null}
      </main>
    </>
  );
}

/** Everything after sign-in: who the token belongs to (`GET /v1/me`), then their role's screen. */
function SignedIn({
  getToken,
  signOut,
}: {
  getToken: () => Promise<string>;
  signOut: (notice?: string) => void;
}) {
  const api = useMemo(() => createApi(getToken, () => signOut(SESSION_ENDED)), [getToken, signOut]);
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ac = new AbortController();
    api.get<Me>("/v1/me", ac.signal).then(setMe, (err: unknown) => {
      if (!ac.signal.aborted) setError(describeError(err));
    });
    return () => ac.abort();
  }, [api]);
  const session = useMemo<Session | null>(
    () =>
      me && {
        api,
        me,
        reloadMe: () => api.get<Me>("/v1/me"),
        signOut: () => signOut(),
      },
    [api, me, signOut],
  );
  if (error)
    return (
      <main className="center" id="main">
        <p role="alert">{error}</p>
        <button type="button" onClick={() => signOut()}>
          Sign in again
        </button>
      </main>
    );
  if (!session) return <Loading />;
  return <Shell session={session} />;
}

/** Dev auth mode: the picker, then the app with the dev token (kept for this browser tab). */
function DevAuth() {
  const [dev, setDev] = useState<DevSession | null>(readDevSession);
  const [notice, setNotice] = useState<string | undefined>();
  const signOut = useCallback((why?: string) => {
    sessionStorage.removeItem(DEV_SESSION_KEY);
    setNotice(why);
    setDev(null);
  }, []);
  const token = dev?.token;
  const getToken = useCallback(async () => token ?? "", [token]);
  if (!dev)
    return (
      <DevSignIn
        notice={notice}
        onSignedIn={(s) => {
          sessionStorage.setItem(DEV_SESSION_KEY, JSON.stringify(s));
          setNotice(undefined);
          setDev(s);
        }}
      />
    );
  return <SignedIn key={dev.token} getToken={getToken} signOut={signOut} />;
}

const DEFAULT_CONFIG: UiConfig = { authMode: "dev", clerkPublishableKey: null };

export function App() {
  const [config, setConfig] = useState<UiConfig | null>(null);
  useEffect(() => {
    fetch("/ui/config.json")
      .then((r) => (r.ok ? (r.json() as Promise<UiConfig>) : DEFAULT_CONFIG))
      .catch(() => DEFAULT_CONFIG)
      .then(setConfig);
  }, []);
  if (!config) return <Loading />;
  if (config.authMode === "clerk") {
    const key = config.clerkPublishableKey ?? import.meta.env.VITE_CLERK_PUBLISHABLE_KEY;
    if (!key)
      return (
        <main className="center" id="main">
          <p role="alert">
            This server signs users in with Clerk, but the web app has no Clerk publishable key. Build the UI
            with VITE_CLERK_PUBLISHABLE_KEY set, or have the server provide it.
          </p>
        </main>
      );
    return (
      <Suspense fallback={<Loading what="Loading sign-in…" />}>
        <ClerkAuth publishableKey={key}>
          {(s) => <SignedIn key={s.userId} getToken={s.getToken} signOut={s.signOut} />}
        </ClerkAuth>
      </Suspense>
    );
  }
  return <DevAuth />;
}

import { type FormEvent, useId, useState } from "react";
import { errorOf } from "../api/client.js";
import type { Role } from "../api/types.js";
import { DEMO_USERS } from "./demo-users.js";

export interface DevSession {
  token: string;
  userId: string;
}

/** Asks the dev-mode server for a token (`POST /v1/dev/token`, which also creates the user). */
async function devToken(userId: string, role: Role): Promise<string> {
  const res = await fetch("/v1/dev/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ userId, role }),
  });
  if (!res.ok) throw await errorOf(res);
  return ((await res.json()) as { token: string }).token;
}

/** Dev auth mode: pick a demo user (or name any user) and sign in with a dev token. */
export function DevSignIn({ onSignedIn, notice }: { onSignedIn: (s: DevSession) => void; notice?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [customId, setCustomId] = useState("");
  const [customRole, setCustomRole] = useState<Role>("consumer");
  const idField = useId();
  const roleField = useId();

  async function signIn(userId: string, role: Role) {
    setPending(userId);
    setError(null);
    try {
      onSignedIn({ token: await devToken(userId, role), userId });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setPending(null);
    }
  }

  function onCustom(e: FormEvent) {
    e.preventDefault();
    if (customId.trim()) void signIn(customId.trim(), customRole);
  }

  return (
    <main className="sign-in" id="main">
      <h1>Sign in to Proxie</h1>
      <p className="lede">
        This server runs in <strong>dev auth mode</strong>: choose a demo user. Each one sees the app as that
        role does.
      </p>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ul className="demo-users">
        {DEMO_USERS.map((u) => (
          <li key={u.userId}>
            <button
              type="button"
              className="demo-user"
              onClick={() => void signIn(u.userId, u.role)}
              disabled={pending !== null}
              aria-describedby={`${u.userId}-what`}
            >
              <span className="demo-user-name">{u.name}</span>
              <span className={`role role-${u.role}`}>{u.role}</span>
              <span className="demo-user-what" id={`${u.userId}-what`}>
                {u.what}
              </span>
              {pending === u.userId ? <span className="muted">Signing in…</span> : null}
            </button>
          </li>
        ))}
      </ul>
      <form className="custom-user" onSubmit={onCustom}>
        <h2>Or any user</h2>
        <label htmlFor={idField}>User id</label>
        <input
          id={idField}
          value={customId}
          onChange={(e) => setCustomId(e.target.value)}
          pattern="[A-Za-z0-9_.:@\-]{1,128}"
          placeholder="e.g. alex"
          autoComplete="username"
        />
        <label htmlFor={roleField}>Role</label>
        <select id={roleField} value={customRole} onChange={(e) => setCustomRole(e.target.value as Role)}>
          <option value="consumer">consumer</option>
          <option value="provider">provider</option>
          <option value="admin">admin</option>
        </select>
        <button type="submit" disabled={pending !== null || !customId.trim()}>
          Sign in
        </button>
      </form>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </main>
  );
}

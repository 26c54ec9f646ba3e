import { ClerkProvider, Show, SignIn, useAuth, useClerk } from "@clerk/react";
import { type ReactNode, useCallback, useRef } from "react";

export interface ClerkSessionProps {
  getToken: () => Promise<string>;
  signOut: () => void;
  userId: string;
}

function SignedInSession({ children }: { children: (s: ClerkSessionProps) => ReactNode }) {
  const { getToken, userId } = useAuth();
  const clerk = useClerk();
  // Stable callbacks over Clerk's latest ones, so that a session refresh does not rebuild the app's API.
  const latest = useRef({ getToken, clerk });
  latest.current = { getToken, clerk };
  const token = useCallback(async () => {
    const t = await latest.current.getToken();
    if (!t) throw new Error("Clerk has no session token.");
    return t;
  }, []);
  const signOut = useCallback(() => void latest.current.clerk.signOut(), []);
  if (!userId) return null;
  return <>{children({ getToken: token, signOut, userId })}</>;
}

/**
 * Clerk mode: Clerk's own sign-in, then the app with Clerk session tokens (fresh for each request).
 * The server reads the role from the token's `metadata.role` claim, so the Clerk session token
 * must carry `{"metadata": "{{user.public_metadata}}"}` (Dashboard → Sessions → Customize).
 * Loaded as a chunk of its own, only when the server runs with Clerk.
 */
export default function ClerkAuth({
  publishableKey,
  children,
}: {
  publishableKey: string;
  children: (s: ClerkSessionProps) => ReactNode;
}) {
  return (
    <ClerkProvider publishableKey={publishableKey}>
      <Show when="signed-out">
        <main className="sign-in" id="main">
          <h1>Sign in to Proxie</h1>
          <SignIn routing="hash" />
        </main>
      </Show>
      <Show when="signed-in">
        <SignedInSession>{children}</SignedInSession>
      </Show>
    </ClerkProvider>
  );
}

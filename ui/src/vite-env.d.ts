/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Clerk's publishable key, when the server does not provide one at /ui/config.json. */
  readonly VITE_CLERK_PUBLISHABLE_KEY?: string;
}

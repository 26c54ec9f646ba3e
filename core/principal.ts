/** Who is calling, as established by a verified token: never taken from a request body or a model. */
export type Role = "consumer" | "provider" | "admin";

export interface Principal {
  userId: string;
  role: Role;
}

export const ROLES: readonly Role[] = ["consumer", "provider", "admin"];

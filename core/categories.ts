export const CATEGORIES = ["haircut", "cleaning", "plumbing"] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_INFO: Record<Category, { label: string; description: string }> = {
  haircut: {
    label: "Haircuts & grooming",
    description: "Barbers and stylists: cuts, fades, beard trims, colour.",
  },
  cleaning: {
    label: "Home cleaning",
    description: "Regular, deep and move-out cleans for homes and offices.",
  },
  plumbing: { label: "Plumbing", description: "Leaks, clogs, water heaters, fixtures and emergencies." },
};

export function isCategory(s: unknown): s is Category {
  return typeof s === "string" && (CATEGORIES as readonly string[]).includes(s);
}

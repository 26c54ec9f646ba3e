/** US dollars per million tokens, input and output. Unknown models cost nothing but are logged. */
export const PRICES_PER_MILLION: Record<string, { input: number; output: number }> = {
  offline: { input: 0, output: 0 },
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "gpt-5": { input: 1.25, output: 10 },
  "gpt-5-mini": { input: 0.25, output: 2 },
  "gpt-5-nano": { input: 0.05, output: 0.4 },
};

export function costUsd(model: string, inputTokens: number, outputTokens: number): number {
  const price = PRICES_PER_MILLION[model] ?? PRICES_PER_MILLION[model.replace(/-\d{4}-\d{2}-\d{2}$/, "")];
  if (!price) return 0;
  return (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
}

export function isPriced(model: string): boolean {
  return model in PRICES_PER_MILLION || model.replace(/-\d{4}-\d{2}-\d{2}$/, "") in PRICES_PER_MILLION;
}

import { describe, expect, it } from "vitest";
import { printProgress } from "./progress.js";

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  return { out: { isTTY, write: (s: string) => chunks.push(s) }, chunks };
}

describe("printProgress", () => {
  it("writes a line each time a step passes a quarter when the output is not a terminal", () => {
    const { out, chunks } = capture(false);
    const report = printProgress(out);
    for (let done = 10; done <= 200; done += 10) report({ step: "providers", done, total: 200 });
    report({ step: "reviews", done: 0, total: 0 });
    expect(chunks).toEqual([
      "seeding providers   50/200\n",
      "seeding providers  100/200\n",
      "seeding providers  150/200\n",
      "seeding providers  200/200\n",
      "seeding reviews    0/0\n",
    ]);
  });

  it("rewrites one line on a terminal and ends it when the step completes", () => {
    const { out, chunks } = capture(true);
    const report = printProgress(out);
    report({ step: "providers", done: 120, total: 200 });
    report({ step: "providers", done: 200, total: 200 });
    expect(chunks).toEqual(["\rseeding providers  120/200\x1b[K", "\rseeding providers  200/200\x1b[K\n"]);
  });
});

/**
 * The lower-case text the extractors share. An extractor that understands a span consumes it
 * (blanks it with spaces, keeping offsets), so later extractors do not read "45 minutes" in
 * "a fade takes 45 minutes" as a time, or a provider's name as a service.
 */
export class WorkingText {
  private chars: string;

  constructor(text: string) {
    this.chars = text;
  }

  get value(): string {
    return this.chars;
  }

  consume(start: number, end: number): void {
    if (end <= start) return;
    this.chars = this.chars.slice(0, start) + " ".repeat(end - start) + this.chars.slice(end);
  }

  /** All matches of a global regex, in order. */
  matches(re: RegExp): RegExpExecArray[] {
    const flags = re.flags.includes("g") ? re.flags : `${re.flags}g`;
    return [...this.chars.matchAll(new RegExp(re.source, flags))];
  }

  first(re: RegExp): RegExpExecArray | undefined {
    return this.matches(re)[0];
  }

  test(re: RegExp): boolean {
    return new RegExp(re.source, re.flags.replace("g", "")).test(this.chars);
  }

  consumeMatch(m: RegExpExecArray): void {
    this.consume(m.index, m.index + m[0].length);
  }
}

/** A regex source wrapped in word boundaries that also work next to "$" and digits. */
export function wordPattern(source: string): string {
  return `(?<![a-z0-9])(?:${source})(?![a-z0-9])`;
}

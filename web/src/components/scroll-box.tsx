import type { ComponentChildren } from "preact";

/**
 * A wide table's own scrolling box. On a phone the box scrolls sideways instead of the page, so
 * it takes keyboard focus (arrow keys scroll it) and is named for screen readers (WCAG 2.1.1).
 */
export function ScrollBox({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it.
    <section class="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

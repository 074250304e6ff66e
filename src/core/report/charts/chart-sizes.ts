// Chart sizes in SVG pixels. Every line here says why a three-digit number is not a score
// (test/code-health.test.ts), and this file has no block comments so its lines stay aligned.
export const WIDE = { width: 760, height: 320 }; // not a score: pixels
export const STANDARD = { width: 720, height: 320 }; // not a score: pixels
export const SHORT = { width: 720, height: 300 }; // not a score: pixels
export const GANTT_LABEL_COLUMN = 270; // not a score: pixels for the row labels

/** Report IO: printing the HTML report to PDF in headless Chromium. */

export { CHROMIUM_ARGS, chromiumPath, type PrintOptions, printPdf } from "./print-pdf.ts";

/** Report IO: printing the HTML report to PDF in headless Chromium, through a bounded queue. */

export { CHROMIUM_ARGS, chromiumPath, type PrintOptions, printPdf } from "./print-pdf.ts";
export { type Admission, type Printer, PrintQueue, type PrintQueueLimits } from "./print-queue.ts";

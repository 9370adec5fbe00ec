/** snoop bench page: how long the pages take in a real browser (the system's headless Chromium). */
package dev.snoop.bench.page;

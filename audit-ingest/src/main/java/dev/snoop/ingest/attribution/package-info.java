/** Which e2e test made a request, from its userAgent. */
package dev.snoop.ingest.attribution;

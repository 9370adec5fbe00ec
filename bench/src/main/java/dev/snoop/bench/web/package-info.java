/** The web server under concurrent load: requests per second and latency percentiles per path. */
package dev.snoop.bench.web;

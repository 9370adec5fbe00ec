/**
 * Coverage beyond "was it hit": what the API server answered the tests (status classes, endpoints
 * conformance tests reach only with errors) and which query parameters they used.
 */
package dev.snoop.coverage.outcome;

package dev.snoop.web;

import io.javalin.router.JavalinDefaultRouting;

/**
 * One area's routes (the API, the pages, the audit sink, ...), added to the server at its start.
 */
@FunctionalInterface
public interface Routes {
  void addTo(JavalinDefaultRouting router);
}

/** The JSON API under {@code /api}: every page is built from it. */
package dev.snoop.web.api;

/** The pages: one HTML shell for every page route; the pages are ES modules built from the API. */
package dev.snoop.web.page;

/**
 * snoop's one HTTP server: {@link dev.snoop.web.WebServer} with the JSON API, the pages, APISnoop's
 * files, the live audit sink and the GitHub webhook, each a {@link dev.snoop.web.Routes}.
 */
package dev.snoop.web;

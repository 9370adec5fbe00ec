/**
 * APISnoop's coverage files under {@code /apisnoop/}, so APISnoop's web app can read a snoop
 * server.
 */
package dev.snoop.web.apisnoop;

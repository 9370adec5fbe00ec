/**
 * Writing a test against a live cluster: the audit sink kube-apiserver posts to, and the API of
 * what a user agent hits and how it would change the release's coverage.
 */
package dev.snoop.web.live;

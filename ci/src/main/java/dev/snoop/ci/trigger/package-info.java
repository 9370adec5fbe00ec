/** Which jobs a GitHub event starts, and why: the rules of Prow's trigger plugin. */
package dev.snoop.ci.trigger;

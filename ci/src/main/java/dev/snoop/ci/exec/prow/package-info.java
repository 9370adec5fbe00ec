/** The Prow executor: a run handed to a real Prow as a ProwJob resource. */
package dev.snoop.ci.exec.prow;

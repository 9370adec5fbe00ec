/** The local executor: a run as a process of this machine, in its own work directory. */
package dev.snoop.ci.exec.local;

/**
 * The Kubernetes executor: a run is a pod named after the run, made, watched and removed as Prow's
 * plank and sinker do, through fabric8's client.
 */
package dev.snoop.ci.exec.kubernetes;

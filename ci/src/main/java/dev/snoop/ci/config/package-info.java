/** Prow's job files: read, defaulted and validated as Prow does. */
package dev.snoop.ci.config;

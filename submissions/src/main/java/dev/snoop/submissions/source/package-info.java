/** Where a submission comes from: a product folder, a git branch, or files given in memory. */
package dev.snoop.submissions.source;

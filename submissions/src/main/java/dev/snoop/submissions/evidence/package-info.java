/** Reading a submission's evidence: junit_01.xml (streamed), e2e.log and PRODUCT.yaml. */
package dev.snoop.submissions.evidence;

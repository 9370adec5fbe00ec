/** Coverage by SIG: which SIGs' tests reach which endpoints (conformance.coverage_by_sig). */
package dev.snoop.coverage.sig;

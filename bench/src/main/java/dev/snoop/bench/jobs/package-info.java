/** The job engine under a queue: max_concurrency kept, trigger-to-start latency, throughput. */
package dev.snoop.bench.jobs;

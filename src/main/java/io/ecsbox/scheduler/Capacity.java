package io.ecsbox.scheduler;

/** What one host offers to guests: CPUs and memory, as its agent reports them. */
public record Capacity(int cpus, long memoryMiB) {}

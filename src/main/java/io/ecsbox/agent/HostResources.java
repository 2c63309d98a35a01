package io.ecsbox.agent;

/** What one host offers to guests: its CPUs and its memory, as its kernel reports them. */
public record HostResources(int cpus, long memoryMiB) {}

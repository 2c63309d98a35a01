package io.ecsbox.api;

/**
 * One authenticated API call: who calls, what, with which parameters.
 *
 * @param endpoint the host:port the client used, echoed as RegionEndpoint
 */
public record ApiRequest(String accountId, String action, Params params, String requestId, String endpoint) {}

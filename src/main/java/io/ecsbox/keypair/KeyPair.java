package io.ecsbox.keypair;

import java.time.Instant;

/** One account's key pair as stored: the public key only; a private key is never kept. */
public record KeyPair(String id, String accountId, String name, String fingerprint, String publicKey,
    Instant created) {}

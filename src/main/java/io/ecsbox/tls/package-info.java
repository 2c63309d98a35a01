/** TLS material with JDK classes only: PEM parsing, certificate fingerprints, the server's SSLContext. */
package io.ecsbox.tls;

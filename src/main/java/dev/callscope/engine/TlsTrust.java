package dev.callscope.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How an {@code https://} server's certificate is checked. Verification is on unless the user
 * explicitly turns it off for a self-signed test server; the host name is checked whenever the
 * certificate is.
 */
public sealed interface TlsTrust {

    /** Which of the three a trust is: what a profile stores (with the CA file's path) and a form offers. */
    enum Kind {
        /** The certificate authorities the system trusts. */
        VERIFY,
        /** The certificate authorities in a PEM file. */
        CA_FILE,
        /** No verification: self-signed test servers only. */
        NO_VERIFY
    }

    /** The trust of {@code kind}; {@code caFile} is the PEM file of {@link Kind#CA_FILE} (ignored otherwise). */
    static TlsTrust of(Kind kind, Path caFile) {
        return switch (kind) {
            case VERIFY -> SYSTEM;
            case CA_FILE -> new CaFile(caFile);
            case NO_VERIFY -> NONE;
        };
    }

    /** The certificate authorities the JDK trusts (ClickHouse Cloud's certificates verify here). */
    record SystemCertificates() implements TlsTrust {}

    /** Only the certificate authorities in this PEM file (a private or corporate CA). */
    record CaFile(Path pem) implements TlsTrust {
        public CaFile {
            Objects.requireNonNull(pem, "pem");
        }
    }

    /** No verification at all: anyone between here and the server can read the traffic. Test servers only. */
    record NoVerification() implements TlsTrust {}

    TlsTrust SYSTEM = new SystemCertificates();
    TlsTrust NONE = new NoVerification();

    /** True when the server's identity is not checked, so the UI can say so. */
    default boolean insecure() {
        return this instanceof NoVerification;
    }
}

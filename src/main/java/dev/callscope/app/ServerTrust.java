package dev.callscope.app;

import java.nio.file.Path;
import java.util.Objects;

/** How an https server's certificate is checked: by the system's CAs, a CA file, or (explicitly) not at all. */
public sealed interface ServerTrust {

    record SystemCertificates() implements ServerTrust {}

    record CaFile(Path pem) implements ServerTrust {
        public CaFile {
            Objects.requireNonNull(pem, "pem");
        }
    }

    /** For self-signed test servers only; the connection bar shows it as a warning. */
    record NoVerification() implements ServerTrust {}

    ServerTrust SYSTEM = new SystemCertificates();
    ServerTrust NONE = new NoVerification();
}

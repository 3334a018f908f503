package dev.callscope.engine.remote;

import dev.callscope.engine.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLContext} that trusts exactly the certificates of a PEM file. Read here rather than
 * by the client so that a wrong file is named in a sentence (missing, not PEM, no certificate)
 * before any connection is tried.
 */
final class PemTrust {

    private PemTrust() {}

    static SSLContext context(Path pem) {
        Collection<? extends Certificate> certificates;
        if (!Files.isRegularFile(pem)) {
            throw new EngineException(0, "The CA file " + pem + " does not exist (or is not a file)");
        }
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (CertificateException e) {
            throw new EngineException(0, "The CA file " + pem + " is not a PEM certificate file", e);
        } catch (IOException e) {
            throw new EngineException(0, "The CA file " + pem + " cannot be read: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new EngineException(0, "The CA file " + pem + " holds no certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new EngineException(0, "The CA file " + pem + " could not be used: " + e.getMessage(), e);
        }
    }
}

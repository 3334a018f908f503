package dev.callscope.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts fixed at build time (from the pom, the single source of truth for versions). */
public record BuildInfo(String version, String chdbPackage, String chdbVersion, String chdbIntegrity) {

    public static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/dev/callscope/build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(
                p.getProperty("version"),
                p.getProperty("chdb.npm.package"),
                p.getProperty("chdb.npm.version"),
                p.getProperty("chdb.npm.integrity"));
    }
}

package dev.callscope.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Keyring detection against this computer, whatever it is. On Linux without a D-Bus session (a
 * headless build machine) there can be no Secret Service, and detection must say so; where a
 * keyring answers, a real entry is written, read back and deleted.
 */
class KeyringSecretStoreTest {

    @Test
    void detectionMatchesThisComputer() throws Exception {
        KeyringSecretStore.Detection d = KeyringSecretStore.detect();
        boolean linux =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        String bus = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        if (linux && (bus == null || bus.isBlank())) {
            assertFalse(d.available(), "no D-Bus session, so no Secret Service: " + d.explanation());
        }
        if (!d.available()) {
            assertTrue(d.explanation().startsWith("No keyring was found on this computer"), d.explanation());
            assertTrue(d.explanation().endsWith("so passwords are asked for when connecting."), d.explanation());
            return;
        }
        // a real keyring: a real round trip with an entry of our own
        SecretStore store = d.store().orElseThrow();
        String key = "callscope-test-" + System.nanoTime();
        try {
            store.write(key, "pw ✓ \"'\\");
            assertEquals(Optional.of("pw ✓ \"'\\"), store.read(key));
        } finally {
            store.delete(key);
        }
        assertEquals(Optional.empty(), store.read(key));
    }
}

package dev.callscope.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.callscope.secrets.KeyringSecretStore;
import dev.callscope.secrets.PlainSecretFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where passwords go when there is no keyring (as on this build machine): a profile that wants the
 * keyring is asked at connect time and nothing is written anywhere; a plain-text file only for a
 * profile that chose it; and changing or deleting the profile removes what was kept.
 */
class SavedPasswordsTest {

    @TempDir
    Path config;

    private static final KeyringSecretStore.Detection NO_KEYRING =
            new KeyringSecretStore.Detection(Optional.empty(), "No keyring was found on this computer.");

    private static Profile server(String id, Profile.PasswordStorage storage) {
        return new Profile.Server(id, "S " + id, "db.internal", 8443, true, "u", "default", null, null, storage, null);
    }

    private SavedPasswords withoutKeyring() {
        return new SavedPasswords(() -> NO_KEYRING, new PlainSecretFile(config));
    }

    @Test
    void withoutAKeyringTheKeyringChoiceIsAskedForAndNothingIsWritten() throws Exception {
        SavedPasswords passwords = withoutKeyring();
        Profile p = server("k", Profile.PasswordStorage.KEYRING);
        assertFalse(passwords.keyringAvailable());
        assertEquals(Profile.PasswordStorage.ASK, passwords.effective(p));
        passwords.remember(p, "typed-at-connect");
        assertEquals(Optional.empty(), passwords.read(p), "asked again next time");
        try (var files = Files.list(config)) {
            assertEquals(0, files.count(), "no password on disk");
        }
    }

    @Test
    void thePlainFileOnlyForAProfileThatChoseIt() throws Exception {
        SavedPasswords passwords = withoutKeyring();
        Profile plain = server("plain", Profile.PasswordStorage.PLAIN_FILE);
        passwords.remember(plain, "s3cret");
        assertEquals(Optional.of("s3cret"), passwords.read(plain));
        assertEquals(Optional.of("s3cret"), withoutKeyring().read(plain), "kept across runs");
        // the user changes their mind: the file no longer holds it
        Profile asking = server("plain", Profile.PasswordStorage.ASK);
        passwords.remember(asking, "ignored");
        assertEquals(Optional.empty(), passwords.read(asking));
        assertEquals(Optional.empty(), new PlainSecretFile(config).read("plain"));
    }

    @Test
    void forgettingADeletedProfileRemovesItsPassword() throws Exception {
        SavedPasswords passwords = withoutKeyring();
        Profile plain = server("gone", Profile.PasswordStorage.PLAIN_FILE);
        passwords.remember(plain, "pw");
        passwords.forget(plain);
        assertEquals(Optional.empty(), new PlainSecretFile(config).read("gone"));
    }

    @Test
    void onThisComputerTheRealDetectionDecidesTheFallback() throws Exception {
        KeyringSecretStore.Detection real = KeyringSecretStore.detect();
        SavedPasswords passwords = new SavedPasswords(() -> real, new PlainSecretFile(config));
        Profile p = server("real", Profile.PasswordStorage.KEYRING);
        assertEquals(
                real.available() ? Profile.PasswordStorage.KEYRING : Profile.PasswordStorage.ASK,
                passwords.effective(p));
        assertEquals(real.explanation(), passwords.keyringExplanation());
        if (!real.available()) {
            passwords.remember(p, "pw");
            assertEquals(Optional.empty(), passwords.read(p));
            try (var files = Files.list(config)) {
                assertEquals(0, files.count());
            }
        }
    }
}

package dev.callscope.profiles;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * All connection profiles and which was used last; immutable, saved whole by {@link ProfileStore}.
 *
 * @param version  the file format, for later changes
 * @param profiles in the order the user sees them
 * @param lastUsed the id of the profile to reconnect to at start-up, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProfileBook(int version, List<Profile> profiles, String lastUsed) {

    public static final int VERSION = 1;
    /** The id of the profile every book starts with. */
    public static final String DEMO_ID = "embedded-demo";

    public ProfileBook {
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
    }

    /** A first run: one profile, the embedded demo engine on its default data directory. */
    public static ProfileBook defaults(Path defaultDataDir) {
        return new ProfileBook(VERSION, List.of(Profile.embedded(DEMO_ID, "Embedded demo", defaultDataDir)), DEMO_ID);
    }

    public Optional<Profile> byId(String id) {
        return profiles.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The profile to reconnect to at start-up: the last used one, else the first. */
    @JsonIgnore
    public Optional<Profile> startup() {
        return lastUsed == null
                ? profiles.stream().findFirst()
                : byId(lastUsed).or(() -> profiles.stream().findFirst());
    }

    /** True when another profile than {@code exceptId} already has this name (ignoring case). */
    public boolean nameTaken(String name, String exceptId) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return profiles.stream()
                .anyMatch(p -> !p.id().equals(exceptId)
                        && p.name().strip().toLowerCase(Locale.ROOT).equals(n));
    }

    /** Adds the profile, or replaces the one with its id in place (a rename keeps its position). */
    public ProfileBook withSaved(Profile profile) {
        List<Profile> next = new ArrayList<>(profiles);
        int at = indexOf(profile.id());
        if (at >= 0) {
            next.set(at, profile);
        } else {
            next.add(profile);
        }
        return new ProfileBook(VERSION, next, lastUsed);
    }

    public ProfileBook without(String id) {
        List<Profile> next = profiles.stream().filter(p -> !p.id().equals(id)).toList();
        return new ProfileBook(VERSION, next, id.equals(lastUsed) ? null : lastUsed);
    }

    public ProfileBook withLastUsed(String id) {
        return new ProfileBook(VERSION, profiles, id);
    }

    private int indexOf(String id) {
        for (int i = 0; i < profiles.size(); i++) {
            if (profiles.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}

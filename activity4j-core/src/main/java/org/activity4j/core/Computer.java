package org.activity4j.core;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A computer registered in a Landscape account: what the {@code computer:} criteria of a query match.
 *
 * <pre>{@code
 * Computer web1 = Computer.builder(3, "web1.example.com")
 *         .title("Web 1").tags(Set.of("server", "web")).distribution("jammy")
 *         .annotation("env", "prod").needsReboot(true)
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the computer's id, 1 or more
 * @param hostname its hostname, non-empty
 * @param title its title, non-empty (the hostname when none is given)
 * @param tags its tags
 * @param accessGroup its access group ({@code global} by default)
 * @param distribution its distribution's code name, e.g. {@code jammy}, if known
 * @param annotations its annotations, key to value
 * @param alerts the alerts raised on it, e.g. {@code package-upgrades}
 * @param needsReboot whether it needs a reboot
 */
public record Computer(
        long id,
        String hostname,
        String title,
        Set<String> tags,
        String accessGroup,
        Optional<String> distribution,
        Map<String, String> annotations,
        Set<String> alerts,
        boolean needsReboot) {

    public Computer {
        if (id < 1) {
            throw new IllegalArgumentException("computer id must be 1 or more: " + id);
        }
        if (hostname.isEmpty() || title.isEmpty() || accessGroup.isEmpty()) {
            throw new IllegalArgumentException(
                    "hostname, title and access group of computer " + id + " must not be empty");
        }
        tags = Set.copyOf(tags);
        annotations = Map.copyOf(annotations);
        alerts = Set.copyOf(alerts);
    }

    /** A builder for the computer with this id and hostname; the title defaults to the hostname. */
    public static Builder builder(long id, String hostname) {
        return new Builder(id, hostname);
    }

    /** A builder that starts from this computer. */
    public Builder toBuilder() {
        Builder b = new Builder(id, hostname)
                .title(title)
                .tags(tags)
                .accessGroup(accessGroup)
                .alerts(alerts)
                .needsReboot(needsReboot);
        distribution.ifPresent(b::distribution);
        annotations.forEach(b::annotation);
        return b;
    }

    /** Builds a {@link Computer}. Not thread-safe. */
    public static final class Builder {
        private final long id;
        private final String hostname;
        private String title;
        private Set<String> tags = new TreeSet<>();
        private String accessGroup = "global";
        private Optional<String> distribution = Optional.empty();
        private final Map<String, String> annotations = new TreeMap<>();
        private Set<String> alerts = new TreeSet<>();
        private boolean needsReboot;

        private Builder(long id, String hostname) {
            this.id = id;
            this.hostname = hostname;
            this.title = hostname;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder tags(Set<String> tags) {
            this.tags = new TreeSet<>(tags);
            return this;
        }

        public Builder accessGroup(String accessGroup) {
            this.accessGroup = accessGroup;
            return this;
        }

        public Builder distribution(String distribution) {
            this.distribution = Optional.of(distribution);
            return this;
        }

        public Builder annotation(String key, String value) {
            annotations.put(key, value);
            return this;
        }

        public Builder alerts(Set<String> alerts) {
            this.alerts = new TreeSet<>(alerts);
            return this;
        }

        public Builder needsReboot(boolean needsReboot) {
            this.needsReboot = needsReboot;
            return this;
        }

        public Computer build() {
            return new Computer(id, hostname, title, tags, accessGroup, distribution, annotations, alerts, needsReboot);
        }
    }
}

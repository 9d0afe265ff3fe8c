package org.activity4j.query;

import java.util.Objects;
import java.util.Optional;
import org.activity4j.query.internal.QueryText;

/**
 * One criterion on the computer an activity belongs to, as written after {@code computer:} in a query:
 * {@code id:3}, {@code tag:laptop}, {@code hostname:web1}, {@code title:"Café box"}, {@code distribution:jammy},
 * {@code access-group:servers}, {@code alert:package-upgrades}, {@code needs:reboot},
 * {@code annotation:KEY[:VALUE]}, or a bare word that matches the hostname or the title.
 *
 * <pre>{@code
 * QueryCriteria q = QueryCriteria.computer(ComputerCriterion.tag("laptop"));
 * q.toQueryString();   // "computer:tag:laptop"
 * }</pre>
 *
 * <p>To act on each kind of criterion, implement {@link Visitor} and call {@link #accept(Visitor)}: the
 * visitor does not compile until it handles every kind, so a criterion added later is a compile error where
 * it is not handled:
 *
 * <pre>{@code
 * boolean indexed = criterion.accept(new ComputerCriterion.Visitor<Boolean>() {
 *     public Boolean visitTag(ComputerCriterion.Tag tag) { return true; }
 *     public Boolean visitId(ComputerCriterion.Id id) { return false; }
 *     // ... one method for each other criterion
 * });
 * }</pre>
 *
 * <p>Every implementation is an immutable, thread-safe record whose text values are non-empty.
 */
public sealed interface ComputerCriterion {

    /** The criterion as written after {@code computer:}, quoted where needed: {@code tag:"my tag"}. */
    String toQueryString();

    /** Calls the visitor's method for this criterion's type and returns what it returns. */
    <R> R accept(Visitor<R> visitor);

    /**
     * An operation on computer criteria, one method per record type: a class that implements it does not
     * compile until it handles each.
     *
     * @param <R> what the operation returns for a criterion
     */
    interface Visitor<R> {
        R visitId(Id id);

        R visitTag(Tag tag);

        R visitHostname(Hostname hostname);

        R visitTitle(Title title);

        R visitDistribution(Distribution distribution);

        R visitAccessGroup(AccessGroup accessGroup);

        R visitAlert(Alert alert);

        R visitNeedsReboot(NeedsReboot needsReboot);

        R visitAnnotation(Annotation annotation);

        R visitText(Text text);
    }

    /** {@code id:N}: the computer with this id (1 or more). */
    static Id id(long id) {
        return new Id(id);
    }

    /** {@code tag:T}: computers with this tag. */
    static Tag tag(String tag) {
        return new Tag(tag);
    }

    /** {@code hostname:H}: computers with this hostname. */
    static Hostname hostname(String hostname) {
        return new Hostname(hostname);
    }

    /** {@code title:T}: computers with this title. */
    static Title title(String title) {
        return new Title(title);
    }

    /** {@code distribution:D}: computers running this distribution (e.g. {@code jammy}). */
    static Distribution distribution(String distribution) {
        return new Distribution(distribution);
    }

    /** {@code access-group:G}: computers in this access group. */
    static AccessGroup accessGroup(String accessGroup) {
        return new AccessGroup(accessGroup);
    }

    /** {@code alert:A}: computers with this alert raised. */
    static Alert alert(String alert) {
        return new Alert(alert);
    }

    /** {@code needs:reboot}: computers that need a reboot. */
    static NeedsReboot needsReboot() {
        return NeedsReboot.INSTANCE;
    }

    /** {@code annotation:KEY}: computers with this annotation, whatever its value. */
    static Annotation annotation(String key) {
        return new Annotation(key, Optional.empty());
    }

    /** {@code annotation:KEY:VALUE}: computers whose annotation {@code key} has this value. */
    static Annotation annotation(String key, String value) {
        return new Annotation(key, Optional.of(value));
    }

    /** A bare word: computers whose hostname or title matches it. */
    static Text text(String text) {
        return new Text(text);
    }

    /** {@code id:N}. @param id the computer's id, 1 or more */
    record Id(long id) implements ComputerCriterion {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitId(this);
        }

        public Id {
            QueryText.requirePositive("computer id", id);
        }

        @Override
        public String toQueryString() {
            return "id:" + id;
        }
    }

    /** {@code tag:T}. @param tag a non-empty tag */
    record Tag(String tag) implements ComputerCriterion {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitTag(this);
        }

        public Tag {
            QueryText.requireValue("tag", tag);
        }

        @Override
        public String toQueryString() {
            return QueryText.keyed("tag", tag);
        }
    }

    /** {@code hostname:H}. @param hostname a non-empty hostname */
    record Hostname(String hostname) implements ComputerCriterion {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitHostname(this);
        }

        public Hostname {
            QueryText.requireValue("hostname", hostname);
        }

        @Override
        public String toQueryString() {
            return QueryText.keyed("hostname", hostname);
        }
    }

    /** {@code title:T}. @param title a non-empty title */
    record Title(String title) implements ComputerCriterion {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitTitle(this);
        }

        public Title {
            QueryText.requireValue("title", title);
        }

        @Override
        public String toQueryString() {
            return QueryText.keyed("title", title);
        }
    }

    /** {@code distribution:D}. @param distribution a non-empty distribution name */
    record Distribution(String distribution) implements ComputerCriterion {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitDistribution(this);
        }

        public Distribution {
            QueryText.requireValue("distribution", distribution);
        }

        @Override
        public String toQueryString() {
            return QueryText.keyed("distribution", distribution);
        }
    }

    /** {@code access-group:G}. @param accessGroup a non-empty access group name */
    record AccessGroup(String accessGroup) implements ComputerCriterion {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAccessGroup(this);
        }

        public AccessGroup {
            QueryText.requireValue("access-group", accessGroup);
        }

        @Override
        public String toQueryString() {
            return QueryText.keyed("access-group", accessGroup);
        }
    }

    /** {@code alert:A}. @param alert a non-empty alert type */
    record Alert(String alert) implements ComputerCriterion {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAlert(this);
        }

        public Alert {
            QueryText.requireValue("alert", alert);
        }

        @Override
        public String toQueryString() {
            return QueryText.keyed("alert", alert);
        }
    }

    /** {@code needs:reboot}. */
    record NeedsReboot() implements ComputerCriterion {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitNeedsReboot(this);
        }

        static final NeedsReboot INSTANCE = new NeedsReboot();

        @Override
        public String toQueryString() {
            return "needs:reboot";
        }
    }

    /**
     * {@code annotation:KEY} or {@code annotation:KEY:VALUE}.
     *
     * @param key a non-empty annotation key without {@code ':'}
     * @param value the value the annotation must have; empty for any value
     */
    record Annotation(String key, Optional<String> value) implements ComputerCriterion {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAnnotation(this);
        }

        public Annotation {
            QueryText.requireValue("annotation key", key);
            if (key.indexOf(':') >= 0) {
                throw new IllegalArgumentException("annotation key must not contain ':': " + key);
            }
            Objects.requireNonNull(value, "value");
            value.ifPresent(v -> QueryText.requireValue("annotation value", v));
        }

        @Override
        public String toQueryString() {
            return QueryText.keyed("annotation", value.map(v -> key + ":" + v).orElse(key));
        }
    }

    /** A bare word or quoted phrase that matches the hostname or the title. @param text non-empty */
    record Text(String text) implements ComputerCriterion {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitText(this);
        }

        public Text {
            QueryText.requireValue("computer text", text);
        }

        @Override
        public String toQueryString() {
            return QueryText.bare(text);
        }
    }
}

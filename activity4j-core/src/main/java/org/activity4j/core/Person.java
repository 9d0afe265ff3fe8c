package org.activity4j.core;

/**
 * A person of a Landscape account, as the creator of activities: {@code {"id": 5, "name": "Jane Doe",
 * "email": "jane@example.com"}}.
 *
 * <pre>{@code
 * Person jane = new Person(5, "Jane Doe", "jane@example.com");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the person's id, 1 or more
 * @param name the display name, may be empty
 * @param email the email address that {@code creator:} queries match, non-empty
 */
public record Person(long id, String name, String email) {
    public Person {
        if (id < 1) {
            throw new IllegalArgumentException("person id must be 1 or more: " + id);
        }
        if (email.isEmpty()) {
            throw new IllegalArgumentException("email of person " + id + " must not be empty");
        }
    }
}

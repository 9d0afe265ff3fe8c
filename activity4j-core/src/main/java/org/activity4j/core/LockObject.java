package org.activity4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The object a lock is on, as the identity columns of {@code pg_locks} give it: two locks are on the same
 * object exactly when their {@code LockObject}s are equal. Each part is empty when {@code pg_locks} has NULL
 * for it (which parts are set depends on {@link #type()}).
 *
 * <pre>{@code
 * LockObject o = LockObject.parse("advisory;database=16384;classid=0;objid=401;objsubid=1");
 * o.advisoryKey();   // OptionalLong[401]: one bigint key (objsubid 1)
 * o.toString();      // the same text, which parse reads back
 * }</pre>
 *
 * <p>The text form ({@link #toString()}, read by {@link #parse(String)}) is the type followed by each present
 * part as {@code ;name=value} in the order of the components; the temBoard reference agent sends it as the
 * {@code lock_object} extension member.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type {@code locktype}, e.g. {@code relation}, {@code tuple}, {@code transactionid}, {@code advisory}
 * @param database {@code database}: OID of the database, 0 for shared objects
 * @param relation {@code relation}: OID of the relation
 * @param page {@code page}: page number within the relation
 * @param tuple {@code tuple}: tuple number within the page
 * @param virtualXid {@code virtualxid}: the virtual transaction id, e.g. {@code 3/12}
 * @param transactionId {@code transactionid}
 * @param classId {@code classid}: OID of the system catalog, or the high key of an advisory lock
 * @param objectId {@code objid}: OID of the object, or the low key of an advisory lock
 * @param objectSubId {@code objsubid}: column number; for advisory locks 1 (one bigint key) or 2 (two int keys)
 */
public record LockObject(
        String type,
        OptionalLong database,
        OptionalLong relation,
        OptionalInt page,
        OptionalInt tuple,
        Optional<String> virtualXid,
        OptionalLong transactionId,
        OptionalLong classId,
        OptionalLong objectId,
        OptionalInt objectSubId) {

    private static final List<String> NAMES = List.of(
            "database", "relation", "page", "tuple", "virtualxid", "transactionid", "classid", "objid", "objsubid");

    public LockObject {
        if (type.isEmpty() || type.indexOf(';') >= 0 || type.indexOf('=') >= 0) {
            throw new IllegalArgumentException("type must be a non-empty word: \"" + type + "\"");
        }
        if (virtualXid.isPresent()
                && (virtualXid.get().indexOf(';') >= 0 || virtualXid.get().isEmpty())) {
            throw new IllegalArgumentException("virtualXid must be non-empty without ';': " + virtualXid.get());
        }
    }

    /** An object known by its type only (what a peer that sends no identity gives). */
    public static LockObject of(String type) {
        return new LockObject(
                type,
                OptionalLong.empty(),
                OptionalLong.empty(),
                OptionalInt.empty(),
                OptionalInt.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                OptionalInt.empty());
    }

    /**
     * Reads the text form of {@link #toString()}.
     *
     * @throws IllegalArgumentException naming the bad part when {@code text} is not that form
     */
    public static LockObject parse(String text) {
        String[] parts = text.split(";", -1);
        List<String> values = new ArrayList<>(List.of("", "", "", "", "", "", "", "", ""));
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            int index = eq < 0 ? -1 : NAMES.indexOf(parts[i].substring(0, eq));
            if (index < 0 || eq == parts[i].length() - 1 || !values.get(index).isEmpty()) {
                throw new IllegalArgumentException("not a lock object part: \"" + parts[i] + "\" in \"" + text + "\"");
            }
            values.set(index, parts[i].substring(eq + 1));
        }
        try {
            return new LockObject(
                    parts[0],
                    longPart(values.get(0)),
                    longPart(values.get(1)),
                    intPart(values.get(2)),
                    intPart(values.get(3)),
                    values.get(4).isEmpty() ? Optional.empty() : Optional.of(values.get(4)),
                    longPart(values.get(5)),
                    longPart(values.get(6)),
                    longPart(values.get(7)),
                    intPart(values.get(8)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a lock object: \"" + text + "\": " + e.getMessage(), e);
        }
    }

    private static OptionalLong longPart(String s) {
        return s.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(s));
    }

    private static OptionalInt intPart(String s) {
        return s.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(s));
    }

    /**
     * The key of an advisory lock taken with one {@code bigint} ({@code objsubid} 1): {@code classid} is its
     * high 32 bits and {@code objid} its low 32 bits. Empty for other locks and for two-key advisory locks.
     */
    public OptionalLong advisoryKey() {
        if (!type.equals("advisory") || objectSubId.orElse(0) != 1 || classId.isEmpty() || objectId.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((classId.getAsLong() << 32) | (objectId.getAsLong() & 0xFFFF_FFFFL));
    }

    /** The text form, e.g. {@code tuple;database=16384;relation=16385;page=0;tuple=1}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(type);
        database.ifPresent(v -> s.append(";database=").append(v));
        relation.ifPresent(v -> s.append(";relation=").append(v));
        page.ifPresent(v -> s.append(";page=").append(v));
        tuple.ifPresent(v -> s.append(";tuple=").append(v));
        virtualXid.ifPresent(v -> s.append(";virtualxid=").append(v));
        transactionId.ifPresent(v -> s.append(";transactionid=").append(v));
        classId.ifPresent(v -> s.append(";classid=").append(v));
        objectId.ifPresent(v -> s.append(";objid=").append(v));
        objectSubId.ifPresent(v -> s.append(";objsubid=").append(v));
        return s.toString();
    }
}

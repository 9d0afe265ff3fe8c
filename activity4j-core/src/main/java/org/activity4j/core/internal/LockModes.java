package org.activity4j.core.internal;

import java.util.List;

/** PostgreSQL's table of conflicting lock modes (the documentation's "Conflicting Lock Modes"). */
final class LockModes {
    private LockModes() {}

    private static final List<String> MODES = List.of(
            "AccessShareLock",
            "RowShareLock",
            "RowExclusiveLock",
            "ShareUpdateExclusiveLock",
            "ShareLock",
            "ShareRowExclusiveLock",
            "ExclusiveLock",
            "AccessExclusiveLock");

    /** Bit i set: conflicts with MODES[i]; per mode, as lock.c's LockConflicts. */
    private static final int[] CONFLICTS = {
        0b1000_0000, // AccessShare: AccessExclusive
        0b1100_0000, // RowShare: Exclusive, AccessExclusive
        0b1111_0000, // RowExclusive: Share, ShareRowExclusive, Exclusive, AccessExclusive
        0b1111_1000, // ShareUpdateExclusive: ShareUpdateExclusive and stronger
        0b1110_1100, // Share: RowExclusive, ShareUpdateExclusive, ShareRowExclusive, Exclusive, AccessExclusive
        0b1111_1100, // ShareRowExclusive: RowExclusive and stronger
        0b1111_1110, // Exclusive: RowShare and stronger
        0b1111_1111 // AccessExclusive: all
    };

    /**
     * Whether {@code held} and {@code requested} conflict. {@code SIReadLock} (predicate locks) conflicts with
     * nothing in the lock manager; a mode this table does not know is taken to conflict, so that an unknown
     * blocker is shown rather than hidden.
     */
    static boolean conflict(String held, String requested) {
        if (held.equals("SIReadLock") || requested.equals("SIReadLock")) {
            return false;
        }
        int h = MODES.indexOf(held);
        int r = MODES.indexOf(requested);
        if (h < 0 || r < 0) {
            return true;
        }
        return (CONFLICTS[r] & (1 << h)) != 0;
    }

    /** The strength of a mode for choosing the one to show: higher is stronger; unknown modes strongest. */
    static int strength(String mode) {
        int i = MODES.indexOf(mode);
        return i < 0 ? MODES.size() : i;
    }
}

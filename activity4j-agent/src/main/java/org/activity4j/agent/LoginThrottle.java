package org.activity4j.agent;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing down: after {@link #FREE_FAILURES} failed logins in a row for one user name, or from
 * one client address, that name or address is locked out for a time that doubles with every further failure
 * (1 s, 2 s, 4 s, ...) up to {@code maxLockout}. A locked-out login is answered as a wrong password is,
 * without checking the password, so a guesser learns nothing from it. A success clears the name's and the
 * address's count; a count is forgotten {@code maxLockout} after its last failure, so no one can be locked
 * out for longer than that by someone else's guesses. At most {@link #MAX_TRACKED} names and addresses are
 * tracked at once (the oldest counts are forgotten first when it is reached). Thread-safe.
 */
final class LoginThrottle {
    /** Failed logins in a row that cost nothing more than the login delay. */
    static final int FREE_FAILURES = 5;

    /** The most user names and addresses whose failures are counted at once. */
    static final int MAX_TRACKED = 100_000;

    private static final System.Logger LOG = System.getLogger(LoginThrottle.class.getName());

    private record Failures(int count, Instant last, Instant lockedUntil) {}

    private final Clock clock;
    private final Duration maxLockout;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock, Duration maxLockout) {
        this.clock = clock;
        this.maxLockout = maxLockout;
    }

    /** Whether a login for {@code username} from {@code address} must be refused without a check. */
    boolean lockedOut(String username, String address) {
        Instant now = clock.instant();
        return locked(userKey(username), now) || locked(addressKey(address), now);
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_TRACKED) {
            forgetOld(now);
        }
        count(userKey(username), "user " + username, now);
        count(addressKey(address), "client address " + address, now);
    }

    void succeeded(String username, String address) {
        failures.remove(userKey(username));
        failures.remove(addressKey(address));
    }

    /** Forgets the counts whose last failure is more than {@code maxLockout} ago. */
    void forgetOld() {
        forgetOld(clock.instant());
    }

    int tracked() {
        return failures.size();
    }

    private boolean locked(String key, Instant now) {
        Failures f = failures.get(key);
        return f != null && now.isBefore(f.lockedUntil());
    }

    private void count(String key, String who, Instant now) {
        Failures after = failures.compute(key, (k, before) -> {
            int count = before == null || now.isAfter(before.last().plus(maxLockout)) ? 1 : before.count() + 1;
            Instant until = now;
            if (count > FREE_FAILURES) {
                long seconds = 1L << Math.min(count - FREE_FAILURES - 1, 30);
                Duration lockout = Duration.ofSeconds(seconds);
                until = now.plus(lockout.compareTo(maxLockout) > 0 ? maxLockout : lockout);
            }
            return new Failures(count, now, until);
        });
        if (after.count() > FREE_FAILURES) {
            LOG.log(
                    Level.WARNING,
                    "{0} failed logins in a row for {1}: locked out until {2}",
                    after.count(),
                    who,
                    after.lockedUntil());
        }
    }

    private void forgetOld(Instant now) {
        failures.values().removeIf(f -> now.isAfter(f.last().plus(maxLockout)));
        if (failures.size() >= MAX_TRACKED) {
            // Still full of recent counts: forget the oldest half rather than grow without bound.
            Instant median = failures.values().stream()
                    .map(Failures::last)
                    .sorted()
                    .skip(failures.size() / 2)
                    .findFirst()
                    .orElse(now);
            failures.values().removeIf(f -> f.last().isBefore(median));
        }
    }

    private static String userKey(String username) {
        return "u:" + username;
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }
}

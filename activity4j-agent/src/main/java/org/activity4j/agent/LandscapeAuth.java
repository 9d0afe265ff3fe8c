package org.activity4j.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.activity4j.client.wire.LandscapeCodec;
import org.activity4j.client.wire.LandscapeError;
import org.activity4j.client.wire.LandscapeLogin;
import org.activity4j.client.wire.LandscapeToken;
import org.activity4j.core.ActivityService;
import org.activity4j.core.WireFormatException;
import org.jspecify.annotations.Nullable;

/**
 * Landscape's JWT logins, as the agent serves them: {@code POST /api/v2/login/access-key} and {@code POST
 * /api/v2/login} issue HS256 tokens signed with the agent's own random secret ({@code sub} the key id or the
 * email, {@code acc} the account, {@code exp} at most {@link #MAX_EXPIRY_MINUTES} away), and every request
 * with {@code Authorization: Bearer} is checked against them: signature (constant time), expiry, and that the
 * subject still exists with that account. Refusals are 401 {@code Unauthorised} with a message that says why.
 * Thread-safe.
 */
final class LandscapeAuth {
    /** The longest token lifetime a login may ask for: a year. */
    static final int MAX_EXPIRY_MINUTES = 366 * 24 * 60;

    /** An access key: its secret, the service its account sees, and the account's name. */
    record AccessKey(String secret, ActivityService service, String account) {}

    /** A person who logs in with an email and password into one account. */
    record User(PasswordHash password, String account, ActivityService service) {}

    /** What a bearer check gives: the service of the token's subject, or the refusal to answer. */
    record Checked(
            @Nullable ActivityService service, @Nullable Answer refused) {}

    private static final PasswordHash UNKNOWN_USER = PasswordHash.of("no such user; hashed only to take the time");

    private final Map<String, AccessKey> keys;
    private final Map<String, User> users;
    private final byte[] secret;
    private final Clock clock;
    /** Failed logins per access key or email and per client address, as the temBoard login counts them. */
    private final LoginThrottle throttle;

    LandscapeAuth(
            Map<String, AccessKey> keys, Map<String, User> users, byte[] secret, Clock clock, LoginThrottle throttle) {
        this.keys = Map.copyOf(keys);
        this.users = Map.copyOf(users);
        this.secret = secret.clone();
        this.clock = clock;
        this.throttle = throttle;
    }

    /** Forgets old failure counts (the agent's housekeeping). */
    void forgetOldFailures() {
        throttle.forgetOld();
    }

    Optional<AccessKey> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    static Answer error(int status, String code, String message) {
        return new Answer(status, LandscapeCodec.encodeError(new LandscapeError(code, message)));
    }

    /**
     * {@code POST /api/v2/login/access-key} from {@code address}. After repeated failures for the key or from
     * the address, the login is refused without a check, answered as wrong credentials.
     */
    Answer loginWithAccessKey(String body, String address) {
        LandscapeLogin.AccessKey login;
        try {
            login = LandscapeLogin.decodeAccessKey(body);
        } catch (WireFormatException e) {
            return error(400, "InvalidParameter", String.valueOf(e.getMessage()));
        }
        if (throttle.lockedOut(login.accessKey(), address)) {
            return error(401, LandscapeError.INVALID_CREDENTIALS, "unknown access key or wrong secret key");
        }
        AccessKey key = keys.get(login.accessKey());
        byte[] given = login.secretKey().getBytes(StandardCharsets.UTF_8);
        byte[] known = (key == null ? "" : key.secret()).getBytes(StandardCharsets.UTF_8);
        if (key == null || !MessageDigest.isEqual(known, given)) {
            throttle.failed(login.accessKey(), address);
            return error(401, LandscapeError.INVALID_CREDENTIALS, "unknown access key or wrong secret key");
        }
        throttle.succeeded(login.accessKey(), address);
        int minutes = login.expiryMinutes().orElse(LandscapeLogin.DEFAULT_EXPIRY_MINUTES);
        if (minutes > MAX_EXPIRY_MINUTES) {
            return error(400, "InvalidParameter", "expiry_minutes must be 1 to " + MAX_EXPIRY_MINUTES + ": " + minutes);
        }
        return issue(login.accessKey(), key.account(), minutes, Optional.empty());
    }

    /** {@code POST /api/v2/login} from {@code address}, throttled as {@link #loginWithAccessKey}. */
    Answer loginWithPassword(String body, String address) {
        LandscapeLogin.Password login;
        try {
            login = LandscapeLogin.decodePassword(body);
        } catch (WireFormatException e) {
            return error(400, "InvalidParameter", String.valueOf(e.getMessage()));
        }
        if (throttle.lockedOut(login.email(), address)) {
            return error(401, LandscapeError.INVALID_CREDENTIALS, "wrong email or password");
        }
        User user = users.get(login.email());
        // An unknown email is hashed against a dummy, so that it takes as long as a known one.
        boolean matches = (user == null ? UNKNOWN_USER : user.password()).matches(login.password());
        if (user == null || !matches) {
            throttle.failed(login.email(), address);
            return error(401, LandscapeError.INVALID_CREDENTIALS, "wrong email or password");
        }
        throttle.succeeded(login.email(), address);
        if (login.account().isPresent() && !login.account().get().equals(user.account())) {
            return error(
                    401,
                    LandscapeError.INVALID_CREDENTIALS,
                    login.email() + " has no account '" + login.account().get() + "'");
        }
        return issue(login.email(), user.account(), LandscapeLogin.DEFAULT_EXPIRY_MINUTES, Optional.of(login.email()));
    }

    private Answer issue(String subject, String account, int minutes, Optional<String> email) {
        Instant now = clock.instant();
        String token = new LandscapeToken(subject, account, now, now.plus(Duration.ofMinutes(minutes))).sign(secret);
        return Answer.ok(new LandscapeLogin.Result(token, Optional.of(account), email, Optional.empty()).toJson());
    }

    /** Checks an {@code Authorization} header value that starts with {@code Bearer }. */
    Checked bearer(String authorization) {
        String jwt = authorization.substring("Bearer ".length()).strip();
        LandscapeToken token;
        try {
            token = LandscapeToken.verify(jwt, secret);
        } catch (WireFormatException e) {
            return refused("the bearer token is refused: " + e.getMessage());
        }
        Instant now = clock.instant();
        if (!now.isBefore(token.expiresAt())) {
            return refused("the bearer token expired at " + token.expiresAt() + "; log in again");
        }
        AccessKey key = keys.get(token.subject());
        if (key != null && key.account().equals(token.account())) {
            return new Checked(key.service(), null);
        }
        User user = users.get(token.subject());
        if (user != null && user.account().equals(token.account())) {
            return new Checked(user.service(), null);
        }
        return refused("the bearer token's subject is not known to this server any more; log in again");
    }

    /** Whether the request has a bearer token (then it is not signed). */
    static boolean isBearer(@Nullable String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static Checked refused(String message) {
        return new Checked(null, error(401, LandscapeError.UNAUTHORISED, message));
    }
}

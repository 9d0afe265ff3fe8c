package org.activity4j.client.wire;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.activity4j.client.internal.Json;
import org.activity4j.client.internal.WireObject;
import org.activity4j.core.WireFormatException;

/**
 * The JSON bodies of Landscape's REST login: {@code POST /api/v2/login/access-key} ({@code {"access_key",
 * "secret_key", "expiry_minutes"?}}), {@code POST /api/v2/login} ({@code {"email", "password", "account"?}}),
 * and the answer both give, of which a client needs the {@code token} (and the {@code current_account}).
 * Decoders throw nothing but {@link WireFormatException}.
 *
 * <pre>{@code
 * String body = new LandscapeLogin.AccessKey(key, secret, OptionalInt.of(60)).toJson();
 * LandscapeLogin.Result result = LandscapeLogin.decodeResult(responseBody);
 * String bearer = "Bearer " + result.token();
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class LandscapeLogin {
    /** Landscape's default token lifetime, in minutes, when {@code expiry_minutes} is not given: a day. */
    public static final int DEFAULT_EXPIRY_MINUTES = 1440;

    private LandscapeLogin() {}

    /**
     * An access-key login.
     *
     * @param accessKey {@code access_key}
     * @param secretKey {@code secret_key}
     * @param expiryMinutes {@code expiry_minutes}, 1 or more; empty for the server's default
     */
    public record AccessKey(String accessKey, String secretKey, OptionalInt expiryMinutes) {
        public AccessKey {
            Objects.requireNonNull(accessKey, "accessKey");
            Objects.requireNonNull(secretKey, "secretKey");
            if (expiryMinutes.isPresent() && expiryMinutes.getAsInt() < 1) {
                throw new IllegalArgumentException("expiry_minutes must be 1 or more: " + expiryMinutes.getAsInt());
            }
        }

        /** The request body. */
        public String toJson() {
            return Json.write(g -> {
                g.writeStartObject();
                g.writeStringField("access_key", accessKey);
                g.writeStringField("secret_key", secretKey);
                if (expiryMinutes.isPresent()) {
                    g.writeNumberField("expiry_minutes", expiryMinutes.getAsInt());
                }
                g.writeEndObject();
            });
        }

        /** {@code toString} without the secret. */
        @Override
        public String toString() {
            return "AccessKey[accessKey=" + accessKey + ", expiryMinutes=" + expiryMinutes + "]";
        }
    }

    /**
     * An email and password login.
     *
     * @param email {@code email}
     * @param password {@code password}
     * @param account {@code account}; empty for the person's default account
     */
    public record Password(String email, String password, Optional<String> account) {
        public Password {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(account, "account");
        }

        /** The request body. */
        public String toJson() {
            return Json.write(g -> {
                g.writeStartObject();
                g.writeStringField("email", email);
                g.writeStringField("password", password);
                if (account.isPresent()) {
                    g.writeStringField("account", account.get());
                }
                g.writeEndObject();
            });
        }

        /** {@code toString} without the password. */
        @Override
        public String toString() {
            return "Password[email=" + email + ", account=" + account + "]";
        }
    }

    /**
     * What a login answers.
     *
     * @param token the JWT to send as {@code Authorization: Bearer}
     * @param currentAccount {@code current_account}, empty when not sent
     * @param email {@code email}, empty when not sent or null
     * @param name {@code name}, empty when not sent or null
     */
    public record Result(String token, Optional<String> currentAccount, Optional<String> email, Optional<String> name) {
        public Result {
            Objects.requireNonNull(token, "token");
        }

        /** The answer body: {@code token}, {@code current_account} and its {@code accounts}, {@code email}, {@code name}. */
        public String toJson() {
            return Json.write(g -> {
                g.writeStartObject();
                g.writeStringField("token", token);
                if (currentAccount.isPresent()) {
                    g.writeArrayFieldStart("accounts");
                    g.writeStartObject();
                    g.writeStringField("name", currentAccount.get());
                    g.writeStringField("title", currentAccount.get());
                    g.writeBooleanField("default", true);
                    g.writeEndObject();
                    g.writeEndArray();
                    g.writeStringField("current_account", currentAccount.get());
                }
                nullable(g, "email", email);
                nullable(g, "name", name);
                g.writeEndObject();
            });
        }

        private static void nullable(com.fasterxml.jackson.core.JsonGenerator g, String field, Optional<String> v)
                throws java.io.IOException {
            if (v.isPresent()) {
                g.writeStringField(field, v.get());
            } else {
                g.writeNullField(field);
            }
        }
    }

    /** An access-key login body; {@code expiry_minutes} must be a whole number 1 or more when present. */
    public static AccessKey decodeAccessKey(String json) {
        WireObject o = WireObject.of("$", Json.parse(json));
        OptionalInt expiry = OptionalInt.empty();
        if (o.optional("expiry_minutes").isPresent()) {
            int minutes = o.requireInt("expiry_minutes");
            if (minutes < 1) {
                throw WireFormatException.badValue(
                        o.field("expiry_minutes"), Integer.toString(minutes), "a token lives 1 minute or more");
            }
            expiry = OptionalInt.of(minutes);
        }
        return new AccessKey(o.requireString("access_key"), o.requireString("secret_key"), expiry);
    }

    /** An email and password login body. */
    public static Password decodePassword(String json) {
        WireObject o = WireObject.of("$", Json.parse(json));
        return new Password(o.requireString("email"), o.requireString("password"), o.optionalString("account"));
    }

    /** A login's answer; only {@code token} is required. */
    public static Result decodeResult(String json) {
        WireObject o = WireObject.of("$", Json.parse(json));
        return new Result(
                o.requireString("token"),
                o.optionalString("current_account"),
                o.optionalString("email"),
                o.optionalString("name"));
    }
}

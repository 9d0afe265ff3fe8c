package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void theTextFormReadsBackToTheSameHash() {
        PasswordHash hash = PasswordHash.of("s3cret-pass");

        PasswordHash read = PasswordHash.parse(hash.encoded());

        assertThat(read).isEqualTo(hash);
        assertThat(read.matches("s3cret-pass")).isTrue();
        assertThat(read.matches("s3cret-pasS")).isFalse();
        assertThat(hash.encoded()).startsWith("pbkdf2-sha256$210000$");
    }

    @Test
    void twoHashesOfOnePasswordHaveDifferentSalts() {
        assertThat(PasswordHash.of("s3cret-pass").encoded())
                .isNotEqualTo(PasswordHash.of("s3cret-pass").encoded());
    }

    @Test
    void aHashWithOtherIterationsChecksWithItsOwn() {
        String encoded = "pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$" + "A".repeat(43) + "=";
        PasswordHash hash = PasswordHash.parse(encoded);

        assertThat(hash.iterations()).isEqualTo(1000);
        assertThat(hash.matches("anything")).isFalse();
    }

    @Test
    void malformedTextIsRefusedWithoutQuotingTheHash() {
        assertThatThrownBy(() -> PasswordHash.parse("s3cret-pass"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pbkdf2-sha256$ITERATIONS$SALT$HASH");
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$+5$AAAAAAAAAAAAAAAAAAAAAA==$AAAA"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("+5");
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$1000$AAAA$" + "A".repeat(43) + "="))
                .hasMessageContaining("salt");
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$not*base64"))
                .hasMessageContaining("not Base64");
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA"))
                .hasMessageContaining("32 bytes");
    }

    @Test
    void toStringShowsNoSecret() {
        PasswordHash hash = PasswordHash.of("s3cret-pass");
        String encoded = hash.encoded();
        assertThat(hash.toString()).doesNotContain(encoded.substring(encoded.lastIndexOf('$') + 1));
    }
}

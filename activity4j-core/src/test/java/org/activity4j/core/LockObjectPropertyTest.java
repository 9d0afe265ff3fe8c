package org.activity4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** {@link LockObject}'s text form reads back; a failure prints the seed, {@code -DQT_SEED=<seed>} replays it. */
class LockObjectPropertyTest {

    private static Gen<OptionalLong> optionalLong() {
        return longs().between(-1, 4_294_967_295L).map(v -> v < 0 ? OptionalLong.empty() : OptionalLong.of(v));
    }

    private static Gen<OptionalInt> optionalInt() {
        return integers().between(-1, 65_535).map(v -> v < 0 ? OptionalInt.empty() : OptionalInt.of(v));
    }

    private static Gen<LockObject> objects() {
        Gen<String> types = integers()
                .between(0, 4)
                .map(i -> new String[] {"relation", "tuple", "transactionid", "advisory", "virtualxid"}[i]);
        Gen<Optional<String>> vxids =
                integers().between(-1, 99).map(i -> i < 0 ? Optional.empty() : Optional.of(i + "/" + (i * 7)));
        return types.zip(optionalLong(), optionalLong(), optionalInt(), (t, d, r, p) -> new Object[] {t, d, r, p})
                .zip(optionalInt(), vxids, optionalLong(), (a, tu, v, x) -> new Object[] {a, tu, v, x})
                .zip(optionalLong(), optionalLong(), optionalInt(), (b, c, o, s) -> {
                    Object[] a = (Object[]) b[0];
                    return new LockObject(
                            (String) a[0],
                            (OptionalLong) a[1],
                            (OptionalLong) a[2],
                            (OptionalInt) a[3],
                            (OptionalInt) b[1],
                            castVxid(b[2]),
                            (OptionalLong) b[3],
                            c,
                            o,
                            s);
                });
    }

    @SuppressWarnings("unchecked")
    private static Optional<String> castVxid(Object o) {
        return (Optional<String>) o;
    }

    @Test
    void textFormReadsBack() {
        qt().withExamples(2_000)
                .forAll(objects())
                .checkAssert(o -> assertThat(LockObject.parse(o.toString())).isEqualTo(o));
    }

    @Test
    void advisoryKeyOfOneBigintIsHighAndLowHalves() {
        LockObject o = LockObject.parse("advisory;database=1;classid=1;objid=401;objsubid=1");

        assertThat(o.advisoryKey()).hasValue((1L << 32) | 401);
    }

    @Test
    void unknownPartIsRejectedWithTheText() {
        assertThatThrownBy(() -> LockObject.parse("relation;colour=3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("colour=3");
    }
}

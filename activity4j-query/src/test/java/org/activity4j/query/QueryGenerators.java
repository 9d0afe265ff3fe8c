package org.activity4j.query;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.LocalDateTime;
import java.util.List;
import org.activity4j.query.QueryCriteria.Clause;
import org.activity4j.query.QueryCriteria.Literal;
import org.activity4j.query.QueryCriteria.Term;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Generators of query trees and of text for the property tests. */
final class QueryGenerators {
    private QueryGenerators() {}

    /** Characters that stress the lexer: separators, quotes, escapes, colons, keywords' letters, non-ASCII. */
    private static final String TRICKY = " \t\n\r\"\\:;'%_-@.ORNTorntéß日\u0000\u007f\u00a0\uffff\ud83d\ude00";

    /** Strings of any code points, of tricky characters, and of plain words, 1 to 12 chars. */
    static Gen<String> values() {
        Gen<String> tricky = integers()
                .between(1, 12)
                .flatMap(n -> lists().of(Generate.pick(chars(TRICKY))).ofSize(n))
                .map(x -> QueryGenerators.join(x));
        Gen<String> words = strings().basicLatinAlphabet().ofLengthBetween(1, 12);
        Gen<String> any = strings().allPossible().ofLengthBetween(1, 8);
        Gen<String> keywords = Generate.pick(List.of("OR", "NOT", "or", "not", "ORx", "NOTx", "id:1", "a b"));
        return words.mix(tricky, 40).mix(any, 25).mix(keywords, 10);
    }

    static Gen<QueryDate> dates() {
        Gen<LocalDateTime> times = longs().between(
                        LocalDateTime.of(1, 1, 1, 0, 0).toEpochSecond(java.time.ZoneOffset.UTC),
                        LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(java.time.ZoneOffset.UTC))
                .map(s -> LocalDateTime.ofEpochSecond(s, 0, java.time.ZoneOffset.UTC));
        return times.zip(Generate.enumValues(QueryDate.Precision.class), QueryDate::of);
    }

    static Gen<ComputerCriterion> computerCriteria() {
        Gen<String> v = values();
        Gen<String> annotationKeys = v.map(s -> s.replace(':', '_'));
        return Generate.oneOf(
                ids().map(x -> ComputerCriterion.id(x)),
                v.map(x -> ComputerCriterion.tag(x)),
                v.map(x -> ComputerCriterion.hostname(x)),
                v.map(x -> ComputerCriterion.title(x)),
                v.map(x -> ComputerCriterion.distribution(x)),
                v.map(x -> ComputerCriterion.accessGroup(x)),
                v.map(x -> ComputerCriterion.alert(x)),
                Generate.constant(ComputerCriterion.needsReboot()),
                annotationKeys.map(x -> ComputerCriterion.annotation(x)),
                annotationKeys.zip(v, ComputerCriterion::annotation),
                v.map(x -> ComputerCriterion.text(x)));
    }

    static Gen<Term> terms() {
        Gen<String> v = values();
        return Generate.oneOf(
                ids().map(x -> QueryCriteria.id(x)),
                ids().map(x -> QueryCriteria.parentId(x)),
                Generate.enumValues(ActivityStatus.class).map(x -> QueryCriteria.status(x)),
                dates().map(x -> QueryCriteria.createdAfter(x)),
                dates().map(x -> QueryCriteria.createdBefore(x)),
                v.zip(v, (local, domain) -> QueryCriteria.creator(local + "@" + domain.replace('@', '.'))),
                v.map(x -> QueryCriteria.type(x)),
                computerCriteria().map(x -> QueryCriteria.computer(x)),
                v.map(x -> QueryCriteria.text(x)));
    }

    static Gen<Literal> literals() {
        return terms().zip(Generate.booleans(), (t, negated) -> negated ? new QueryCriteria.Not(t) : t);
    }

    static Gen<Clause> clauses() {
        Gen<Clause> or = lists().of(literals()).ofSizeBetween(2, 4).map(x -> new QueryCriteria.Or(x));
        return literals().<Clause>map(l -> l).mix(or, 30);
    }

    /** Whole queries: the empty one, single clauses and ANDs of up to 6 clauses. */
    static Gen<QueryCriteria> queries() {
        return lists().of(clauses())
                .ofSizeBetween(0, 6)
                .map(cs -> cs.size() == 1 ? cs.get(0) : new QueryCriteria.And(cs));
    }

    /** Text that looks like queries: fragments of valid syntax glued with separators, plus noise. */
    static Gen<String> queryLikeText() {
        Gen<String> fragment = Generate.pick(List.of(
                "status:",
                "succeeded",
                "computer:",
                "tag:",
                "id:",
                "parent-id:",
                "created-after:",
                "2011-01",
                "2011-01-01T10:30",
                "creator:",
                "a@b",
                "type:",
                "NOT",
                "OR",
                "\"",
                "\\",
                ":",
                " ",
                "  ",
                "annotation:",
                "needs:",
                "reboot",
                "x",
                "9223372036854775808",
                "0",
                "\t",
                "é"));
        Gen<String> glued =
                lists().of(fragment.mix(values(), 20)).ofSizeBetween(0, 12).map(x -> QueryGenerators.join(x));
        return glued.mix(strings().allPossible().ofLengthBetween(0, 40), 30);
    }

    private static Gen<Long> ids() {
        return longs().between(1, Long.MAX_VALUE);
    }

    private static List<String> chars(String s) {
        return s.codePoints().mapToObj(Character::toString).collect(java.util.stream.Collectors.toList());
    }

    private static String join(List<String> parts) {
        return String.join("", parts);
    }
}

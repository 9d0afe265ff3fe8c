package org.activity4j.query.internal;

import static org.activity4j.query.internal.QueryActions.ANNOTATION;
import static org.activity4j.query.internal.QueryActions.APPEND;
import static org.activity4j.query.internal.QueryActions.APPLY_NOT;
import static org.activity4j.query.internal.QueryActions.COMPUTER;
import static org.activity4j.query.internal.QueryActions.CREATOR;
import static org.activity4j.query.internal.QueryActions.EXPECTED_CRITERION;
import static org.activity4j.query.internal.QueryActions.LITERAL_TO_LIST;
import static org.activity4j.query.internal.QueryActions.MAKE_AND;
import static org.activity4j.query.internal.QueryActions.MAKE_OR;
import static org.activity4j.query.internal.QueryActions.MISPLACED;
import static org.activity4j.query.internal.QueryActions.MISSING_COMPUTER_CRITERION;
import static org.activity4j.query.internal.QueryActions.NEEDS;
import static org.activity4j.query.internal.QueryActions.NEGATE;
import static org.activity4j.query.internal.QueryActions.NEGATED;
import static org.activity4j.query.internal.QueryActions.NEW_LIST;
import static org.activity4j.query.internal.QueryActions.NO_COMPUTER_KEY;
import static org.activity4j.query.internal.QueryActions.NO_KEY;
import static org.activity4j.query.internal.QueryActions.PUSH_MATCH;
import static org.activity4j.query.internal.QueryActions.STATUS;
import static org.activity4j.query.internal.QueryActions.UNEXPECTED;
import static org.activity4j.query.internal.QueryActions.UNKNOWN_COMPUTER_KEY;
import static org.activity4j.query.internal.QueryActions.UNKNOWN_KEY;
import static org.activity4j.query.internal.QueryActions.UNQUOTE;
import static org.activity4j.query.internal.QueryActions.UNTERMINATED_QUOTE;
import static org.activity4j.query.internal.Rules.firstOf;
import static org.activity4j.query.internal.Rules.named;
import static org.activity4j.query.internal.Rules.optional;
import static org.activity4j.query.internal.Rules.sequence;
import static org.activity4j.query.internal.Rules.testNot;
import static org.activity4j.query.internal.Rules.zeroOrMore;

import java.util.function.Function;
import java.util.function.LongFunction;
import org.activity4j.query.ActivityStatus;
import org.activity4j.query.ComputerCriterion;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QueryDate;
import org.parboiled.Action;
import org.parboiled.Rule;

/**
 * The query language, as parboiled rules: one rule per construct, built once and shared by every parse on every
 * thread (the rules and their {@link QueryActions} hold no per-parse state; the value stack carries the tree
 * being built). The language, as the README tells it:
 *
 * <table>
 * <caption>Criteria</caption>
 * <tr><th>criterion</th><th>matches activities</th><th>example</th><th>rule</th></tr>
 * <tr><td>{@code id:N}</td><td>with this id (1 to 2^63-1)</td><td>{@code id:86}</td><td>IdTerm</td></tr>
 * <tr><td>{@code parent-id:N}</td><td>that are children of activity N</td><td>{@code parent-id:85}</td>
 *     <td>ParentIdTerm</td></tr>
 * <tr><td>{@code status:NAME}</td><td>in this status: {@code undelivered}, {@code unapproved}, {@code delivered},
 *     {@code canceled}, {@code failed}, {@code succeeded}, {@code scheduled}</td><td>{@code status:failed}</td>
 *     <td>StatusTerm</td></tr>
 * <tr><td>{@code created-after:DATE}</td><td>created at or after the first instant of DATE</td>
 *     <td>{@code created-after:2011-01}</td><td>CreatedAfterTerm</td></tr>
 * <tr><td>{@code created-before:DATE}</td><td>created before the first instant of DATE</td>
 *     <td>{@code created-before:2011-01-01T10:30}</td><td>CreatedBeforeTerm</td></tr>
 * <tr><td>{@code creator:EMAIL}</td><td>created by the person with this email</td>
 *     <td>{@code creator:jane@example.com}</td><td>CreatorTerm</td></tr>
 * <tr><td>{@code type:TYPE}</td><td>of this type</td><td>{@code type:ChangePackagesRequest}</td>
 *     <td>TypeTerm</td></tr>
 * <tr><td>{@code computer:CRITERION}</td><td>of a computer that the criterion matches</td>
 *     <td>{@code computer:tag:laptop}</td><td>ComputerTerm</td></tr>
 * <tr><td>a bare word or {@code "quoted phrase"}</td><td>whose summary mentions it</td><td>{@code upgrade}</td>
 *     <td>BareWord, Phrase</td></tr>
 * </table>
 *
 * <p>Computer criteria, written after {@code computer:} (rule ComputerCriterion): {@code id:N}, {@code tag:T},
 * {@code hostname:H}, {@code title:T}, {@code distribution:D}, {@code access-group:G}, {@code alert:A},
 * {@code needs:reboot}, {@code annotation:KEY} or {@code annotation:KEY:VALUE}, and a bare word that matches the
 * hostname or the title.
 *
 * <p>{@code OR} binds tighter than the implicit AND, and {@code NOT} negates the single criterion after it;
 * there are no parentheses. {@code OR} and {@code NOT} are keywords only in capitals and as whole words. Dates
 * are UTC: {@code 2011-01}, {@code 2011-01-01}, {@code 2011-01-01T10:30}, {@code 2011-01-01T10:30:15} (a
 * trailing {@code Z} is accepted). A value with whitespace or a double quote is written in double quotes;
 * inside them {@code \"} is a quote and {@code \\} a backslash, any other backslash is kept.
 *
 * <p>The grammar in full (PEG; {@code /} is ordered choice, {@code &} and {@code !} look ahead):
 *
 * <pre>
 * Query             = OptionalSpaces (!EOI Clause (Spaces !EOI Clause)*)? OptionalSpaces End
 * Clause            = Literal (Spaces OrKeyword OrOperand (Spaces OrKeyword OrOperand)*)?
 * OrOperand         = Spaces Literal / ExpectedCriterion
 * Literal           = NotPrefix Criterion / Term / ExpectedCriterion
 * NotPrefix         = (NotKeyword OptionalSpaces)+
 * Criterion         = Term / ExpectedCriterion
 * Term              = IdTerm / ParentIdTerm / StatusTerm / CreatedAfterTerm / CreatedBeforeTerm / CreatorTerm
 *                   / TypeTerm / ComputerTerm / UnknownKey / BareWord / Phrase
 * IdTerm            = "id:" Number                 ParentIdTerm      = "parent-id:" Number
 * StatusTerm        = "status:" Status             CreatorTerm       = "creator:" Value
 * CreatedAfterTerm  = "created-after:" Date        CreatedBeforeTerm = "created-before:" Date
 * TypeTerm          = "type:" Value                ComputerTerm      = "computer:" ComputerCriterion
 * UnknownKey        = WordChars ':' / ':'                                           (errors)
 * BareWord          = !Keyword WordChars ValueEnd
 * Phrase            = Quoted
 * ComputerCriterion = "id:" Number / "tag:" Value / "hostname:" Value / "title:" Value / "distribution:" Value
 *                   / "access-group:" Value / "alert:" Value / "needs:" Need / "annotation:" Annotation
 *                   / UnknownComputerKey / ComputerWord / ComputerPhrase / MissingComputerCriterion
 * ComputerWord      = WordChars ValueEnd           ComputerPhrase    = Quoted
 * UnknownComputerKey = WordChars ':' / ':'                                          (errors)
 * Number            = Digit+ &amp;TokenBoundary / Value       (1 to 2^63-1, checked by the action)
 * Date              = DateText &amp;TokenBoundary / Value     (ranges and the calendar, checked by the action)
 * DateText          = Digit{4} '-' Digit{2} ('-' Digit{2} ('T' Digit{2} ':' Digit{2} (':' Digit{2})? 'Z'?)?)?
 * Status            = StatusName &amp;TokenBoundary / Value   (a status name, checked by the action)
 * StatusName        = "undelivered" / "unapproved" / "delivered" / "canceled" / "failed" / "succeeded"
 *                   / "scheduled"
 * Need              = "reboot" &amp;TokenBoundary / Value     (only reboot, checked by the action)
 * Annotation        = Value                        (KEY or KEY:VALUE, split at the first ':' by the action)
 * Value             = Unquoted / Quoted / MissingValue
 * Unquoted          = ValueChars ValueEnd
 * Quoted            = '"' (QuotedChars '"' / UnterminatedQuote) ValueEnd
 * QuotedChars       = (PlainChar+ / '\' ('"' / '\') / '\')*
 * ValueEnd          = TokenBoundary / Misplaced                                    (Misplaced: error)
 * Keyword           = ("OR" / "NOT") TokenBoundary
 * OrKeyword         = "OR" TokenBoundary           NotKeyword        = "NOT" TokenBoundary
 * TokenBoundary     = &amp;(Space / EOI)
 * End               = EOI / Unexpected                                              (Unexpected: error)
 * Spaces            = Space+                       OptionalSpaces    = Space*
 * WordChars         = WordChar+                    ValueChars        = ValueChar+
 * Space     = [ \t\n\u000B\f\r]    WordChar  = [^:"] but Space    ValueChar = [^"] but Space
 * PlainChar = [^"\]                Digit     = [0-9]              EOI       = the end of the text
 * </pre>
 *
 * <p>Where a criterion must follow {@code OR} or {@code NOT} and none does, or a value is malformed, the rules
 * fail with a {@code QuerySyntaxException} on the spot instead of backtracking, so errors point at the
 * keyword or value at fault. The repetitions of one character class ({@code Space+}, {@code WordChar+}, ...)
 * are {@link CharClassMatcher}s, which match a run in one step.
 */
final class QueryGrammar {

    // ---- lexical rules

    /** {@code Spaces = Space+} */
    private final Rule spaces = CharClassMatcher.space().oneOrMore().named("Spaces");

    /** {@code OptionalSpaces = Space*} */
    private final Rule optionalSpaces = CharClassMatcher.space().zeroOrMore().named("OptionalSpaces");

    /** {@code EOI}: the end of the text. */
    private final Rule eoi = new EndOfInputMatcher();

    /** {@code Digit+} */
    private final Rule digits = CharClassMatcher.digit().oneOrMore().named("Digits");

    /** {@code WordChars = WordChar+}, {@code WordChar = [^:"]} but whitespace: a key or a bare word. */
    private final Rule wordChars =
            CharClassMatcher.noneOf("WordChar", ":\"").oneOrMore().named("WordChars");

    /** {@code ValueChars = ValueChar+}, {@code ValueChar = [^"]} but whitespace: a value may hold colons. */
    private final Rule valueChars =
            CharClassMatcher.noneOf("ValueChar", "\"").oneOrMore().named("ValueChars");

    /** {@code TokenBoundary = &(Space / EOI)}: where a word ends. */
    private final Rule tokenBoundary = new TokenBoundaryMatcher();

    /** {@code ValueEnd = TokenBoundary / Misplaced}: a value ends at whitespace or the end; anything else is an error. */
    private final Rule valueEnd = named("ValueEnd", firstOf(tokenBoundary, MISPLACED));

    /** {@code OrKeyword = "OR" TokenBoundary}: only in capitals and as a whole word. */
    private final Rule orKeyword = named("OrKeyword", sequence("OR", tokenBoundary));

    /** {@code NotKeyword = "NOT" TokenBoundary}: only in capitals and as a whole word. */
    private final Rule notKeyword = named("NotKeyword", sequence("NOT", tokenBoundary));

    /** {@code Keyword = ("OR" / "NOT") TokenBoundary} */
    private final Rule keyword = named("Keyword", sequence(firstOf("OR", "NOT"), tokenBoundary));

    // ---- values

    /**
     * {@code QuotedChars = (PlainChar+ / '\' ('"' / '\') / '\')*}, {@code PlainChar = [^"\]}: the inside of a
     * phrase; {@code \"} and {@code \\} are escapes, any other backslash is itself.
     */
    private final Rule quotedChars = named(
            "QuotedChars",
            zeroOrMore(firstOf(
                    CharClassMatcher.anyBut("PlainChar", "\"\\").oneOrMore(),
                    sequence('\\', firstOf('"', '\\')),
                    '\\')));

    /**
     * {@code Quoted = '"' (QuotedChars '"' / UnterminatedQuote) ValueEnd}: a double-quoted phrase, not empty;
     * pushes its text.
     */
    private final Rule quoted =
            named("Quoted", sequence('"', firstOf(sequence(quotedChars, '"', UNQUOTE), UNTERMINATED_QUOTE), valueEnd));

    /** {@code Unquoted = ValueChars ValueEnd}: pushes its text. */
    private final Rule unquoted = named("Unquoted", sequence(valueChars, PUSH_MATCH, valueEnd));

    /**
     * {@code DateText = Digit{4} '-' Digit{2} ('-' Digit{2} ('T' Digit{2} ':' Digit{2} (':' Digit{2})? 'Z'?)?)?}:
     * {@code 2011-01}, {@code 2011-01-01}, {@code 2011-01-01T10:30}, {@code 2011-01-01T10:30:15}.
     */
    private final Rule dateText;

    /**
     * {@code StatusName = "undelivered" / "unapproved" / "delivered" / "canceled" / "failed" / "succeeded" /
     * "scheduled"}
     */
    private final Rule statusName;

    // ---- criteria

    /**
     * {@code Term = IdTerm / ParentIdTerm / StatusTerm / CreatedAfterTerm / CreatedBeforeTerm / CreatorTerm /
     * TypeTerm / ComputerTerm / UnknownKey / BareWord / Phrase}: one criterion; pushes its {@code Term}.
     */
    private final Rule term;

    /**
     * {@code ComputerCriterion = "id:" Number / "tag:" Value / "hostname:" Value / "title:" Value /
     * "distribution:" Value / "access-group:" Value / "alert:" Value / "needs:" Need / "annotation:"
     * Annotation / UnknownComputerKey / ComputerWord / ComputerPhrase / MissingComputerCriterion}
     */
    private final Rule computerCriterion;

    // ---- structure

    /**
     * {@code Literal = NotPrefix Criterion / Term / ExpectedCriterion}: pushes the term, negated for an odd count
     * of NOTs.
     */
    private final Rule literal;

    /**
     * {@code Clause = Literal (Spaces OrKeyword OrOperand (Spaces OrKeyword OrOperand)*)?}, {@code OrOperand =
     * Spaces Literal / ExpectedCriterion}: OR binds tighter than the implicit AND.
     */
    private final Rule clause;

    /** {@code Query = OptionalSpaces (!EOI Clause (Spaces !EOI Clause)*)? OptionalSpaces End} */
    private final Rule query;

    QueryGrammar() {
        Rule twoDigits = CharClassMatcher.digit().times(2);
        dateText = named(
                "DateText",
                sequence(
                        CharClassMatcher.digit().times(4),
                        '-',
                        twoDigits,
                        optional(
                                '-',
                                twoDigits,
                                optional('T', twoDigits, ':', twoDigits, optional(':', twoDigits), optional('Z')))));
        Object[] statuses = new Object[ActivityStatus.values().length];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = ActivityStatus.values()[i].wireName();
        }
        statusName = named("StatusName", firstOf(statuses));
        computerCriterion = named(
                "ComputerCriterion",
                firstOf(with(computerKeyed(), computerWord(), computerPhrase(), MISSING_COMPUTER_CRITERION)));
        term = named("Term", firstOf(with(keyed(), bareWord(), phrase())));
        Rule criterion = named("Criterion", firstOf(term, EXPECTED_CRITERION));
        literal = named("Literal", firstOf(sequence(notPrefix(), criterion, APPLY_NOT), term, EXPECTED_CRITERION));
        Rule orOperand = named("OrOperand", firstOf(sequence(spaces, literal), EXPECTED_CRITERION));
        clause = named(
                "Clause",
                sequence(
                        literal,
                        optional(
                                spaces,
                                orKeyword,
                                LITERAL_TO_LIST,
                                orOperand,
                                APPEND,
                                zeroOrMore(spaces, orKeyword, orOperand, APPEND),
                                MAKE_OR)));
        query = named(
                        "Query",
                        sequence(
                                optionalSpaces,
                                NEW_LIST,
                                optional(
                                        testNot(eoi), clause, APPEND, zeroOrMore(spaces, testNot(eoi), clause, APPEND)),
                                optionalSpaces,
                                end(),
                                MAKE_AND))
                .suppressNode();
    }

    /** The whole query: pushes its {@link QueryCriteria}. Parse trees are not built. */
    Rule query() {
        return query;
    }

    /** {@code End = EOI / Unexpected} */
    private Rule end() {
        return named("End", firstOf(eoi, UNEXPECTED));
    }

    /** {@code NotPrefix = (NotKeyword OptionalSpaces)+}: pushes whether the count of NOTs is odd. */
    private Rule notPrefix() {
        return named(
                "NotPrefix",
                sequence(notKeyword, optionalSpaces, NEGATED, zeroOrMore(notKeyword, optionalSpaces, NEGATE)));
    }

    /**
     * The keyed alternatives of {@code Term}: {@code IdTerm / ParentIdTerm / StatusTerm / CreatedAfterTerm /
     * CreatedBeforeTerm / CreatorTerm / TypeTerm / ComputerTerm / UnknownKey}
     */
    private Object[] keyed() {
        return new Object[] {
            named("IdTerm", sequence("id:", number("id", QueryCriteria.Id::new))),
            named("ParentIdTerm", sequence("parent-id:", number("parent-id", QueryCriteria.ParentId::new))),
            named("StatusTerm", sequence("status:", status())),
            named(
                    "CreatedAfterTerm",
                    sequence("created-after:", date("created-after", QueryCriteria.CreatedAfter::new))),
            named(
                    "CreatedBeforeTerm",
                    sequence("created-before:", date("created-before", QueryCriteria.CreatedBefore::new))),
            named("CreatorTerm", sequence("creator:", value("creator"), CREATOR)),
            named("TypeTerm", sequence("type:", value("type"), make(QueryCriteria.Type::new))),
            named("ComputerTerm", sequence("computer:", computerCriterion, COMPUTER)),
            named("UnknownKey", firstOf(sequence(wordChars, ':', UNKNOWN_KEY), sequence(':', NO_KEY)))
        };
    }

    /** {@code BareWord = !Keyword WordChars ValueEnd}: a word of the summary; {@code OR} and {@code NOT} are not. */
    private Rule bareWord() {
        return named(
                "BareWord", sequence(testNot(keyword), wordChars, PUSH_MATCH, valueEnd, make(QueryCriteria.Text::new)));
    }

    /** {@code Phrase = Quoted}: words of the summary, in quotes ({@code "OR"} is a word there). */
    private Rule phrase() {
        return named("Phrase", sequence(quoted, make(QueryCriteria.Text::new)));
    }

    /**
     * The keyed alternatives of {@code ComputerCriterion}: {@code "id:" Number / "tag:" Value / "hostname:" Value / "title:" Value / "distribution:"
     * Value / "access-group:" Value / "alert:" Value / "needs:" Need / "annotation:" Annotation /
     * UnknownComputerKey}
     */
    private Object[] computerKeyed() {
        return new Object[] {
            sequence("id:", number("computer:id", ComputerCriterion.Id::new)),
            sequence("tag:", value("computer:tag"), make(ComputerCriterion.Tag::new)),
            sequence("hostname:", value("computer:hostname"), make(ComputerCriterion.Hostname::new)),
            sequence("title:", value("computer:title"), make(ComputerCriterion.Title::new)),
            sequence("distribution:", value("computer:distribution"), make(ComputerCriterion.Distribution::new)),
            sequence("access-group:", value("computer:access-group"), make(ComputerCriterion.AccessGroup::new)),
            sequence("alert:", value("computer:alert"), make(ComputerCriterion.Alert::new)),
            sequence("needs:", need()),
            sequence("annotation:", named("Annotation", sequence(value("computer:annotation"), ANNOTATION))),
            named(
                    "UnknownComputerKey",
                    firstOf(sequence(wordChars, ':', UNKNOWN_COMPUTER_KEY), sequence(':', NO_COMPUTER_KEY)))
        };
    }

    /** {@code ComputerWord = WordChars ValueEnd}: matches the hostname or the title. */
    private Rule computerWord() {
        return named("ComputerWord", sequence(wordChars, PUSH_MATCH, valueEnd, make(ComputerCriterion.Text::new)));
    }

    /** {@code ComputerPhrase = Quoted} */
    private Rule computerPhrase() {
        return named("ComputerPhrase", sequence(quoted, make(ComputerCriterion.Text::new)));
    }

    /** {@code Value = Unquoted / Quoted / MissingValue}: the value of {@code key:}, never empty; pushes its text. */
    private Rule value(String key) {
        return named("Value", firstOf(unquoted, quoted, QueryActions.missingValue(key)));
    }

    /** {@code Number = Digit+ &TokenBoundary / Value}: a whole number from 1 to 2^63-1 (checked by the action). */
    private Rule number(String key, LongFunction<?> make) {
        return named(
                "Number",
                sequence(
                        firstOf(sequence(digits, PUSH_MATCH, tokenBoundary), value(key)),
                        QueryActions.number(key, make)));
    }

    /** {@code Date = DateText &TokenBoundary / Value}: ranges and the calendar are checked by the action. */
    private Rule date(String key, Function<QueryDate, ?> make) {
        return named(
                "Date",
                sequence(
                        firstOf(sequence(dateText, PUSH_MATCH, tokenBoundary), value(key)),
                        QueryActions.date(key, make)));
    }

    /** {@code Status = StatusName &TokenBoundary / Value}: an unknown name is an error of the action. */
    private Rule status() {
        return named(
                "Status", sequence(firstOf(sequence(statusName, PUSH_MATCH, tokenBoundary), value("status")), STATUS));
    }

    /** {@code Need = "reboot" &TokenBoundary / Value}: {@code reboot} is the one need. */
    private Rule need() {
        return named(
                "Need",
                sequence(firstOf(sequence("reboot", PUSH_MATCH, tokenBoundary), value("computer:needs")), NEEDS));
    }

    /** The alternatives, then the others. */
    private static Object[] with(Object[] alternatives, Object... others) {
        Object[] all = java.util.Arrays.copyOf(alternatives, alternatives.length + others.length);
        System.arraycopy(others, 0, all, alternatives.length, others.length);
        return all;
    }

    private static Action<Object> make(Function<String, ?> make) {
        return QueryActions.make(make);
    }
}

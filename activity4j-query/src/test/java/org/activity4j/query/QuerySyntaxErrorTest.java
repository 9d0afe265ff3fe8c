package org.activity4j.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** Every kind of bad input: a QuerySyntaxException with the position and a message that names the value. */
class QuerySyntaxErrorTest {

    private static QuerySyntaxException error(String text) {
        QuerySyntaxException e = catchThrowableOfType(QuerySyntaxException.class, () -> QueryCriteria.parse(text));
        assertThat(e).as("error for %s", text).isNotNull();
        assertThat(e.input()).isEqualTo(text);
        return e;
    }

    @Test
    void unknownKeyIsReportedAtTheKey() {
        QuerySyntaxException e = error("status:failed colour:red");
        assertThat(e.position()).isEqualTo(14);
        assertThat(e.problem()).isEqualTo("unknown key 'colour'");
        assertThat(e.expected()).contains("status", "computer");
    }

    @Test
    void keysAreCaseSensitive() {
        assertThat(error("Status:failed").problem()).isEqualTo("unknown key 'Status'");
    }

    @Test
    void unknownComputerKeyIsReportedAtTheComputerKey() {
        QuerySyntaxException e = error("computer:colour:red");
        assertThat(e.position()).isEqualTo(9);
        assertThat(e.problem()).isEqualTo("unknown computer key 'colour'");
    }

    @Test
    void unknownStatusIsReportedAtTheValue() {
        QuerySyntaxException e = error("status:done");
        assertThat(e.position()).isEqualTo(7);
        assertThat(e.problem()).isEqualTo("unknown status 'done'");
        assertThat(e.expected()).contains("succeeded", "scheduled");
    }

    @Test
    void statusesAreLowercase() {
        assertThat(error("status:Failed").problem()).isEqualTo("unknown status 'Failed'");
    }

    @Test
    void badNumbersAreReported() {
        assertThat(error("id:abc").problem()).isEqualTo("id value 'abc' is not a number");
        assertThat(error("id:-1").problem()).isEqualTo("id value '-1' is not a number");
        assertThat(error("parent-id:1.5").position()).isEqualTo(10);
        assertThat(error("computer:id:x").problem()).isEqualTo("computer:id value 'x' is not a number");
    }

    @Test
    void numbersOutOfRangeAreReported() {
        assertThat(error("id:0").problem()).isEqualTo("id value 0 is out of range");
        assertThat(error("id:9223372036854775808").problem()).isEqualTo("id value 9223372036854775808 is out of range");
        assertThat(QueryCriteria.parse("id:9223372036854775807")).isEqualTo(QueryCriteria.id(Long.MAX_VALUE));
    }

    @Test
    void malformedDatesAreReportedAtTheBadPart() {
        QuerySyntaxException month = error("created-after:2011-13");
        assertThat(month.position()).isEqualTo(19);
        assertThat(month.problem()).contains("month 13 is out of range");
        assertThat(error("created-after:2011-02-30").problem()).contains("no such day");
        assertThat(error("created-before:2011").problem()).contains("malformed date '2011'");
        assertThat(error("created-before:2011-01-01 10:30").position()).isEqualTo(26);
        assertThat(error("created-before:2011-01-01T25:00").problem()).contains("hour 25");
        assertThat(error("created-before:2011/01").position()).isEqualTo(19);
        assertThat(error("created-before:0000-01").problem()).contains("year 0000");
    }

    @Test
    void danglingOrIsReportedAtTheOr() {
        QuerySyntaxException end = error("status:failed OR");
        assertThat(end.position()).isEqualTo(14);
        assertThat(end.problem()).isEqualTo("OR at the end of the query has no criterion after it");
        QuerySyntaxException trailing = error("status:failed OR   ");
        assertThat(trailing.position()).isEqualTo(14);
        QuerySyntaxException start = error("OR status:failed");
        assertThat(start.position()).isZero();
        assertThat(start.problem()).isEqualTo("OR at the start of the query has no criterion before it");
        QuerySyntaxException twice = error("a OR OR b");
        assertThat(twice.position()).isEqualTo(5);
        assertThat(twice.problem()).isEqualTo("OR right after OR");
    }

    @Test
    void danglingNotIsReportedAtTheNot() {
        QuerySyntaxException end = error("status:failed NOT");
        assertThat(end.position()).isEqualTo(14);
        assertThat(end.problem()).isEqualTo("NOT at the end of the query has no criterion after it");
        QuerySyntaxException beforeOr = error("NOT OR a");
        assertThat(beforeOr.position()).isEqualTo(4);
        assertThat(beforeOr.problem()).isEqualTo("OR right after NOT");
    }

    @Test
    void emptyValuesAreReported() {
        QuerySyntaxException status = error("status: failed");
        assertThat(status.position()).isEqualTo(7);
        assertThat(status.problem()).isEqualTo("'status:' has no value after it");
        assertThat(error("type:").position()).isEqualTo(5);
        assertThat(error("computer:").problem()).isEqualTo("'computer:' has no criterion after it");
        assertThat(error("computer:tag:").problem()).isEqualTo("'computer:tag:' has no value after it");
        assertThat(error("type:\"\"").problem()).isEqualTo("empty quoted value \"\"");
        assertThat(error(":x").problem()).isEqualTo("':' with no key before it");
        assertThat(error("computer:annotation::v").problem()).contains("has no key");
        assertThat(error("computer:annotation:k:").problem()).contains("has no value");
    }

    @Test
    void unterminatedQuoteIsReportedAtTheOpeningQuote() {
        QuerySyntaxException e = error("status:failed title \"Café box");
        assertThat(e.position()).isEqualTo(20);
        assertThat(e.problem()).isEqualTo("unterminated quote");
        assertThat(error("type:\"a\\\"").problem()).isEqualTo("unterminated quote");
    }

    @Test
    void quotesMustSurroundAWholeValue() {
        assertThat(error("status:\"fail\"ed").position()).isEqualTo(13);
        assertThat(error("type:ab\"c\"").position()).isEqualTo(7);
        assertThat(error("\"a\"\"b\"").position()).isEqualTo(3);
    }

    @Test
    void badCreatorAndNeedsAreReported() {
        assertThat(error("creator:jane").problem()).contains("email address").contains("jane");
        QuerySyntaxException needs = error("computer:needs:coffee");
        assertThat(needs.problem()).isEqualTo("unknown need 'coffee'");
        assertThat(needs.position()).isEqualTo(15);
    }

    @Test
    void theMessageShowsTheInputWithACaretUnderThePosition() {
        String[] lines = error("status:done computer:tag:laptop").getMessage().split("\\R", -1);
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("unknown status 'done'; expected a status:");
        assertThat(lines[1]).isEqualTo("  status:done computer:tag:laptop");
        assertThat(lines[2]).isEqualTo("         ^");
    }

    @Test
    void theMessageOfALongInputShowsAWindowAroundThePosition() {
        String text = "a ".repeat(500) + "status:nope " + "b ".repeat(500);
        String[] lines = error(text).getMessage().split("\\R", -1);
        assertThat(lines[1]).startsWith("  ...").endsWith("...").contains("status:nope");
        assertThat(lines[1].charAt(lines[2].length() - 1)).isEqualTo('n');
    }

    @Test
    void textOverTheLengthLimitIsRefusedBeforeParsing() {
        String text = "x".repeat(QueryParser.DEFAULT_MAX_LENGTH + 1);
        QuerySyntaxException e = error(text);
        assertThat(e.position()).isEqualTo(QueryParser.DEFAULT_MAX_LENGTH);
        assertThat(e.problem()).contains("65537 characters long, over the limit of 65536");
        assertThat(QueryParser.withMaxLength(10).parse("x".repeat(10))).isEqualTo(QueryCriteria.text("x".repeat(10)));
        assertThat(catchThrowableOfType(
                                QuerySyntaxException.class,
                                () -> QueryParser.withMaxLength(10).parse("x".repeat(11)))
                        .position())
                .isEqualTo(10);
    }

    @Test
    void theCharacterUffffIsAnOrdinaryCharacter() {
        assertThat(QueryCriteria.parse("a\uffff")).isEqualTo(QueryCriteria.text("a\uffff"));
        assertThat(error("status:failed \uffff:x").position()).isEqualTo(14);
    }
}

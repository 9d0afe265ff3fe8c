package org.activity4j.query;

import static org.activity4j.query.ComputerCriterion.tag;
import static org.activity4j.query.QueryCriteria.computer;
import static org.activity4j.query.QueryCriteria.not;
import static org.activity4j.query.QueryCriteria.parse;
import static org.activity4j.query.QueryCriteria.status;
import static org.activity4j.query.QueryCriteria.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.activity4j.query.QueryCriteria.And;
import org.activity4j.query.QueryCriteria.Or;
import org.junit.jupiter.api.Test;

/** The examples of the Landscape document and of WIRE-NOTES, each with the tree it means. */
class QueryCriteriaParseTest {

    @Test
    void parsesTheSeedDocumentsGetActivitiesExample() {
        assertThat(parse("status:succeeded computer:tag:laptop"))
                .isEqualTo(new And(List.of(status(ActivityStatus.SUCCEEDED), computer(tag("laptop")))));
    }

    @Test
    void parsesTheSeedDocumentsCancelAndApproveExamples() {
        assertThat(parse("status:undelivered computer:tag:server"))
                .isEqualTo(status(ActivityStatus.UNDELIVERED).and(computer(tag("server"))));
        assertThat(parse("status:unapproved computer:tag:server"))
                .isEqualTo(status(ActivityStatus.UNAPPROVED).and(computer(tag("server"))));
    }

    @Test
    void parsesEveryActivityKey() {
        assertThat(parse("id:86")).isEqualTo(QueryCriteria.id(86));
        assertThat(parse("parent-id:85")).isEqualTo(QueryCriteria.parentId(85));
        assertThat(parse("creator:jane@example.com")).isEqualTo(QueryCriteria.creator("jane@example.com"));
        assertThat(parse("type:ChangePackagesRequest")).isEqualTo(QueryCriteria.type("ChangePackagesRequest"));
        assertThat(parse("created-after:2011-01-01"))
                .isEqualTo(QueryCriteria.createdAfter(QueryDate.parse("2011-01-01")));
        assertThat(parse("created-before:2011-01-01T10:30"))
                .isEqualTo(QueryCriteria.createdBefore(QueryDate.parse("2011-01-01T10:30")));
    }

    @Test
    void parsesEveryStatusOfTheDocument() {
        for (String name :
                List.of("undelivered", "unapproved", "delivered", "canceled", "failed", "succeeded", "scheduled")) {
            assertThat(parse("status:" + name))
                    .isEqualTo(status(ActivityStatus.fromWireName(name).orElseThrow()));
        }
    }

    @Test
    void parsesEveryComputerKey() {
        assertThat(parse("computer:id:3")).isEqualTo(computer(ComputerCriterion.id(3)));
        assertThat(parse("computer:hostname:web1")).isEqualTo(computer(ComputerCriterion.hostname("web1")));
        assertThat(parse("computer:title:\"Café box\"")).isEqualTo(computer(ComputerCriterion.title("Café box")));
        assertThat(parse("computer:distribution:jammy")).isEqualTo(computer(ComputerCriterion.distribution("jammy")));
        assertThat(parse("computer:access-group:servers"))
                .isEqualTo(computer(ComputerCriterion.accessGroup("servers")));
        assertThat(parse("computer:alert:package-upgrades"))
                .isEqualTo(computer(ComputerCriterion.alert("package-upgrades")));
        assertThat(parse("computer:needs:reboot")).isEqualTo(computer(ComputerCriterion.needsReboot()));
        assertThat(parse("computer:annotation:env")).isEqualTo(computer(ComputerCriterion.annotation("env")));
        assertThat(parse("computer:annotation:env:prod:eu"))
                .isEqualTo(computer(new ComputerCriterion.Annotation("env", Optional.of("prod:eu"))));
        assertThat(parse("computer:laptop")).isEqualTo(computer(ComputerCriterion.text("laptop")));
        assertThat(parse("computer:\"web 1\"")).isEqualTo(computer(ComputerCriterion.text("web 1")));
    }

    @Test
    void orBindsTighterThanTheImplicitAnd() {
        // WIRE-NOTES: "appserver tag:server OR distribution:jammy" means appserver AND (tag OR distribution).
        assertThat(parse("appserver computer:tag:server OR computer:distribution:jammy"))
                .isEqualTo(new And(List.of(
                        text("appserver"),
                        new Or(List.of(computer(tag("server")), computer(ComputerCriterion.distribution("jammy")))))));
    }

    @Test
    void repeatedComputerCriteriaWithOrMatchSeveralComputers() {
        assertThat(parse("computer:tag:a OR computer:tag:b"))
                .isEqualTo(new Or(List.of(computer(tag("a")), computer(tag("b")))));
    }

    @Test
    void notNegatesOnlyTheNextCriterion() {
        assertThat(parse("NOT status:failed OR id:5"))
                .isEqualTo(new Or(List.of(not(status(ActivityStatus.FAILED)), QueryCriteria.id(5))));
        assertThat(parse("NOT status:failed id:5"))
                .isEqualTo(new And(List.of(not(status(ActivityStatus.FAILED)), QueryCriteria.id(5))));
    }

    @Test
    void doubleNegationCancelsOut() {
        assertThat(parse("NOT NOT status:failed")).isEqualTo(status(ActivityStatus.FAILED));
        assertThat(parse("NOT NOT NOT status:failed")).isEqualTo(not(status(ActivityStatus.FAILED)));
    }

    @Test
    void keywordsAreKeywordsOnlyInCapitals() {
        assertThat(parse("a or b not c"))
                .isEqualTo(QueryCriteria.allOf(List.of(text("a"), text("or"), text("b"), text("not"), text("c"))));
    }

    @Test
    void wordsThatStartLikeKeywordsAreWords() {
        assertThat(parse("ORANGE NOTICE")).isEqualTo(text("ORANGE").and(text("NOTICE")));
    }

    @Test
    void quotedKeywordsAreWords() {
        assertThat(parse("\"OR\" \"NOT\"")).isEqualTo(text("OR").and(text("NOT")));
    }

    @Test
    void aBareWordMatchesTheSummary() {
        assertThat(parse("upgrade")).isEqualTo(text("upgrade"));
        assertThat(parse("\"install packages\"")).isEqualTo(text("install packages"));
    }

    @Test
    void quotedValuesKeepSpacesNonAsciiAndEscapes() {
        assertThat(parse("type:\"a \\\"b\\\" \\\\ c\"")).isEqualTo(QueryCriteria.type("a \"b\" \\ c"));
        assertThat(parse("\"C:\\temp\"")).isEqualTo(text("C:\\temp"));
    }

    @Test
    void unquotedNonAsciiIsAccepted() {
        assertThat(parse("computer:title:Café")).isEqualTo(computer(ComputerCriterion.title("Café")));
    }

    @Test
    void valuesAfterAKeyMayHoldColons() {
        assertThat(parse("type:a:b")).isEqualTo(QueryCriteria.type("a:b"));
    }

    @Test
    void anyWhitespaceSeparatesCriteria() {
        assertThat(parse("\t status:failed\n\r id:7  ")).isEqualTo(parse("status:failed id:7"));
    }

    @Test
    void blankTextIsTheEmptyQuery() {
        assertThat(parse("")).isEqualTo(QueryCriteria.all());
        assertThat(parse(" \t\n")).isEqualTo(QueryCriteria.all());
        assertThat(QueryCriteria.all().toQueryString()).isEmpty();
        assertThat(QueryCriteria.all().isAll()).isTrue();
    }

    @Test
    void partialDatesMeanTheirFirstInstant() {
        assertThat(QueryDate.parse("2011-01").instant()).isEqualTo(Instant.parse("2011-01-01T00:00:00Z"));
        assertThat(QueryDate.parse("2011-01-01T10:30").instant()).isEqualTo(Instant.parse("2011-01-01T10:30:00Z"));
        assertThat(QueryDate.parse("2011-01-01T10:30:15Z").instant()).isEqualTo(Instant.parse("2011-01-01T10:30:15Z"));
    }

    @Test
    void datesKeepTheirWrittenPrecision() {
        for (String date : List.of("2011-01", "2011-01-01", "2011-01-01T10:30", "2011-01-01T10:30:15")) {
            assertThat(parse("created-after:" + date).toQueryString()).isEqualTo("created-after:" + date);
        }
        assertThat(parse("created-after:2011-01-01T10:30Z").toQueryString())
                .isEqualTo("created-after:2011-01-01T10:30");
    }

    @Test
    void theBuilderBuildsWhatTheParserReads() {
        QueryCriteria built = status(ActivityStatus.SUCCEEDED).and(computer(tag("laptop")));
        assertThat(built).isEqualTo(parse("status:succeeded computer:tag:laptop"));
        assertThat(built.toQueryString()).isEqualTo("status:succeeded computer:tag:laptop");
    }
}

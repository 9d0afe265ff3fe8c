package org.activity4j.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class QueryVisitorTest {

    /** One node of every record type of the tree. */
    private static final List<QueryCriteria> EVERY_NODE = List.of(
            QueryCriteria.parse("a b"),
            QueryCriteria.parse("a OR b"),
            QueryCriteria.not(QueryCriteria.text("a")),
            QueryCriteria.id(1),
            QueryCriteria.parentId(2),
            QueryCriteria.status(ActivityStatus.FAILED),
            QueryCriteria.createdAfter(QueryDate.parse("2011-01")),
            QueryCriteria.createdBefore(QueryDate.parse("2011-01-01")),
            QueryCriteria.creator("jane@example.com"),
            QueryCriteria.type("RestartRequest"),
            QueryCriteria.computer(ComputerCriterion.tag("laptop")),
            QueryCriteria.text("upgrade"));

    private static final List<ComputerCriterion> EVERY_CRITERION = List.of(
            ComputerCriterion.id(3),
            ComputerCriterion.tag("laptop"),
            ComputerCriterion.hostname("web1"),
            ComputerCriterion.title("Web 1"),
            ComputerCriterion.distribution("jammy"),
            ComputerCriterion.accessGroup("servers"),
            ComputerCriterion.alert("package-upgrades"),
            ComputerCriterion.needsReboot(),
            ComputerCriterion.annotation("env", "prod"),
            ComputerCriterion.text("web"));

    /** Answers the name of the method called and the node it was called with. */
    private static class Names implements QueryCriteria.Visitor<String> {
        private static String name(String method, Object node) {
            return method + ":" + node.getClass().getSimpleName();
        }

        @Override
        public String visitAnd(QueryCriteria.And and) {
            return name("visitAnd", and);
        }

        @Override
        public String visitOr(QueryCriteria.Or or) {
            return name("visitOr", or);
        }

        @Override
        public String visitNot(QueryCriteria.Not not) {
            return name("visitNot", not);
        }

        @Override
        public String visitId(QueryCriteria.Id id) {
            return name("visitId", id);
        }

        @Override
        public String visitParentId(QueryCriteria.ParentId parentId) {
            return name("visitParentId", parentId);
        }

        @Override
        public String visitStatus(QueryCriteria.Status status) {
            return name("visitStatus", status);
        }

        @Override
        public String visitCreatedAfter(QueryCriteria.CreatedAfter createdAfter) {
            return name("visitCreatedAfter", createdAfter);
        }

        @Override
        public String visitCreatedBefore(QueryCriteria.CreatedBefore createdBefore) {
            return name("visitCreatedBefore", createdBefore);
        }

        @Override
        public String visitCreator(QueryCriteria.Creator creator) {
            return name("visitCreator", creator);
        }

        @Override
        public String visitType(QueryCriteria.Type type) {
            return name("visitType", type);
        }

        @Override
        public String visitComputer(QueryCriteria.Computer computer) {
            return name("visitComputer", computer);
        }

        @Override
        public String visitText(QueryCriteria.Text text) {
            return name("visitText", text);
        }
    }

    private static final class CriterionNames implements ComputerCriterion.Visitor<String> {
        private static String name(String method, Object node) {
            return method + ":" + node.getClass().getSimpleName();
        }

        @Override
        public String visitId(ComputerCriterion.Id id) {
            return name("visitId", id);
        }

        @Override
        public String visitTag(ComputerCriterion.Tag tag) {
            return name("visitTag", tag);
        }

        @Override
        public String visitHostname(ComputerCriterion.Hostname hostname) {
            return name("visitHostname", hostname);
        }

        @Override
        public String visitTitle(ComputerCriterion.Title title) {
            return name("visitTitle", title);
        }

        @Override
        public String visitDistribution(ComputerCriterion.Distribution distribution) {
            return name("visitDistribution", distribution);
        }

        @Override
        public String visitAccessGroup(ComputerCriterion.AccessGroup accessGroup) {
            return name("visitAccessGroup", accessGroup);
        }

        @Override
        public String visitAlert(ComputerCriterion.Alert alert) {
            return name("visitAlert", alert);
        }

        @Override
        public String visitNeedsReboot(ComputerCriterion.NeedsReboot needsReboot) {
            return name("visitNeedsReboot", needsReboot);
        }

        @Override
        public String visitAnnotation(ComputerCriterion.Annotation annotation) {
            return name("visitAnnotation", annotation);
        }

        @Override
        public String visitText(ComputerCriterion.Text text) {
            return name("visitText", text);
        }
    }

    /** The records a sealed type permits, directly or through sealed subinterfaces. */
    private static Set<Class<?>> records(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses())
                .flatMap(c -> c.isRecord() ? java.util.stream.Stream.of(c) : records(c).stream())
                .collect(Collectors.toSet());
    }

    @Test
    void theTestsCoverEveryRecordOfTheTree() {
        assertThat(EVERY_NODE.stream().map(Object::getClass).collect(Collectors.toSet()))
                .isEqualTo(records(QueryCriteria.class))
                .hasSize(12);
        assertThat(EVERY_CRITERION.stream().map(Object::getClass).collect(Collectors.toSet()))
                .isEqualTo(records(ComputerCriterion.class))
                .hasSize(10);
    }

    @Test
    void everyNodeCallsTheMethodOfItsOwnType() {
        for (QueryCriteria node : EVERY_NODE) {
            assertThat(node.accept(new Names()))
                    .isEqualTo("visit" + node.getClass().getSimpleName() + ":"
                            + node.getClass().getSimpleName());
        }
    }

    @Test
    void everyTermCallsTheMethodOfItsOwnTypeThroughATermVisitor() {
        QueryCriteria.Term.Visitor<String> termsOnly = new Names();
        for (QueryCriteria node : EVERY_NODE) {
            if (node instanceof QueryCriteria.Term) {
                assertThat(((QueryCriteria.Term) node).accept(termsOnly))
                        .isEqualTo("visit" + node.getClass().getSimpleName() + ":"
                                + node.getClass().getSimpleName());
            }
        }
    }

    @Test
    void everyComputerCriterionCallsTheMethodOfItsOwnType() {
        for (ComputerCriterion criterion : EVERY_CRITERION) {
            assertThat(criterion.accept(new CriterionNames()))
                    .isEqualTo("visit" + criterion.getClass().getSimpleName() + ":"
                            + criterion.getClass().getSimpleName());
        }
    }

    @Test
    void acceptDoesNotVisitChildren() {
        List<String> calls = new java.util.ArrayList<>();
        Names recording = new Names() {
            @Override
            public String visitText(QueryCriteria.Text text) {
                calls.add(text.text());
                return super.visitText(text);
            }
        };

        String answer = QueryCriteria.parse("a OR b").accept(recording);

        assertThat(answer).isEqualTo("visitOr:Or");
        assertThat(calls).isEmpty();
    }
}
